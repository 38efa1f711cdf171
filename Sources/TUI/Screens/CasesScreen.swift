import Portfolio
import Terminal

/// Every FMS case against its §36(b) thresholds (c, :cases): "which cases cross the
/// threshold?" — required and not notified first, then reviews still running.
extension AppModel {
  public func casesTable() -> TableData {
    let cases = portfolio.programs.keys.compactMap { portfolio.caseNotification($0) }
    func rank(_ n: CaseNotification) -> Int {
      if n.required && n.transmittal == nil { return 0 }
      if let ends = n.reviewEnds, day < ends { return 1 }
      return n.required ? 2 : 3
    }
    let sorted = cases.sorted {
      (rank($0), -$0.articles.amount, $0.identifier) < (rank($1), -$1.articles.amount, $1.identifier)
    }
    let rows = sorted.map { n -> TableData.Row in
      let partner = portfolio.partners[n.partner]?.name ?? n.partner
      return TableData.Row(
        key: n.program,
        cells: [
          n.identifier, partner, n.program, n.tier.title, n.stage, n.articles.compact, n.mde.compact,
          n.construction.compact, "\(n.thresholdMDE.compact) / \(n.thresholdArticles.compact)",
          n.state(on: day),
        ],
        style: rank(n) == 0 ? "alert.critical" : rank(n) == 1 ? "alert.info" : nil)
    }
    return TableData(
      columns: [
        .init("Case", 9), .init("Partner", 12), .init("Program", 11), .init("Tier", 7), .init("Stage", 14),
        .init("Articles", 9, right: true), .init("MDE", 8, right: true), .init("D&C", 7, right: true),
        .init("Thresholds", 13), .init("§36(b)", 20, flexible: true),
      ], rows: rows)
  }

  func renderCases(_ g: inout CellGrid, _ layout: Layout) {
    let table = currentTable() ?? casesTable()
    let open = table.rows.filter { $0.style == "alert.critical" }.count
    // Counted with the other figures, once per change: not every program on every frame.
    let regions = summary.regions.values
    let onTime = regions.reduce(0) { $0 + $1.offersOnTime }
    let offered = regions.reduce(0) { $0 + $1.offersWithAOD }
    let share =
      offered > 0
      ? " · offers on time: \(onTime) of \(offered) (\(onTime * 100 / offered)%, goal \(portfolio.policy.offerOnTimeGoalPercent)%)"
      : ""
    g.put(
      "FMS cases on \(day) against their §36(b) thresholds (MDE / articles and services): \(open) required and not notified first\(share) · Enter opens the case",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, table, layout.list, page.list, active: true)
  }

  /// Enter: the program's Case tab.
  mutating func drillFromCases() -> [Effect] { openSelectedProgram(on: .fmsCase, or: "no case selected") }

  /// Enter on a list keyed by program ID (or whose key `program` maps to one): that
  /// program, on `tab`.
  mutating func openSelectedProgram(
    on tab: ProgramTab, or nothing: String, program: (String) -> String = { $0 }
  ) -> [Effect] {
    guard let row = selectedRow(), case let id = program(row.key), portfolio.programs[id] != nil else {
      fail(nothing)
      return []
    }
    history = []
    var page = Page(.program(id))
    page.tab = tab
    stack.append(page)
    return []
  }
}

/// Every FMS case against its §36(b) thresholds (c).
struct CasesScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "FMS cases" }
  func table(_ m: AppModel) -> TableData? { m.casesTable() }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderCases(&g, layout) }
  func footer(_ m: AppModel) -> String {
    KeyMap.footer([.drill, .filter, .alerts, .approvals, .back, .home, .help])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromCases() }
}
