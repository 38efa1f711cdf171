/// The first record of every store: its name, and whether it holds demo data.
/// Its actor becomes the store's first admin.
public struct StoreCreated: EventPayload {
  public static let type = "store.created"
  public var name: String
  public var demo: Bool
  /// The creator's Ed25519 public key (hex): a store created with one is a signed
  /// store, where role changes and request steps count only when signed by their
  /// actor's enrolled key. Its fingerprint is what `sapm verify --trust` pins.
  public var creatorKey: String?
  public init(name: String, demo: Bool, creatorKey: String? = nil) {
    self.name = name
    self.demo = demo
    self.creatorKey = creatorKey
  }
  public var summary: String {
    "store '\(name)' created\(demo ? " (DEMO)" : "")\(creatorKey == nil ? "" : ", signed")"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    // Only record 1 names the store (a later one must not turn a real store into a demo
    // where anyone acts as anyone): `Portfolio.authorityRefusal` keeps the others out.
    p.setStore(name: name, demo: demo)
    if p.roster.isEmpty { p.roster.grant(RoleGrant(user: context.actor, role: .admin)) }
    if let creatorKey, p.creatorKey == nil {
      p.setCreatorKey(creatorKey)
      p.roster.enroll(context.actor, key: creatorKey)
    }
  }
}

/// An administrator overrides one policy value (see `Policy.settings`).
public struct PolicyChanged: EventPayload {
  public static let type = "policy.changed"
  public var setting: String
  public var value: Double
  public var reason: String?
  /// The executed change-policy request it carries out (docs/approvals.md).
  public var request: String?
  public init(setting: String, value: Double, reason: String? = nil, request: String? = nil) {
    self.setting = setting
    self.value = value
    self.reason = reason
    self.request = request
  }
  public var summary: String { "policy \(setting) set to \(value)" + requestNote(request, nil) }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard let s = Policy.setting(named: setting) else {
      throw FoldError("unknown policy setting '\(setting)'")
    }
    guard value.isFinite, s.range.contains(value) else {
      throw FoldError(
        "policy \(setting) = \(value) is outside \(s.range.lowerBound)–\(s.range.upperBound); the previous value is kept"
      )
    }
    var policy = p.policy
    s.set(&policy, value)
    p.setPolicy(policy)
  }
}

/// A role given to a user, optionally for some regions; granting a role the user
/// already holds widens its regions.
public struct RoleGranted: EventPayload {
  public static let type = "role.granted"
  public var user: String
  public var role: Role
  public var regions: [Region]
  /// The user's Ed25519 public key (hex, from `sapm identity --public`): enrols it,
  /// or replaces the one enrolled (the old key no longer counts from this record on).
  public var key: String?
  public init(user: String, role: Role, regions: [Region] = [], key: String? = nil) {
    self.user = user
    self.role = role
    self.regions = regions
    self.key = key
  }
  public var summary: String {
    "\(user) granted \(RoleGrant(user: user, role: role, regions: regions).title)"
      + (key.map { ", key \(String($0.prefix(16)))…" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    if let key {
      guard Roster.isPublicKey(key) else { throw FoldError("key for \(user) is not 64 lowercase hex digits") }
      p.roster.enroll(user, key: key)
    }
    p.roster.grant(RoleGrant(user: user, role: role, regions: regions))
  }
}

/// A role taken away (no role: every role), or only some of its regions.
public struct RoleRevoked: EventPayload {
  public static let type = "role.revoked"
  public var user: String
  public var role: Role?
  public var regions: [Region]?
  public init(user: String, role: Role? = nil, regions: [Region] = []) {
    self.user = user
    self.role = role
    self.regions = regions.isEmpty ? nil : regions
  }
  public var summary: String {
    guard let role else { return "\(user)'s roles revoked" }
    return "\(user)'s \(RoleGrant(user: user, role: role, regions: regions ?? []).title) revoked"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    var roster = p.roster
    try roster.revoke(user, role: role, regions: regions ?? [])
    guard !roster.admins.isEmpty else {
      throw FoldError("\(user) is the last administrator; grant another first")
    }
    p.roster = roster
  }
}

/// Someone has seen an alert and says what is being done.
public struct AlertAcknowledged: EventPayload {
  public static let type = "alert.acknowledged"
  public var alert: String
  public var note: String
  public init(alert: String, note: String) {
    self.alert = alert
    self.note = note
  }
  public var programID: String? { AlertID(alert)?.program }
  public var summary: String { "alert \(alert) acknowledged: \(note)" }
  /// The one rule for a note, wherever it is typed: it must say something a reader
  /// can see. Nil when the note will do, else why not.
  public static func problem(withNote note: String) -> String? {
    note.hasVisibleText ? nil : "an acknowledgement needs a note saying what is being done"
  }

  /// Why `alert` is not settled by an acknowledgement: an over-obligation is an
  /// Antideficiency Act violation, reported (`funds.ada-reported`), not acknowledged.
  public static func notAcknowledged(_ alert: String) -> String? {
    guard AlertID(alert)?.rule == .overObligation else { return nil }
    return
      "\(alert) is an Antideficiency Act violation: it is reported, not acknowledged (x on it asks for the report's reference; 'sapm alerts report \(alert) --reference TEXT')"
  }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    if let problem = Self.problem(withNote: note) { throw FoldError(problem) }
    if let refusal = Self.notAcknowledged(alert) { throw FoldError(refusal) }
    p.setAcknowledgement(Acknowledgement(alert: alert, by: context.actor, on: context.day, note: note))
  }
}
