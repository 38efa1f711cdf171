import Portfolio
import Terminal

/// Every open alert in the portfolio, most severe first.
extension AppModel {
  public func alertsTable() -> TableData {
    let alerts = self.alerts
    let search = alertSearch ?? (page.filter.isEmpty ? nil : partialSearch)
    let model = self
    return TableData(
      columns: [
        .init("Severity", 10), .init("Alert", 22), .init("Partner", 14), .init("Program", 12),
        .init("Since", 10), .init("Details", 20, flexible: true),
      ],
      lazyRows: .init(
        count: alerts.count, key: { alerts[$0].id.description }, row: { model.alertRow(alerts[$0]) },
        searchText: search))
  }

  /// One row of the alerts view (its text built now: rows are made when drawn).
  func alertRow(_ a: Alert) -> TableData.Row {
    TableData.Row(
      key: a.id.description, cells: alertCells(a, message: message(of: a)),
      style: a.isOpen ? "alert.\(a.severity.name)" : "alert.acknowledged")
  }

  func alertCells(_ a: Alert, message: String) -> [String] {
    let partner = portfolio.partners[a.subject.partner]?.name ?? a.subject.partner
    let state = a.isOpen ? a.severity.name : "ack"
    let ack = a.acknowledgement.map { " — ack by \($0.by) \($0.on): \($0.note)" } ?? ""
    // A vetting alert's day is its vetting's expiry: hidden where vetting details are.
    let since = redaction?.hidesDay(of: a) == true ? "—" : a.began.description
    return ["\(a.severity.symbol) \(state)", a.rule.title, partner, a.subject.program, since, message + ack]
  }

  /// What the filter searches in a row of the alerts view (as `TableData.Row` makes it).
  func alertSearchText(_ a: Alert, message: String) -> [UInt8] {
    TableData.Row.searchText(alertCells(a, message: message))
  }

  func renderAlerts(_ g: inout CellGrid, _ layout: Layout) {
    let counts = summary.openAlerts
    let open = counts.reduce(0, +)
    guard !alertsPending else {
      g.put(
        alertCountsKnown
          ? "Alerts on \(day): \(open) open (\(alertCounts(counts))) — listing them… (the checkpoint's figures; the list follows in a moment)"
          : "Alerts on \(day): counting and listing them… (the list follows in a moment)",
        x: 1, y: 1, style: theme.style("title"), limit: width - 2)
      drawTable(
        &g, currentTable() ?? alertsTable(), layout.list, page.list, active: true,
        empty: "computing the alerts…")
      return
    }
    let searching =
      alertSearchPending
      ? " · searching: \((100 * (partialSearch?.count ?? 0)) / max(1, alerts.count))% of the alerts so far"
      : ""
    let text =
      "Alerts on \(day): \(open) open (\(alertCounts(counts))), \(alerts.count - open) acknowledged — most severe first\(searching) · Enter opens the program · x acknowledges"
    g.put(text, x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, currentTable() ?? alertsTable(), layout.list, page.list, active: true)
  }

  /// Enter: the program of the selected alert.
  mutating func drillFromAlerts() -> [Effect] {
    guard let row = selectedRow(), let alert = alerts.first(where: { $0.id.description == row.key }) else {
      fail("no alert selected")
      return []
    }
    // An alert about the store itself has no program to open: say what to do.
    guard alert.region != nil else {
      fail(
        "about the store itself: run 'sapm verify' and compare with a backup (docs/security.md); x acknowledges it with a note"
      )
      return []
    }
    return openProgram(alert.subject.program)
  }
}

/// Every open alert, most severe first (a).
struct AlertsScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Alerts" }
  func table(_ m: AppModel) -> TableData? { m.alertsTable() }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderAlerts(&g, layout) }
  func footer(_ m: AppModel) -> String {
    KeyMap.footer([.drill, .acknowledge, .filter, .detail, .back, .home, .help])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromAlerts() }
  func acknowledges(_ m: AppModel) -> Bool { true }
}
