import Portfolio

/// N on a program: a new request, its kind's fields, and whether to submit it now.
extension Form {
  static let requestSaveOptions = ["submit now", "save as draft"]

  static func request(program: Program, today: Day) -> Form {
    let kind: RequestKind =
      switch program.kind {
      case .fmf: .releaseFunds
      case .fms: .offerLOA
      case .imet: .enrollIMET
      case .eda: .allocateEDA
      default: .deliver
      }
    return Form(
      kind: .request(program: program.id),
      fields: [
        Field(
          .kind, .choice(RequestKind.onPrograms.map(\.rawValue)), kind.rawValue, hint: "← → to choose",
          prefilled: false),
        Field(
          .amount, .money, "",
          hint:
            "e.g. 1.25M: the funds, the LOA's or articles' value, the training's cost (offer-loa: empty takes the case value)"
        ),
        Field(
          .fiscalYear, .year, String(program.funding.last?.fiscalYear ?? today.fiscalYear),
          hint: "release-funds"),
        Field(
          .units, .text, program.units.joined(separator: ","),
          hint: "enroll-imet, deliver: unit IDs, comma-separated"),
        Field(.course, .text, "", hint: "enroll-imet"),
        Field(.students, .text, "", hint: "enroll-imet: how many"),
        Field(.newSunset, .date, "", hint: "extend-sunset: YYYY-MM-DD"),
        Field(
          .restriction, .choice(RestrictionKind.allCases.map(\.rawValue)), RestrictionKind.coup.rawValue,
          hint: "waive-restriction: ← → to choose", prefilled: false),
        Field(.justification, .text, "", hint: "why: the request's reason"),
        Field(
          .save, .choice(requestSaveOptions), requestSaveOptions[0], hint: "← → to choose", prefilled: false),
      ])
  }

  /// Which of the request form's fields each kind asks for (the others are hidden).
  static let requestFields: [RequestKind: Set<FieldLabel>] = [
    .releaseFunds: [.amount, .fiscalYear], .offerLOA: [.amount], .allocateEDA: [.amount],
    .enrollIMET: [.amount, .units, .course, .students], .deliver: [.amount, .units],
    .extendSunset: [.newSunset],
    .waiveRestriction: [.restriction],
  ]

  /// A request form shows only the fields of the kind chosen (and the ones all share).
  mutating func showFieldsOfItsKind() {
    guard case .request = kind, let chosen = RequestKind(rawValue: value(.kind)) else { return }
    let own = Form.requestFields[chosen] ?? []
    let every = Set(Form.requestFields.values.flatMap { $0 })
    for i in fields.indices {
      fields[i].hidden = every.contains(fields[i].label) && !own.contains(fields[i].label)
    }
    if fields[focus].hidden { focus = nextVisible(1) }
  }

  func requestCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    guard let kind = RequestKind(rawValue: value(.kind)) else {
      return .failure(Rejection("Kind: choose one with ← →"))
    }
    var amount = Dollars.zero
    if !value(.amount).isEmpty {
      if let a = parseDollars(value(.amount)) {
        amount = a
      } else {
        problems.append("Amount: a dollar figure such as 1.25M")
      }
    }
    let fy = kind == .releaseFunds ? Int(value(.fiscalYear)) : nil
    if kind == .releaseFunds, fy == nil { problems.append("Fiscal year: a year such as 2026") }
    var students: Int?
    if kind == .enrollIMET {
      students = Int(value(.students))
      if students == nil { problems.append("Students: a whole number") }
    }
    let until = kind == .extendSunset ? day(.newSunset, &problems) : nil
    let units =
      kind == .enrollIMET || kind == .deliver
      ? value(.units).split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty } : []
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    return .success(
      RaiseRequest(
        program: program, kind: kind,
        amount: Form.requestFields[kind]?.contains(.amount) == true ? amount : .zero,
        fiscalYear: fy, units: units, course: kind == .enrollIMET ? value(.course) : nil, students: students,
        until: until, justification: value(.justification),
        submit: value(.save) == Form.requestSaveOptions[0],
        restriction: kind == .waiveRestriction ? RestrictionKind(rawValue: value(.restriction)) : nil))
  }
}
