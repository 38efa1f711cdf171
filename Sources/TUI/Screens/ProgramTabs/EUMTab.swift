import Portfolio

extension AppModel {
  /// The program screen's End-use monitoring tab.
  func eumTab(_ p: Program) -> TableData {
    let rows = p.eum.map { item -> TableData.Row in
      let due = item.nextInventoryDue(policy: portfolio.policy)
      let overdue = item.enhanced && day > due
      return .init(
        key: item.id,
        cells: [
          item.id, item.description, item.enhanced ? "enhanced" : "routine", String(item.quantity),
          item.arrival.description, item.lastInventory?.description ?? "—",
          item.enhanced ? due.description : "—", overdue ? "! overdue" : "ok",
        ], style: overdue ? "alert.warning" : nil)
    }
    // Golden Sentry and Blue Lantern checks follow the items.
    let findings = p.findings.map { f -> TableData.Row in
      let open = f.result == .derogatory && f.resolved == nil
      return .init(
        key: "check:\(f.id)",
        cells: [
          f.id, "\(f.program.title): \(f.note)", f.result.rawValue, "", f.on.description,
          f.resolved.map { "resolved \($0)" } ?? "—", "", open ? "‼ open" : "ok",
        ], style: open ? "alert.critical" : nil)
    }
    return TableData(
      columns: [
        .init("Item", 9), .init("Description", 14, flexible: true), .init("EUM", 8),
        .init("Qty", 5, right: true), .init("Arrived", 10), .init("Inventory", 10), .init("Next due", 10),
        .init("State", 9),
      ],
      rows: rows.isEmpty && findings.isEmpty
        ? [.init(key: "none", cells: ["—", "no end-use-monitored items", "", "", "", "", "", ""])]
        : rows + findings)

  }
}
