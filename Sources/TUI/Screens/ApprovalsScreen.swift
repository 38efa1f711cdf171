import Portfolio
import Terminal

/// The approval queue (p, :approvals): waiting on me, raised by me, all, most urgent
/// first; Enter opens a request; A R B S E take a step on the selected one.
extension AppModel {
  public func approvalsTable(_ scope: Portfolio.RequestScope) -> TableData {
    let rows = portfolio.requests(scope, user: info.user, on: day).map { r -> TableData.Row in
      // A decided request's checks held at its steps; today's figures, which its own
      // execution changed, say nothing about it (as `sapm request show`).
      let failing = r.state.isOpen ? portfolio.failingChecks(for: r, on: day).count : 0
      let partner = portfolio.partner(ofProgram: r.program)?.name ?? "?"
      let age = (r.submitted ?? r.raised).days(until: day)
      return TableData.Row(
        key: r.id,
        cells: [
          r.id, r.state.rawValue, r.kind.title, partner, r.program, r.amount.compact,
          !r.state.isOpen ? "decided" : failing == 0 ? "✔ pass" : "✘ \(failing) fail", "\(age)d",
          "\(r.approvals.count)/\(r.approvalsNeeded)",
          r.requester,
        ],
        style: failing > 0 && r.state.isOpen ? "alert.warning" : r.state.isPending ? "request.pending" : nil)
    }
    return TableData(
      columns: [
        .init("Request", 8), .init("State", 9), .init("Kind", 20), .init("Partner", 14), .init("Program", 12),
        .init("Amount", 9, right: true), .init("Checks", 8), .init("Age", 5, right: true),
        .init("Appr", 4), .init("Raised by", 10, flexible: true),
      ], rows: rows)
  }

  func renderApprovals(_ g: inout CellGrid, _ layout: Layout) {
    var x = 1
    for (i, scope) in Portfolio.RequestScope.allCases.enumerated() {
      let n = requestCounts[i]
      let label = " \(scope.title) (\(n)) "
      x += g.put(label, x: x, y: 1, style: theme.style(scope == page.scope ? "tab.active" : "tab")) + 1
    }
    g.put(
      "most urgent first · Tab switches", x: x + 1, y: 1, style: theme.style("list.dim"), limit: width - x - 2
    )
    drawTable(&g, currentTable() ?? approvalsTable(page.scope), layout.list, page.list, active: true)
  }

  mutating func drillFromApprovals() -> [Effect] {
    guard let row = selectedRow(), portfolio.requests[row.key] != nil else {
      fail("no request selected")
      return []
    }
    stack.append(Page(.request(row.key)))
    return []
  }

  /// The request a step key acts on: the one on screen, or the selected row of a
  /// list of requests.
  func selectedRequest() -> Request? { page.screen.screen.selectedRequest(self) }

  /// A R B S E: says why not in the status line, or asks (y/n, or the reason).
  mutating func startStep(_ state: RequestState) {
    guard let r = selectedRequest() else { return }
    let needsReason = state == .rejected || state == .returned
    let probe = StepRequest(id: r.id, to: state, reason: needsReason ? "reason" : nil)
    if case .reject(let refusal) = probe.decide(portfolio, actor: info.user, today: today) {
      fail("cannot \(state.verb) \(r.id): " + refusal.reasons.joined(separator: "; "))
      return
    }
    input = needsReason ? .stepReason(request: r.id, state: state) : .confirmStep(request: r.id, state: state)
    inputText = ""
  }

  /// The request named in a dialog: "RQ-0001 · Release funds · Jordan · $200.0M".
  func requestLabel(_ id: String) -> String {
    guard let r = portfolio.requests[id] else { return id }
    let partner = portfolio.partner(ofProgram: r.program)?.name ?? "?"
    return "\(r.id) · \(r.kind.title) · \(partner) · \(r.amount.compact)"
  }

  /// The question the dialog asks, with what approving would leave to do.
  func stepPrompt(_ id: String, _ state: RequestState) -> String {
    var text = "\(state.verb.capitalizedFirst) \(requestLabel(id))"
    if state == .approved, let r = portfolio.requests[id] {
      let left = r.approvalsMissing - 1
      text += left > 0 ? " (checks pass; \(left) more approver after you)" : " (checks pass)"
    }
    if state == .rejected || state == .returned { return text + " — reason: " }
    return text + "? (y/n, m adds a note) "
  }

}

extension String {
  /// "approve" → "Approve": a step's verb at the start of a question.
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// The approval queue (p): waiting on me, raised by me, all.
struct ApprovalsScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Approvals · \(page.scope.title)" }
  func table(_ m: AppModel) -> TableData? { m.approvalsTable(m.page.scope) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderApprovals(&g, layout) }
  func footer(_ m: AppModel) -> String {
    "Tab lists · " + KeyMap.footer([.drill] + AppModel.stepActions + [.filter, .back])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromApprovals() }
  func tab(_ m: inout AppModel, by step: Int) -> [Effect]? {
    m.switchScope(by: step)
    return []
  }
  func selectedRequest(_ m: AppModel) -> Request? { m.selectedRow().flatMap { m.portfolio.requests[$0.key] } }
}
