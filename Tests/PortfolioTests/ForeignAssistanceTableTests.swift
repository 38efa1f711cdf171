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

  /// Issue 26, item 4: an imported program shows its funding account, not only its kind
  /// (NADR, PKO and INCLE are not all "SC"); any other program shows its kind.
  @Test func anImportedProgramShowsItsAccount() throws {
    let day = try #require(Day("2024-10-01"))
    func program(_ id: String, _ kind: ProgramKind) -> Program {
      Program(id: id, partner: "PL", kind: kind, title: "t", status: .active, start: day, sunset: nil)
    }
    #expect(program("PL-NADR-PO-0113-001", .securityCooperation).kindLabel == "NADR")
    #expect(program("TW-PKO-TW-1143-000", .securityCooperation).kindLabel == "PKO")
    #expect(program("MX-INCLE-MX-1", .ssr).kindLabel == "INCLE")
    #expect(program("JO-FMF-JOR-2023", .fmf).kindLabel == "FMF")
    #expect(program("UA-SC-001", .securityCooperation).kindLabel == "SC")
    #expect(program("P1", .fmf).kindLabel == "FMF")
  }
}
