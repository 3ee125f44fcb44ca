import DialerCore
import DialerSimulation
import XCTest

/// Answering machines among the answers, and detection that takes time and is sometimes wrong.
final class MachineDetectionTests: XCTestCase {
    private let numbers = (0..<20_000).map(LeadList.fictionalNumber)

    func testMachinesAndDetectionFollowTheirSharesAndDetectionTakesItsTime() {
        var carrier = CarrierModel()
        carrier.machineShare = 0.2
        carrier.detectionSeconds = 2.5
        var counts: [Pickup: Int] = [:]
        let people = CarrierModel()
        for number in numbers {
            let (fate, pickup) = carrier.draw(of: number, seed: 4)
            guard let pickup else { continue }
            counts[pickup, default: 0] += 1
            // Whoever picked up, telephony reports 2.5 s after the answer the carrier without
            // detection would have reported.
            guard case .answers(let after, _) = people.fate(of: number, seed: 4) else { return XCTFail("\(number): answered only with detection") }
            XCTAssertEqual(fate.ringSeconds, after + 2.5, accuracy: 1e-9, number)
            switch pickup {
            case .person: guard case .answers = fate else { return XCTFail("a person passed on is an answer") }
            case .machinePassed: XCTAssertEqual(fate, .answers(after: after + 2.5, talk: CarrierModel.machineSeconds))
            case .machineDetected, .personHungUp: XCTAssertEqual(fate, .fails(after: after + 2.5, reason: .noAnswer))
            }
        }
        let answers = Double(counts.values.reduce(0, +))
        let machines = Double(counts[.machineDetected, default: 0] + counts[.machinePassed, default: 0])
        XCTAssertEqual(machines / answers, 0.2, accuracy: 0.015)
        XCTAssertEqual(Double(counts[.machinePassed, default: 0]) / machines, 0.10, accuracy: 0.03, "detection misses a tenth")
        XCTAssertEqual(Double(counts[.personHungUp, default: 0]) / (answers - machines), 0.03, accuracy: 0.01, "and hangs up on 3% of people")
    }

    func testWithoutMachinesEveryAnswerIsAPersonAndTheFatesAreUnchanged() {
        let carrier = CarrierModel()
        for number in numbers.prefix(2_000) {
            let (fate, pickup) = carrier.draw(of: number, seed: 2)
            XCTAssertEqual(fate, carrier.fate(of: number, seed: 2))
            if case .answers = fate { XCTAssertEqual(pickup, .person) } else { XCTAssertNil(pickup) }
        }
    }

    func testAShiftCountsWhatDetectionCostAndTheRegulatorsAbandonRateIncludesThePeopleItHungUpOn() throws {
        var settings = smallSettings(agents: 10, hours: 2)
        let plain = try simulate("rules/power.lua", settings).report
        XCTAssertEqual(plain.machines, MachineCounts())
        XCTAssertEqual(plain.abandonRateWithDetection, plain.campaign.abandonRate, "without machines, one abandon rate")
        XCTAssertFalse(SimulationTextReport.render(plain).contains("machines detected"), "no machine rows without machines")
        settings.carrier.machineShare = 0.25
        settings.carrier.detectionSeconds = 3
        let report = try simulate("rules/power.lua", settings).report
        XCTAssertGreaterThan(report.machines.detected, report.machines.passedToAgents)
        XCTAssertGreaterThan(report.machines.peopleHungUp, 0)
        XCTAssertGreaterThan(report.abandonRateWithDetection, report.campaign.abandonRate)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.peopleHungUp }, report.machines.peopleHungUp, "every hang-up in a minute")
        let text = SimulationTextReport.render(report)
        XCTAssertTrue(text.contains("people hung up by detection"), text)
        XCTAssertTrue(text.contains("abandon rate with detection's hang-ups"), text)
    }
}
