import Foundation
import Portfolio
import Store
import Testing

@testable import Session

@Suite struct SessionTests {
  func demoSession() throws -> (Session, String) {
    let dir = NSTemporaryDirectory() + "sapm-session-\(UUID().uuidString)"
    let location = StoreLocation(path: dir + "/demo.sapm", source: .flag)
    let session = try Session.createDemo(location, today: try #require(Day("2026-11-29")), user: "tester")
    return (session, dir)
  }

  @Test func creatorIsTheFirstAdmin() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(session.portfolio.roster.allows("tester", .admin, in: nil))
    #expect(session.portfolio.isDemo)
    #expect(session.isDemo)
  }

  @Test func aReadOnlySessionRefusesEveryWrite() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let before = try session.log.size()
    let kiosk = try Session.open(session.location, readOnly: true, user: "kiosk")
    #expect(throws: StoreError.self) {
      try kiosk.record([AlertAcknowledged(alert: "sunset-passed/X", note: "no")])
    }
    #expect(try session.log.size() == before)
  }

  @Test func anotherProcessesEventsArriveOnRefresh() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let other = try Session.open(session.location, readOnly: false, user: "colleague")
    try other.record([AlertAcknowledged(alert: "offer-lapsed/GH-FMS-001", note: "re-offer requested")])
    #expect(session.portfolio.acknowledgements["offer-lapsed/GH-FMS-001"] == nil)
    #expect(try session.refresh() == 1)
    #expect(session.portfolio.acknowledgements["offer-lapsed/GH-FMS-001"]?.by == "colleague")
  }

  @Test func historyReadsEventsBackFromTheLog() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let history = session.history(ofProgram: "PL-FMS-001")
    #expect(history.first?.type == "program.created")
    #expect(history.contains { $0.summary.contains("transmittal 23-37") })
    #expect(history.map(\.sequence) == history.map(\.sequence).sorted())
  }

  @Test func portfolioAsOfAPastDay() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let past = try session.portfolio(asOf: try #require(Day("2023-01-01")))
    #expect(past.programs.count < session.portfolio.programs.count)
    #expect(past.programs.values.allSatisfy { $0.start <= (Day("2023-01-01") ?? $0.start) })
  }

  @Test func unknownEventsAreSkippedAndCounted() throws {
    let (session, dir) = try demoSession()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try session.log.append(RecordDraft(type: "from.the.future", version: 1, actor: "x", payload: .object([])))
    try session.log.append(RecordDraft(type: "program.created", version: 7, actor: "x", payload: .object([])))
    try session.refresh()
    #expect(session.portfolio.skippedCount == 2)
    #expect(session.portfolio.skipped.map(\.type) == ["from.the.future", "program.created"])
  }

  @Test func storeLocationPrecedence() {
    let env = ["HOME": "/home/d", "SAPM_STORE": "/srv/s.sapm"]
    #expect(StoreLocation.resolve(flag: "/x.sapm", environment: env, allowDemo: true).path == "/x.sapm")
    #expect(StoreLocation.resolve(flag: nil, environment: env, allowDemo: true).source == .environment)
    let bare = StoreLocation.resolve(flag: nil, environment: ["HOME": "/nonexistent-home"], allowDemo: true)
    #expect(bare.source == .demo)
    #expect(bare.path == "/nonexistent-home/.local/share/sapm/demo.sapm")
    let noDemo = StoreLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/xdg"], allowDemo: false)
    #expect(noDemo.path == "/xdg/sapm/portfolio.sapm")
  }
}
