import DialerCore
import XCTest

/// A CSV import keeps the good rows and reports every bad one with its line and reason.
final class LeadCSVTests: XCTestCase {
    func testGoodRowsLoadAndBadRowsAreReportedWithTheirLine() {
        let csv = """
            id,Phone,name,priority,time_zone\r
            L1,(212) 555-0100,"Smith, Ann",5,\r
            L2,911-555-0100,Bad Area,,\r
            L3,312.555.0101,"Quote ""Q"" Person",,America/Chicago\r
            L4,,No Phone,,\r
            L5,212-555-0100,Duplicate,,\r
            L6,415-555-0102,Bad Priority,high,\r
            L7,415-555-0103,Bad Zone,,Mars/Olympus\r
            L8,1-800-FLOWERS,Vanity,,\r
            L9,+1 602 555 0104,"Multi
            line",1,\r

            """
        let result = LeadCSV.parse(csv, name: "leads.csv")
        XCTAssertEqual(result.leads.map(\.phone.e164), ["+12125550100", "+13125550101", "+16025550104"])
        XCTAssertEqual(result.leads[0], LeadRecord(phone: try! PhoneNumber(parsing: "2125550100"), id: "L1", name: "Smith, Ann", priority: 5))
        XCTAssertEqual(result.leads[1].name, "Quote \"Q\" Person")
        XCTAssertEqual(result.leads[1].timeZone, "America/Chicago")
        XCTAssertEqual(result.leads[2].name, "Multi\nline")
        XCTAssertEqual(
            result.rejected.map(\.description),
            [
                "leads.csv:3: phone '911-555-0100': area code 911 is an N11 service code",
                "leads.csv:5: no phone number",
                "leads.csv:6: phone +12125550100 repeats line 2",
                "leads.csv:7: priority 'high' is not a whole number",
                "leads.csv:8: time_zone 'Mars/Olympus' is not a time zone (e.g. America/Chicago)",
                "leads.csv:9: phone '1-800-FLOWERS': letters in a phone number ('FLOWERS')",
            ])
    }

    func testAHeaderWithoutAPhoneColumnIsRejectedWhole() {
        let result = LeadCSV.parse("number,name\n2125550100,Ann\n", name: "x.csv")
        XCTAssertEqual(result.leads, [])
        XCTAssertEqual(result.rejected.map(\.description), ["x.csv:1: the header has no phone column (found: number, name)"])
    }

    func testAByteThatIsNotUTF8RejectsOnlyItsRowNamingThePosition() {
        var bytes = Array("phone,name\n(212) 555-0100,Ann\n(212) 555-0101,Jos".utf8)
        bytes.append(0xE9)  // é in Latin-1
        bytes += Array("\n(212) 555-0102,\"Bo\nBob\"\n".utf8)
        let result = LeadCSV.parse(bytes: bytes, name: "latin1.csv")
        XCTAssertEqual(result.leads.map(\.phone.e164), ["+12125550100", "+12125550102"])
        XCTAssertEqual(result.leads[1].name, "Bo\nBob", "the rows after it are read as before")
        XCTAssertEqual(result.rejected.map(\.description), ["latin1.csv:3: byte 19 of the row is not UTF-8 (0xE9); save the file as UTF-8"])
    }

    func testAHugePhoneNumberIsRefusedAndEchoedAsAShortExcerpt() {
        let huge = String(repeating: "2", count: 10 << 20)
        let result = LeadCSV.parse("phone\n\(huge)\n(212) 555-0100\n", name: "huge.csv")
        XCTAssertEqual(result.leads.map(\.phone.e164), ["+12125550100"])
        XCTAssertEqual(
            result.rejected.map(\.description),
            ["huge.csv:2: phone '\(huge.prefix(40))…' (10485760 bytes): too long for a phone number: 10485760 bytes (at most 32)"])
    }

    /// A list is read a batch at a time: every good row once, in order, each rejection in the
    /// batch its row fell in, and the same as one read of the whole list.
    func testAListReadInBatchesGivesTheRowsInOrderWithTheirRejections() {
        let csv = "phone,name\n212-555-0100,A\n212-555-0101,B\nnot a number,C\n212-555-0102,D\n212-555-0100,again\n212-555-0103,E\n"
        var batches: [([String], [Int])] = []
        Array(csv.utf8).withUnsafeBufferPointer { bytes in
            LeadCSV.read(bytes, name: "x.csv", batchSize: 2) { leads, rejected in batches.append((leads.map(\.phone.e164), rejected.map(\.line))) }
        }
        XCTAssertEqual(batches.map(\.0), [["+12125550100", "+12125550101"], ["+12125550102", "+12125550103"]])
        XCTAssertEqual(batches.map(\.1), [[], [4, 6]], "each rejection with the batch of its row")
        let whole = LeadCSV.parse(csv, name: "x.csv")
        XCTAssertEqual(whole.leads.map(\.phone.e164), batches.flatMap(\.0))
        XCTAssertEqual(whole.rejected.map(\.description).first, "x.csv:4: phone 'not a number': letters in a phone number ('notanumber')")
    }

    /// After each batch the reader says how far it is done with the bytes: the start of the
    /// first row still to come, so the import can give back the pages before it.
    func testAfterEachBatchTheReaderSaysWhereTheRowsStillToComeBegin() {
        let csv = "phone\n212-555-0100\n212-555-0101\n212-555-0102\n212-555-0103\n212-555-0104\n"
        var done: [Int] = []
        Array(csv.utf8).withUnsafeBufferPointer { bytes in
            LeadCSV.read(bytes, name: "x.csv", batchSize: 2, done: { done.append($0) }) { _, _ in }
        }
        let bytes = Array(csv.utf8)
        let rowStarts = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        XCTAssertEqual(done, [rowStarts[2], rowStarts[4]], "after rows 1-2 and 3-4; the last batch needs no word")
    }

    /// A mapped list gives pages back as it is read, and a page given back reads the same again.
    func testAMappedFileGivesBackPagesAndStillReadsTheSame() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = (0..<5_000).map { "212-555-\(String(format: "%04d", $0))\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let file = try MappedFile(path: path)
        XCTAssertEqual(file.count, text.utf8.count)
        file.release(upTo: file.count / 2)
        XCTAssertEqual(file.withBytes { String(decoding: $0, as: UTF8.self) }, text)
        XCTAssertThrowsError(try MappedFile(path: path + ".missing"))
        XCTAssertThrowsError(try MappedFile(path: FileManager.default.temporaryDirectory.path)) { error in
            XCTAssertEqual((error as? MappedFile.Failure)?.reason, "it is a directory")
        }
    }
}
