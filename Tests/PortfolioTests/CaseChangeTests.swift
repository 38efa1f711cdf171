import Portfolio
import Testing

/// Issue 27, item 5: an offered LOA changes by amendment (scope: a line added or
/// restated) or modification (a line re-priced: unilateral); both are kept on the case,
/// and a change that takes a notified case past its notified values needs notice again.
@Suite struct CaseChangeTests {
  func offeredAndNotified() -> Ledger {
    var l = Ledger.withProgram(tier: .other)
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-B-MOD", caseType: .definedOrder, lorReceived: l.day("2025-01-02")),
      on: "2025-01-02")
    l.add(CaseLineAdded(program: "P1", line: line(1, mde: true, value: .million(20))), on: "2025-01-03")
    l.add(CaseNotified(program: "P1", transmittal: "25-01", delivered: l.day("2025-02-01")), on: "2025-02-01")
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: l.day("2025-04-01")), on: "2025-04-01")
    return l
  }

  @Test func aModificationRepricesALineAndIsKept() throws {
    var l = offeredAndNotified()
    #expect(!l.rules(on: "2025-05-01").contains(.renotificationRequired))
    l.add(CaseModified(program: "P1", line: 1, value: .million(23), reason: "repricing"), on: "2025-05-01")
    let c = try #require(l.portfolio.programs["P1"]?.fmsCase)
    #expect(c.value == .million(23))
    #expect(
      c.changes == [
        CaseChange(
          kind: .modification, line: 1, from: .million(20), to: .million(23), on: l.day("2025-05-01"),
          reason: "repricing")
      ])
    // Past the notified MDE ($20M): notice again.
    #expect(l.rules(on: "2025-05-02").contains(.renotificationRequired))
  }

  @Test func aModificationIsOfAnOfferedCasesExistingLine() {
    var l = offeredAndNotified()
    var skipped = l.portfolio.skippedCount
    l.add(CaseModified(program: "P1", line: 2, value: .million(1), reason: "new item"), on: "2025-05-01")
    #expect(l.portfolio.skippedCount == skipped + 1)
    #expect(l.portfolio.skipped.last?.reason.contains("a new line is an amendment") == true)
    skipped = l.portfolio.skippedCount
    l.add(CaseModified(program: "P1", line: 1, value: .million(21), reason: " "), on: "2025-05-01")
    #expect(l.portfolio.skippedCount == skipped + 1)
  }

  @Test func aLineAfterTheOfferIsKeptAsAnAmendment() throws {
    var l = offeredAndNotified()
    l.add(CaseLineAdded(program: "P1", line: line(2, mde: false, value: .million(5))), on: "2025-06-01")
    let c = try #require(l.portfolio.programs["P1"]?.fmsCase)
    #expect(
      c.changes.map(\.kind) == [.amendment] && c.changes.first?.from == nil && c.changes.first?.line == 2)
  }
}
