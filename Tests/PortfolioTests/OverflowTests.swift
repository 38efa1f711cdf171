import Testing

@testable import Portfolio

/// Stored amounts can be anything a file holds: the fold must never wrap or trap.
@Suite struct OverflowTests {
  @Test func anObligationThatWouldOverflowIsNotAppliedAndRaisesAnAlert() {
    var l = Ledger.withProgram()
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(42)), on: "2024-10-01")
    let huge = Dollars(Int64.max - 10)
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: huge, on: l.day("2024-11-01")), on: "2024-11-01"
    )
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: huge, on: l.day("2024-11-02")), on: "2024-11-02"
    )
    let program = l.portfolio.programs["P1"]
    // The first is applied as stored (an over-obligation); the second is refused, not wrapped.
    #expect(program?.obligated == huge)
    #expect(l.portfolio.skippedCount == 1)
    #expect(l.portfolio.skipped.first?.reason.contains("beyond what a figure can hold") == true)
    let alerts = l.alerts(on: "2024-11-03").filter { $0.rule == .recordNotApplied }
    #expect(alerts.count == 1)
    #expect(alerts.first?.id.description == "record-not-applied/P1/5")
    #expect(alerts.first?.began.description == "2024-11-02")
  }

  @Test func displaySumsSaturateInsteadOfWrapping() {
    #expect(Dollars(Int64.max) + Dollars(1) == Dollars(Int64.max))
    #expect(Dollars(Int64.min) - Dollars(1) == Dollars(Int64.min))
    #expect(Dollars(Int64.min) + Dollars(-5) == Dollars(Int64.min))
    #expect(Dollars(40) + Dollars(2) == Dollars(42))
  }

  @Test func aPolicyValueThatCannotBeRepresentedKeepsThePreviousOne() {
    var l = Ledger.withProgram()
    let before = l.portfolio.policy.twoApproverAmount
    l.add(PolicyChanged(setting: "approval.two.amount", value: 1e19), on: "2024-02-01")
    l.add(PolicyChanged(setting: "vetting.validity.days", value: 1e300), on: "2024-02-01")
    #expect(l.portfolio.policy.twoApproverAmount == before)
    #expect(l.portfolio.skippedCount == 2)
    #expect(l.portfolio.skipped.first?.reason.contains("previous value is kept") == true)
  }
}
