import Portfolio

/// The Units & vetting tab's other form: register a recipient unit of the partner
/// and assign it to the program (its vetting is then recorded with the vetting form).
extension Form {
  static func unit(program: Program) -> Form {
    Form(
      kind: .unit(program: program.id, partner: program.partner),
      fields: [
        Field(.unitID, .text, "", hint: "e.g. \(program.partner)-U-101"),
        Field(.name, .text, "", hint: "e.g. 101st Engineer Battalion"),
      ])
  }

  func unitCommand(_ programID: String, partner: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.unitID)
    if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
      problems.append("Unit id: letters, digits and dashes, no spaces or /")
    }
    if !value(.name).hasVisibleText { problems.append("Name: the unit's name") }
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        ("", UnitRegistered(id: id, partner: partner, name: value(.name))),
        ("", UnitAssigned(program: programID, unit: id)),
      ]))
  }
}
