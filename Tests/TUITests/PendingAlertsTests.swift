import Basics
import Portfolio
import Terminal
import Testing

@testable import TUI

/// Keys answered while the alerts are computed on another thread (issue 30, goal 1):
/// the model starts from a checkpoint's figures with the whole portfolio; the overview,
/// a partner's programs and a program work at once, the alerts view says it is being
/// made, and the computed book replaces the figures only when it is of what is on screen.
@Suite struct PendingAlertsTests {
  static func pending() -> (Harness, AlertBook) {
    var h = Harness()
    let full = AlertBook(Harness.demo, day: Harness.today)
    var figures = full.summary
    figures.programAlerts = [:]  // as a checkpoint's preview carries them
    h.model = AppModel(
      portfolio: Harness.demo, pendingSummary: figures, today: Harness.today, info: h.model.info,
      theme: .builtIn,
      width: 120, height: 35)
    return (h, full)
  }

  @Test func keysAreAnsweredFromTheFiguresAndTheBookFollows() {
    var (h, full) = Self.pending()
    let complete = Harness()
    #expect(h.model.alertsPending)
    #expect(h.screen.contains("[4] Ukraine"), "\(h.screen)")
    // A partner's programs with their alert counts, from their own rules: as the full model shows them.
    h.press(.character("4"), .enter)
    var c = complete
    c.press(.character("4"), .enter)
    #expect(h.model.page.screen == .partner("UA"))
    #expect(h.model.currentTable()?.rows.map(\.cells) == c.model.currentTable()?.rows.map(\.cells))
    // A program opens.
    h.press(.enter)
    c.press(.enter)
    #expect(h.model.page.screen == c.model.page.screen && h.model.page.screen == .program("UA-EDA-001"))
    // The alerts view says the list is being made, with the figures' counts.
    h.press(.character("a"))
    let open = full.summary.openAlerts.reduce(0, +)
    #expect(h.screen.contains("Alerts on 2026-11-29: \(open) open"), "\(h.screen)")
    #expect(h.screen.contains("computing the alerts…"))
    // The computed book arrives: the list is there, nothing else moved.
    let adopted = h.model.adoptBook(full)
    #expect(adopted)
    #expect(!h.model.alertsPending)
    #expect(h.model.alerts.count == full.alerts.count && h.model.page.screen == .alerts)
    #expect(!h.screen.contains("computing the alerts…"))
    let again = h.model.adoptBook(full)
    #expect(!again, "a book is adopted once")
  }

  /// Time travel before the book arrives computes the book there; the late one is refused.
  @Test func aBookOfAnotherPortfolioOrDayIsNotAdopted() throws {
    var (h, full) = Self.pending()
    let past = try #require(Day("2025-10-01"))
    h.send(.portfolio(Harness.demo, asOf: past, today: Harness.today))
    #expect(!h.model.alertsPending, "the travel computed the book itself")
    let late = h.model.adoptBook(full)
    #expect(!late)
    var (other, _) = Self.pending()
    let later = AlertBook(Harness.demo, day: Harness.today.adding(days: 1))
    let otherDay = other.model.adoptBook(later)
    #expect(!otherDay, "computed for another day")
    var changed = Harness.demo
    changed.apply(
      Envelope(
        context: EventContext(
          sequence: changed.lastSequence + 1, at: Timestamp(dayOrdinal: Harness.today.ordinal, hour: 9),
          actor: "x"),
        event: PolicyChanged(setting: "sunset.days", value: 60, reason: "t")))
    let otherFold = other.model.adoptBook(AlertBook(changed, day: Harness.today))
    #expect(!otherFold, "computed from another fold")
    other.press(.character("q"))
  }

  /// A first open with no checkpoint: the money's figures at once, the alert counts `…`
  /// (never a 0 that is not known) until the book is in.
  @Test func aFirstOpenShowsTheMoneyAndCountsTheAlertsMeanwhile() {
    var h = Harness(width: 160, height: 45)
    let full = AlertBook(Harness.demo, day: Harness.today)
    h.model = AppModel(
      portfolio: Harness.demo, pendingSummary: PortfolioSummary(Harness.demo, alerts: [], day: Harness.today),
      countsKnown: false, today: Harness.today, info: h.model.info, theme: .builtIn, width: 160, height: 45)
    #expect(!h.model.alertCountsKnown)
    #expect(h.screen.contains("alerts … (being counted)"), "\(h.screen)")
    #expect(!h.screen.contains("‼"), "no count is shown before it is known")
    h.press(.character("4"), .enter)
    #expect(h.screen.contains("alerts …"), "\(h.screen)")
    h.press(.character("a"))
    #expect(h.screen.contains("counting and listing them…"))
    let adopted = h.model.adoptBook(full)
    #expect(adopted && h.model.alertCountsKnown)
    h.press(.escape, .escape)
    #expect(!h.screen.contains("being counted"))
  }
}
