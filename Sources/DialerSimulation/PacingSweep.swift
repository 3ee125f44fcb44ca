import DialerCore
public import DialerLua

/// The evidence for a pacing rule as one command (`dialer simulate --sweep`): every rule set of
/// `rules` on every floor size of `agents`, every carrier of `carriers` and `seeds` seeds, a
/// full shift each, summarised per cell by the median over the seeds.
public struct PacingSweep: Sendable {
    /// A rule file, with settings laid over it, under a name for the table.
    public struct Rules: Sendable {
        /// The name in the table.
        public var name: String
        /// The rule file.
        public var path: String
        /// Settings laid over the file (`--set`).
        public var overrides: [String: LuaValue]
        /// The file's setting for the share of people answering-machine detection hangs up on,
        /// if it has one: a carrier with detection sets it to its rate, as an operator who runs
        /// detection would (`AMD_HANG_UPS` in `rules/predictive.lua`).
        public var detectionSetting: String?

        /// Makes a rule set.
        public init(name: String, path: String, overrides: [String: LuaValue] = [:], detectionSetting: String? = nil) {
            self.name = name
            self.path = path
            self.overrides = overrides
            self.detectionSetting = detectionSetting
        }

        /// The settings for a run on `carrier`.
        func overrides(on carrier: CarrierModel) -> [String: LuaValue] {
            guard let detectionSetting, carrier.detectionSeconds > 0, carrier.machineShare > 0, overrides[detectionSetting] == nil else {
                return overrides
            }
            return overrides.merging([detectionSetting: .number(carrier.falseMachineRate)]) { given, _ in given }
        }
    }

    /// A carrier, by name.
    public struct Carrier: Sendable {
        /// The name in the table (`flat`, `day`).
        public var name: String
        /// The model.
        public var model: CarrierModel

        /// Makes a carrier.
        public init(name: String, model: CarrierModel) {
            self.name = name
            self.model = model
        }
    }

    /// The figures of one cell: medians over the seeds.
    public struct Cell: Sendable, Equatable {
        /// The rule set's name.
        public var rules: String
        /// The carrier's name.
        public var carrier: String
        /// Agents on the floor.
        public var agents: Int
        /// Drops ÷ live answers over the shift (with answering-machine detection: the people it
        /// hung up on counted as abandoned, `abandonRateWithDetection`).
        public var abandonRate: Double
        /// The highest hour's abandon rate within the shift (hours since the first login).
        public var worstHourAbandonRate: Double
        /// Talk ÷ logged-in time.
        public var utilisation: Double
        /// Utilisation ÷ its zero-wait bound, talk ÷ (logged in − waiting): how much of what an
        /// agent could talk if no wait were left, the pacing's share.
        public var shareOfZeroWaitBound: Double
        /// Average seconds from ready to the next connected call.
        public var averageWaitSeconds: Double
    }

    /// The rule sets compared.
    public var rules: [Rules]
    /// The floor sizes.
    public var agents: [Int]
    /// The carriers.
    public var carriers: [Carrier]
    /// Seeds 1 … `seeds`.
    public var seeds: Int
    /// Everything else of each run (its agents, seed and carrier are set per run).
    public var base: SimulationSettings

    /// Makes a sweep.
    public init(rules: [Rules], agents: [Int], carriers: [Carrier], seeds: Int, base: SimulationSettings) {
        self.rules = rules
        self.agents = agents
        self.carriers = carriers
        self.seeds = seeds
        self.base = base
    }

    /// The sweep's four carriers from `base` (its curve and machines set here): `flat` and `day`
    /// (the answer curve), each without machines and with them (`+ machines`: a fifth of the
    /// answers are machines, detection listens 2.5 s, misses a tenth of them and takes 3% of
    /// people for machines; or the machine settings of `base` when it has them).
    public static func carriers(from base: CarrierModel) -> [Carrier] {
        var people = base
        (people.answerCurve, people.machineShare, people.detectionSeconds) = (nil, 0, 0)
        var machines = people
        machines.machineShare = base.machineShare > 0 ? base.machineShare : 0.2
        machines.detectionSeconds = base.detectionSeconds > 0 ? base.detectionSeconds : 2.5
        func day(_ model: CarrierModel) -> CarrierModel {
            var model = model
            model.answerCurve = AnswerCurve.day
            return model
        }
        return [
            Carrier(name: "flat", model: people), Carrier(name: "day", model: day(people)),
            Carrier(name: "flat + machines", model: machines), Carrier(name: "day + machines", model: day(machines)),
        ]
    }

    /// Runs every cell; `progress` hears each run as it starts (its rules, carrier, agents, seed).
    public func run(progress: (String) -> Void = { _ in }) throws(SimulationError) -> [Cell] {
        var cells: [Cell] = []
        for carrier in carriers {
            for count in agents {
                for set in rules {
                    var runs: [SimulationReport] = []
                    for seed in 1...UInt64(max(seeds, 1)) {
                        progress("\(set.name), \(carrier.name) carrier, \(count) agents, seed \(seed)")
                        var settings = base
                        settings.agents = count
                        settings.seed = seed
                        settings.carrier = carrier.model
                        let ruleSet = try Simulation.loadRules(set.path, overrides: set.overrides(on: carrier.model), seed: seed)
                        runs.append(try Simulation(settings: settings, rules: ruleSet, keepsCallRecords: false).run().report)
                    }
                    cells.append(Self.cell(set.name, carrier.name, count, runs))
                }
            }
        }
        return cells
    }

    /// The medians of the runs of one cell.
    static func cell(_ rules: String, _ carrier: String, _ agents: Int, _ runs: [SimulationReport]) -> Cell {
        func median(_ value: (SimulationReport) -> Double) -> Double {
            let sorted = runs.map(value).sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        return Cell(
            rules: rules, carrier: carrier, agents: agents, abandonRate: median(\.abandonRateWithDetection),
            worstHourAbandonRate: median(worstHour), utilisation: median { $0.campaign.utilisation },
            shareOfZeroWaitBound: median(shareOfBound), averageWaitSeconds: median { $0.campaign.averageWaitSeconds })
    }

    /// The highest abandon rate of a whole hour of the shift (the minutes charted, in hours
    /// since the first login; the minutes after the last whole hour are left out, as a few
    /// answers there would say nothing; an hour without answers counts 0).
    public static func worstHour(_ report: SimulationReport) -> Double {
        let minutes = SimulationHTMLReport.chartedMinutes(report)
        return stride(from: 0, to: minutes.count - 59, by: 60).map { start in
            let hour = minutes[start..<start + 60]
            let hungUp = hour.reduce(0) { $0 + $1.peopleHungUp }
            let people = hour.reduce(0) { $0 + $1.answered } + hungUp
            return people == 0 ? 0 : Double(hour.reduce(0) { $0 + $1.drops } + hungUp) / Double(people)
        }.max() ?? 0
    }

    /// Utilisation ÷ its zero-wait bound, talk ÷ (logged in − waiting): that is, the share of
    /// logged-in time not spent waiting for a call; 1 when no agent ever waited.
    public static func shareOfBound(_ report: SimulationReport) -> Double {
        let campaign = report.campaign
        guard campaign.loggedInSeconds > 0 else { return 0 }
        return (campaign.loggedInSeconds - campaign.waitSeconds) / campaign.loggedInSeconds
    }
}
