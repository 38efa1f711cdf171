import Portfolio

/// The partner screen's form: a new program for the partner.
extension Form {
  static func program(partner: String, today: Day) -> Form {
    Form(
      kind: .program(partner: partner),
      fields: [
        Field(
          "Kind", .choice(ProgramKind.allCases.map(\.rawValue) + [newRestriction]), ProgramKind.fmf.rawValue,
          hint: "← → to choose",
          prefilled: false),
        Field("Id", .text, "", hint: "e.g. \(partner)-FMF-002"),
        Field("Title", .text, "", hint: "what it is for"),
        Field("Start", .date, today.description, hint: "YYYY-MM-DD"),
        Field("Sunset", .date, "", hint: "YYYY-MM-DD, or empty for none"),
      ])
  }

  func programCommand(_ partner: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value("Id")
    if id.isEmpty || id.contains(where: { $0.isWhitespace || $0 == "/" }) {
      problems.append("Id: letters, digits and dashes, no spaces or /, e.g. \(partner)-FMF-002")
    }
    if !value("Title").hasVisibleText { problems.append("Title: what the program is for") }
    let start = day("Start", &problems)
    let sunset = day("Sunset", &problems, optional: true)
    if let start, let sunset, sunset <= start { problems.append("Sunset: after the start (\(start))") }
    if value("Kind") == Form.newRestriction {
      return .failure(Rejection(["Kind: Enter opens the form for a restriction"]))
    }
    let kind = ProgramKind(rawValue: value("Kind")) ?? .fmf
    guard problems.isEmpty, let start else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          ProgramCreated(
            id: id, partner: partner, kind: kind, title: value("Title"), start: start, sunset: sunset)
        )
      ]))
  }
}
