import Portfolio
import PortfolioDemo
import Testing

/// Issue 27, item 3: a case says how it is paid, and a partner's value counts FMF that
/// pays for a case once.
@Suite struct CaseFinancingTests {
  @Test func jordansValueCountsItsFMFFinancedCaseOnce() throws {
    let p = DemoPortfolioTests.fold(DemoPortfolioTests.today)
    let summary = PortfolioSummary(p, day: DemoPortfolioTests.today)
    let programs = p.programs(of: "JO")
    let f16 = try #require(programs.first { $0.fmsCase?.identifier == "JO-D-SAF" }?.fmsCase)
    #expect(f16.fmfProgram == "JO-FMF-001" && f16.fmfFinanced == .billion(1.7))
    let gross = programs.reduce(Dollars.zero) { $0 + $1.value }
    let value = try #require(summary.partners["JO"]?.value)
    #expect(value == gross - .billion(1.7), "\(value) of \(gross)")
    // FMF $2.475B (FY2022–27) + the F-16 case $4.21B, $1.7B of it FMF + IMET: $5.04B shown.
    #expect(value.compact == "$5.04B", "\(value.compact)")
  }

  @Test func onlyTheSamePartnersFMFPaysForACase() {
    var l = Ledger.withProgram()  // P1: an FMS program of PL
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-B-AAA", caseType: .definedOrder, lorReceived: l.day("2024-01-02")),
      on: "2024-01-02")
    l.add(PartnerRegistered(code: "RO", name: "Romania", region: .europe, tier: .natoPlus5), on: "2024-01-02")
    for (id, partner) in [("PL-FMF", "PL"), ("RO-FMF", "RO")] {
      l.add(
        ProgramCreated(id: id, partner: partner, kind: .fmf, title: "FMF", start: l.day("2024-01-01")),
        on: "2024-01-02")
    }
    let skipped = l.portfolio.skippedCount
    l.add(CaseFinanced(program: "P1", fmfProgram: "RO-FMF", fmfAmount: .million(5)), on: "2024-01-03")
    #expect(l.portfolio.skippedCount == skipped + 1)
    #expect(l.portfolio.skipped.last?.reason.contains("is RO's FMF, not PL's") == true)
    l.add(CaseFinanced(program: "P1", fmfProgram: "PL-FMF", fmfAmount: .million(5)), on: "2024-01-03")
    #expect(l.portfolio.programs["P1"]?.fmsCase?.fmfProgram == "PL-FMF")
    // Never more than the case's value: a case of $2M paid with "$5M" of FMF counts $2M.
    l.add(CaseLineAdded(program: "P1", line: line(1, mde: false, value: .million(2))), on: "2024-01-04")
    #expect(l.portfolio.programs["P1"]?.fmsCase?.fmfFinanced == .million(2))
  }
}
