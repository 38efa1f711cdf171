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
          "Condition", .choice(open), selected.flatMap { open.contains($0) ? $0 : nil } ?? open.first ?? "",
          hint: "← → to choose", prefilled: false),
        Field("Outcome", .choice(["met", "waived"]), "met", hint: "← → to choose", prefilled: false),
        Field("Date", .date, today.description, hint: "YYYY-MM-DD"),
        Field("Reason", .text, "", hint: "waived only: the waiver's justification"),
      ])
  }

  func conditionCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value("Condition")
    if id.isEmpty { problems.append("Condition: this program has no open condition") }
    if id == Form.newMeasurement {
      return .failure(Rejection(["Condition: Enter opens the form for a measurement"]))
    }
    let on = day("Date", &problems)
    let waived = value("Outcome") == "waived"
    if waived, !value("Reason").hasVisibleText { problems.append("Reason: a waiver needs its justification") }
    guard problems.isEmpty, let on else { return .failure(Rejection(problems)) }
    let event: any EventPayload =
      waived
      ? ConditionWaived(program: program, id: id, on: on, reason: value("Reason"))
      : ConditionMet(program: program, id: id, on: on)
    return .success(RecordEvents([("", event)]))
  }
}
