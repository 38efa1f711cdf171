/// Questions about requests: whose move it is, and which are most urgent.
extension Portfolio {
  /// Which requests a list shows.
  public enum RequestScope: String, Sendable, CaseIterable {
    case waiting, mine, all

    public var title: String {
      switch self {
      case .waiting: return "Waiting on me"
      case .mine: return "Raised by me"
      case .all: return "All"
      }
    }
  }

  /// Whether the next step on `r` is one `user` may take: approve or decide it
  /// (an approver in its region who is not its requester and has not yet approved),
  /// or submit or execute it (its requester).
  public func isWaiting(_ r: Request, on user: String) -> Bool {
    guard let region = region(ofProgram: r.program) else { return false }
    switch r.state {
    case .submitted:
      return user != r.requester && !r.approvals.contains(user) && roster.allows(user, .approver, in: region)
    case .draft, .returned, .approved:
      return user == r.requester && roster.allows(user, .officer, in: region)
    case .rejected, .executed:
      return false
    }
  }

  /// How many requests a scope holds (no checks evaluated, no sort): for tab labels.
  public func requestCount(_ scope: RequestScope, user: String) -> Int {
    switch scope {
    case .waiting: return requests.values.reduce(0) { $0 + (isWaiting($1, on: user) ? 1 : 0) }
    case .mine: return requests.values.reduce(0) { $0 + ($1.requester == user ? 1 : 0) }
    case .all: return requests.count
    }
  }

  /// The requests of a scope, most urgent first: open before closed, failing checks
  /// first (they need someone to act), then the oldest, then the largest.
  public func requests(_ scope: RequestScope, user: String, on day: Day) -> [Request] {
    let chosen = requests.values.filter { r in
      switch scope {
      case .waiting: return isWaiting(r, on: user)
      case .mine: return r.requester == user
      case .all: return true
      }
    }
    let keyed = chosen.map { r in
      (r, r.state.isOpen, !failingChecks(for: r, on: day).isEmpty, (r.submitted ?? r.raised).ordinal)
    }
    return keyed.sorted { a, b in
      if a.1 != b.1 { return a.1 }
      if a.2 != b.2 { return a.2 }
      if a.3 != b.3 { return a.3 < b.3 }
      if a.0.amount != b.0.amount { return a.0.amount > b.0.amount }
      return a.0.id < b.0.id
    }.map(\.0)
  }

  /// Who still has to act on a request, in words: "needs 1 more approver (not m.okafor, l.chen)".
  public func nextStep(of r: Request) -> String {
    switch r.state {
    case .draft: return "draft: \(r.requester) submits it"
    case .returned: return "returned: \(r.requester) revises and resubmits it"
    case .submitted:
      let excluded = ([r.requester] + r.approvals).joined(separator: ", ")
      let n = r.approvalsMissing
      return "needs \(n) more approver\(n == 1 ? "" : "s") (of \(r.approvalsNeeded); not \(excluded))"
    case .approved: return "approved: an officer executes it"
    case .rejected: return "rejected (final)"
    case .executed: return "executed"
    }
  }
}
