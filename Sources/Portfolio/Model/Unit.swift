/// INVEST vetting statuses (Leahy law), and `remediated`: corrective steps recorded
/// for a unit that was denied, which lifts the bar (REFERENCE.md, Leahy vetting).
public enum VettingStatus: String, Codable, Sendable, CaseIterable {
  case submitted, approved, suspended, denied, cancelled, remediated

  /// A status that forbids assistance outright.
  public var blocks: Bool { self == .suspended || self == .denied }
}

/// A Leahy vetting result for a unit.
public struct Vetting: Codable, Sendable, Hashable {
  public var status: VettingStatus
  public var certified: Day?
  public var expires: Day?
  /// The INVEST case number the result came under (restricted, as vetting details are).
  public var invest: String?
  /// What the officer noted with it (restricted).
  public var note: String?

  public init(
    status: VettingStatus, certified: Day? = nil, expires: Day? = nil, invest: String? = nil,
    note: String? = nil
  ) {
    self.status = status
    self.certified = certified
    self.expires = expires
    self.invest = invest
    self.note = note
  }

  /// Whether the vetting clears the unit on `day`: approved and not yet expired.
  public func clears(on day: Day) -> Bool {
    guard status == .approved else { return false }
    guard let expires else { return true }
    return day < expires
  }
}

/// A recipient security-force unit.
public struct RecipientUnit: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var partner: String
  /// Restricted: hidden in kiosk mode.
  public var name: String
  public var vetting: Vetting?

  public init(id: String, partner: String, name: String, vetting: Vetting? = nil) {
    self.id = id
    self.partner = partner
    self.name = name
    self.vetting = vetting
  }
}
