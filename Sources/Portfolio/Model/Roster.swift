/// Roles in the roster (PRODUCT.md, approval workflow). Each includes the powers of
/// the ones below it: an approver may also raise requests, an admin may also approve.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
  case viewer, officer, approver, admin

  private var rank: Int {
    switch self {
    case .viewer: return 0
    case .officer: return 1
    case .approver: return 2
    case .admin: return 3
    }
  }
  public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// One role of a user, optionally limited to some regions (empty = every region).
public struct RoleGrant: Codable, Sendable, Hashable {
  public var user: String
  public var role: Role
  public var regions: [Region]

  public init(user: String, role: Role, regions: [Region] = []) {
    self.user = user
    self.role = role
    self.regions = regions
  }

  public func covers(_ region: Region) -> Bool { regions.isEmpty || regions.contains(region) }

  /// "approver (Europe/NATO, Ukraine)" or "admin".
  public var title: String {
    role.rawValue + (regions.isEmpty ? "" : " (" + regions.map(\.title).joined(separator: ", ") + ")")
  }
}

/// Who may do what: every user's roles, folded from `role.granted` / `role.revoked`.
/// A user may hold several roles, each with its own regions (officer everywhere,
/// approver for Ukraine).
public struct Roster: Sendable, Hashable {
  /// Grants by user, one per role, highest role first.
  public private(set) var byUser: [String: [RoleGrant]] = [:]
  /// Each user's enrolled Ed25519 public key (hex): the key their records must be
  /// signed with in a signed store. A new key replaces the old one from then on.
  public private(set) var keys: [String: String] = [:]

  public init() {}

  public var isEmpty: Bool { byUser.isEmpty }

  public func key(of user: String) -> String? { keys[user] }

  /// Whether `text` has the form of an Ed25519 public key as records carry it.
  public static func isPublicKey(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// Binds `user` to `key` (an enrolment or a new key).
  mutating func enroll(_ user: String, key: String) { keys[user] = key }
  public var users: [String] { byUser.keys.sorted() }
  public var grants: [RoleGrant] { users.flatMap { byUser[$0] ?? [] } }

  public func grants(of user: String) -> [RoleGrant] { byUser[user] ?? [] }

  /// Whether `user` holds `role` (or a higher one) covering `region`; a nil region
  /// needs a grant for every region.
  public func allows(_ user: String, _ role: Role, in region: Region?) -> Bool {
    grants(of: user).contains { g in
      g.role >= role && (region.map { g.covers($0) } ?? g.regions.isEmpty)
    }
  }

  /// Users holding the admin role (admins always hold it for every region).
  public var admins: [String] { users.filter { allows($0, .admin, in: nil) } }

  /// "approver (Ukraine), officer" or "not on the roster".
  public func describe(_ user: String) -> String {
    let g = grants(of: user)
    return g.isEmpty ? "not on the roster" : g.map(\.title).joined(separator: ", ")
  }

  /// The highest role a user holds with its regions ("officer (Europe/NATO)"), for the
  /// status line: an officer limited to a region should see which.
  public func statusTitle(of user: String) -> String { grants(of: user).first?.title ?? "no role" }

  /// The highest role a user holds anywhere, for the status line.
  public func highestRole(of user: String) -> Role? { grants(of: user).map(\.role).max() }

  /// Adds a role, or widens its regions (no regions = every region).
  mutating func grant(_ g: RoleGrant) {
    var list = byUser[g.user] ?? []
    if let i = list.firstIndex(where: { $0.role == g.role }) {
      let old = list[i].regions
      list[i].regions =
        old.isEmpty || g.regions.isEmpty
        ? [] : Region.allCases.filter { old.contains($0) || g.regions.contains($0) }
    } else {
      list.append(
        RoleGrant(user: g.user, role: g.role, regions: Region.allCases.filter { g.regions.contains($0) }))
    }
    byUser[g.user] = list.sorted { $0.role > $1.role }
  }

  /// Removes a role (nil: every role), or only some of its regions.
  mutating func revoke(_ user: String, role: Role?, regions: [Region]) throws(FoldError) {
    var list = byUser[user] ?? []
    guard let role else {
      guard !list.isEmpty else { throw FoldError("\(user) has no role to revoke") }
      byUser[user] = nil
      keys[user] = nil  // off the roster: the key no longer speaks for anyone
      return
    }
    guard let i = list.firstIndex(where: { $0.role == role }) else {
      throw FoldError("\(user) does not hold \(role.rawValue) (holds: \(describe(user)))")
    }
    if regions.isEmpty {
      list.remove(at: i)
    } else {
      guard !list[i].regions.isEmpty else {
        throw FoldError(
          "\(user) holds \(role.rawValue) for every region; revoke it and grant the regions that should remain"
        )
      }
      let missing = regions.filter { !list[i].regions.contains($0) }
      guard missing.isEmpty else {
        throw FoldError(
          "\(user) does not hold \(role.rawValue) for \(missing.map(\.title).joined(separator: ", "))")
      }
      list[i].regions.removeAll { regions.contains($0) }
      if list[i].regions.isEmpty { list.remove(at: i) }
    }
    byUser[user] = list.isEmpty ? nil : list
    if list.isEmpty { keys[user] = nil }
  }
}
