import Foundation
import Testing

/// `sapm record --json`: checked by the domain, all or nothing, errors by line.
@Suite(.serialized) struct RecordCLITests {
  let lines = [
    #"{"type":"partner.registered","payload":{"code":"PL","name":"Poland","region":"europe","tier":"nato+5"}}"#,
    #"{"type":"program.created","payload":{"id":"PL-FMF-1","partner":"PL","kind":"FMF","title":"FMF","start":"2024-10-01","status":"active"}}"#,
    #"{"type":"funds.available","v":1,"payload":{"program":"PL-FMF-1","fiscalYear":2025,"amount":100000000}}"#,
    #"{"type":"funds.obligated","payload":{"program":"PL-FMF-1","fiscalYear":2025,"amount":AMOUNT,"on":"2025-01-10"}}"#,
  ]

  /// The batch; `obligating: false` leaves out the obligation (line 4).
  func file(_ cli: CLI, amount: Int, obligating: Bool = true) throws -> String {
    let path = cli.home + "/events-\(amount)-\(obligating).jsonl"
    try
      (lines.prefix(obligating ? 4 : 3).joined(separator: "\n").replacingOccurrences(
        of: "AMOUNT", with: String(amount)) + "\n")
      .write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func aRefusedBatchWritesNothingAndAnAcceptedOneEverything() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let before = FileManager.default.contents(atPath: store)

    var r = try cli.run(["record", "--json", try file(cli, amount: 150_000_000), "--store", store])
    #expect(r.status == 3)  // refused by a rule of the domain
    #expect(
      r.err.contains(":4 (funds.obligated)") && r.err.contains("against $100,000,000 available"), "\(r.err)")
    #expect(FileManager.default.contents(atPath: store) == before)
    // Within the funds, an obligation is still written only by an executed request: the
    // refusal names the request to raise (docs/approvals.md).
    r = try cli.run(["record", "--json", try file(cli, amount: 60_000_000), "--store", store])
    #expect(r.status == 3)
    #expect(
      r.err.contains("written only by executing an approved release-funds request")
        && r.err.contains(
          "sapm request new PL-FMF-1 --kind release-funds --amount 60000000 --fy 2025 --reason TEXT --submit"),
      "\(r.err)")
    #expect(FileManager.default.contents(atPath: store) == before)

    let good = try file(cli, amount: 60_000_000, obligating: false)
    r = try cli.run(["record", "--json", good, "--dry-run", "--store", store])
    #expect(r.status == 0 && r.out.contains("3 event(s) would be recorded"), "\(r.err)")
    #expect(FileManager.default.contents(atPath: store) == before)

    r = try cli.run(["record", "--json", good, "--store", store])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("recorded 3 event(s) as \(NSUserName()): records 2–4"))
    let log = try cli.run(["log", "--json", "--store", store])
    #expect(log.out.contains(#""actor":"\#(NSUserName())""#))
    #expect(log.out.split(separator: "\n").count == 4)
    #expect(try cli.run(["verify", "--store", store]).status == 0)
  }

  @Test func linesThatAreNotEventsAreNamed() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let bad = cli.home + "/bad.jsonl"
    try """
    {"type":"funds.disbursed","actor":"someone-else","payload":{}}
    not json
    {"type":"no.such.type","payload":{}}
    {"type":"unit.vetted","payload":{"unit":"U1"}}
    """.write(toFile: bad, atomically: true, encoding: .utf8)
    let r = try cli.run(["record", "--json", bad, "--store", store])
    #expect(r.status == 1)
    for expected in [
      "bad.jsonl:1: unknown key 'actor'", "bad.jsonl:2: not valid JSON",
      "bad.jsonl:3: unknown event type 'no.such.type'",
      "bad.jsonl:4: 'unit.vetted' payload does not decode: missing",
    ] {
      #expect(r.err.contains(expected), "\(expected) in \(r.err)")
    }
  }
}
