import Portfolio

/// The Funding tab's form.
extension Form {
  static let fundsActions = ["obligated", "disbursed", "de-obligated", "made available", "committed"]

  /// The Funding tab's form, on `program`, pre-filled with the latest fiscal year.
  static func funds(program: Program, today: Day) -> Form {
    let fy = program.funding.last?.fiscalYear ?? today.fiscalYear
    return Form(
      // FMF is two-year money (annual SFOPS acts: "to remain available until September
      // 30" of the following year); other accounts default to their fiscal year.
      kind: .funds(program: program.id, years: program.kind == .fmf ? 2 : 1),
      fields: [
        Field(.what, .choice(fundsActions), fundsActions[0], hint: "← → to choose", prefilled: false),
        Field(.fiscalYear, .year, String(fy), hint: "e.g. 2026"),
        Field(.amount, .money, "", hint: "e.g. 1,250,000 or 1.25M"),
        Field(.date, .date, today.description, hint: "obligation date, YYYY-MM-DD"),
        Field(
          .availableUntil, .date, "",
          hint: program.kind == .fmf
            ? "made available only; empty: end of the next FY (FMF is two-year money)"
            : "made available only; empty: end of the FY"),
      ])
  }

  func fundsCommand(_ program: String, years: Int) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let fy = Int(value(.fiscalYear))
    if fy == nil || !(1950...2100).contains(fy ?? 0) { problems.append("Fiscal year: a year such as 2026") }
    let amount = parseDollars(value(.amount))
    if amount == nil { problems.append("Amount: a dollar figure such as 1,250,000 or 1.25M") }
    let day = Day(value(.date))
    let action = value(.what)
    if action == "obligated" || action == "de-obligated", day == nil { problems.append("Date: YYYY-MM-DD") }
    // A disbursement's date may be left empty (unknown); one typed is the one recorded.
    if action == "disbursed", !value(.date).isEmpty, day == nil {
      problems.append("Date: YYYY-MM-DD, or empty")
    }
    var until: Day?
    if action == "made available", !value(.availableUntil).isEmpty {
      until = Day(value(.availableUntil))
      if until == nil { problems.append("Available until: YYYY-MM-DD, or empty for the end of the FY") }
    }
    guard problems.isEmpty, let fy, let amount else { return .failure(Rejection(problems)) }
    if action == "made available", until == nil, years > 1 { until = Day.endOfFiscalYear(fy + years - 1) }
    switch action {
    case "obligated":
      guard let day else { return .failure(Rejection(problems)) }
      return .success(ObligateFunds(program: program, fiscalYear: fy, amount: amount, on: day))
    case "de-obligated":
      guard let day else { return .failure(Rejection(problems)) }
      return .success(DeobligateFunds(program: program, fiscalYear: fy, amount: amount, on: day))
    case "disbursed":
      return .success(DisburseFunds(program: program, fiscalYear: fy, amount: amount, on: day))
    case "committed":
      return .success(
        RecordEvents([("", FundsCommitted(program: program, fiscalYear: fy, amount: amount))]))
    default:
      return .success(
        RecordEvents([
          (
            "",
            FundsMadeAvailable(program: program, fiscalYear: fy, amount: amount, availableUntil: until)
          )
        ]))
    }
  }
}
