import Portfolio

/// The Summary tab's form: the program's status, with the reason for the change.
/// (Extending a program past its sunset is a request for approval: see the
/// approvals issue.)
extension Form {
  static func status(program: Program) -> Form {
    let statuses = ProgramStatus.allCases.map(\.rawValue)
    return Form(
      kind: .status(program: program.id),
      fields: [
        Field(.status, .choice(statuses), program.status.rawValue, hint: "← → to choose", prefilled: false),
        Field(.reason, .text, "", hint: "why, for the program's history"),
      ])
  }

  func statusCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    if !value(.reason).hasVisibleText { problems.append("Reason: why the status changes") }
    let status = ProgramStatus(rawValue: value(.status)) ?? .active
    guard problems.isEmpty else { return .failure(Rejection(problems)) }
    return .success(
      RecordEvents([("", ProgramStatusChanged(program: program, status: status, reason: value(.reason)))]))
  }
}
