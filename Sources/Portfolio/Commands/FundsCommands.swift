/// Obligate funds of a program's fiscal year (a contract, an LOA's funding). The
/// command holds the event it writes: what it checks is what is recorded.
public struct ObligateFunds: Command {
  public var event: FundsObligated
  public var program: String { event.program }
  public var fiscalYear: Int { event.fiscalYear }
  public var amount: Dollars { event.amount }
  public var on: Day { event.on }

  public init(program: String, fiscalYear: Int, amount: Dollars, on: Day) {
    event = FundsObligated(program: program, fiscalYear: fiscalYear, amount: amount, on: on)
  }

  public var title: String { "obligate \(amount.compact) of \(program) FY\(fiscalYear)" }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    var reasons: [String] = []
    if amount <= .zero {
      reasons.append("an obligation must be more than $0 (a de-obligation is its own command)")
    }
    if on > today { reasons.append("the obligation date \(on) is in the future (today is \(today))") }
    guard let funds = fundsLine(portfolio, program, fiscalYear, &reasons) else {
      return .reject(Rejection(reasons))
    }
    if on > funds.availableUntil {
      reasons.append(
        "\(program) FY\(fiscalYear) funds were available for new obligations until \(funds.availableUntil); \(on) is after it"
      )
    }
    let (total, overflow) = funds.obligated.amount.addingReportingOverflow(amount.amount)
    if overflow || Dollars(total) > funds.available {
      reasons.append(
        "\(program) FY\(fiscalYear): \(amount) would bring obligations to \(overflow ? "beyond any figure" : Dollars(total).description) against \(funds.available) available (\(funds.unobligated) unobligated)"
      )
    }
    return .check(reasons, [event])
  }
}

/// Record a disbursement (an outlay) against what a fiscal year has obligated.
public struct DisburseFunds: Command {
  public var event: FundsDisbursed
  public var program: String { event.program }
  public var fiscalYear: Int { event.fiscalYear }
  public var amount: Dollars { event.amount }
  /// The day of the outlay; nil: today.
  public var on: Day? { event.on }

  public init(program: String, fiscalYear: Int, amount: Dollars, on: Day? = nil) {
    event = FundsDisbursed(program: program, fiscalYear: fiscalYear, amount: amount, on: on)
  }

  public var title: String { "disburse \(amount.compact) of \(program) FY\(fiscalYear)" }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    var reasons: [String] = []
    if amount <= .zero { reasons.append("a disbursement must be more than $0") }
    guard let funds = fundsLine(portfolio, program, fiscalYear, &reasons) else {
      return .reject(Rejection(reasons))
    }
    let day = on ?? today
    if day > today { reasons.append("the disbursement date \(day) is in the future (today is \(today))") }
    if funds.phase(on: day, policy: portfolio.policy) == .cancelled {
      reasons.append(
        "\(program) FY\(fiscalYear) funds were cancelled after \(funds.cancels(policy: portfolio.policy)); nothing can be disbursed from them"
      )
    }
    let (total, overflow) = funds.disbursed.amount.addingReportingOverflow(amount.amount)
    if overflow || Dollars(total) > funds.obligated {
      reasons.append(
        "\(program) FY\(fiscalYear): \(amount) would bring disbursements to \(overflow ? "beyond any figure" : Dollars(total).description) against \(funds.obligated) obligated"
      )
    }
    return .check(reasons, [event])
  }
}

/// The program's funds for a fiscal year, or the reason there are none.
func fundsLine(_ p: Portfolio, _ program: String, _ fiscalYear: Int, _ reasons: inout [String]) -> Funding? {
  guard let prog = p.programs[program] else {
    reasons.append("no program '\(program)'")
    return nil
  }
  guard let funds = prog.funding.first(where: { $0.fiscalYear == fiscalYear }) else {
    let years = prog.funding.map { "FY\($0.fiscalYear)" }.joined(separator: ", ")
    reasons.append(
      "\(program) has no FY\(fiscalYear) funds\(years.isEmpty ? "" : " (it has \(years))"); record funds made available first"
    )
    return nil
  }
  return funds
}

/// Give back obligated funds (a de-obligation: recorded as a negative obligation).
public struct DeobligateFunds: Command {
  /// A negative obligation of the amount given back.
  public var event: FundsObligated
  public var program: String { event.program }
  public var fiscalYear: Int { event.fiscalYear }
  /// What is given back, as a positive amount.
  public var amount: Dollars { Dollars(0) - event.amount }
  public var on: Day { event.on }

  public init(program: String, fiscalYear: Int, amount: Dollars, on: Day) {
    event = FundsObligated(program: program, fiscalYear: fiscalYear, amount: Dollars(0) - amount, on: on)
  }

  public var title: String { "de-obligate \(amount.compact) of \(program) FY\(fiscalYear)" }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    var reasons: [String] = []
    if amount <= .zero {
      reasons.append("a de-obligation must be more than $0 (it is given as a positive amount)")
    }
    if on > today { reasons.append("the date \(on) is in the future (today is \(today))") }
    guard let funds = fundsLine(portfolio, program, fiscalYear, &reasons) else {
      return .reject(Rejection(reasons))
    }
    if funds.phase(on: on, policy: portfolio.policy) == .cancelled {
      reasons.append(
        "\(program) FY\(fiscalYear) funds were cancelled after \(funds.cancels(policy: portfolio.policy)); nothing can be de-obligated from them"
      )
    }
    if amount > funds.obligated - funds.disbursed {
      reasons.append(
        "\(program) FY\(fiscalYear): only \(funds.obligated - funds.disbursed) is obligated and not yet disbursed; \(amount) cannot be de-obligated"
      )
    }
    return .check(reasons, [event])
  }
}
