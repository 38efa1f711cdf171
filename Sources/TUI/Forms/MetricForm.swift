import Portfolio

/// The Conditions & metrics tab's other form: a metric measured.
extension Form {
  /// The last choice of the condition form's Condition field: Enter on it opens this form.
  static let newMeasurement = "+ measure a metric"

  static func metric(program: Program, today: Day) -> Form {
    let ids = program.metrics.map(\.id)
    return Form(
      kind: .metric(program: program.id),
      fields: [
        Field(.metric, .choice(ids), ids.first ?? "", hint: "← → to choose", prefilled: false),
        Field(.actual, .text, "", hint: "the measured value"),
        Field(.measured, .date, today.description, hint: "YYYY-MM-DD"),
      ])
  }

  func metricCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let id = value(.metric)
    if id.isEmpty { problems.append("Metric: this program defines no metric") }
    let actual = Double(value(.actual))
    if actual == nil || !(actual?.isFinite ?? false) { problems.append("Actual: a number") }
    let on = day(.measured, &problems)
    guard problems.isEmpty, let actual, let on else { return .failure(Rejection(problems)) }
    return .success(RecordEvents([("", MetricMeasured(program: program, id: id, actual: actual, on: on))]))
  }
}
