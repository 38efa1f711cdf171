import Portfolio

/// The partner screen's form: a new program for the partner.
extension Form {
  static func program(partner: String, today: Day) -> Form {
    Form(
      kind: .program(partner: partner),
      fields: [
        Field(
          .kind, .choice(ProgramKind.allCases.map(\.rawValue) + [newRestriction]), ProgramKind.fmf.rawValue,
          hint: "← → to choose",
          prefilled: false),
        Field(.id, .text, "", hint: "e.g. \(partner)-FMF-002"),
        Field(.title, .text, "", hint: "what it is for"),
        Field(.start, .date, today.description, hint: "YYYY-MM-DD"),
        Field(.sunset, .date, "", hint: "YYYY-MM-DD, or empty for none"),
      ])
  }

  func programCommand(_ partner: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.id)
    if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
      problems.append("Id: letters, digits and dashes, no spaces or /, e.g. \(partner)-FMF-002")
    }
    if !value(.title).hasVisibleText { problems.append("Title: what the program is for") }
    let start = day(.start, &problems)
    let sunset = day(.sunset, &problems, optional: true)
    if let start, let sunset, sunset <= start { problems.append("Sunset: after the start (\(start))") }
    if value(.kind) == Form.newRestriction {
      return .failure(Rejection(["Kind: Enter opens the form for a restriction"]))
    }
    let kind = ProgramKind(rawValue: value(.kind)) ?? .fmf
    guard problems.isEmpty, let start else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          ProgramCreated(
            id: id, partner: partner, kind: kind, title: value(.title), start: start, sunset: sunset)
        )
      ]))
  }
}
