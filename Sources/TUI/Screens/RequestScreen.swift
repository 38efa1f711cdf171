import Portfolio
import Terminal

/// One request (Enter on the approvals screen or a program's Requests tab).
extension AppModel {
  /// One request: fields, checks (✔ ✘ –) with reasons, approvals, who is needed, history.
  public func requestTable(_ id: String) -> TableData {
    guard let r = portfolio.requests[id] else {
      return TableData(columns: kvColumns, rows: [kvRow("Request", "no request '\(id)'")])
    }
    let program = portfolio.programs[r.program]
    let partner = program.flatMap { portfolio.partners[$0.partner] }
    var rows = [
      kvRow("Request", "\(r.id) · \(r.kind.title)"),
      kvRow("State", r.state.rawValue, r.state.isPending ? "request.pending" : nil),
      kvRow("Program", "\(r.program) — \(program?.title ?? "?")"),
      kvRow("Partner", partner.map { "\($0.name) (\($0.region.title))" } ?? "?"),
      kvRow("Details", r.details.isEmpty ? "—" : r.details),
      kvRow("Justification", r.summary),
      kvRow("Raised", "\(r.raised) by \(r.requester)"),
      kvRow("Approvals", r.approvals.isEmpty ? "none yet" : r.approvals.joined(separator: ", ")),
      kvRow("Next", portfolio.nextStep(of: r)),
    ]
    if !r.state.isOpen {
      // Frozen when it was decided: today's figures, which its execution changed, say nothing.
      if let step = r.lastCheckedStep, let checks = step.checks {
        rows.append(
          kvRow("Checks", "as they stood when \(step.by) \(step.state.rawValue) it on \(step.on)", "list.dim")
        )
        for (i, line) in checks.enumerated() {
          let failed = line.hasPrefix("✘")
          rows.append(
            TableData.Row(
              key: "frozen-\(i)", cells: ["", line],
              style: failed ? "check.fail" : line.hasPrefix("✔") ? "check.pass" : "list.dim"))
        }
      } else {
        rows.append(
          kvRow("Checks", "not recorded (\(r.state.rawValue) before this build kept them)", "list.dim"))
      }
    }
    for (i, c) in (r.state.isOpen ? portfolio.checks(for: r, on: day) : []).enumerated() {
      let mark = c.outcome == .pass ? "✔" : c.outcome == .fail ? "✘" : "–"
      rows.append(
        TableData.Row(
          key: "check-\(i)", cells: ["\(mark) \(c.kind.rawValue)", c.detail],
          style: c.failed ? "check.fail" : c.outcome == .pass ? "check.pass" : "list.dim"))
    }
    for (i, s) in r.steps.enumerated() {
      rows.append(
        TableData.Row(
          key: "step-\(i)",
          cells: [
            i == 0 ? "History" : "",
            "\(s.on)  \(s.state.rawValue) by \(s.by)" + (s.signed == true ? " · signed ✔" : "")
              + (s.reason.map { ": \($0)" } ?? ""),
          ]))
    }
    return kvTable(rows)
  }

  func renderRequest(_ g: inout CellGrid, _ layout: Layout, _ id: String) {
    let open = portfolio.requests[id].map { portfolio.isWaiting($0, on: info.user) } ?? false
    g.put(
      "Request \(id) · checks on \(day)" + (open ? " · waiting on you" : ""), x: 1, y: 1,
      style: theme.style("title"), limit: width - 2)
    drawTable(&g, currentTable() ?? requestTable(id), layout.list, page.list, active: true)
  }
}

/// One request: its fields, checks, approvals and history.
struct RequestScreen: Screen {
  let id: String
  func crumb(_ m: AppModel, _ page: Page) -> String { id }
  func table(_ m: AppModel) -> TableData? { m.requestTable(id) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderRequest(&g, layout, id) }
  func footer(_ m: AppModel) -> String { KeyMap.footer(AppModel.stepActions + [.detail, .back, .help]) }
  func drill(_ m: inout AppModel) -> [Effect] {
    if let d = m.detailOfSelectedRow() { m.detail = d }
    return []
  }
  func selectedRequest(_ m: AppModel) -> Request? { m.portfolio.requests[id] }
}
