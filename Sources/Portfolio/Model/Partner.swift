/// Which row of the §36(b) threshold table applies to a partner (AECA §36(b)).
public enum NotificationTier: String, Codable, Sendable, CaseIterable {
  /// NATO, its members, Japan, Australia, South Korea, Israel, New Zealand.
  case natoPlus5 = "nato+5"
  case other = "other"

  /// As AECA §36(b) reads: the NATO+5 thresholds, or the standard ones.
  public var title: String { self == .natoPlus5 ? "NATO+5" : "standard" }
}

/// A statutory country restriction (annual appropriations acts; FAA §620I).
public enum RestrictionKind: String, Codable, Sendable, CaseIterable {
  /// §7008: military coup against an elected head of government.
  case coup = "7008"
  /// §7012 (Brooke): default over one year on U.S. loans.
  case brooke = "7012"
  /// §620I: restricting U.S. humanitarian deliveries.
  case humanitarian = "620I"

  public var title: String {
    switch self {
    case .coup: return "§7008 coup"
    case .brooke: return "§7012 Brooke"
    case .humanitarian: return "§620I humanitarian"
    }
  }
}

/// A restriction on a partner with the dates it ran.
public struct Restriction: Codable, Sendable, Hashable {
  public var kind: RestrictionKind
  public var since: Day
  public var lifted: Day?
  /// Programs waived from the restriction (program-by-program waiver).
  public var waivedPrograms: [String]

  public init(kind: RestrictionKind, since: Day, lifted: Day? = nil, waivedPrograms: [String] = []) {
    self.kind = kind
    self.since = since
    self.lifted = lifted
    self.waivedPrograms = waivedPrograms
  }

  public func isActive(on day: Day) -> Bool { isActive { day >= $0 } }

  /// In force once `since` is reached and until `lifted` is: `reached(d)` says whether
  /// the day has come (a rule's `Today` notes each question it asks).
  func isActive(reached: (Day) -> Bool) -> Bool {
    reached(since) && !(lifted.map(reached) ?? false)
  }
}

/// A partner country.
public struct Partner: Codable, Sendable, Hashable, Identifiable {
  /// ISO 3166-1 alpha-2 code, e.g. `PL`.
  public var code: String
  public var name: String
  public var region: Region
  public var tier: NotificationTier
  public var restrictions: [Restriction]

  public var id: String { code }

  public init(
    code: String, name: String, region: Region, tier: NotificationTier, restrictions: [Restriction] = []
  ) {
    self.code = code
    self.name = name
    self.region = region
    self.tier = tier
    self.restrictions = restrictions
  }

  public func activeRestrictions(on day: Day) -> [Restriction] {
    restrictions.filter { $0.isActive(on: day) }
  }
}
