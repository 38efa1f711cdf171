import Portfolio
import Terminal

/// A partner: its header and its programs.
extension AppModel {
  public func partnerTable(_ code: String) -> TableData {
    let sort = stack.last { $0.screen == .partner(code) }?.sort ?? .name
    let programs = sorted(portfolio.programs(of: code), by: sort, name: \.id) { p in
      (
        p.value, p.available.amount > 0 ? Double(p.obligated.amount) / Double(p.available.amount) : -1,
        self.summary.programAlerts[p.id] ?? [0, 0, 0]
      )
    }
    let rows = programs.map { p -> TableData.Row in
      let counts = summary.programAlerts[p.id] ?? [0, 0, 0]
      return TableData.Row(
        key: p.id,
        cells: [
          p.kind.rawValue, p.id, p.title, p.status.rawValue, p.value.compact,
          percent(p.obligated, of: p.available), alertCounts(counts),
        ],
        style: severityStyle(counts))
    }
    return TableData(
      columns: [
        .init("Kind", 4), .init(marked("Program", false), 12), .init("Title", 20, flexible: true),
        .init("Status", 9), .init(marked("Value", sort == .value), 9, right: true),
        .init(marked("Life obl", sort == .obligated), 8, right: true),
        .init(marked("Alerts", sort == .alerts), 9),
      ], rows: rows)
  }

  func renderPartner(_ g: inout CellGrid, _ layout: Layout, _ code: String) {
    guard let p = portfolio.partners[code] else {
      g.put("No partner \(code) on \(day).", x: 1, y: 1, style: theme.style("status.error"))
      return
    }
    let f = summary.partners[code] ?? PortfolioSummary.Figures()
    g.put(
      "\(p.name) (\(p.code)) · \(p.region.title) · §36(b) tier \(p.tier.title) · \(counted(f.programs, "program")) · \(f.value.compact) · alerts \(alertCounts(f.alerts).isEmpty ? "none" : alertCounts(f.alerts))",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    let restrictions = p.activeRestrictions(on: day)
    if restrictions.isEmpty {
      g.put("No active restrictions", x: 1, y: 2, style: theme.style("list.dim"))
    } else {
      let text =
        "⚠ Restricted: " + restrictions.map { "\($0.kind.title) since \($0.since)" }.joined(separator: "; ")
      g.put(text, x: 1, y: 2, style: theme.style("restriction"), limit: width - 2)
    }
    drawTable(&g, currentTable() ?? partnerTable(code), layout.list, page.list, active: true)
  }

  /// Enter: the selected program.
  mutating func drillFromPartner() -> [Effect] {
    guard let row = selectedRow(), portfolio.programs[row.key] != nil else {
      fail("no program selected")
      return []
    }
    return openProgram(row.key)
  }

  /// n: a new program for this partner.
  func newFormOnPartner(_ code: String) -> Form? { Form.program(partner: code, today: today) }
}
