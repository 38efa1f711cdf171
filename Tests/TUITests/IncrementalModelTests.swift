import Portfolio
import PortfolioDemo
import Testing

@testable import TUI

/// The incremental model equals a full recompute (issue 13): after every event of a
/// random sequence over the demo portfolio — the demo's own events, and random
/// acknowledgements, restrictions, vettings, requests, obligations that cannot apply,
/// new partners and programs, roles and policy changes — every alert (in order, with
/// its message and acknowledgement), every alerts-view row, every figure of every
/// region and partner and the per-program alert index are the same as a model built
/// from scratch; and after a day's rollover too.
@Suite struct IncrementalModelTests {
  static let today = Harness.today

  static func envelopes() -> [Envelope] {
    DemoPortfolio.events(today: today).enumerated().map { i, item in
      Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event)
    }
  }

  func model(_ p: Portfolio, today: Day = Self.today) -> AppModel {
    AppModel(
      portfolio: p, today: today,
      info: SessionInfo(
        store: "/tmp/demo.sapm", user: "tester", role: "officer", demo: true, readOnly: false),
      theme: .builtIn, width: 160, height: 45)
  }

  func expectSame(_ a: AppModel, _ b: AppModel, _ step: String) {
    #expect(a.alerts.map(\.id) == b.alerts.map(\.id), "alerts after \(step)")
    #expect(a.alerts.map(\.severity) == b.alerts.map(\.severity), "severities after \(step)")
    #expect(a.alerts.map(\.began) == b.alerts.map(\.began), "days begun after \(step)")
    #expect(a.alerts.map(a.message(of:)) == b.alerts.map(b.message(of:)), "messages after \(step)")
    #expect(a.alerts.map(\.acknowledgement) == b.alerts.map(\.acknowledgement), "acks after \(step)")
    #expect(a.nextChange == b.nextChange, "next changes after \(step)")
    if a.alertSearch != nil {
      var full = b
      full.makeAlertSearch()
      let mine = a.alertSearch ?? []
      let theirs = full.alertSearch ?? []
      let differ = zip(mine, theirs).enumerated().first { $0.element.0 != $0.element.1 }.map {
        "\(String(decoding: $0.element.0, as: UTF8.self)) ≠ \(String(decoding: $0.element.1, as: UTF8.self))"
      }
      #expect(mine.count == theirs.count && differ == nil, "search texts after \(step): \(differ ?? "")")
    }
    #expect(a.summary.regions == b.summary.regions, "regions after \(step)")
    #expect(a.summary.partners == b.summary.partners, "partners after \(step)")
    #expect(a.summary.programAlerts == b.summary.programAlerts, "program alerts after \(step)")
    #expect(a.summary.openAlerts == b.summary.openAlerts, "open alerts after \(step)")
    #expect(
      a.summary.partnersByRegion.mapValues { $0.map(\.code) }
        == b.summary.partnersByRegion.mapValues {
          $0.map(\.code)
        }, "partner lists after \(step)")
    #expect(a.requestCounts == b.requestCounts, "request counts after \(step)")
  }

  /// A random event on the portfolio as it stands, often one the fold refuses.
  func randomEvent(_ p: Portfolio, _ rng: inout SplitMix64, _ n: Int) -> any EventPayload {
    let programs = p.programs.keys.sorted()
    let partners = p.partners.keys.sorted()
    let units = p.units.keys.sorted()
    let program = programs[Int(rng.next() % UInt64(programs.count))]
    let partner = partners[Int(rng.next() % UInt64(partners.count))]
    let day = Self.today.adding(days: -Int(rng.next() % 400))
    switch rng.next() % 12 {
    case 0:
      let open = p.alerts(on: Self.today).filter(\.isOpen)
      let alert =
        open.isEmpty ? "sunset-passed/\(program)" : open[Int(rng.next() % UInt64(open.count))].id.description
      return AlertAcknowledged(alert: alert, note: "seen \(n)")
    case 1: return RestrictionImposed(partner: partner, kind: .coup, since: day)
    case 2: return RestrictionLifted(partner: partner, kind: .coup, on: Self.today)
    case 3:
      let unit = units.isEmpty ? "U-\(n)" : units[Int(rng.next() % UInt64(units.count))]
      let statuses: [VettingStatus] = [.approved, .denied, .suspended, .submitted]
      return UnitVetted(
        unit: unit, status: statuses[Int(rng.next() % 4)], certified: day, expires: day.adding(days: 365))
    case 4:
      return FundsObligated(
        program: program, fiscalYear: Self.today.fiscalYear, amount: Dollars(Int64(rng.next() % 50_000_000)),
        on: day)
    case 5:
      return FundsObligated(
        program: program, fiscalYear: Self.today.fiscalYear, amount: .billion(900), on: day)
    case 6: return PartnerRegistered(code: "Z\(n)", name: "Partner \(n)", region: .ukraine, tier: .other)
    case 7:
      return ProgramCreated(
        id: "NEW-\(n)", partner: partner, kind: .securityCooperation, title: "New \(n)", start: day,
        sunset: Self.today.adding(days: 30))
    case 8: return RoleGranted(user: "user\(n)", role: .approver)
    case 9: return PolicyChanged(setting: "sunset.days", value: Double(30 + rng.next() % 200))
    case 10:
      return RequestRaised(
        id: "RX-\(n)", program: program, kind: .releaseFunds, amount: .million(1),
        fiscalYear: Self.today.fiscalYear,
        units: units.isEmpty ? [] : [units[Int(rng.next() % UInt64(units.count))]], summary: "x")
    default:
      return UnitAssigned(
        program: program, unit: units.isEmpty ? "U-\(n)" : units[Int(rng.next() % UInt64(units.count))])
    }
  }

  @Test(arguments: [(UInt64(1), 64), (2, 64), (3, 64), (4, 0), (5, 0)])
  func theIncrementalModelEqualsAFullRecompute(seed: UInt64, inPlaceLimit: Int) {
    let all = Self.envelopes()
    var p = Portfolio()
    let start = all.count - 300
    for e in all[..<start] { p.apply(e) }
    var incremental = model(p)
    incremental.inPlaceLimit = inPlaceLimit  // 0: every change takes the one-pass merge
    // The filter's search texts, once made, are kept up to date along both paths.
    if seed % 2 == 0 { incremental.makeAlertSearch() }
    var rng = SplitMix64(seed: seed)
    var sequence = all.count
    for (n, e) in all[start...].enumerated() {
      // Each demo event, and now and then a random one after it.
      var batch = [e]
      if rng.next() % 2 == 0 {
        sequence += 1
        batch.append(
          Envelope(
            context: EventContext(sequence: sequence, at: e.context.at, actor: "tester"),
            event: randomEvent(p, &rng, n)))
      }
      for event in batch {
        p.apply(
          Envelope(
            context: EventContext(
              sequence: event.context.sequence, at: event.context.at, actor: event.context.actor),
            event: event.event))
      }
      incremental.setPortfolio(p, asOf: nil, today: Self.today)
      if n % 10 == 0 || n > 290 { expectSame(incremental, model(p), "demo event \(start + n)") }
    }
    #expect(incremental.incrementalUpdates > 250, "the incremental path was taken")
    // The day rolls over: time-driven alerts appear without an event.
    let tomorrow = Self.today.adding(days: 1)
    incremental.setPortfolio(p, asOf: nil, today: tomorrow)
    expectSame(incremental, model(p, today: tomorrow), "the rollover")
  }

  /// Days pass with no event: each rollover re-evaluates only the programs whose next
  /// change has come, and the model equals one built from scratch on every day of three
  /// years that cover the demo's deadlines (a missing threshold fails here).
  @Test func dayByDayRolloversEqualAFullRecompute() {
    var p = Portfolio()
    for e in Self.envelopes() { p.apply(e) }
    let first = Self.today.adding(days: -400)
    var rolling = model(p, today: first)
    var reevaluated = 0
    for offset in 1...1100 {
      let day = first.adding(days: offset)
      reevaluated += rolling.nextChange.values.filter { $0 <= day }.count
      rolling.setPortfolio(p, asOf: nil, today: day)
      if offset % 3 == 0 || offset > 1090 { expectSame(rolling, model(p, today: day), "day \(day)") }
    }
    #expect(rolling.incrementalUpdates == 1100, "every rollover took the incremental path")
    // Far fewer than every program every day: the index is what makes it cheap.
    #expect(reevaluated < p.programs.count * 1100 / 10, "\(reevaluated) programs re-evaluated")
  }
}

