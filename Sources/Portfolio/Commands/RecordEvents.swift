import Basics
import CanonicalJSON

/// Facts given as events (`sapm record`, imports): all or nothing. Each event is
/// checked against the portfolio as it would stand after the ones before it — by the
/// rules of the command it stands for, where there is one, and by the fold — and any
/// reason refuses the whole batch.
public struct RecordEvents: Command {
  /// Each event with where it came from ("line 3"), for messages; empty when the
  /// reasons need no origin (a form's single event).
  public var events: [(origin: String, event: any EventPayload)]

  public init(_ events: [(origin: String, event: any EventPayload)]) { self.events = events }

  public var title: String { "record \(events.count) event\(events.count == 1 ? "" : "s")" }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    var p = portfolio
    var reasons: [String] = []
    let at = Timestamp(dayOrdinal: today.ordinal, hour: 12)
    var gates = GatedFacts.Walk()
    for (origin, event) in events {
      let type = Swift.type(of: event).type
      var problems = (event as? CheckedEvent)?.problems(in: p, actor: actor, today: today) ?? []
      // A gated fact names the executed request it carries out (docs/approvals.md).
      if let problem = gates.problem(of: event, in: p) { problems.append(problem) }
      let prefix = origin.isEmpty ? "" : "\(origin) (\(type)): "
      if !problems.isEmpty {
        reasons += problems.map { prefix + $0 }
        continue
      }
      let skipped = p.skippedCount
      // Dry run as the session will write it: signed by the actor's enrolled key (the
      // session refuses to write otherwise), so the fold's authority check is the table's.
      let context = EventContext(
        sequence: p.lastSequence + 1, at: at, actor: actor,
        verifiedKey: p.isSigned ? p.roster.key(of: actor) : nil)
      p.apply(Envelope(context: context, event: event))
      if p.skippedCount > skipped {
        reasons.append(prefix + (p.skipped.last?.reason ?? "cannot apply"))
      }
    }
    return .check(reasons, events.map(\.event))
  }
}

extension RecordEvents {
  /// While typing: the events' own rules on the portfolio as it is, without the dry
  /// run of the fold, which copies what each event changes (a dictionary of 100,000
  /// programs, say) on every key. What only the fold can say (a program that exists
  /// already) is said when the user presses Enter.
  public func preview(_ portfolio: Portfolio, actor: String, today: Day) -> [String] {
    events.flatMap { origin, event -> [String] in
      let prefix = origin.isEmpty ? "" : "\(origin) (\(Swift.type(of: event).type)): "
      return ((event as? CheckedEvent)?.problems(in: portfolio, actor: actor, today: today) ?? []).map {
        prefix + $0
      }
    }
  }
}

/// An event with rules beyond "it applies": what a user must not record even though
/// the fold could apply it (more obligated than available, a second acknowledgement,
/// policy changed by someone who is not an administrator).
public protocol CheckedEvent {
  func problems(in portfolio: Portfolio, actor: String, today: Day) -> [String]
}

extension Decision {
  var reasons: [String] {
    if case .reject(let r) = self { return r.reasons }
    return []
  }
}

extension FundsObligated: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    if amount < .zero {  // a negative obligation is a de-obligation
      return DeobligateFunds(program: program, fiscalYear: fiscalYear, amount: Dollars(0) - amount, on: on)
        .decide(p, actor: actor, today: today).reasons
    }
    var reasons = ObligateFunds(program: program, fiscalYear: fiscalYear, amount: amount, on: on)
      .decide(p, actor: actor, today: today).reasons
    // Money obligated on an earlier day and written only now: the log says why.
    if source == nil, on < today, !(late ?? "").hasVisibleText {
      reasons.append(
        "an obligation dated \(on), before today (\(today)), is recorded late: say why in \"late\"")
    }
    return reasons
  }
}

extension FundsDisbursed: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    DisburseFunds(program: program, fiscalYear: fiscalYear, amount: amount, on: on).decide(
      p, actor: actor, today: today
    )
    .reasons
  }
}

extension AlertAcknowledged: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    AcknowledgeAlert(alert: alert, note: note).decide(p, actor: actor, today: today).reasons
  }
}

extension StoreCreated: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    ["a store's first record is written by 'sapm init' only"]
  }
}

/// Policy, restrictions and the roster are an administrator's.
func requireAdmin(_ p: Portfolio, _ actor: String, _ what: String) -> [String] {
  p.roster.allows(actor, .admin, in: nil)
    ? []
    : ["only an administrator may \(what); \(actor) holds \(p.roster.describe(actor))"]
}

/// An event only an administrator may record; `adminAction` says what it does.
protocol AdministratorsEvent: CheckedEvent {
  static var adminAction: String { get }
}

extension AdministratorsEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    requireAdmin(p, actor, Self.adminAction)
  }
}

