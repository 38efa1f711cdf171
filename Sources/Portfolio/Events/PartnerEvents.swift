public struct PartnerRegistered: EventPayload {
  public static let type = "partner.registered"
  public var code: String
  public var name: String
  public var region: Region
  public var tier: NotificationTier
  /// The first day a source reports anything of this partner (an import): the
  /// portfolio as of an earlier recorded day still has it from then.
  public var reported: Day?
  public init(code: String, name: String, region: Region, tier: NotificationTier, reported: Day? = nil) {
    self.code = code
    self.name = name
    self.region = region
    self.tier = tier
    self.reported = reported
  }
  public var effectiveDay: Day? { reported }
  public var summary: String { "partner \(name) (\(code)) registered in \(region.title), tier \(tier.title)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard !code.isEmpty, !name.isEmpty else { throw FoldError("a partner needs a code and a name") }
    var partner = p.partners[code] ?? Partner(code: code, name: name, region: region, tier: tier)
    partner.name = name
    partner.region = region
    partner.tier = tier
    p.partners[code] = partner
  }
}

public struct RestrictionImposed: EventPayload {
  public static let type = "restriction.imposed"
  public var partner: String
  public var kind: RestrictionKind
  public var since: Day
  public var note: String?
  public init(partner: String, kind: RestrictionKind, since: Day, note: String? = nil) {
    self.partner = partner
    self.kind = kind
    self.since = since
    self.note = note
  }
  public var summary: String { "\(kind.title) restriction on \(partner) from \(since)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updatePartner(partner) { $0.restrictions.append(Restriction(kind: kind, since: since)) }
  }
}

public struct RestrictionLifted: EventPayload {
  public static let type = "restriction.lifted"
  public var partner: String
  public var kind: RestrictionKind
  public var on: Day
  public init(partner: String, kind: RestrictionKind, on: Day) {
    self.partner = partner
    self.kind = kind
    self.on = on
  }
  public var summary: String { "\(kind.title) restriction on \(partner) lifted \(on)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updatePartner(partner) { (x: inout Partner) throws(FoldError) in
      guard let i = x.restrictions.lastIndex(where: { $0.kind == kind && $0.lifted == nil }) else {
        throw FoldError("\(partner) has no open \(kind.title) restriction")
      }
      x.restrictions[i].lifted = on
    }
  }
}

/// A program-by-program waiver of a restriction.
public struct RestrictionWaived: EventPayload {
  public static let type = "restriction.waived"
  public var partner: String
  public var kind: RestrictionKind
  public var program: String
  public var reason: String
  /// The executed waive-restriction request it carries out (docs/approvals.md).
  public var request: String?
  public init(partner: String, kind: RestrictionKind, program: String, reason: String, request: String? = nil)
  {
    self.partner = partner
    self.kind = kind
    self.program = program
    self.reason = reason
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String { "\(kind.title) waived for \(program): \(reason)" + requestNote(request, nil) }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    _ = try p.requireProgram(program)
    try p.updatePartner(partner) { (x: inout Partner) throws(FoldError) in
      guard let i = x.restrictions.lastIndex(where: { $0.kind == kind && $0.lifted == nil }) else {
        throw FoldError("\(partner) has no open \(kind.title) restriction to waive")
      }
      x.restrictions[i].waivedPrograms.append(program)
    }
  }
}