/// Filtering the alerts view as you type narrows the previous matches (issue 13: the
/// view has 350,000 rows at scale); after every key, and after deleting one, the rows
/// are those a filter from scratch finds, with the alerts' texts built when shown.
@Suite struct AlertsFilterTests {
  @Test func typingNarrowsToTheSameRowsAsAFreshFilter() {
    var h = Harness(width: 160, height: 45)
    h.press(.character("a"), .character("/"))
    #expect(h.model.alertSearch == nil || h.model.page.filter.isEmpty)
    var typed = ""
    for c in "Ex" + "pir" {
      h.type(String(c))
      typed.append(c)
      let shown = h.model.currentTable().map { t in t.rows.indices.map { t.rows.key(at: $0) } } ?? []
      let fresh = h.model.alertsTable().filtered(typed)
      #expect(shown == fresh.rows.indices.map { fresh.rows.key(at: $0) }, "after '\(typed)'")
      #expect(!shown.isEmpty, "'\(typed)' matches demo alerts")
    }
    h.press(.backspace)
    typed.removeLast()
    let shown = h.model.currentTable().map { t in t.rows.indices.map { t.rows.key(at: $0) } } ?? []
    let fresh = h.model.alertsTable().filtered(typed)
    #expect(shown == fresh.rows.indices.map { fresh.rows.key(at: $0) }, "after deleting back to '\(typed)'")
    // The texts the filter searched are the rows' own: the details column matches.
    #expect(h.model.alertSearch?.count == h.model.alerts.count)
    let screen = h.model.render().text
    #expect(screen.contains("expir"))
  }
}

