/// Fields a shared screen must not show (PRODUCT.md, kiosk mode): the list is data,
/// so what the kiosk hides is decided here, once, and tested, not screen by screen.
public enum RestrictedField: String, Sendable, CaseIterable {
  /// A recipient unit's name (its ID stays: it names no one).
  case unitNames = "unit names"
  /// Vetting status dates and the wording of vetting alerts.
  case vettingDetails = "vetting details"
  case acknowledgementNotes = "acknowledgement notes"
  /// A request's justification and the reasons given at each step.
  case requestReasons = "request reasons"
  /// Who did what: shown as their role instead.
  case actorNames = "actor names"
  /// What a Golden Sentry or Blue Lantern check found (a derogatory one may name a
  /// unit or a diversion); the check, its day and its result stay.
  case findingNotes = "EUM finding notes"
}

/// Removes restricted fields from a portfolio and its alerts.
public struct Redaction: Sendable {
  public var fields: Set<RestrictedField>
  public init(_ fields: Set<RestrictedField>) { self.fields = fields }

  /// The kiosk hides every restricted field.
  public static let kiosk = Redaction(Set(RestrictedField.allCases))

  /// What stands in for removed text.
  public static let placeholder = "(restricted)"

  /// The portfolio with restricted fields replaced: unit names by their IDs, notes
  /// and reasons by a placeholder, people by their role. Vetting dates stay, because
  /// the alert rules need them; screens hide them where `hidesVettingDetails`, and
  /// `apply(to: Alert)` rewords the vetting alerts.
  public func apply(to portfolio: Portfolio) -> Portfolio {
    var p = portfolio
    let roster = portfolio.roster
    func person(_ name: String) -> String {
      guard fields.contains(.actorNames) else { return name }
      return roster.highestRole(of: name)?.rawValue ?? "someone"
    }
    if fields.contains(.unitNames) {
      for (id, var unit) in p.units {
        unit.name = id
        p.units[id] = unit
      }
    }
    for (id, var ack) in p.acknowledgements {
      if fields.contains(.acknowledgementNotes) { ack.note = Redaction.placeholder }
      ack.by = person(ack.by)
      p.acknowledgements[id] = ack
    }
    for (id, var r) in p.requests {
      if fields.contains(.requestReasons) {
        r.summary = Redaction.placeholder
        for i in r.steps.indices where r.steps[i].reason != nil { r.steps[i].reason = Redaction.placeholder }
      }
      r.requester = person(r.requester)
      r.approvals = r.approvals.map(person)
      for i in r.steps.indices { r.steps[i].by = person(r.steps[i].by) }
      p.requests[id] = r
    }
    if fields.contains(.actorNames) { p.roster = Roster() }
    if fields.contains(.findingNotes) {
      for (id, var program) in p.programs where !program.findings.isEmpty {
        for i in program.findings.indices { program.findings[i].note = Redaction.placeholder }
        p.programs[id] = program
      }
    }
    return p
  }

  /// Alerts computed from the full portfolio, with restricted wording removed: a
  /// vetting alert names its unit by ID and says what holds, not the dates.
  public func apply(to alert: Alert) -> Alert {
    var a = alert
    if fields.contains(.vettingDetails) || fields.contains(.unitNames),
      a.rule.isAboutVetting
    {
      a.message = "unit \(a.subject.unit ?? "?"): \(a.rule.title.lowercased())"
    }
    if fields.contains(.findingNotes), a.rule == .eumDerogatory {
      a.message = "\(a.id.detail ?? "a check") found something derogatory \(Redaction.placeholder)"
    }
    if fields.contains(.acknowledgementNotes), a.acknowledgement != nil {
      a.acknowledgement?.note = Redaction.placeholder
    }
    return a
  }

  public var hidesVettingDetails: Bool { fields.contains(.vettingDetails) }

  /// Whether an alert's day is itself restricted: a vetting alert begins on the day the
  /// vetting expires (or on its warning's first day), a date the Units tab hides.
  public func hidesDay(of alert: Alert) -> Bool {
    fields.contains(.vettingDetails) && alert.rule.isAboutVetting
  }
}
