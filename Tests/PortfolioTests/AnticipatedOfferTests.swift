import Portfolio
import Testing

/// Issue 27, item 5: a case's Anticipated Offer Date, the alert once it passes with no
/// offer, and the share of offers made on time (the SCIP metric, DSCA 11-46).
@Suite struct AnticipatedOfferTests {
  func openCase() -> Ledger {
    var l = Ledger.withProgram()
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-B-AOD", caseType: .definedOrder, lorReceived: l.day("2025-01-02")),
      on: "2025-01-02")
    l.add(CaseAnticipatedOffer(program: "P1", on: l.day("2025-05-01")), on: "2025-01-05")
    return l
  }

  @Test func theAlertBeginsTheDayAfterTheAOD() throws {
    var l = openCase()
    #expect(!l.rules(on: "2025-05-01").contains(.offerLate), "due today is not late")
    let late = try #require(l.alerts(on: "2025-05-11").first { $0.rule == .offerLate })
    #expect(late.severity == .warning && late.began == l.day("2025-05-02"))
    #expect(late.message.contains("10 days late"), "\(late.message)")
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: l.day("2025-05-12")), on: "2025-05-12")
    #expect(!l.rules(on: "2025-05-12").contains(.offerLate), "offered: no longer late")
    #expect(l.portfolio.programs["P1"]?.fmsCase?.offeredOnTime == false)
    #expect(l.portfolio.offersOnTime == (onTime: 0, offered: 1))
  }

  @Test func anOfferOnItsAODIsOnTime() {
    var l = openCase()
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: l.day("2025-05-01")), on: "2025-05-01")
    #expect(l.portfolio.programs["P1"]?.fmsCase?.offeredOnTime == true)
    #expect(l.portfolio.offersOnTime == (onTime: 1, offered: 1))
    // An AOD before the LOR is refused.
    let skipped = l.portfolio.skippedCount
    l.add(CaseAnticipatedOffer(program: "P1", on: l.day("2024-12-01")), on: "2025-05-02")
    #expect(l.portfolio.skippedCount == skipped + 1)
  }
}
