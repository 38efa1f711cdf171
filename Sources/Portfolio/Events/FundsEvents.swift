/// Budget authority made available to a program for a fiscal year (appropriation,
/// apportionment and allotment are not tracked separately here).
public struct FundsMadeAvailable: EventPayload {
  public static let type = "funds.available"
  public var program: String
  public var fiscalYear: Int
  public var amount: Dollars
  /// Last day the funds may be obligated; defaults to the end of the fiscal year.
  public var availableUntil: Day?
  /// Where the figure comes from when it is not an appropriation recorded by hand:
  /// "imported: ForeignAssistance.gov" marks funds set to match reported obligations.
  public var source: String?
  public init(
    program: String, fiscalYear: Int, amount: Dollars, availableUntil: Day? = nil, source: String? = nil
  ) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.availableUntil = availableUntil
    self.source = source
  }
  public var programID: String? { program }
  public var summary: String {
    "FY\(fiscalYear) \(amount.compact) made available" + (availableUntil.map { " until \($0)" } ?? "")
      + (source.map { " (\($0))" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let until = availableUntil ?? Day.endOfFiscalYear(fiscalYear)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      let current = prog.funding.first { $0.fiscalYear == fiscalYear }?.available ?? .zero
      let total = try current.plus(amount, "\(program) FY\(fiscalYear) available")
      prog.withFunding(fiscalYear, default: until) {
        $0.available = total
        if let explicit = availableUntil { $0.availableUntil = explicit }
      }
    }
  }
}

public struct FundsCommitted: EventPayload {
  public static let type = "funds.committed"
  public var program: String
  public var fiscalYear: Int
  public var amount: Dollars
  /// The executed request this commitment was approved by (docs/approvals.md).
  public var request: String?
  /// Who reported it, for figures brought in by `sapm import` (reported, not approved).
  public var source: String?
  public init(
    program: String, fiscalYear: Int, amount: Dollars, request: String? = nil, source: String? = nil
  ) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.request = request
    self.source = source
  }
  public var programID: String? { program }
  public var summary: String {
    "FY\(fiscalYear) \(amount.compact) committed" + requestNote(request, source)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    var account: AccountYear?
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = prog.funding.firstIndex(where: { $0.fiscalYear == fiscalYear }) else {
        throw FoldError("\(program) has no FY\(fiscalYear) funds")
      }
      prog.funding[i].committed = try prog.funding[i].committed.plus(
        amount, "\(program) FY\(fiscalYear) committed")
      account = prog.notifiedAccount.map {
        AccountYear(partner: prog.partner, account: $0, fiscalYear: fiscalYear)
      }
    }
    if let account { p.noteAccountFlow(account, committed: amount) }
  }
}

/// An obligation (negative amounts are de-obligations).
public struct FundsObligated: EventPayload {
  public static let type = "funds.obligated"
  public var program: String
  public var fiscalYear: Int
  public var amount: Dollars
  public var on: Day
  /// The executed request this obligation was approved by (docs/approvals.md).
  public var request: String?
  /// Who reported it, for figures brought in by `sapm import` (reported, not approved).
  public var source: String?
  /// Why an obligation dated before the day it is recorded comes late: required then
  /// (`sapm record` refuses it without), and shown as "recorded late" with it.
  public var late: String?
  public init(
    program: String, fiscalYear: Int, amount: Dollars, on: Day, request: String? = nil, source: String? = nil,
    late: String? = nil
  ) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.on = on
    self.request = request
    self.source = source
    self.late = late
  }
  public var programID: String? { program }
  public var summary: String {
    "FY\(fiscalYear) \(amount.compact) obligated on \(on)" + requestNote(request, source)
      + (late.map { " — recorded late: \($0)" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    var account: AccountYear?
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = prog.funding.firstIndex(where: { $0.fiscalYear == fiscalYear }) else {
        throw FoldError("\(program) has no FY\(fiscalYear) funds")
      }
      prog.funding[i].obligated = try prog.funding[i].obligated.plus(
        amount, "\(program) FY\(fiscalYear) obligated")
      if amount > .zero, prog.funding[i].firstObligation.map({ on < $0 }) ?? true {
        prog.funding[i].firstObligation = on
      }
      account = prog.notifiedAccount.map {
        AccountYear(partner: prog.partner, account: $0, fiscalYear: fiscalYear)
      }
    }
    if let account { p.noteAccountFlow(account, obligated: amount) }
  }
}

/// A fiscal year's obligations and disbursements as a source reports them (an import
/// of ForeignAssistance.gov): the year's figures are set to these, whatever they were,
/// so a later edition replaces them and the same file twice records nothing new.
public struct FundsReported: EventPayload {
  public static let type = "funds.reported"
  public var program: String
  public var fiscalYear: Int
  /// Net obligations (de-obligations make it smaller, even below zero).
  public var obligated: Dollars
  public var disbursed: Dollars
  public var source: String
  public init(program: String, fiscalYear: Int, obligated: Dollars, disbursed: Dollars, source: String) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.obligated = obligated
    self.disbursed = disbursed
    self.source = source
  }
  public var programID: String? { program }
  /// A year's figures count from the year's last day (ForeignAssistance.gov reports by
  /// fiscal year): `--as-of 2024-09-30` shows FY2024 as reported, `2024-09-29` does not.
  public var effectiveDay: Day? { Day.endOfFiscalYear(fiscalYear) }
  public var summary: String {
    "FY\(fiscalYear) as reported by \(source): obligated \(obligated.compact), disbursed \(disbursed.compact)"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard source.hasVisibleText else { throw FoldError("reported figures name their source") }
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      let year = ReportedYear(
        fiscalYear: fiscalYear, obligated: obligated, disbursed: disbursed, source: source)
      if let i = prog.reported.firstIndex(where: { $0.fiscalYear == fiscalYear }) {
        prog.reported[i] = year
      } else {
        prog.reported.append(year)
        prog.reported.sort { $0.fiscalYear < $1.fiscalYear }
      }
    }
  }
}

public struct FundsDisbursed: EventPayload {
  public static let type = "funds.disbursed"
  public var program: String
  public var fiscalYear: Int
  public var amount: Dollars
  /// The day of the outlay, when it is not the day it is recorded (an import of
  /// past years): a cancelled account is judged on this day.
  public var on: Day?
  public init(program: String, fiscalYear: Int, amount: Dollars, on: Day? = nil) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String {
    "FY\(fiscalYear) \(amount.compact) disbursed" + (on.map { " on \($0)" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = prog.funding.firstIndex(where: { $0.fiscalYear == fiscalYear }) else {
        throw FoldError("\(program) has no FY\(fiscalYear) funds")
      }
      prog.funding[i].disbursed = try prog.funding[i].disbursed.plus(
        amount, "\(program) FY\(fiscalYear) disbursed")
    }
  }
}
