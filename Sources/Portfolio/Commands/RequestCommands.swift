/// Raise a request on a program: a draft, or submitted at once.
public struct RaiseRequest: Command {
  public var program: String
  public var kind: RequestKind
  public var amount: Dollars
  public var fiscalYear: Int?
  public var caseID: String?
  public var units: [String]
  public var course: String?
  public var students: Int?
  public var lines: [Int]
  public var until: Day?
  /// For `change-policy`: the setting and its new value.
  public var setting: String?
  public var value: Double?
  /// For `waive-restriction`: which restriction.
  public var restriction: RestrictionKind?
  public var justification: String
  /// Submit in the same batch as the draft.
  public var submit: Bool
  /// A fixed ID (a request given as an event); nil takes the next free `RQ-NNNN`.
  public var id: String?

  public init(
    program: String, kind: RequestKind, amount: Dollars = .zero, fiscalYear: Int? = nil,
    caseID: String? = nil,
    units: [String] = [], course: String? = nil, students: Int? = nil, lines: [Int] = [], until: Day? = nil,
    justification: String, submit: Bool = false, id: String? = nil, setting: String? = nil,
    value: Double? = nil, restriction: RestrictionKind? = nil
  ) {
    self.setting = setting
    self.value = value
    self.restriction = restriction
    self.program = program
    self.kind = kind
    self.amount = amount
    self.fiscalYear = fiscalYear
    self.caseID = caseID
    self.units = units
    self.course = course
    self.students = students
    self.lines = lines
    self.until = until
    self.justification = justification
    self.submit = submit
    self.id = id
  }

  public var title: String { "raise a \(kind.rawValue) request on \(program)" }

  /// The next free request ID: one more than the highest `RQ-` number.
  public static func nextID(in p: Portfolio) -> String {
    let highest = p.requests.keys.compactMap { $0.hasPrefix("RQ-") ? Int($0.dropFirst(3)) : nil }.max() ?? 0
    let n = String(highest + 1)
    return "RQ-" + String(repeating: "0", count: max(0, 4 - n.count)) + n
  }

  public func decide(_ p: Portfolio, actor: String, today: Day) -> Decision {
    if kind == .changePolicy { return decidePolicy(p, actor: actor) }
    var reasons: [String] = []
    guard let prog = p.programs[program], let partner = p.partners[prog.partner] else {
      return .reject(Rejection("no program '\(program)'"))
    }
    if !p.roster.allows(actor, .officer, in: partner.region) {
      reasons.append(
        "\(actor) may not raise requests in \(partner.region.title): it needs an officer (or higher) role there; \(actor) holds \(p.roster.describe(actor))"
      )
    }
    if !prog.status.isLive && prog.status != .planned {
      reasons.append("\(program) is \(prog.status.rawValue); requests are raised on planned or live programs")
    }
    if !justification.hasVisibleText { reasons.append("a request needs a justification saying why") }
    if amount < .zero { reasons.append("the amount cannot be negative") }
    if let id {
      if p.requests[id] != nil { reasons.append("request '\(id)' already exists") }
      if !id.hasVisibleText || id.contains(where: { $0.isWhitespace }) {
        reasons.append("a request ID is one word")
      }
    }
    for unit in units {
      if let u = p.units[unit] {
        if u.partner != prog.partner {
          reasons.append("unit \(unit) belongs to \(u.partner), not \(prog.partner)")
        }
      } else {
        reasons.append("no unit '\(unit)' is registered for \(prog.partner)")
      }
    }
    switch kind {
    case .releaseFunds:
      // Every obligation needs one (docs/approvals.md), whatever the program's kind;
      // an EDA allocation spends no appropriation of a fiscal year.
      if prog.kind == .eda {
        reasons.append("release-funds obligates a fiscal year's funds; \(program) is EDA, which has none")
      }
      if amount <= .zero { reasons.append("release-funds needs an amount above $0") }
      if fiscalYear == nil { reasons.append("release-funds needs the fiscal year whose funds are released") }
    case .allocateEDA:
      if prog.kind != .eda {
        reasons.append("allocate-eda is raised on an EDA program; \(program) is \(prog.kind.rawValue)")
      }
      if amount <= .zero { reasons.append("allocate-eda needs the articles' original value (above $0)") }
    case .offerLOA:
      if let c = prog.fmsCase {
        if let caseID, caseID != c.identifier {
          reasons.append("\(program)'s case is \(c.identifier), not \(caseID)")
        }
        if c.closed != nil { reasons.append("case \(c.identifier) is closed") }
      } else {
        reasons.append("offer-loa needs an FMS case; \(program) has none")
      }
    case .enrollIMET:
      if !(course ?? "").hasVisibleText { reasons.append("enroll-imet needs the course") }
      if (students ?? 0) <= 0 { reasons.append("enroll-imet needs how many students (1 or more)") }
      if units.isEmpty {
        reasons.append("enroll-imet needs the units the students come from (Leahy vetting)")
      }
    case .deliver:
      if units.isEmpty {
        reasons.append("deliver needs the units that receive the equipment (Leahy vetting)")
      }
      if !lines.isEmpty {
        let known = Set(prog.fmsCase?.lines.map(\.number) ?? [])
        let missing = lines.filter { !known.contains($0) }
        if !missing.isEmpty {
          reasons.append(
            "\(program) has no case line \(missing.map(String.init).joined(separator: ", "))"
              + (known.isEmpty ? " (it has no FMS case)" : ""))
        }
      }
    case .changePolicy:
      break  // decided by decidePolicy
    case .waiveRestriction:
      if let restriction {
        if !partner.activeRestrictions(on: today).contains(where: { $0.kind == restriction }) {
          reasons.append("\(partner.name) is under no \(restriction.title) restriction to waive")
        }
      } else {
        reasons.append("waive-restriction needs the restriction: 7008, 7012 or 620I")
      }
    case .extendSunset:
      if let until {
        if let sunset = prog.sunset, until <= sunset {
          reasons.append("the new sunset \(until) is not after the current one, \(sunset)")
        }
      } else {
        reasons.append("extend-sunset needs the new sunset date")
      }
    }
    let requestID = id ?? RaiseRequest.nextID(in: p)
    let amount = kind == .offerLOA && self.amount == .zero ? (prog.fmsCase?.value ?? .zero) : self.amount
    var raised = RequestRaised(
      id: requestID, program: program, kind: kind, amount: amount, fiscalYear: fiscalYear, units: units,
      course: course, students: students, lines: lines, until: until, summary: justification)
    raised.restriction = kind == .waiveRestriction ? restriction : nil
    return .check(
      reasons,
      [raised] + (submit ? [RequestStepTaken(id: requestID, program: program, state: .submitted)] : []))
  }
}

