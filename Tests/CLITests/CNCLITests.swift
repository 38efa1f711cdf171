import Foundation
import TestSupport
import Testing

/// Congressional notifications on the command line (issue 29, item 2), on the demo:
/// an FMF release without a cleared CN is refused naming the CN to transmit; a CN
/// transmitted today holds it for 15 days, named with its end; one that has cleared
/// lets it land; `sapm cns` lists each state.
@Suite struct CNCLITests {
  /// `YYYY-MM-DD`, `days` from today (UTC).
  static func day(_ days: Int) -> String { AuthorityCLITests.day(days) }

  @Test func aReleaseWaitsForItsCNAndTheTrackerListsIt() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/demo.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    func sapm(_ args: [String]) throws -> CLI.Result { try cli.run(args + ["--store", store]) }
    let fy = Date().fiscalYear
    let yy = String(format: "%02d", fy % 100)

    // The demo's tracker: Jordan's CN on its hold, Egypt's held, Georgia's needed.
    let tracker = try sapm(["cns"])
    #expect(tracker.status == 0, "\(tracker.err)")
    #expect(tracker.out.contains("congressional notifications on \(Self.day(0)): "), "\(tracker.out)")
    #expect(tracker.out.contains("1 hold, 1 held"), "\(tracker.out)")
    #expect(
      tracker.out.contains("15-day hold until \(Self.day(11)): the rest of FY\(fy) FMF, for border security"),
      "\(tracker.out)")
    #expect(tracker.out.contains("held by SFRC (member hold) since \(Self.day(-30))"))
    #expect(
      tracker.out.contains(
        "Georgia: $0 obligated, $6.0M committed; CNs transmitted cover $0 — transmit a CN of $6.0M"))
    // RQ-0019 asks beyond Jordan's cleared CN: its check names the CN on hold.
    let rq19 = try sapm(["request", "show", "RQ-0019"])
    #expect(
      rq19.out.contains(
        "✘ CN: Jordan FMF FY\(fy): $255.0M obligated + $160.0M asked is $415.0M against $405.0M cleared by CNs"
      ), "\(rq19.out)")
    #expect(rq19.out.contains("($20.0M) is on its 15-day hold until \(Self.day(11))"))

    // Georgia's FMF: no CN at all. Refused, naming the CN to transmit; nothing written.
    let raised = try sapm([
      "request", "new", "GE-FMF-001", "--kind", "release-funds", "--amount", "5000000", "--fy", String(fy),
      "--reason", "coastal radars", "--submit", "--as", "m.okafor",
    ])
    #expect(raised.status == 0, "\(raised.err)")
    let id = raised.out.trimmingCharacters(in: .newlines)
    let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int
    let refused = try sapm(["request", "approve", id, "--as", "l.chen"])
    #expect(refused.status == 3)
    #expect(
      refused.err.contains(
        "CN: Georgia FMF FY\(fy): $0 obligated + $5.0M asked is $5.0M against $0 cleared by CNs; transmit a CN of $5.0M for Georgia FMF FY\(fy) 15 days before obligating (FAA §634A)"
      ), "\(refused.err)")
    #expect(try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int == size)

    // A CN transmitted today: the release waits out the 15 days, the hold named.
    func record(_ number: String, on day: String, late: Bool = false) throws -> CLI.Result {
      let file = cli.home + "/\(number.replacingOccurrences(of: " ", with: "-")).jsonl"
      try """
      {"type":"cn.transmitted","payload":{"number":"\(number)","partner":"GE","account":"FMF","fiscalYear":\(fy),"amount":15000000,"purpose":"coastal defense","on":"\(day)"}}
      """.write(toFile: file, atomically: true, encoding: .utf8)
      return try sapm(["record", "--json", file, "--as", "m.okafor"])
    }
    #expect(try record("CN \(yy)-900", on: Self.day(0)).status == 0)
    let waiting = try sapm(["request", "approve", id, "--as", "l.chen"])
    #expect(waiting.status == 3)
    #expect(
      waiting.err.contains("CN \(yy)-900 ($15.0M) is on its 15-day hold until \(Self.day(15))"),
      "\(waiting.err)")
    #expect(!waiting.err.contains("transmit a CN"))
    let georgia = try sapm(["cns", "--partner", "ge"])
    #expect(georgia.out.contains("hold       CN \(yy)-900"), "\(georgia.out)")
    #expect(
      georgia.out.contains(": 0 needed, 1 hold,"), "the CN transmitted covers the commitment and the request")

    // One transmitted 16 days ago (recorded now) has cleared: the release lands.
    #expect(try record("CN \(yy)-899", on: Self.day(-16)).status == 0)
    #expect(try sapm(["request", "approve", id, "--as", "l.chen"]).status == 0)
    let executed = try sapm(["request", "execute", id, "--as", "m.okafor"])
    #expect(executed.status == 0, "\(executed.err)")
    let log = try sapm(["log"])
    #expect(log.out.contains("FY\(fy) $5.0M obligated on \(Self.day(0))"), "\(log.out.suffix(600))")
    let after = try sapm(["cns", "--partner", "GE"])
    #expect(after.out.contains("cleared    CN \(yy)-899"), "\(after.out)")
    #expect(try sapm(["cns", "--partner", "XX"]).err.contains("--partner XX: no such partner"))
  }
}
