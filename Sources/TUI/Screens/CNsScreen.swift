import Portfolio
import Terminal

/// The congressional-notification tracker (:cns): money that still needs a CN, CNs on
/// their 15-day hold or held by a committee, cleared and withdrawn ones (FAA §634A;
/// SFOPS §7015). Enter opens the Funding tab of the program the CN is shown on.
extension AppModel {
  public func cnsTable() -> TableData {
    let lines = portfolio.cnLines(on: day)
    let rows = lines.map { line -> TableData.Row in
      let partner = portfolio.partners[line.key.partner]?.name ?? line.key.partner
      let program = portfolio.notificationProgram(partner: line.key.partner, account: line.key.account) ?? ""
      let style: String? =
        switch line.state {
        case .needed: "alert.warning"
        case .hold, .held: "alert.info"
        case .cleared, .withdrawn: nil
        }
      return TableData.Row(
        key: "\(program)|\(line.number ?? "needed FY\(line.key.fiscalYear)")",
        cells: [
          line.state.rawValue, line.number ?? "—", "\(line.key.account) FY\(line.key.fiscalYear)",
          line.amount.compact, line.day?.description ?? "", partner, line.text,
        ],
        style: style)
    }
    var table = TableData(
      columns: [
        .init("State", 9), .init("CN", 10), .init("Account", 10), .init("Amount", 9, right: true),
        .init("Day", 10), .init("Partner", 12), .init("What", 20, flexible: true),
      ], rows: rows)
    let count = { (s: Portfolio.CNLine.State) in lines.filter { $0.state == s }.count }
    table.caption =
      "\(count(.needed)) needed, \(count(.hold)) on hold, \(count(.held)) held, \(count(.cleared)) cleared"
    return table
  }

  func renderCNs(_ g: inout CellGrid, _ layout: Layout) {
    let table = currentTable() ?? cnsTable()
    g.put(
      "Congressional notifications on \(day): \(table.caption) · \(portfolio.policy.cnWaitDays)-day hold (FAA §634A) · Enter opens the Funding tab",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(
      &g, table, layout.list, page.list, active: true, empty: "no congressional notifications recorded")
  }

  /// Enter: the Funding tab of the program the line's CNs are shown on (its key is
  /// `program|CN`).
  mutating func drillFromCNs() -> [Effect] {
    openSelectedProgram(on: .funding, or: "no program of that account to open") {
      $0.split(separator: "|").first.map(String.init) ?? $0
    }
  }
}

struct CNsScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Congressional notifications" }
  func table(_ m: AppModel) -> TableData? { m.cnsTable() }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderCNs(&g, layout) }
  func footer(_ m: AppModel) -> String {
    KeyMap.footer([.drill, .filter, .alerts, .back, .home, .help])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromCNs() }
}
