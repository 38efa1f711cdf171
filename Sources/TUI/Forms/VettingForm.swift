import Portfolio

/// The Units & vetting tab's form: a Leahy vetting result for one of the program's units.
extension Form {
  /// The last choice of the Unit field: Enter on it opens the unit form instead.
  static let newUnit = "+ register a new unit"

  static func vetting(program: Program, units: [RecipientUnit], selected: String?, today: Day) -> Form {
    let ids = units.map(\.id) + [newUnit]
    return Form(
      kind: .vetting(program: program.id),
      fields: [
        Field(
          .unit, .choice(ids), selected.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first ?? "",
          hint: "← → to choose", prefilled: false),
        Field(
          .result, .choice(VettingStatus.allCases.map(\.rawValue)), VettingStatus.approved.rawValue,
          hint: "← → to choose", prefilled: false),
        Field(.certified, .date, today.description, hint: "the certification date, YYYY-MM-DD"),
        Field(.expires, .date, "", hint: "empty: certification + the policy's validity"),
        Field(.investCase, .text, "", hint: "the INVEST case number, if any"),
        Field(.note, .text, "", hint: "optional"),
      ])
  }

  func vettingCommand() -> Result<any Command, Rejection> {
    var problems: [String] = []
    let unit = value(.unit)
    if unit.isEmpty || unit == Form.newUnit {
      problems.append("Unit: Enter opens the form to register a new unit")
    }
    let status = VettingStatus(rawValue: value(.result)) ?? .submitted
    let certified = day(.certified, &problems, optional: status != .approved)
    let expires = day(.expires, &problems, optional: true)
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    let invest = value(.investCase)
    let note = value(.note)
    return .success(
      RecordEvents([
        (
          "",
          UnitVetted(
            unit: unit, status: status, certified: certified, expires: expires,
            invest: invest.isEmpty ? nil : invest, note: note.isEmpty ? nil : note)
        )
      ]))
  }
}
