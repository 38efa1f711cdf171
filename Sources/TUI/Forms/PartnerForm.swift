import Portfolio

/// The overview's form: register a partner in the focused region (administrators).
extension Form {
  static func partner(region: Region) -> Form {
    Form(
      kind: .partner(region: region),
      fields: [
        Field(.code, .text, "", hint: "ISO 3166 alpha-2, e.g. PL"),
        Field(.name, .text, "", hint: "e.g. Poland"),
        Field(
          .tier36b, .choice(NotificationTier.allCases.map(\.rawValue)), NotificationTier.other.rawValue,
          hint: "nato+5: NATO, Australia, Israel, Japan, NZ, South Korea", prefilled: false),
      ])
  }

  func partnerCommand(_ region: Region) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let code = value(.code).uppercased()
    if code.count != 2 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
      problems.append("Code: two letters (ISO 3166 alpha-2), e.g. PL")
    }
    if !value(.name).hasVisibleText { problems.append("Name: the partner's name") }
    let tier = NotificationTier(rawValue: value(.tier36b)) ?? .other
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([("", PartnerRegistered(code: code, name: value(.name), region: region, tier: tier))]))
  }
}
