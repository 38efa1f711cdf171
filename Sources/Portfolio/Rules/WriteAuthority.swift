/// Who may write what: one table, read by the commands (before anything is appended)
/// and by the fold, which in a signed store applies a record only when it is signed by
/// its actor's enrolled key and the actor's role and region allow its type. A rule
/// enforced only at the door protects nothing against someone who can write the file;
/// a rule enforced only in the fold would let a user write records that never count.
/// docs/security.md prints this table.
public enum WriteAuthority {
  /// What the author of one event type must hold.
  public enum Requirement: Sendable, Hashable {
    /// Record 1 of a store only (`sapm init`): a later one is never applied.
    case firstRecord
    /// An administrator (whose role covers every region).
    case administrator
    /// A role (or a higher one) for the region of the program, partner or unit the
    /// event is about.
    case eventRegion(Role)
    /// `request.step`: submitting and executing need an officer, approving, rejecting
    /// and returning an approver, of the request's region.
    case requestStep
    /// `alert.acknowledged`: an officer of the alert's region; an alert about the store
    /// itself (rollback, fork, a record written without authority) an administrator.
    case acknowledgement

    /// The requirement in words, for docs and messages.
    public var text: String {
      switch self {
      case .firstRecord: return "record 1 only (sapm init)"
      case .administrator: return "admin, every region"
      case .eventRegion(let role): return "\(role.rawValue) of the region"
      case .requestStep:
        return
          "officer (submit, execute) or approver (approve, reject, return) of the region; admin for a change of policy"
      case .acknowledgement: return "officer of the alert's region; admin for the store's own alerts"
      }
    }
  }

  /// Every event type this build knows, with what its author must hold. Viewers
  /// author nothing.
  public static let table: [(type: String, requirement: Requirement)] = [
    (StoreCreated.type, .firstRecord),
    (RoleGranted.type, .administrator),
    (RoleRevoked.type, .administrator),
    (PolicyChanged.type, .administrator),
    (PartnerRegistered.type, .administrator),
    (RestrictionImposed.type, .administrator),
    (RestrictionLifted.type, .administrator),
    (RestrictionWaived.type, .administrator),
    // Figures a source reports come in by an import, which is an administrator's.
    (FundsReported.type, .administrator),
    (RequestRaised.type, .eventRegion(.officer)),
    (RequestStepTaken.type, .requestStep),
    (AlertAcknowledged.type, .acknowledgement),
  ]
  // Every other known type (programs, funds, cases, units, oversight, transfers) is a
  // fact an officer of the region records.

  private static let byType: [String: Requirement] = Dictionary(
    uniqueKeysWithValues: table.map { ($0.type, $0.requirement) })

  /// What the author of `type` must hold.
  public static func requirement(for type: String) -> Requirement {
    byType[type] ?? .eventRegion(.officer)
  }

  /// The whole table, one row per known event type (docs/security.md).
  public static var rows: [(type: String, requirement: Requirement)] {
    EventRegistry.types.map { ($0.type, requirement(for: $0.type)) }
  }

  /// The table as docs/security.md prints it (a test holds the two equal).
  public static var markdown: String {
    "| event type | who may write it |\n|---|---|\n"
      + rows.map { "| `\($0.type)` | \($0.requirement.text) |\n" }.joined()
  }

  /// Why `actor` may not write `event` as record `sequence` of `p`, or nil if they may.
  public static func problem(
    writing event: any EventPayload, as actor: String, sequence: Int, in p: Portfolio
  ) -> String? {
    let type = Swift.type(of: event).type
    /// Nil when `actor` is an administrator; else "only an administrator `what`".
    func adminOnly(_ what: String) -> String? {
      p.roster.allows(actor, .admin, in: nil)
        ? nil : "only an administrator \(what); \(actor) holds \(p.roster.describe(actor))"
    }
    // Figures reported by a source (`sapm import`) are not approved by anyone: only an
    // administrator brings them in, so that `source` is no way around a request.
    if let reported = (event as? any RequestedFact)?.reportedBy,
      let refusal = adminOnly("records figures reported by \(reported) (sapm import)")
    {
      return refusal
    }
    func lacks(_ role: Role, _ region: Region?, _ what: String) -> String? {
      let allowed =
        region.map { p.roster.allows(actor, role, in: $0) }
        ?? p.roster.grants(of: actor).contains { $0.role >= role }
      guard !allowed else { return nil }
      let place = region.map { " in \($0.title)" } ?? ""
      return
        "\(actor) may not \(what)\(place): it needs \(role == .admin ? "an administrator" : role == .officer ? "an officer" : "an approver") (or higher) role\(region == nil ? "" : " there"); \(actor) holds \(p.roster.describe(actor))"
    }
    switch requirement(for: type) {
    case .firstRecord:
      return sequence == 1
        ? nil : "a store's first record is written by 'sapm init' only; this is record \(sequence)"
    case .administrator:
      return adminOnly("may write \(type)")
    case .eventRegion(let role):
      if let raised = event as? RequestRaised, raised.kind == .changePolicy {
        return adminOnly("raises a change of policy")
      }
      return lacks(role, region(of: event, in: p), "write \(type)")
    case .requestStep:
      guard let step = event as? RequestStepTaken else { return nil }
      if p.requests[step.id]?.kind == .changePolicy { return adminOnly("takes a step on a change of policy") }
      let role: Role =
        step.state == .submitted || step.state == .executed || step.state == .draft ? .officer : .approver
      return lacks(role, p.region(ofProgram: step.program), "\(step.state.verb) requests")
    case .acknowledgement:
      guard let ack = event as? AlertAcknowledged else { return nil }
      if let id = AlertID(ack.alert), !id.rule.isAboutTheStore, let region = p.region(ofProgram: id.program) {
        return lacks(.officer, region, "acknowledge alerts")
      }
      return adminOnly("may acknowledge \(ack.alert), an alert about the store itself")
    }
  }

  /// The region an event is about (its program's, its partner's, its unit's), or nil
  /// when it names nothing that exists yet — such an event cannot apply anyway, so a
  /// role of the kind needed in any region is asked for.
  public static func region(of event: any EventPayload, in p: Portfolio) -> Region? {
    if let program = event.programID, let region = p.region(ofProgram: program) { return region }
    switch event {
    case let e as ProgramCreated: return p.partners[e.partner]?.region
    case let e as UnitRegistered: return p.partners[e.partner]?.region
    case let e as UnitVetted: return p.units[e.unit].flatMap { p.partners[$0.partner]?.region }
    case let e as CNTransmitted: return p.partners[e.partner]?.region
    case let e as CNHeld: return p.notifications[e.number].flatMap { p.partners[$0.partner]?.region }
    case let e as CNCleared: return p.notifications[e.number].flatMap { p.partners[$0.partner]?.region }
    case let e as CNWithdrawn: return p.notifications[e.number].flatMap { p.partners[$0.partner]?.region }
    default: return nil  // partners and restrictions are an administrator's, for every region
    }
  }
}

extension AlertRule {
  /// Alerts about the store itself: only an administrator acknowledges them, and they
  /// stay listed once acknowledged.
  public var isAboutTheStore: Bool {
    self == .storeRollback || self == .storeFork || self == .recordNotAuthorized || self == .unapprovedFact
  }
}
