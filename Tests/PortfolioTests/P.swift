import Testing
import Portfolio
@Test func placeholderPortfolio() { #expect(Bool(true)) }
