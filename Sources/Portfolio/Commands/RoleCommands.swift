/// Give a user a role, optionally for some regions. Only an administrator grants,
/// and nobody grants to themselves.
public struct GrantRole: Command {
  public var event: RoleGranted
  public var user: String { event.user }
  public var role: Role { event.role }
  public var regions: [Region] { event.regions }
  /// The user's public key (`sapm identity --public`), enrolled with the grant.
  public var key: String? { event.key }

  public init(user: String, role: Role, regions: [Region] = [], key: String? = nil) {
    event = RoleGranted(user: user, role: role, regions: regions, key: key)
  }

  public var title: String { "grant \(RoleGrant(user: user, role: role, regions: regions).title) to \(user)" }

  public func decide(_ p: Portfolio, actor: String, today: Day) -> Decision {
    var reasons = requireAdmin(p, actor, "grant roles")
    reasons += userNameProblems(user)
    if user == actor { reasons.append("nobody grants a role to themselves; another administrator must") }
    if role == .admin, !regions.isEmpty {
      reasons.append("an administrator's role covers every region; grant admin without --region")
    }
    if let key, !Roster.isPublicKey(key) {
      reasons.append("the key must be 64 lowercase hex digits, as 'sapm identity --public' prints it")
    }
    if let key, let holder = p.roster.keys.first(where: { $0.value == key && $0.key != user })?.key {
      reasons.append("that key is already \(holder)'s; each person signs with their own")
    }
    return .check(reasons, [event])
  }
}

/// Take a role away (or some of its regions). Only an administrator revokes, and the
/// last administrator stays.
public struct RevokeRole: Command {
  public var user: String
  public var role: Role
  public var regions: [Region]

  /// The event's role is optional (an older build revoked every role at once); the
  /// command always names one.
  public init(user: String, role: Role, regions: [Region] = []) {
    self.user = user
    self.role = role
    self.regions = regions
  }

  public var title: String { "revoke \(user)'s \(RoleGrant(user: user, role: role, regions: regions).title)" }

  public func decide(_ p: Portfolio, actor: String, today: Day) -> Decision {
    var reasons = requireAdmin(p, actor, "revoke roles")
    var roster = p.roster
    do {
      try roster.revoke(user, role: role, regions: regions)
      if roster.admins.isEmpty {
        reasons.append("\(user) is the last administrator; grant admin to someone else first")
      }
    } catch {
      reasons.append(error.message)
    }
    return .check(reasons, [RoleRevoked(user: user, role: role, regions: regions)])
  }
}

/// An account name as the roster keeps it: one word a person can read.
func userNameProblems(_ user: String) -> [String] {
  if !user.hasVisibleText || user.contains(where: { $0.isWhitespace || $0.isNewline })
    || user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || user.count > 64
  {
    return ["'\(user)' is not an account name (one word, at most 64 characters)"]
  }
  return []
}

extension RoleGranted: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    GrantRole(user: user, role: role, regions: regions).decide(p, actor: actor, today: today).reasons
  }
}

extension RoleRevoked: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    guard let role else {
      return requireAdmin(p, actor, "revoke roles")
        + (p.roster.admins == [user]
          ? ["\(user) is the last administrator; grant admin to someone else first"] : [])
    }
    return RevokeRole(user: user, role: role, regions: regions ?? []).decide(p, actor: actor, today: today)
      .reasons
  }
}

extension RequestRaised: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    RaiseRequest(
      program: program, kind: kind, amount: amount, fiscalYear: fiscalYear, units: allUnits, course: course,
      students: students, lines: lines ?? [], until: until, justification: summaryText, id: id
    ).decide(p, actor: actor, today: today).reasons
  }
}

extension RequestStepTaken: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    if state == .executed {
      return [
        "a request is executed with 'sapm request execute' (or x in the TUI), which records its effect too"
      ]
    }
    return StepRequest(id: id, to: state, reason: reason).decide(p, actor: actor, today: today).reasons
  }
}
