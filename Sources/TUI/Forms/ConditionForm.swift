import Portfolio

/// The Conditions & metrics tab's form: a condition met or waived.
extension Form {
  static func condition(program: Program, selected: String?, today: Day) -> Form {
    let open =
      program.conditions.filter { !$0.isSettled }.map(\.id)
      + (program.metrics.isEmpty ? [] : [newMeasurement])
    return Form(
      kind: .condition(program: program.id),
      fields: [
        Field(
          .condition, .choice(open), selected.flatMap { open.contains($0) ? $0 : nil } ?? open.first ?? "",
          hint: "← → to choose", prefilled: false),
        Field(.outcome, .choice(["met", "waived"]), "met", hint: "← → to choose", prefilled: false),
        Field(.date, .date, today.description, hint: "YYYY-MM-DD"),
        Field(.reason, .text, "", hint: "waived only: the waiver's justification"),
      ])
  }

  func conditionCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.condition)
    if id.isEmpty { problems.append("Condition: this program has no open condition") }
    if id == Form.newMeasurement {
      return .failure(Rejection(["Condition: Enter opens the form for a measurement"]))
    }
    let on = day(.date, &problems)
    let waived = value(.outcome) == "waived"
    if waived, !value(.reason).hasVisibleText { problems.append("Reason: a waiver needs its justification") }
    guard problems.isEmpty, let on else { return .failure(Rejection(problems)) }
    let event: any EventPayload =
      waived
      ? ConditionWaived(program: program, id: id, on: on, reason: value(.reason))
      : ConditionMet(program: program, id: id, on: on)
    return .success(RecordEvents([("", event)]))
  }
}
