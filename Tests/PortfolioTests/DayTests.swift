import Testing

@testable import Portfolio

@Suite struct DayTests {
  @Test func parsesAndPrints() throws {
    let d = try #require(Day("2024-02-29"))
    #expect(d.description == "2024-02-29")
    #expect(Day("2023-02-29") == nil)
    #expect(Day("2024-13-01") == nil)
    #expect(Day("24-01-01") == nil)
    #expect(Day("1970-01-01")?.ordinal == 0)
  }

  @Test func fiscalYearRunsOctoberToSeptember() {
    #expect(Day("2025-09-30")?.fiscalYear == 2025)
    #expect(Day("2025-10-01")?.fiscalYear == 2026)
    #expect(Day.endOfFiscalYear(2026).description == "2026-09-30")
  }

  @Test func addingMonthsClampsToTheMonthEnd() {
    #expect(Day("2024-01-31")?.adding(months: 1).description == "2024-02-29")
    #expect(Day("2024-08-31")?.adding(months: 24).description == "2026-08-31")
    #expect(Day("2024-03-15")?.adding(months: -3).description == "2023-12-15")
  }

  @Test func dollarsFormat() {
    #expect(Dollars.billion(3.3).compact == "$3.30B")
    #expect(Dollars.million(310.5).compact == "$310.5M")
    #expect(Dollars(80_000).compact == "$80K")
    #expect(Dollars(1_234_567).description == "$1,234,567")
    #expect(Dollars(-5_000).description == "-$5,000")
  }
}
