/// A congressional notification of funds (a "CN"): the committees told, 15 days before,
/// that a partner's money of an account and fiscal year is to be obligated (FAA §634A,
/// 22 USC 2394-1; each year's SFOPS act §7015). Money is obligated only as far as
/// cleared CNs cover it (REFERENCE.md, "Congressional notification of funds").
public struct FundsNotification: Codable, Sendable, Hashable, Identifiable {
  /// The CN's number as the Department numbers it, e.g. `CN 26-117`.
  public var number: String
  public var partner: String
  /// The appropriation account notified: FMF, IMET or PKO (`FundsNotification.accounts`).
  public var account: String
  public var fiscalYear: Int
  public var amount: Dollars
  public var purpose: String
  public var transmitted: Day
  /// A committee's informal hold: the office waits until it is lifted.
  public var held: Day?
  public var heldBy: String?
  /// The day a hold was lifted (the CN cleared).
  public var lifted: Day?
  public var withdrawn: Day?
  public var withdrawalReason: String?

  public var id: String { number }

  public init(
    number: String, partner: String, account: String, fiscalYear: Int, amount: Dollars, purpose: String,
    transmitted: Day
  ) {
    self.number = number
    self.partner = partner
    self.account = account
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.purpose = purpose
    self.transmitted = transmitted
  }

  /// The accounts whose obligations sapm holds to cleared CNs: the three, all
  /// under §7015's regular notification procedures (NADR and INCLE are notified too, but
  /// sapm does not obligate them).
  public static let accounts: Set<String> = ["FMF", "IMET", "PKO"]

  /// The last day of the advance-notice period: obligations may follow from the day after.
  public func waitEnds(policy: Policy) -> Day { transmitted.adding(days: policy.cnWaitDays) }

  /// Where the CN stands on `day`.
  public enum Status: Sendable, Hashable {
    /// Not yet transmitted on that day (a time-travel view before it).
    case notYet
    /// Transmitted; the advance-notice period runs until the day given (inclusive).
    case waiting(until: Day)
    /// A committee holds it.
    case held(since: Day, by: String)
    case cleared(since: Day)
    case withdrawn(on: Day)
  }

  public func status(on day: Day, policy: Policy) -> Status {
    status(policy: policy) { day >= $0 }
  }

  /// The status as a rule sees it: `reached(d)` says whether the day has come (a rule's
  /// `Today` notes each question it asks, so alerts change on the right day).
  func status(policy: Policy, reached: (Day) -> Bool) -> Status {
    guard reached(transmitted) else { return .notYet }
    if let w = withdrawn, reached(w) { return .withdrawn(on: w) }
    if let h = held, reached(h), !(lifted.map(reached) ?? false) { return .held(since: h, by: heldBy ?? "") }
    let ends = waitEnds(policy: policy)
    guard reached(ends.adding(days: 1)) else { return .waiting(until: ends) }
    return .cleared(since: max(ends.adding(days: 1), lifted ?? ends.adding(days: 1)))
  }

  /// Whether the CN covers obligations on `day`.
  public func covers(on day: Day, policy: Policy) -> Bool {
    if case .cleared = status(on: day, policy: policy) { return true }
    return false
  }
}

/// A partner's account and fiscal year: what CNs notify and obligations are held to.
public struct AccountYear: Hashable, Sendable, Comparable {
  public var partner: String
  public var account: String
  public var fiscalYear: Int

  public init(partner: String, account: String, fiscalYear: Int) {
    self.partner = partner
    self.account = account
    self.fiscalYear = fiscalYear
  }

  public static func < (a: AccountYear, b: AccountYear) -> Bool {
    (a.partner, a.account, a.fiscalYear) < (b.partner, b.account, b.fiscalYear)
  }

  /// "Jordan FMF FY2026", given the partner's name.
  public func title(_ partnerName: String) -> String { "\(partnerName) \(account) FY\(fiscalYear)" }
}

/// What a partner's programs of one account have committed and obligated in one
/// fiscal year (kept by the fold: a rule asks it for every program).
public struct AccountYearFigures: Sendable, Hashable {
  public var committed: Dollars = .zero
  public var obligated: Dollars = .zero
}

extension Program {
  /// The account whose obligations need a cleared CN, or nil when this program's do not.
  /// By kind, and for security cooperation by the imported ID's account (PKO): asked for
  /// every funds event of a fold, so no ID is split unless it has to be.
  public var notifiedAccount: String? {
    switch kind {
    case .fmf: return "FMF"
    case .imet: return "IMET"
    case .securityCooperation:
      return ForeignAssistance.account(ofProgram: id) == "PKO" ? "PKO" : nil
    default: return nil
    }
  }
}
