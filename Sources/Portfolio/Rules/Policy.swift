/// Every threshold and period the rules use, with REFERENCE.md's defaults.
///
/// Figures of the field change by statute and by guidance, and some are uncertain
/// (the informal review period); an administrator changes them with a
/// `policy.changed` event, never by editing code. `docs/domain.md` lists the sources.
public struct Policy: Codable, Sendable, Hashable {
  // §36(b) thresholds, AECA [CRS RL31675; ITAR §123.15].
  public var notifyMDEOther = Dollars.million(14)
  public var notifyArticlesOther = Dollars.million(50)
  public var notifyConstructionOther = Dollars.million(200)
  public var notifyMDENATO = Dollars.million(25)
  public var notifyArticlesNATO = Dollars.million(100)
  public var notifyConstructionNATO = Dollars.million(300)
  public var reviewDaysOther = 30
  public var reviewDaysNATO = 15
  /// Informal tiered review before formal notice; length not confirmed publicly.
  public var informalReviewDays = 20
  /// §36(c) USML Category I firearms threshold.
  public var notifyFirearms = Dollars.million(1)

  // Leahy [22 USC 2378d; 10 USC 362].
  public var vettingValidityDays = 365
  public var vettingExpiringLeadDays = 30

  // FMS case timeline [DSCA 16-11; LOA standardization guide; DSCA 21-72].
  public var lorValidationGoalDays = 5
  public var offerExpirationDays = 85
  public var offerExpirationBPCDays = 30
  public var offerExpiringLeadDays = 10
  public var closureTargetMonths = 24
  public var closureTargetTrainingMonths = 36
  /// The share of LOAs to offer on or before their Anticipated Offer Date (DSCA 11-46).
  public var offerOnTimeGoalPercent = 85

  // Funds [GAO-05-734SP].
  public var fundsExpiringLeadDays = 90
  public var expiredAuthorityYears = 5
  public var disbursementLagDays = 180
  public var disbursementLagFraction = 0.25

  // End-use monitoring [Golden Sentry; GAO-04-519].
  public var eumInitialInventoryDays = 90
  public var eumPeriodicInventoryDays = 365

  // Other authorities [REFERENCE.md "Other authorities"; *confirm* figures are policy values].
  /// Warn when this share (percent) of a year's drawdown authority is used.
  public var drawdownAuthorityWarnPercent = 90
  /// FAA §506(a)(1)'s annual cap, one figure for every partner [22 USC 2318(a)(1)].
  public var drawdownAnnualCap = Dollars.million(100)
  /// A drawdown package comes from stock: undelivered after this many days lags.
  public var drawdownDeliveryDays = 120
  /// A USAI contract is new production: undelivered after this many days lags.
  public var contractDeliveryDays = 730
  /// Days before a USAI obligation that Congress must have been notified.
  public var usaiNotifyDays = 15
  /// Days before a §333 program starts that Congress must have been notified [10 USC 333(e)].
  public var section333NotifyDays = 15
  /// EDA: notification 30 days before delivery at $7M original value or for SME [22 USC 2321j(f)].
  public var edaNotifyDays = 30
  public var edaNotifyAmount = Dollars.million(7)
  /// Days a congressional notification of funds waits before obligations may follow:
  /// "15 days in advance" [FAA §634A, 22 USC 2394-1; SFOPS act §7015].
  public var cnWaitDays = 15

  // Programs and workflow.
  public var sunsetLeadDays = 90
  public var approvalStaleDays = 14
  /// Requests at or above this amount need two distinct approvers, below it one.
  public var twoApproverAmount = Dollars.million(100)

  public init() {}

  /// The thresholds and review days for a tier.
  public func notification(for tier: NotificationTier) -> (
    mde: Dollars, articles: Dollars, construction: Dollars, reviewDays: Int
  ) {
    switch tier {
    case .natoPlus5: return (notifyMDENATO, notifyArticlesNATO, notifyConstructionNATO, reviewDaysNATO)
    case .other: return (notifyMDEOther, notifyArticlesOther, notifyConstructionOther, reviewDaysOther)
    }
  }

  /// Whether a case of these values needs §36(b) notification for this tier: MDE,
  /// articles and services (design and construction excluded), or design and
  /// construction services at or over their threshold. Thresholds are inclusive.
  public func requiresNotification(_ c: FMSCase, tier: NotificationTier) -> Bool {
    let t = notification(for: tier)
    let construction = c.designAndConstructionValue
    return c.mdeValue >= t.mde || c.value - construction >= t.articles || construction >= t.construction
      || c.firearmsValue >= notifyFirearms
  }

  // MARK: Named settings, for policy.changed events and `docs/domain.md`.

  /// A setting an administrator can change: its name and how to read and write it.
  public struct Setting: Sendable {
    public let name: String
    public let summary: String
    /// The values the setting can take: a stored value outside is kept in the log
    /// but not applied (a value that cannot be represented must never trap the fold).
    public let range: ClosedRange<Double>
    let get: @Sendable (Policy) -> Double
    let set: @Sendable (inout Policy, Double) -> Void
  }