extension PolicyChanged: AdministratorsEvent { static let adminAction = "change policy" }
extension RestrictionImposed: AdministratorsEvent { static let adminAction = "impose a restriction" }
extension RestrictionLifted: AdministratorsEvent { static let adminAction = "lift a restriction" }
extension RestrictionWaived: AdministratorsEvent { static let adminAction = "waive a restriction" }
extension PartnerRegistered: AdministratorsEvent {
  static let adminAction = "register a partner"

  /// An administrator's, and the §36(b) tier is the statute's, not a choice: NATO and
  /// its members, Australia, Israel, Japan, New Zealand and South Korea (AECA §36(b)).
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = requireAdmin(p, actor, Self.adminAction)
    if let country = ForeignAssistance.country(code), country.tier != tier {
      reasons.append(
        "\(country.name) is \(country.tier.title) for §36(b) by statute (AECA §36(b): NATO members and Australia, Israel, Japan, New Zealand, South Korea); register it with tier \(country.tier.rawValue)"
      )
    }
    return reasons
  }
}

extension UnitVetted: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons: [String] = []
    if p.units[unit] == nil { reasons.append("no unit '\(unit)'; register it first") }
    if status == .approved, certified == nil {
      reasons.append("approved vetting needs its certification date")
    }
    if let certified, certified > today {
      reasons.append("the certification date \(certified) is in the future")
    }
    if let certified, let expires, expires <= certified {
      reasons.append("vetting cannot expire (\(expires)) on or before its certification (\(certified))")
    }
    // A Leahy vetting result is good for a year (the policy value), no longer.
    if let certified, let expires, expires > certified.adding(days: p.policy.vettingValidityDays) {
      reasons.append(
        "vetting is valid at most \(p.policy.vettingValidityDays) days (policy vetting.validity.days): certified \(certified), it cannot run until \(expires); at most \(certified.adding(days: p.policy.vettingValidityDays))"
      )
    }
    return reasons
  }
}

extension EUMInventoried: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    // A missing program or item: the fold names it.
    guard let item = p.programs[program]?.eum.first(where: { $0.id == id }) else { return [] }
    var reasons: [String] = []
    if on < item.arrival {
      reasons.append("\(id) arrived \(item.arrival); an inventory on \(on) is before it")
    }
    if on > today { reasons.append("the inventory date \(on) is in the future (today is \(today))") }
    if let counted, counted < 0 || counted > item.quantity {
      reasons.append(
        "\(counted) serial numbers counted, but \(item.quantity) were delivered; count 0–\(item.quantity)")
    }
    return reasons
  }
}

extension CaseMilestoneReached: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    guard let program = p.programs[program], let c = program.fmsCase,
      let partner = p.partners[program.partner]
    else { return [] }  // the fold names what is missing
    var reasons: [String] = []
    if on > today { reasons.append("the \(milestone.title) date \(on) is in the future (today is \(today))") }
    switch milestone {
    case .loaOffered:
      if p.policy.requiresNotification(c, tier: partner.tier), c.notification == nil {
        reasons.append(
          "case \(c.identifier) meets the \(partner.tier.title) §36(b) threshold and Congress has not been notified; record the transmittal first"
        )
      }
      if let n = c.notification, on < n.reviewEnds {
        reasons.append(
          "the §36(b) review of transmittal \(n.transmittal) runs until \(n.reviewEnds); an LOA cannot be offered on \(on)"
        )
      }
    case .accepted:
      if c.loaOffered == nil { reasons.append("case \(c.identifier) has no LOA offered to accept") }
      if let oed = c.offerExpiration, on > oed {
        reasons.append(
          "the offer expired \(oed); it needs a re-offer (a new LOA offered) before it can be accepted")
      }
    default:
      break
    }
    return reasons
  }
}

extension ProgramStatusChanged: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    guard let current = p.programs[program]?.status else { return [] }  // the fold names it
    return current == status ? ["\(program) is already \(status.rawValue)"] : []
  }
}

extension UnitRegistered: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons: [String] = []
    if let existing = p.units[id] { reasons.append("unit \(id) exists already (\(existing.name))") }
    if p.partners[partner] == nil { reasons.append("no partner '\(partner)'") }
    return reasons
  }
}

extension EUMItemReceived: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons: [String] = []
    if p.programs[program]?.eum.contains(where: { $0.id == id }) == true {
      reasons.append("EUM item \(id) is already recorded on \(program)")
    }
    if quantity < 1 { reasons.append("the quantity must be 1 or more") }
    if arrival > today { reasons.append("the arrival date \(arrival) is in the future (today is \(today))") }
    return reasons
  }
}

extension CaseOpened: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons: [String] = []
    if let existing = p.programs[program]?.fmsCase {
      reasons.append("\(program) already has case \(existing.identifier)")
    }
    if lorReceived > today {
      reasons.append("the LOR date \(lorReceived) is in the future (today is \(today))")
    }
    return reasons
  }
}
