import Portfolio
import Testing

/// Issue 26, item 3: every ISO 3166-1 code is known (and Kosovo's XKX), so a valid code
/// in the real file — the United States in a worldwide row, a territory — never stops an
/// import; those outside the four regions are counted, not placed.
@Suite struct ForeignAssistanceTableTests {
  @Test func everyISOCodeIsKnown() throws {
    let alpha3 = Set(ForeignAssistance.countries.values.map(\.alpha3))
    #expect(alpha3.count == 250, "249 ISO 3166-1 entries and XKX: \(alpha3.count)")
    for code in ["USA", "US", "PSE", "PS", "XKX", "XK", "HKG", "PRI", "ESH", "VAT"] {
      #expect(ForeignAssistance.country(code) != nil, "\(code)")
    }
    let usa = try #require(ForeignAssistance.country("USA"))
    #expect(usa.region == nil && usa.alpha2 == "US")
    #expect(ForeignAssistance.country("UKR")?.region == .ukraine)
    // Each alpha-2 and alpha-3 names one country.
    let all = ForeignAssistance.countries.values
    #expect(Set(all.map(\.alpha2)).count == alpha3.count)
  }
}