extension RaiseRequest {
  /// A change of a policy value: raised by an administrator on `Request.policyProgram`,
  /// approved by another administrator (four eyes hold for administrators too).
  func decidePolicy(_ p: Portfolio, actor: String) -> Decision {
    var reasons: [String] = []
    if program != Request.policyProgram {
      reasons.append("a change-policy request is raised on '\(Request.policyProgram)', not on a program")
    }
    if !p.roster.allows(actor, .admin, in: nil) {
      reasons.append(
        "only an administrator raises a change of policy; \(actor) holds \(p.roster.describe(actor))")
    }
    if !justification.hasVisibleText { reasons.append("a request needs a justification saying why") }
    if let setting, let s = Policy.setting(named: setting) {
      if let value {
        if !value.isFinite || !s.range.contains(value) {
          reasons.append(
            "\(setting) must be within \(s.range.lowerBound)–\(s.range.upperBound); \(value) is not")
        }
      } else {
        reasons.append("change-policy needs the new value (--value)")
      }
    } else {
      reasons.append(
        "change-policy needs a setting (--setting), one of: \(Policy.settings.map(\.name).joined(separator: ", "))"
      )
    }
    if let id, p.requests[id] != nil { reasons.append("request '\(id)' already exists") }
    let requestID = id ?? RaiseRequest.nextID(in: p)
    var raised = RequestRaised(
      id: requestID, program: Request.policyProgram, kind: .changePolicy, amount: .zero,
      summary: justification)
    raised.setting = setting
    raised.value = value
    return .check(
      reasons,
      [raised]
        + (submit ? [RequestStepTaken(id: requestID, program: Request.policyProgram, state: .submitted)] : [])
    )
  }
}

/// A step on a request: submit, approve, reject, return or execute. Executing also
/// records what the request asked for.
public struct StepRequest: Command {
  public var id: String
  public var state: RequestState
  /// A note (submit, approve, execute) or the reason (reject, return: required).
  public var reason: String?

  public init(id: String, to state: RequestState, reason: String? = nil) {
    self.id = id
    self.state = state
    self.reason = reason
  }

  public var title: String { "\(state.verb) \(id)" }

