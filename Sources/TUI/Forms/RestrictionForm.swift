import Portfolio

/// The partner screen's other form (administrators): a country restriction imposed,
/// lifted, or waived for one program.
extension Form {
  /// The last choice of the program form's Kind field: Enter on it opens this form.
  static let newRestriction = "+ a restriction (administrators)"

  static func restriction(partner: Partner, programs: [String], today: Day) -> Form {
    Form(
      kind: .restriction(partner: partner.code),
      fields: [
        Field(
          .action, .choice(["impose", "lift", "waive"]), "impose", hint: "← → to choose", prefilled: false),
        Field(
          .restriction, .choice(RestrictionKind.allCases.map(\.rawValue)), RestrictionKind.coup.rawValue,
          hint: "7008 coup · 7012 Brooke · 620I", prefilled: false),
        Field(.date, .date, today.description, hint: "YYYY-MM-DD (impose, lift)"),
        Field(.program, .choice(programs), programs.first ?? "", hint: "waive only", prefilled: false),
        Field(.note, .text, "", hint: "impose: a note; waive: the justification"),
      ])
  }

  func restrictionCommand(_ partner: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let kind = RestrictionKind(rawValue: value(.restriction)) ?? .coup
    let action = value(.action)
    let on = day(.date, &problems, optional: action == "waive")
    if action == "waive" {
      if value(.program).isEmpty { problems.append("Program: the partner has no program to waive it for") }
      if !value(.note).hasVisibleText { problems.append("Note: a waiver needs its justification") }
    }
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    let event: any EventPayload
    switch action {
    case "lift":
      guard let on else { return .failure(Rejection(problems)) }
      event = RestrictionLifted(partner: partner, kind: kind, on: on)
    case "waive":
      event = RestrictionWaived(
        partner: partner, kind: kind, program: value(.program), reason: value(.note))
    default:
      guard let on else { return .failure(Rejection(problems)) }
      event = RestrictionImposed(
        partner: partner, kind: kind, since: on, note: value(.note).isEmpty ? nil : value(.note))
    }
    return .success(RecordEvents([("", event)]))
  }
}
