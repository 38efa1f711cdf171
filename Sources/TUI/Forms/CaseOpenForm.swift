import Portfolio

/// The Case tab's forms for a case's start and its lines: a case opened on an LOR
/// received (a program without a case), and a line added or restated.
extension Form {
  /// The last choice of the case-step form's Step field: Enter on it opens the line form.
  static let newLine = "+ add or restate a line"

  static func caseOpen(program: Program, today: Day) -> Form {
    Form(
      kind: .caseOpen(program: program.id),
      fields: [
        Field(.caseID, .text, "", hint: "e.g. \(program.partner)-B-ZAA"),
        Field(
          .type, .choice(CaseType.allCases.map(\.rawValue)), CaseType.definedOrder.rawValue,
          hint: "← → to choose", prefilled: false),
        Field(.training, .choice(["no", "yes"]), "no", hint: "a training case", prefilled: false),
        Field(.bpc, .choice(["no", "yes"]), "no", hint: "building partner capacity", prefilled: false),
        Field(.lorReceived, .date, today.description, hint: "YYYY-MM-DD"),
      ])
  }

  func caseOpenCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.caseID)
    if id.isEmpty || id.contains(where: \.isWhitespace) {
      problems.append("Case id: the case identifier, e.g. PL-B-ZAA")
    }
    let lor = day(.lorReceived, &problems)
    guard problems.isEmpty, let lor else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([
        (
          "",
          CaseOpened(
            program: program, identifier: id, caseType: CaseType(rawValue: value(.type)) ?? .definedOrder,
            training: value(.training) == "yes", buildingPartnerCapacity: value(.bpc) == "yes",
            lorReceived: lor)
        )
      ]))
  }

  /// After the LOA is offered, a line is an amendment: it names the executed
  /// offer-loa request approving it (the form's last field).
  static func caseLine(program: Program, requests: [Request]) -> Form {
    let next = (program.fmsCase?.lines.map(\.number).max() ?? 0) + 1
    let amendment = program.fmsCase?.loaOffered != nil
    return Form(
      kind: .caseLine(program: program.id),
      fields: [
        Field(.line, .text, String(next), hint: "an existing number restates that line"),
        Field(.description, .text, "", hint: "e.g. Javelin command launch units"),
        Field(.usmlCategory, .text, "", hint: "1–21 (XXI: not otherwise enumerated)"),
        Field(.mde, .choice(["no", "yes"]), "no", hint: "major defense equipment", prefilled: false),
        Field(
          .designAndConstruction, .choice(["no", "yes"]), "no", hint: "design and construction services",
          prefilled: false),
        Field(.quantity, .text, "", hint: "a whole number"),
        Field(.value, .money, "", hint: "e.g. 1,250,000 or 1.25M"),
      ] + (amendment ? [requestField(requests, approving: "the amendment")] : []))
  }

  func caseLineCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let number = Int(value(.line))
    if (number ?? 0) < 1 { problems.append("Line: a line number, 1 or more") }
    if !value(.description).hasVisibleText { problems.append("Description: what the line is") }
    let usml = Int(value(.usmlCategory)).flatMap { USMLCategory($0) }
    if usml == nil { problems.append("USML category: a number from 1 to 21") }
    let quantity = Int(value(.quantity))
    if (quantity ?? -1) < 0 { problems.append("Quantity: a whole number") }
    let amount = parseDollars(value(.value))
    if amount == nil { problems.append("Value: a dollar figure such as 1,250,000 or 1.25M") }
    guard problems.isEmpty, let number, let usml, let quantity, let amount else {
      return .failure(Rejection(problems))
    }
    let line = CaseLine(
      number: number, description: value(.description), usml: usml, mde: value(.mde) == "yes",
      designAndConstruction: value(.designAndConstruction) == "yes", quantity: quantity, value: amount)
    return .success(RecordEvents([("", CaseLineAdded(program: program, line: line, request: namedRequest))]))
  }
}
