import Foundation
import Portfolio
import Store
import TestSupport
import Testing

@testable import Session

/// The demo store's behaviour, on the file and on PostgreSQL alike.
@Suite struct SessionTests {
  func demoSession(_ backend: Backend = .file) throws -> (Session, TestStore) {
    let store = try TestStore(backend, owner: "tester")
    let session = try Session.createDemo(
      try store.location(for: "tester"), today: try #require(Day("2026-11-29")), user: "tester")
    return (session, store)
  }

  @Test(arguments: Backend.allCases)
  func creatorIsTheFirstAdmin(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
    #expect(session.portfolio.roster.allows("tester", .admin, in: nil))
    #expect(session.portfolio.isDemo)
    #expect(session.isDemo)
  }

  @Test(arguments: Backend.allCases)
  func aReadOnlySessionRefusesEveryWrite(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
    let before = try session.log.size()
    let kiosk = try Session.open(try store.location(for: "kiosk"), readOnly: true, user: "kiosk")
    #expect(throws: StoreError.self) {
      try kiosk.record([AlertAcknowledged(alert: "sunset-passed/X", note: "no")])
    }
    #expect(try session.log.size() == before)
  }

  @Test(arguments: Backend.allCases)
  func anotherProcessesEventsArriveOnRefresh(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
    let other = try Session.open(try store.location(for: "colleague"), readOnly: false, user: "colleague")
    let watcher = session.log.makeWatcher()
    try other.record([AlertAcknowledged(alert: "offer-lapsed/GH-FMS-001", note: "re-offer requested")])
    #expect(session.portfolio.acknowledgements["offer-lapsed/GH-FMS-001"] == nil)
    #expect(watcher.wait(milliseconds: 2000))
    #expect(try session.refresh() == 1)
    #expect(session.portfolio.acknowledgements["offer-lapsed/GH-FMS-001"]?.by == "colleague")
  }

  @Test(arguments: Backend.allCases)
  func historyReadsEventsBackFromTheLog(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
    let history = session.history(ofProgram: "PL-FMS-001")
    #expect(history.first?.type == "program.created")
    #expect(history.contains { $0.summary.contains("transmittal 23-37") })
    #expect(history.map(\.sequence) == history.map(\.sequence).sorted())
  }

  @Test(arguments: Backend.allCases)
  func portfolioAsOfAPastDay(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
    let past = try session.portfolio(asOf: try #require(Day("2023-01-01")))
    #expect(past.programs.count < session.portfolio.programs.count)
    #expect(past.programs.values.allSatisfy { $0.start <= (Day("2023-01-01") ?? $0.start) })
  }

  @Test(arguments: Backend.allCases)
  func unknownEventsAreSkippedAndCounted(_ backend: Backend) throws {
    let (session, store) = try demoSession(backend)
    defer { store.remove() }
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