/// The overview's figures counted program by program (a checkpoint's, after a large
/// read) equal those made from the whole list of alerts, on days across three years.
@Suite struct SummaryCountTests {
  @Test func countingProgramByProgramEqualsTheWholeList() {
    let p = Harness.demo
    for offset in stride(from: -400, through: 700, by: 73) {
      let day = Harness.today.adding(days: offset)
      let counted = PortfolioSummary(p, day: day)
      let listed = PortfolioSummary(p, alerts: p.alerts(on: day, messages: false), day: day)
      #expect(counted.regions == listed.regions, "\(day)")
      #expect(counted.partners == listed.partners, "\(day)")
      #expect(counted.programAlerts == listed.programAlerts, "\(day)")
      #expect(counted.openAlerts == listed.openAlerts, "\(day)")
    }
  }
}

/// The alerts filter's first key answers after one slice of search texts (issue 30, goal
/// 4: 50 ms at 350,000 alerts): the matches among the alerts searched so far are shown,
/// the title says how far it is, and the rest follow a slice per turn of the loop until
/// the rows are those a filter over every text finds.
@Suite struct ProgressiveAlertsFilterTests {
  @Test func theFirstKeyShowsTheMatchesSoFarAndTheRestFollow() throws {
    var h = Harness(width: 160, height: 45)
    h.model.searchSlice = 5
    let total = h.model.alerts.count
    #expect(total > 15, "the demo has enough alerts for several slices")
    h.press(.character("a"), .character("/"))
    h.type("e")
    #expect(h.model.alertSearch == nil)
    #expect(h.model.partialSearch?.count == 5)
    #expect(h.model.alertSearchPending)
    #expect(h.screen.contains("searching: \(500 / total)% of the alerts so far"), "\(h.screen)")
    let first = h.model.currentTable().map { t in t.rows.indices.map { t.rows.key(at: $0) } } ?? []
    let firstAlerts = Set(h.model.alerts.prefix(5).map(\.id.description))
    #expect(!first.isEmpty && first.allSatisfy(firstAlerts.contains), "only the alerts searched so far")
    var turns = 0
    while h.model.alertSearchPending, turns < 1000 {
      h.send(.searchMore)
      turns += 1
    }
    #expect(turns == (total + 4) / 5 - 1)
    #expect(h.model.alertSearch?.count == total && h.model.partialSearch == nil)
    #expect(!h.screen.contains("searching:"))
    var complete = Harness(width: 160, height: 45)
    complete.press(.character("a"), .character("/"))
    complete.type("e")
    let shown = h.model.currentTable().map { t in t.rows.indices.map { t.rows.key(at: $0) } } ?? []
    let expected = complete.model.currentTable().map { t in t.rows.indices.map { t.rows.key(at: $0) } } ?? []
    #expect(shown == expected && shown.count > first.count)
    // A new portfolio while texts are made: the partial texts go (they would no longer line up).
    var again = Harness(width: 160, height: 45)
    again.model.searchSlice = 5
    again.press(.character("a"), .character("/"))
    again.type("e")
    again.send(.portfolio(Harness.demo, asOf: nil, today: Harness.today.adding(days: 1)))
    #expect(again.model.partialSearch?.count ?? 0 <= 5)
  }
}
