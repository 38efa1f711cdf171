/// A request raised on a program (the approval workflow's rules come in a later
/// version; the fold already keeps requests so alerts and history see them).
public struct RequestRaised: EventPayload {
  public static let type = "request.raised"
  public var id: String
  public var program: String
  public var kind: RequestKind
  public var amount: Dollars
  public var fiscalYear: Int?
  public var unit: String?
  public var summaryText: String
  public init(
    id: String, program: String, kind: RequestKind, amount: Dollars, fiscalYear: Int? = nil,
    unit: String? = nil,
    summary: String
  ) {
    self.id = id
    self.program = program
    self.kind = kind
    self.amount = amount
    self.fiscalYear = fiscalYear
    self.unit = unit
    self.summaryText = summary
  }
  enum CodingKeys: String, CodingKey {
    case id, program, kind, amount, fiscalYear, unit
    case summaryText = "summary"
  }
  public var programID: String? { program }
  public var summary: String { "request \(id) raised: \(kind.title) \(amount.compact) — \(summaryText)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    _ = try p.requireProgram(program)
    guard p.requests[id] == nil else { throw FoldError("request '\(id)' already exists") }
    var r = Request(
      id: id, program: program, kind: kind, amount: amount, fiscalYear: fiscalYear, unit: unit,
      summary: summaryText,
      requester: context.actor, raised: context.day)
    r.steps.append(RequestStep(state: .draft, by: context.actor, on: context.day, reason: nil))
    p.setRequest(r)
  }
}

/// One step on a request: submitted, approved, rejected, returned or executed.
public struct RequestStepTaken: EventPayload {
  public static let type = "request.step"
  public var id: String
  public var program: String
  public var state: RequestState
  public var reason: String?
  public init(id: String, program: String, state: RequestState, reason: String? = nil) {
    self.id = id
    self.program = program
    self.state = state
    self.reason = reason
  }
  public var programID: String? { program }
  public var summary: String { "request \(id) \(state.rawValue)" + (reason.map { ": \($0)" } ?? "") }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard var r = p.requests[id] else { throw FoldError("no request '\(id)'") }
    r.steps.append(RequestStep(state: state, by: context.actor, on: context.day, reason: reason))
    if state == .approved {
      if !r.approvals.contains(context.actor) { r.approvals.append(context.actor) }
      // Stays submitted until enough distinct approvers have signed.
      let needed = r.amount >= p.policy.twoApproverAmount ? 2 : 1
      r.state = r.approvals.count >= needed ? .approved : .submitted
    } else {
      if state == .submitted { r.approvals = [] }
      r.state = state
    }
    p.setRequest(r)
  }
}
