public enum Severity: Int, Codable, Sendable, Comparable, CaseIterable {
  case info = 0
  case warning = 1
  case critical = 2

  public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

  public var name: String {
    switch self {
    case .info: return "info"
    case .warning: return "warning"
    case .critical: return "critical"
    }
  }

  /// Severity is never shown by colour alone.
  public var symbol: String {
    switch self {
    case .info: return "i"
    case .warning: return "!"
    case .critical: return "‼"
    }
  }
}

/// The alert catalogue of REFERENCE.md.
public enum AlertRule: String, Codable, Sendable, CaseIterable {
  case leahyExpiring = "leahy-expiring"
  case leahyExpired = "leahy-expired"
  case leahyBlocked = "leahy-blocked"
  case leahyNotCleared = "leahy-not-cleared"
  case notificationRequired = "notification-required"
  case notificationReview = "notification-review"
  case renotificationRequired = "renotification-required"
  case lorNotValidated = "lor-not-validated"
  case offerExpiring = "offer-expiring"
  case offerLapsed = "offer-lapsed"
  /// The LOA is not offered by the case's Anticipated Offer Date.
  case offerLate = "offer-late"
  case fundsExpiring = "funds-expiring"
  case overObligation = "over-obligation"
  case disbursementLag = "disbursement-lag"
  case eumOverdue = "eum-overdue"
  case eumShortfall = "eum-shortfall"
  case sunsetApproaching = "sunset-approaching"
  case sunsetPassed = "sunset-passed"
  case restrictionActive = "restriction-active"
  case conditionUnmet = "condition-unmet"
  case approvalStale = "approval-stale"
  case closureOverdue = "closure-overdue"
  case informalReview = "informal-review"
  case drawdownAuthorityUsed = "drawdown-authority-used"
  case deliveryLag = "delivery-lag"
  case usaiNotification = "usai-notification"
  case section333Notification = "s333-notification"
  case section333HumanRights = "s333-human-rights"
  case edaNotification = "eda-notification"
  case eumDerogatory = "eum-derogatory"
  /// FMF, IMET or PKO money committed (warning) or obligated (critical) beyond what the
  /// partner's congressional notifications cover (FAA §634A; SFOPS §7015).
  case cnRequired = "cn-required"
  /// A congressional notification's 15 days run, or a committee holds it.
  case cnHold = "cn-hold"
  /// The store's head is behind what this account saw: records were cut off.
  case storeRollback = "store-rollback"
  /// The record this account saw at a position has another hash: a different history.
  case storeFork = "store-fork"
  /// Not a rule of the field: a record about the program is in the log but could not
  /// be applied (an amount that would overflow a figure, say), so the figures on
  /// screen may be missing something.
  case recordNotApplied = "record-not-applied"
  /// A record in a signed store that its signer may not write (a forged policy change,
  /// role or obligation, a record under another's name, an unsigned one): kept, never
  /// applied, and critical. Only an administrator acknowledges it, and it stays listed.
  case recordNotAuthorized = "record-not-authorized"
  /// A gated fact (an obligation, an LOA offered, a drawdown package) that no executed
  /// request covers: kept, never applied, critical (docs/approvals.md).
  case unapprovedFact = "unapproved-fact"

  /// The Leahy rules, whose texts and days carry vetting details (restricted on a kiosk).
  public var isAboutVetting: Bool {
    self == .leahyBlocked || self == .leahyExpired || self == .leahyExpiring || self == .leahyNotCleared
  }

  public var title: String {
    switch self {
    case .leahyExpiring: return "Leahy vetting expiring"
    case .leahyExpired: return "Leahy vetting expired"
    case .leahyBlocked: return "Leahy blocked"
    case .leahyNotCleared: return "Leahy not cleared"
    case .notificationRequired: return "§36(b) notification required"
    case .notificationReview: return "§36(b) review open"
    case .renotificationRequired: return "§36(b) re-notification"
    case .lorNotValidated: return "LOR not validated"
    case .offerExpiring: return "Offer expiring"
    case .offerLapsed: return "Offer lapsed"
    case .offerLate: return "Offer past its AOD"
    case .fundsExpiring: return "Funds expiring"
    case .overObligation: return "Over-obligation"
    case .disbursementLag: return "Disbursement lag"
    case .eumOverdue: return "EUM inventory overdue"
    case .eumShortfall: return "EUM serial shortfall"
    case .sunsetApproaching: return "Sunset approaching"
    case .sunsetPassed: return "Sunset passed"
    case .restrictionActive: return "Restriction active"
    case .conditionUnmet: return "Condition unmet"
    case .approvalStale: return "Approval stale"
    case .closureOverdue: return "Closure overdue"
    case .informalReview: return "Informal review open"
    case .drawdownAuthorityUsed: return "Drawdown authority used"
    case .deliveryLag: return "Delivery lag"
    case .usaiNotification: return "USAI notification"
    case .section333Notification: return "§333 notification"
    case .section333HumanRights: return "§333 human rights"
    case .edaNotification: return "EDA notification"
    case .eumDerogatory: return "EUM derogatory finding"
    case .cnRequired: return "CN required"
    case .cnHold: return "CN hold"
    case .storeRollback: return "Store rolled back"
    case .storeFork: return "Store forked"
    case .recordNotApplied: return "Record not applied"
    case .recordNotAuthorized: return "Record without authority"
    case .unapprovedFact: return "Fact without approval"
    }
  }
}

