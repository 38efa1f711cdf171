/// A request raised on a program, as a draft. Who may raise it, and what it must
/// say, is `RaiseRequest`'s to check; the fold keeps what was written.
public struct RequestRaised: EventPayload {
  public static let type = "request.raised"
  public var id: String
  public var program: String
  public var kind: RequestKind
  public var amount: Dollars
  public var fiscalYear: Int?
  /// Written by earlier builds for a single unit; read into `units`.
  public var unit: String?
  public var units: [String]?
  public var course: String?
  public var students: Int?
  public var lines: [Int]?
  public var until: Day?
  /// For `change-policy`: the setting and its new value.
  public var setting: String?
  public var value: Double?
  /// For `waive-restriction`: which restriction.
  public var restriction: RestrictionKind?
  public var summaryText: String

  public init(
    id: String, program: String, kind: RequestKind, amount: Dollars, fiscalYear: Int? = nil,
    units: [String] = [], course: String? = nil, students: Int? = nil, lines: [Int] = [], until: Day? = nil,
    summary: String
  ) {
    self.id = id
    self.program = program
    self.kind = kind
    self.amount = amount
    self.fiscalYear = fiscalYear
    self.units = units.isEmpty ? nil : units
    self.course = course
    self.students = students
    self.lines = lines.isEmpty ? nil : lines
    self.until = until
    self.summaryText = summary
  }

  enum CodingKeys: String, CodingKey {
    case id, program, kind, amount, fiscalYear, unit, units, course, students, lines, until, setting, value,
      restriction
    case summaryText = "summary"
  }

  /// Every unit named, old single-unit field included.
  public var allUnits: [String] {
    var list = units ?? []
    if let unit, !list.contains(unit) { list.insert(unit, at: 0) }
    return list
  }

  /// The request this event describes, before any step.
  public func request(requester: String, raised: Day) -> Request {
    var r = Request(
      id: id, program: program, kind: kind, amount: amount, fiscalYear: fiscalYear, units: allUnits,
      course: course, students: students, lines: lines ?? [], until: until, summary: summaryText,
      requester: requester, raised: raised)
    r.setting = setting
    r.value = value
    r.restriction = restriction
    return r
  }

  public var programID: String? { program }
  public var summary: String {
    let r = request(requester: "", raised: Day(ordinal: 0))
    return "request \(id) raised: \(kind.title)" + (r.details.isEmpty ? "" : " (\(r.details))")
      + " — \(summaryText)"
  }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    if kind == .changePolicy {
      guard program == Request.policyProgram else {
        throw FoldError("a change-policy request is raised on '\(Request.policyProgram)', not on \(program)")
      }
    } else {
      _ = try p.requireProgram(program)
    }
    guard p.requests[id] == nil else { throw FoldError("request '\(id)' already exists") }
    var r = request(requester: context.actor, raised: context.day)
    r.steps.append(
      RequestStep(state: .draft, by: context.actor, on: context.day, signed: p.isSigned ? true : nil))
    p.setRequest(r)
  }
}

/// One step on a request: submitted, approved, rejected, returned or executed.
///
/// The fold holds the parts of the workflow that need nothing but the log: the
/// transitions, the requester never counting as an approver, one approval per
/// person. Roles, regions and the checks are the commands' (`StepRequest`), decided
/// at the moment of the step.
public struct RequestStepTaken: EventPayload {
  public static let type = "request.step"
  public var id: String
  public var program: String
  public var state: RequestState
  public var reason: String?
  /// The checks as they stood when an approval or the execution was decided (✔/✘/–
  /// lines): a decided request shows these, not today's figures, which its own
  /// execution changed.
  public var checks: [String]?
  public init(
    id: String, program: String, state: RequestState, reason: String? = nil, checks: [String]? = nil
  ) {
    self.id = id
    self.program = program
    self.state = state
    self.reason = reason
    self.checks = checks
  }
  public var programID: String? { program }
  public var summary: String { "request \(id) \(state.rawValue)" + (reason.map { ": \($0)" } ?? "") }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard var r = p.requests[id] else { throw FoldError("no request '\(id)'") }
    guard r.program == program else { throw FoldError("request \(id) is on \(r.program), not \(program)") }
    if let refusal = r.state.refusal(to: state) {
      throw FoldError("request \(id) cannot be \(state.rawValue): \(refusal)")
    }
    var step = RequestStep(
      state: state, by: context.actor, on: context.day, reason: reason, signed: p.isSigned ? true : nil)
    step.checks = checks
    r.steps.append(step)
    switch state {
    case .submitted:
      r.approvals = []
      r.approvalsNeeded = r.amount >= p.policy.twoApproverAmount ? 2 : 1
      r.state = .submitted
    case .approved:
      guard context.actor != r.requester else {
        throw FoldError("request \(id): \(context.actor) raised it and cannot approve it (four eyes)")
      }
      if !r.approvals.contains(context.actor) { r.approvals.append(context.actor) }
      // Stays submitted until enough distinct approvers have signed.
      r.state = r.approvals.count >= r.approvalsNeeded ? .approved : .submitted
    default:
      r.state = state
    }
    p.setRequest(r)
  }
}
