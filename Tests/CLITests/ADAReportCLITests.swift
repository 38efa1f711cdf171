import Foundation
import TestSupport
import Testing

/// Issue 27, item 4, on the command line: an over-obligation is reported with
/// `sapm alerts report`, never acknowledged with `sapm alerts ack`.
@Suite struct ADAReportCLITests {
  func ids(_ cli: CLI, _ store: String, all: Bool = false) throws -> [String] {
    let r = try cli.run(["alerts", "--json", "--store", store] + (all ? ["--all"] : []))
    let alerts = try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
    return alerts.compactMap { $0["id"] as? String }
  }

  @Test func reportedNotAcknowledged() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let id = try #require(try ids(cli, store).first { $0.hasPrefix("over-obligation/") })
    let before = FileManager.default.contents(atPath: store)
    let ack = try cli.run(["alerts", "ack", id, "--note", "looking into it", "--store", store])
    #expect(ack.status == 3 && ack.err.contains("reported, not acknowledged"), "\(ack.err)")
    #expect(FileManager.default.contents(atPath: store) == before, "refused: nothing written")
    let other = try #require(try ids(cli, store).first { !$0.hasPrefix("over-obligation/") })
    let wrong = try cli.run(["alerts", "report", other, "--reference", "x", "--store", store])
    #expect(wrong.status != 0 && wrong.err.contains("is not an over-obligation alert"), "\(wrong.err)")
    let report = try cli.run(["alerts", "report", id, "--reference", "ADA 26-07 to OMB", "--store", store])
    #expect(report.status == 0, "\(report.err)")
    #expect(report.out.contains("reported \(id) as an Antideficiency Act violation"))
    #expect(try !ids(cli, store).contains(id), "settled: no longer open")
    #expect(try ids(cli, store, all: true).contains(id), "kept in the record")
    let log = try cli.run(["log", "--store", store])
    #expect(
      log.out.contains("funds.ada-reported") && log.out.contains("ADA 26-07 to OMB"), "\(log.out.suffix(400))"
    )
  }
}