/// A stable alert identifier: `rule/program[/detail]`. The same situation always
/// yields the same id, so an acknowledgement keeps applying across restarts.
public struct AlertID: Hashable, Sendable, CustomStringConvertible {
  public let rule: AlertRule
  public let program: String
  public let detail: String?
  /// `rule/program[/detail]`, made once: it orders alerts (ties of severity and day),
  /// and sorting or searching 350,000 of them must not build it on every comparison.
  public let description: String

  public init(rule: AlertRule, program: String, detail: String? = nil) {
    self.rule = rule
    self.program = program
    self.detail = detail
    description = "\(rule.rawValue)/\(program)" + (detail.map { "/\($0)" } ?? "")
  }

  public init?(_ text: String) {
    let parts = text.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, let rule = AlertRule(rawValue: parts[0]), !parts[1].isEmpty else { return nil }
    self.init(rule: rule, program: parts[1], detail: parts.count == 3 ? parts[2] : nil)
  }

  public static func == (a: AlertID, b: AlertID) -> Bool { a.description == b.description }
  public func hash(into h: inout Hasher) { h.combine(description) }
}

/// What an alert is about.
public struct AlertSubject: Sendable, Hashable, Codable {
  public var partner: String
  public var program: String
  public var unit: String?
}

/// One open alert: a rule that fired, with the figures that fired it.
public struct Alert: Sendable, Hashable, Identifiable {
  public var id: AlertID
  public var severity: Severity
  public var subject: AlertSubject
  /// Nil for an alert about the store itself (rollback, fork), which no region owns.
  public var region: Region?
  public var message: String
  /// The day the condition began (e.g. the day vetting expired).
  public var began: Day
  /// Boxed: most alerts have none, and inline it would make each of 350,000 alerts 60
  /// bytes larger (issue 30's memory figures).
  private var acknowledgementBox: AcknowledgementBox?
  public var acknowledgement: Acknowledgement? {
    get { acknowledgementBox?.value }
    set { acknowledgementBox = newValue.map(AcknowledgementBox.init) }
  }

  public init(
    id: AlertID, severity: Severity, subject: AlertSubject, region: Region?, message: String, began: Day,
    acknowledgement: Acknowledgement?
  ) {
    self.id = id
    self.severity = severity
    self.subject = subject
    self.region = region
    self.message = message
    self.began = began
    self.acknowledgementBox = acknowledgement.map(AcknowledgementBox.init)
  }

  public var rule: AlertRule { id.rule }
  public var isOpen: Bool { acknowledgement == nil }
  /// Whether a list of open alerts shows it: open ones, and the store's own alerts
  /// even once acknowledged (a forgery does not leave the list because someone saw it).
  public var isListed: Bool { isOpen || rule.isAboutTheStore }

  /// Most severe first, then oldest first, then by id for a stable order.
  public static func precedes(_ a: borrowing Alert, _ b: borrowing Alert) -> Bool {
    if a.severity != b.severity { return a.severity > b.severity }
    if a.began != b.began { return a.began < b.began }
    return a.id.description < b.id.description
  }
}

extension Alert {
  /// `alerts` in order (`precedes`).
  public static func sorted(_ alerts: [Alert]) -> [Alert] {
    var out = alerts
    sort(&out)
    return out
  }

  /// Puts `alerts` in order (`precedes`) in place. Sorts positions by an integer key
  /// (severity and day; the id's text only breaks a tie), then moves each alert once
  /// along the permutation's cycles: a merge sort of the alerts themselves copies every
  /// one (and retains its strings) at each level, and a sorted copy would hold two
  /// lists of 350,000 at once.
  public static func sort(_ alerts: inout [Alert]) {
    guard alerts.count > 1 else { return }
    let keys = alerts.map { a in
      Int64(Severity.critical.rawValue - a.severity.rawValue) << 33 | (Int64(a.began.ordinal) + (1 << 31))
    }
    var order = Array(0..<Int32(alerts.count))
    alerts.withUnsafeBufferPointer { a in
      keys.withUnsafeBufferPointer { k in
        order.sort { x, y in
          let i = Int(x)
          let j = Int(y)
          return k[i] != k[j] ? k[i] < k[j] : a[i].id.description < a[j].id.description
        }
      }
    }
    // Position j takes the alert at order[j]: follow each cycle with swaps.
    var done = [Bool](repeating: false, count: alerts.count)
    alerts.withUnsafeMutableBufferPointer { a in
      for start in 0..<a.count where !done[start] {
        var j = start
        while true {
          done[j] = true
          let k = Int(order[j])
          if k == start { break }
          a.swapAt(j, k)
          j = k
        }
      }
    }
  }
}

/// An acknowledgement held by reference in an alert (compared by value).
final class AcknowledgementBox: Sendable, Hashable {
  let value: Acknowledgement
  init(_ value: Acknowledgement) { self.value = value }
  static func == (a: AcknowledgementBox, b: AcknowledgementBox) -> Bool { a.value == b.value }
  func hash(into h: inout Hasher) { h.combine(value) }
}
