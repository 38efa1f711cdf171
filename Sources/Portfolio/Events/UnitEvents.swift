public struct UnitRegistered: EventPayload {
  public static let type = "unit.registered"
  public var id: String
  public var partner: String
  public var name: String
  public init(id: String, partner: String, name: String) {
    self.id = id
    self.partner = partner
    self.name = name
  }
  public var summary: String { "unit \(id) registered for \(partner)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard p.partners[partner] != nil else { throw FoldError("no partner '\(partner)'") }
    var unit = p.units[id] ?? RecipientUnit(id: id, partner: partner, name: name)
    unit.name = name
    p.setUnit(unit)
  }
}

/// A Leahy vetting result from INVEST.
public struct UnitVetted: EventPayload {
  public static let type = "unit.vetted"
  public var unit: String
  public var status: VettingStatus
  public var certified: Day?
  /// Defaults to certification + the policy's validity when approved.
  public var expires: Day?
  /// The INVEST case number (restricted: hidden in kiosk mode with the other details).
  public var invest: String?
  /// The officer's note on the result (restricted).
  public var note: String?
  public init(
    unit: String, status: VettingStatus, certified: Day? = nil, expires: Day? = nil, invest: String? = nil,
    note: String? = nil
  ) {
    self.unit = unit
    self.status = status
    self.certified = certified
    self.expires = expires
    self.invest = invest
    self.note = note
  }
  public var summary: String {
    "unit \(unit) vetting \(status.rawValue)" + (certified.map { ", certified \($0)" } ?? "")
      + (invest.map { ", INVEST \($0)" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard var u = p.units[unit] else { throw FoldError("no unit '\(unit)'") }
    // An approval recorded without its certification date (older records; the
    // command layer refuses new ones) counts from the day it was recorded.
    let certifiedOn = certified ?? (status == .approved ? context.day : nil)
    var expiry = expires
    if expiry == nil, status == .approved, let certifiedOn {
      expiry = certifiedOn.adding(days: p.policy.vettingValidityDays)
    }
    u.vetting = Vetting(status: status, certified: certifiedOn, expires: expiry, invest: invest, note: note)
    p.setUnit(u)
  }
}

/// A unit becomes a recipient of the program's assistance.
public struct UnitAssigned: EventPayload {
  public static let type = "program.unit"
  public var program: String
  public var unit: String
  public init(program: String, unit: String) {
    self.program = program
    self.unit = unit
  }
  public var programID: String? { program }
  public var summary: String { "unit \(unit) assigned" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard let u = p.units[unit] else { throw FoldError("no unit '\(unit)'") }
    let existing = p.position(of: unit, in: .units, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard u.partner == prog.partner else {
        throw FoldError("unit \(unit) belongs to \(u.partner), not \(prog.partner)")
      }
      if existing == nil { prog.units.append(unit) }
    }
    if existing == nil { p.appended(.units, program: program) }
  }
}
