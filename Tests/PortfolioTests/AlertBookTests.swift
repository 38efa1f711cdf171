import Portfolio
import PortfolioDemo
import Testing

/// The alert book, on its own (no screen): followed event by event and day by day it
/// equals a book made from scratch — alerts in order, the summary's figures, the days
/// programs next change, and search texts kept in step once adopted.
@Suite struct AlertBookTests {
  static let today = DemoPortfolioTests.today

  func expectSame(_ a: AlertBook, _ b: AlertBook, _ step: String) {
    #expect(a.alerts.map(\.id) == b.alerts.map(\.id), "alerts after \(step)")
    #expect(a.alerts.map(\.severity) == b.alerts.map(\.severity), "severities after \(step)")
    #expect(a.alerts.map(\.acknowledgement) == b.alerts.map(\.acknowledgement), "acks after \(step)")
    #expect(a.nextChange == b.nextChange, "next changes after \(step)")
    #expect(a.summary.regions == b.summary.regions, "regions after \(step)")
    #expect(a.summary.partners == b.summary.partners, "partners after \(step)")
    #expect(a.summary.programAlerts == b.summary.programAlerts, "program alerts after \(step)")
  }

  /// A search text that names the alert, so that a text out of step shows.
  static func text(_ a: Alert, _ message: String) -> [UInt8] { Array(a.id.description.utf8) }

  @Test(arguments: [64, 0])
  func followingTheFoldEqualsAFreshBook(inPlaceLimit: Int) {
    let items = DemoPortfolio.events(today: Self.today)
    var p = Portfolio()
    let start = items.count - 200
    for (i, item) in items[..<start].enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event))
    }
    var book = AlertBook(p, day: Self.today)
    book.inPlaceLimit = inPlaceLimit  // 0: every change takes the one-pass merge
    book.adoptSearchTexts(book.alerts.map { Self.text($0, "") })
    for (n, item) in items[start...].enumerated() {
      let previous = p
      p.apply(
        Envelope(
          context: EventContext(sequence: start + n + 1, at: item.at, actor: item.actor), event: item.event))
      book.follow(p, previous: previous, day: Self.today, asOf: nil, searchText: Self.text)
      if n % 10 == 0 || n > 190 {
        expectSame(book, AlertBook(p, day: Self.today), "event \(start + n)")
        #expect(book.searchTexts == book.alerts.map { Self.text($0, "") }, "search texts after \(start + n)")
      }
    }
    #expect(book.incrementalUpdates == 200, "every event took the incremental path")
  }

  /// An obligation on one FMF program changes the CN alerts of the partner's other FMF
  /// programs (they read the account's totals): the book followed event by event sees it.
  @Test func anObligationMovesTheCNAlertsOfTheAccountsOtherPrograms() throws {
    var l = Ledger()
    l.add(PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5), on: "2024-01-01")
    for id in ["A", "B", "C"] {
      l.add(
        ProgramCreated(
          id: id, partner: "PL", kind: id == "C" ? .fms : .fmf, title: id, start: l.day("2024-10-01")),
        on: "2024-10-01")
      l.add(
        FundsMadeAvailable(
          program: id, fiscalYear: 2025, amount: .million(100), availableUntil: l.day("2026-09-30")),
        on: "2024-10-01")
    }
    l.add(
      CNTransmitted(
        number: "CN 1", partner: "PL", account: "FMF", fiscalYear: 2025, amount: .million(100), purpose: "p",
        on: l.day("2024-09-01")), on: "2024-10-01")
    l.add(
      FundsObligated(program: "A", fiscalYear: 2025, amount: .million(80), on: l.day("2024-11-01")),
      on: "2024-11-01")
    let day = l.day("2024-12-01")
    var book = AlertBook(l.portfolio, day: day)
    #expect(!book.alerts.contains { $0.rule == .cnRequired })
    let previous = l.portfolio
    l.add(
      FundsObligated(program: "B", fiscalYear: 2025, amount: .million(30), on: l.day("2024-11-02")),
      on: "2024-11-02")
    let touch = l.portfolio.journal.touches(since: previous.journal.revision)?.last
    #expect(touch == .account(partner: "PL", account: "FMF"))
    let touched = try #require(touch)
    let reach = try #require(l.portfolio.reach(of: [touched]))
    #expect(reach.programs == ["A", "B"], "the account's programs, not the FMS one")
    book.follow(l.portfolio, previous: previous, day: day, asOf: nil, searchText: Self.text)
    expectSame(book, AlertBook(l.portfolio, day: day), "B's obligation")
    #expect(Set(book.alerts.filter { $0.rule == .cnRequired }.map(\.subject.program)) == ["A", "B"])
    #expect(book.incrementalUpdates == 1)
  }

  @Test func rolloversAndTimeTravel() {
    var p = Portfolio()
    for (i, item) in DemoPortfolio.events(today: Self.today).enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event))
    }
    let first = Self.today.adding(days: -200)
    var book = AlertBook(p, day: first)
    for offset in 1...400 {
      let day = first.adding(days: offset)
      book.follow(p, previous: p, day: day, asOf: nil, searchText: Self.text)
      if offset % 7 == 0 { expectSame(book, AlertBook(p, day: day), "day \(day)") }
    }
    #expect(book.incrementalUpdates == 400)
    // Back in time is not a rollover: computed from scratch, and equal.
    let past = Self.today.adding(days: -30)
    book.follow(p, previous: p, day: past, asOf: past, searchText: Self.text)
    #expect(book.incrementalUpdates == 400, "time travel recomputes")
    expectSame(book, AlertBook(p, day: past, asOf: past), "time travel")
  }
}
