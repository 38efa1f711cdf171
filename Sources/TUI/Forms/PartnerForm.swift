import Portfolio

/// The overview's form: register a partner in the focused region (administrators).
extension Form {
  static func partner(region: Region) -> Form {
    Form(
      kind: .partner(region: region),
      fields: [
        Field("Code", .text, "", hint: "ISO 3166 alpha-2, e.g. PL"),
        Field("Name", .text, "", hint: "e.g. Poland"),
        Field(
          "§36(b) tier", .choice(NotificationTier.allCases.map(\.rawValue)), NotificationTier.other.rawValue,
          hint: "nato+5: NATO, Australia, Israel, Japan, NZ, South Korea", prefilled: false),
      ])
  }

  func partnerCommand(_ region: Region) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let code = value("Code").uppercased()
    if code.count != 2 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
      problems.append("Code: two letters (ISO 3166 alpha-2), e.g. PL")
    }
    if !value("Name").hasVisibleText { problems.append("Name: the partner's name") }
    let tier = NotificationTier(rawValue: value("§36(b) tier")) ?? .other
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([("", PartnerRegistered(code: code, name: value("Name"), region: region, tier: tier))]))
  }
}
