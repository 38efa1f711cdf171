import Basics
import Portfolio
import Testing

/// Issue 27, item 4: an over-obligation is an Antideficiency Act violation — critical,
/// never acknowledged away, settled only by recording its report, which says who
/// reported it, when and under which reference, and stays in the record.
@Suite struct ADAReportTests {
  func overObligated() -> Ledger {
    var l = Ledger.withProgram(kind: .fmf)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(55)), on: "2024-10-01")
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(57.5), on: l.day("2024-11-01")),
      on: "2024-11-01")
    return l
  }

  func decide(_ c: any Command, _ p: Portfolio, _ actor: String = "officer") -> [String] {
    if case .reject(let r) = c.decide(
      p, actor: actor, today: Day(year: 2025, month: 1, day: 10) ?? Day(ordinal: 0))
    {
      return r.reasons
    }
    return []
  }

  @Test func itIsReportedNotAcknowledged() throws {
    var l = overObligated()
    let alert = try #require(l.alerts(on: "2025-01-10").first { $0.rule == .overObligation })
    #expect(alert.severity == .critical && alert.isOpen)
    let id = alert.id.description
    #expect(id == "over-obligation/P1/FY2025")
    // Acknowledging is refused by the command and, for a record that gets in, by the fold.
    #expect(
      decide(AcknowledgeAlert(alert: id, note: "looking into it"), l.portfolio).contains {
        $0.contains("Antideficiency Act violation: it is reported, not acknowledged")
      })
    let skipped = l.portfolio.skippedCount
    l.add(AlertAcknowledged(alert: id, note: "looking into it"), on: "2025-01-10")
    #expect(l.portfolio.skippedCount == skipped + 1)
    #expect(l.alerts(on: "2025-01-10").first { $0.id.description == id }?.isOpen == true)

    // The report: its reference is required; once recorded it settles the alert, which
    // stays critical and says who reported it, when and how.
    let day = l.day("2025-01-10")
    let empty = try #require(ReportADAViolation(alert: id, reference: " ", on: day))
    #expect(decide(empty, l.portfolio).contains { $0.contains("needs its reference") })
    let report = try #require(ReportADAViolation(alert: id, reference: "ADA 25-01 to OMB", on: day))
    #expect(decide(report, l.portfolio).isEmpty)
    l.add(report.event, on: "2025-01-10", actor: "officer")
    let settled = try #require(l.alerts(on: "2025-01-11").first { $0.id.description == id })
    #expect(settled.severity == .critical && !settled.isOpen)
    #expect(settled.acknowledgement?.by == "officer" && settled.acknowledgement?.on == day)
    #expect(settled.acknowledgement?.note == "reported as an ADA violation: ADA 25-01 to OMB")
    #expect(decide(report, l.portfolio).contains { $0.contains("was already reported by officer") })
    #expect(report.event.summary.contains("reported as an Antideficiency Act violation"))
  }

  @Test func onlyAnOverObligationIsReported() {
    var l = Ledger.withProgram(kind: .fmf)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(55)), on: "2024-10-01")
    let skipped = l.portfolio.skippedCount
    l.add(
      ADAViolationReported(program: "P1", fiscalYear: 2025, reference: "x", on: l.day("2025-01-10")),
      on: "2025-01-10")
    #expect(l.portfolio.skippedCount == skipped + 1)
    #expect(l.portfolio.skipped.last?.reason.contains("is not over-obligated") == true)
    #expect(
      ReportADAViolation(alert: "funds-expiring/P1/FY2025", reference: "x", on: l.day("2025-01-10")) == nil)
  }
}