  private static func days(_ name: String, _ summary: String, _ kp: WritableKeyPath<Policy, Int> & Sendable)
    -> Setting
  {
    Setting(
      name: name, summary: summary, range: 0...36_500, get: { Double($0[keyPath: kp]) },
      set: { $0[keyPath: kp] = Int($1) })
  }

  private static func money(
    _ name: String, _ summary: String, _ kp: WritableKeyPath<Policy, Dollars> & Sendable
  ) -> Setting {
    Setting(
      name: name, summary: summary, range: 0...1e15, get: { Double($0[keyPath: kp].amount) },
      set: { $0[keyPath: kp] = Dollars(Int64($1)) })
  }

  public static let settings: [Setting] = [
    money("notify.mde.other", "§36(b) MDE threshold, other partners", \.notifyMDEOther),
    money(
      "notify.articles.other", "§36(b) articles/services threshold, other partners", \.notifyArticlesOther),
    money(
      "notify.construction.other", "§36(b) design & construction threshold, other", \.notifyConstructionOther),
    money("notify.mde.nato", "§36(b) MDE threshold, NATO+5", \.notifyMDENATO),
    money("notify.articles.nato", "§36(b) articles/services threshold, NATO+5", \.notifyArticlesNATO),
    money(
      "notify.construction.nato", "§36(b) design & construction threshold, NATO+5", \.notifyConstructionNATO),
    money("notify.firearms", "§36(c) USML Cat I firearms threshold", \.notifyFirearms),
    days("review.days.other", "formal review period, other partners", \.reviewDaysOther),
    days("review.days.nato", "formal review period, NATO+5", \.reviewDaysNATO),
    days("review.informal.days", "informal tiered review (unconfirmed)", \.informalReviewDays),
    days("vetting.validity.days", "Leahy vetting validity", \.vettingValidityDays),
    days("vetting.expiring.days", "warn before vetting expires", \.vettingExpiringLeadDays),
    days("lor.validation.days", "LOR validation goal", \.lorValidationGoalDays),
    days("offer.expiration.days", "offer expiration after LOA offer", \.offerExpirationDays),
    days("offer.expiration.bpc.days", "offer expiration, BPC cases", \.offerExpirationBPCDays),
    days("offer.expiring.days", "warn before offer expires", \.offerExpiringLeadDays),
    days("closure.months", "case closure target after SSC", \.closureTargetMonths),
    days("closure.training.months", "closure target, training cases", \.closureTargetTrainingMonths),
    Setting(
      name: "offer.ontime.percent", summary: "goal: share of LOAs offered by their AOD (percent)",
      range: 1...100, get: { Double($0.offerOnTimeGoalPercent) }, set: { $0.offerOnTimeGoalPercent = Int($1) }
    ),
    days("funds.expiring.days", "warn before unobligated funds expire", \.fundsExpiringLeadDays),
    days("funds.expired.years", "years expired authority stays before cancellation", \.expiredAuthorityYears),
    days("disbursement.lag.days", "age of first obligation for the lag rule", \.disbursementLagDays),
    Setting(
      name: "disbursement.lag.fraction", summary: "disbursed share below which lag fires", range: 0...1,
      get: { $0.disbursementLagFraction }, set: { $0.disbursementLagFraction = $1 }),
    days("eum.initial.days", "initial enhanced-EUM inventory after arrival", \.eumInitialInventoryDays),
    days("eum.periodic.days", "periodic enhanced-EUM inventory", \.eumPeriodicInventoryDays),
    Setting(
      name: "drawdown.warn.percent", summary: "warn when this % of a year's drawdown authority is used",
      range: 1...100, get: { Double($0.drawdownAuthorityWarnPercent) },
      set: { $0.drawdownAuthorityWarnPercent = Int($1) }),
    days("drawdown.delivery.days", "a drawdown package undelivered after this lags", \.drawdownDeliveryDays),
    money("drawdown.annual.amount", "FAA §506(a)(1) annual drawdown cap, all partners", \.drawdownAnnualCap),
    days("contract.delivery.days", "a USAI contract undelivered after this lags", \.contractDeliveryDays),
    days("usai.notify.days", "USAI: notify Congress this many days before obligating", \.usaiNotifyDays),
    days("s333.notify.days", "§333: notify Congress this many days before start", \.section333NotifyDays),
    days("eda.notify.days", "EDA: notify Congress this many days before delivery", \.edaNotifyDays),
    money(
      "eda.notify.amount", "EDA original value at or over which notification is needed", \.edaNotifyAmount),
    days("cn.wait.days", "CN: days the committees are notified before obligating (FAA §634A)", \.cnWaitDays),
    days("sunset.days", "warn before a program's sunset", \.sunsetLeadDays),
    days("approval.stale.days", "a pending request is stale after", \.approvalStaleDays),
    money("approval.two.amount", "requests at or above need two approvers", \.twoApproverAmount),
  ]

  public static func setting(named name: String) -> Setting? { settings.first { $0.name == name } }

  public func value(of setting: Setting) -> Double { setting.get(self) }
}
