import Portfolio

extension AppModel {
  /// The program screen's Conditions & metrics tab.
  func oversightTab(_ p: Program) -> TableData {
    var rows: [TableData.Row] = p.conditions.map { c in
      let state =
        c.met.map { "✓ met \($0)" } ?? c.waived.map { "waived \($0)" }
        ?? (day >= c.due ? "! unmet, due \(c.due)" : "open, due \(c.due)")
      return .init(
        key: c.id, cells: ["Condition", c.id, c.text, state],
        style: !c.isSettled && day >= c.due ? "alert.warning" : nil)
    }
    rows += p.metrics.map { m in
      let actual =
        m.actual.map { "\(trim($0)) of \(trim(m.target)) \(m.unit)" }
        ?? "not measured (target \(trim(m.target)) \(m.unit))"
      return .init(key: m.id, cells: ["Metric", m.id, m.name, actual])
    }
    return TableData(
      columns: [.init("Kind", 10), .init("Id", 6), .init("Text", 24, flexible: true), .init("State", 24)],
      rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "", "no conditions or metrics", ""])] : rows)

  }
}
