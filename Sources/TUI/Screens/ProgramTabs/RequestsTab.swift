import Portfolio

extension AppModel {
  /// The program screen's Requests tab.
  func requestsTab(_ p: Program) -> TableData {
    let rows = portfolio.requests(on: p.id).map { r in
      TableData.Row(
        key: r.id,
        cells: [
          r.id, r.kind.title, r.amount.compact, r.state.rawValue, r.requester, r.raised.description,
          r.approvals.joined(separator: ", "),
        ], style: r.state.isPending ? "request.pending" : nil)
    }
    return TableData(
      columns: [
        .init("Request", 8), .init("Kind", 20), .init("Amount", 9, right: true), .init("State", 9),
        .init("Raised by", 10), .init("Raised", 10), .init("Approvals", 12, flexible: true),
      ],
      rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "no requests", "", "", "", "", ""])] : rows)

  }
}
