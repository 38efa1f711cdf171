import Foundation
import Testing

/// The other authorities through the real binary: recorded with `sapm record`, checked
/// by the domain, and `sapm alerts --as-of` on each side of each deadline. Events are
/// recorded today, so the deadlines are placed after today (`--as-of` a later day
/// projects what is recorded).
@Suite(.serialized) struct AuthorityCLITests {
  /// Today + `offset` days, as the binary's UTC calendar reads it.
  static func day(_ offset: Int) -> String {
    let f = DateFormatter()
    f.dateFormat = "yyyy-MM-dd"
    f.timeZone = TimeZone(identifier: "UTC")
    f.locale = Locale(identifier: "en_US_POSIX")
    return f.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
  }

  static var fiscalYear: Int {
    let c = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: Date())
    return (c.month ?? 1) >= 10 ? (c.year ?? 2026) + 1 : (c.year ?? 2026)
  }

  var lines: [String] {
    let fy = Self.fiscalYear
    let d = Self.day
    return [
      #"{"type":"partner.registered","payload":{"code":"UA","name":"Ukraine","region":"ukraine","tier":"other"}}"#,
      #"{"type":"partner.registered","payload":{"code":"KE","name":"Kenya","region":"middle-east-africa","tier":"other"}}"#,
      #"{"type":"program.created","payload":{"id":"UA-PDA-1","partner":"UA","kind":"PDA","title":"Drawdowns","start":"2024-10-01","status":"active"}}"#,
      #"{"type":"funds.available","payload":{"program":"UA-PDA-1","fiscalYear":\#(fy),"amount":100000000}}"#,
      #"{"type":"program.created","payload":{"id":"KE-333-1","partner":"KE","kind":"333","title":"Border security","start":"\#(d(10))","status":"active"}}"#,
      #"{"type":"authority.notified","payload":{"program":"KE-333-1","reference":"CN 1","on":"\#(d(0))"}}"#,
      #"{"type":"program.component","payload":{"program":"KE-333-1","component":"human-rights","description":"DIILS course","on":"\#(d(0))"}}"#,
      #"{"type":"program.created","payload":{"id":"UA-EDA-1","partner":"UA","kind":"EDA","title":"EDA","start":"2024-10-01","status":"active"}}"#,
    ]
  }

  /// Raises a request, has the demo's approver approve it, executes it: its ID.
  func executed(_ cli: CLI, _ store: String, _ arguments: [String]) throws -> String {
    let raised = try cli.run(
      ["request", "new"] + arguments + ["--reason", "needed", "--submit", "--store", store])
    #expect(raised.status == 0, "\(raised.err)")
    let id = raised.out.trimmingCharacters(in: .whitespacesAndNewlines)
    let approved = try cli.run(["request", "approve", id, "--as", "l.chen", "--store", store])
    #expect(approved.status == 0, "\(approved.err)")
    let done = try cli.run(["request", "execute", id, "--store", store])
    #expect(done.status == 0, "\(done.err)")
    return id
  }

  func write(_ cli: CLI, _ name: String, _ lines: [String]) throws -> String {
    let path = cli.home + "/\(name).jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func ids(_ cli: CLI, _ store: String, asOf day: String) throws -> Set<String> {
    let r = try cli.run(["alerts", "--json", "--as-of", day, "--store", store])
    let alerts = try #require(
      JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]], "\(r.err)")
    return Set(alerts.compactMap { $0["id"] as? String })
  }

  @Test func recordedAuthoritiesAlertOnEachSideOfTheirDeadlines() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    // A demo store: its roster lets one OS account act as the demo's approver (--as),
    // which a drawdown package needs — it is recorded naming an executed request.
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let r = try cli.run(["record", "--json", try write(cli, "a", lines), "--store", store])
    #expect(r.status == 0, "\(r.err)")
    let fy = Self.fiscalYear
    let end = "\(fy)-09-30"
    let id = try executed(
      cli, store, ["UA-PDA-1", "--kind", "release-funds", "--amount", "90000000", "--fy", String(fy)])
    // An EDA allocation is recorded naming the allocate-eda request that approved it.
    let eda = try executed(cli, store, ["UA-EDA-1", "--kind", "allocate-eda", "--amount", "18000000"])
    let package = try cli.run([
      "record", "--json",
      try write(
        cli, "pk",
        [
          #"{"type":"drawdown.package","payload":{"program":"UA-PDA-1","package":"PK-1","title":"Anti-armor","fiscalYear":\#(fy),"determined":"\#(Self.day(0))","basis":"FAA §506(a)(1), P.L. 119-1","articles":[{"item":"Javelin missiles","quantity":10,"value":90000000,"sme":true}],"request":"\#(id)"}}"#,
          #"{"type":"eda.allocated","payload":{"program":"UA-EDA-1","allocation":"E-1","title":"HMMWVs","on":"\#(Self.day(0))","grant":true,"articles":[{"item":"HMMWVs","quantity":100,"value":18000000}],"request":"\#(eda)"}}"#,
        ]), "--store", store,
    ])
    #expect(package.status == 0, "\(package.err)")

    // 90% of this year's authority: from today until the authority's last day.
    let used = "drawdown-authority-used/UA-PDA-1/FY\(fy)"
    #expect(try ids(cli, store, asOf: Self.day(0)).contains(used))
    #expect(try ids(cli, store, asOf: end).contains(used))
    #expect(try !ids(cli, store, asOf: "\(fy)-10-01").contains(used))
    // Undelivered 120 days on: day 120 is inside the window, day 121 is not.
    #expect(try !ids(cli, store, asOf: Self.day(120)).contains("delivery-lag/UA-PDA-1/PK-1"))
    #expect(try ids(cli, store, asOf: Self.day(121)).contains("delivery-lag/UA-PDA-1/PK-1"))
    // §333 notified 10 days before its start: critical from the start.
    #expect(try !ids(cli, store, asOf: Self.day(9)).contains("s333-notification/KE-333-1"))
    #expect(try ids(cli, store, asOf: Self.day(10)).contains("s333-notification/KE-333-1"))
    // EDA at $18M original value, allocated today and not notified.
    #expect(try ids(cli, store, asOf: Self.day(0)).contains("eda-notification/UA-EDA-1/E-1"))

    // Refused, store byte-identical: a package past what is left of the authority, and
    // a first EDA delivery before its notification.
    let delivery = try executed(cli, store, ["UA-EDA-1", "--kind", "deliver", "--units", "UA-U-204"])
    let before = FileManager.default.contents(atPath: store)
    let over = try cli.run([
      "record", "--json",
      try write(
        cli, "b",
        [
          #"{"type":"drawdown.package","payload":{"program":"UA-PDA-1","package":"PK-2","title":"More","fiscalYear":\#(fy),"determined":"\#(Self.day(0))","basis":"FAA §506(a)(1), P.L. 119-1","articles":[{"item":"Stinger missiles","quantity":5,"value":10000001}],"request":"\#(id)"}}"#,
          #"{"type":"transfer.delivered","payload":{"program":"UA-EDA-1","transfer":"E-1","item":"HMMWVs","quantity":100,"on":"\#(Self.day(0))","request":"\#(delivery)"}}"#,
        ]), "--store", store,
    ])
    #expect(over.status == 3)
    #expect(over.err.contains("exceeds what is left of UA-PDA-1's FY\(fy) drawdown authority"), "\(over.err)")
    #expect(over.err.contains("needs notification to Congress by \(Self.day(-30))"), "\(over.err)")
    #expect(FileManager.default.contents(atPath: store) == before)
  }
}
