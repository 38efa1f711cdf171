import Portfolio
import Terminal

/// The fiscal year's close (:expiring): every funding line of the portfolio whose
/// availability ends within the funds-expiring lead, with its unobligated balance,
/// largest first — what lapses if nothing is obligated in time.
extension AppModel {
  public func expiringTable() -> TableData {
    let lines = portfolio.expiring(within: portfolio.policy.fundsExpiringLeadDays, on: day)
    let rows = lines.map { line -> TableData.Row in
      let partner = portfolio.partners[line.partner]?.name ?? line.partner
      return TableData.Row(
        key: line.program,
        cells: [
          line.unobligated.compact, line.program, "FY\(line.fiscalYear)", line.availableUntil.description,
          "\(line.daysLeft)d", partner,
        ],
        style: line.daysLeft <= 30 ? "alert.warning" : nil)
    }
    var table = TableData(
      columns: [
        .init("Unobligated", 11, right: true), .init("Program", 11), .init("FY", 6), .init("Until", 10),
        .init("Left", 5, right: true), .init("Partner", 14, flexible: true),
      ], rows: rows)
    let total = lines.reduce(Dollars.zero) { $0 + $1.unobligated }
    table.caption = "\(total.compact) unobligated"
    return table
  }

  func renderExpiring(_ g: inout CellGrid, _ layout: Layout) {
    // The cached table carries its caption: the portfolio is not scanned per frame.
    let table = currentTable() ?? expiringTable()
    g.put(
      "Funds expiring within \(portfolio.policy.fundsExpiringLeadDays) days of \(day): \(counted(table.rows.count, "line", plural: "lines")), \(table.caption) · Enter opens the Funding tab",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, table, layout.list, page.list, active: true, empty: "no funds expire within the lead")
  }

  /// Enter: the program's Funding tab.
  mutating func drillFromExpiring() -> [Effect] {
    openSelectedProgram(on: .funding, or: "no funding line selected")
  }
}

struct ExpiringScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Expiring funds" }
  func table(_ m: AppModel) -> TableData? { m.expiringTable() }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderExpiring(&g, layout) }
  func footer(_ m: AppModel) -> String {
    KeyMap.footer([.drill, .filter, .alerts, .back, .home, .help])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromExpiring() }
}