  public func decide(_ p: Portfolio, actor: String, today: Day) -> Decision {
    guard let r = p.requests[id] else { return .reject(Rejection("no request '\(id)'")) }
    // A change of policy belongs to no region: administrators take every step on it.
    let region = p.region(ofProgram: r.program)
    guard region != nil || r.kind == .changePolicy else {
      return .reject(Rejection("request \(id)'s program \(r.program) is not in the portfolio"))
    }
    var reasons: [String] = []
    if let refusal = r.state.refusal(to: state) {
      reasons.append("\(id) cannot be \(state.rawValue): \(refusal)")
    }
    let note = reason.flatMap { $0.hasVisibleText ? $0 : nil }
    func needs(_ role: Role) {
      guard let region else {
        if !p.roster.allows(actor, .admin, in: nil) {
          reasons.append(
            "\(actor) may not \(state.verb) a change of policy: only administrators do; \(actor) holds \(p.roster.describe(actor))"
          )
        }
        return
      }
      if !p.roster.allows(actor, role, in: region) {
        reasons.append(
          "\(actor) may not \(state.verb) requests in \(region.title): it needs \(role == .officer ? "an officer" : "an approver") (or higher) role there; \(actor) holds \(p.roster.describe(actor))"
        )
      }
    }
    switch state {
    case .draft:
      reasons.append("a request is drafted by raising it")
    case .submitted:
      if actor != r.requester { reasons.append("only \(r.requester), who raised \(id), may submit it") }
      needs(.officer)
    case .approved:
      if actor == r.requester { reasons.append("\(actor) raised \(id) and cannot approve it (four eyes)") }
      if r.approvals.contains(actor) {
        reasons.append("\(actor) has already approved \(id); it needs a different approver")
      }
      needs(.approver)
      reasons += p.failingChecks(for: r, on: today)
    case .rejected, .returned:
      if actor == r.requester { reasons.append("\(actor) raised \(id); an approver decides it") }
      needs(.approver)
      if note == nil { reasons.append("to \(state.verb) a request, give the reason") }
    case .executed:
      needs(.officer)
      reasons += p.failingChecks(for: r, on: today)
    }
    // An approval and the execution keep the checks they were decided on.
    let checks = state == .approved || state == .executed ? p.checks(for: r, on: today).map(\.line) : nil
    return .check(
      reasons,
      [RequestStepTaken(id: id, program: r.program, state: state, reason: note, checks: checks)]
        + effects(of: r, p, today))
  }

  /// What executing records besides the step.
  func effects(of r: Request, _ p: Portfolio, _ today: Day) -> [any EventPayload] {
    guard state == .executed else { return [] }
    let assigned = Set(p.programs[r.program]?.units ?? [])
    let note = "request \(r.id)"
    switch r.kind {
    case .releaseFunds:
      // A drawdown package or a USAI contract is recorded after, naming the request
      // (its articles are not in the request); any other kind obligates now.
      guard let fy = r.fiscalYear, p.programs[r.program]?.kind.transferKind == nil else { return [] }
      return [FundsObligated(program: r.program, fiscalYear: fy, amount: r.amount, on: today, request: r.id)]
    case .offerLOA:
      // On a case whose LOA is already offered, the request approves an amendment:
      // its lines are recorded after, naming it (docs/approvals.md).
      guard p.programs[r.program]?.fmsCase?.loaOffered == nil else { return [] }
      return [CaseMilestoneReached(program: r.program, milestone: .loaOffered, on: today, request: r.id)]
    case .allocateEDA:
      return []  // the allocation, with its articles, is recorded after, naming the request
    case .extendSunset:
      guard let until = r.until else { return [] }
      return [ProgramSunsetChanged(program: r.program, sunset: until, reason: note, request: r.id)]
    case .changePolicy:
      guard let setting = r.setting, let value = r.value else { return [] }
      return [PolicyChanged(setting: setting, value: value, reason: r.summary, request: r.id)]
    case .waiveRestriction:
      guard let restriction = r.restriction, let partner = p.programs[r.program]?.partner else { return [] }
      return [
        RestrictionWaived(
          partner: partner, kind: restriction, program: r.program, reason: r.summary, request: r.id)
      ]
    case .enrollIMET:
      let units: [any EventPayload] = r.units.filter { !assigned.contains($0) }.map {
        UnitAssigned(program: r.program, unit: $0)
      }
      return units + [
        IMETEnrolled(
          program: r.program, course: r.course ?? "", students: r.students ?? 0, cost: r.amount, on: today,
          request: r.id)
      ]
    case .deliver:
      // The articles delivered are recorded after, naming the request.
      return r.units.filter { !assigned.contains($0) }.map { UnitAssigned(program: r.program, unit: $0) }
    }
  }
}
