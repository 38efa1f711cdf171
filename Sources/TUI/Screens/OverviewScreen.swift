import Portfolio
import Terminal

/// The overview: four region panes (a 2×2 grid, or a tab strip on small terminals).
extension AppModel {
  public func overviewTable(_ region: Region) -> TableData {
    let sort = stack[0].sort
    let figures = { (p: Partner) in self.shownSummary.partners[p.code] ?? PortfolioSummary.Figures() }
    let partners = sorted(shownSummary.partnersByRegion[region] ?? [], by: sort, name: \.name) { p in
      let f = figures(p)
      return (
        f.value, f.available.amount > 0 ? Double(f.obligated.amount) / Double(f.available.amount) : -1,
        f.alerts
      )
    }
    let rows = partners.map { p -> TableData.Row in
      let f = shownSummary.partners[p.code] ?? PortfolioSummary.Figures()
      let restricted = p.activeRestrictions(on: day).isEmpty ? "" : " ⚠"
      return TableData.Row(
        key: p.code,
        cells: [
          p.name + restricted, String(f.programs), f.value.compact, percent(f.obligated, of: f.available),
          alertCountsKnown ? alertCounts(f.alerts) : "…",
        ],
        style: alertCountsKnown ? severityStyle(f.alerts) : nil)
    }
    return TableData(
      columns: [
        .init(marked("Partner", false), 14, flexible: true), .init("Prog", 4, right: true),
        .init(marked("Value", sort == .value), 9, right: true),
        .init(marked("FY\(fiscalYearShown % 100) obl", sort == .obligated), 8, right: true),
        .init(marked("Alerts", sort == .alerts), 9),
      ], rows: rows)
  }

  func renderOverview(_ g: inout CellGrid, _ layout: Layout) {
    if !layout.grid {
      var x = 0
      for (i, region) in Region.allCases.enumerated() {
        let active = i == focusedRegion
        let label = active ? "[\(i + 1) \(region.title)]" : " \(i + 1) \(region.title) "
        x += g.put(label, x: x, y: 1, style: theme.style(active ? "tab.active" : "tab")) + 1
      }
    }
    for (i, region) in Region.allCases.enumerated() where layout.panes[i].width > 0 {
      renderPane(&g, region, index: i, rect: layout.panes[i], focused: i == focusedRegion)
    }
  }

  func renderPane(_ g: inout CellGrid, _ region: Region, index: Int, rect r: Rect, focused: Bool) {
    guard r.width >= 10, r.height >= 4 else { return }
    let border = theme.style(focused ? "pane.border.focus" : "pane.border")
    let (h, v, tl, tr, bl, br) = focused ? ("═", "║", "╔", "╗", "╚", "╝") : ("─", "│", "┌", "┐", "└", "┘")
    g.put(tl + String(repeating: h, count: r.width - 2) + tr, x: r.x, y: r.y, style: border)
    for y in r.y + 1..<r.y + r.height - 1 {
      g.put(v, x: r.x, y: y, style: border)
      g.put(v, x: r.x + r.width - 1, y: y, style: border)
    }
    g.put(bl + String(repeating: h, count: r.width - 2) + br, x: r.x, y: r.y + r.height - 1, style: border)
    let title = focused ? "▶ [\(index + 1)] \(region.title) ◀" : " [\(index + 1)] \(region.title) "
    g.put(
      title, x: r.x + 2, y: r.y, style: theme.style(focused ? "pane.title.focus" : "pane.title"),
      limit: r.width - 4)

    let f = shownSummary.regions[region] ?? PortfolioSummary.Figures()
    let partners = shownSummary.partnersByRegion[region]?.count ?? 0
    let inner = r.width - 4
    // Whole figures only: the segments that fit, none cut in the middle.
    var line1 = ""
    for segment in [
      counted(partners, "partner"), counted(f.programs, "program"),
      "FY\(fiscalYearShown % 100) avail \(f.available.compact)",
      "obl \(percent(f.obligated, of: f.available))",
      "disb \(f.disbursed.compact)",
    ] {
      let next = line1.isEmpty ? segment : line1 + " · " + segment
      if DisplayWidth.of(next) > inner && !line1.isEmpty { break }
      line1 = next
    }
    g.put(line1, x: r.x + 2, y: r.y + 1, style: theme.style("pane.totals"), limit: inner)
    var x = r.x + 2
    x += g.put(
      alertCountsKnown ? "alerts " : "alerts … (being counted)", x: x, y: r.y + 2,
      style: theme.style("pane.totals"),
      limit: inner)
    let counts =
      !alertCountsKnown
      ? []
      : [
        ("‼\(f.alerts[2])", "alert.critical", f.alerts[2]), ("!\(f.alerts[1])", "alert.warning", f.alerts[1]),
        ("i\(f.alerts[0])", "alert.info", f.alerts[0]),
      ]
    for (text, style, n) in counts {
      x += g.put(
        text + " ", x: x, y: r.y + 2, style: theme.style(n > 0 ? style : "list.dim"),
        limit: max(0, r.x + r.width - 2 - x))
    }
    g.put(
      "· requests \(f.pending) pending", x: x, y: r.y + 2,
      style: theme.style(f.pending > 0 ? "request.pending" : "pane.totals"),
      limit: max(0, r.x + r.width - 2 - x))

    let isFocusedPage = focused
    let filter = isFocusedPage ? stack[0].filter : ""
    let table = overviewTable(region).filtered(filter)
    let listRect = Rect(x: r.x + 1, y: r.y + 3, width: r.width - 2, height: r.height - 4)
    // An empty region says how to fill it (a new store has no partner at all).
    let empty =
      asOf != nil
      ? "no partners on \(day)"
      : info.readOnly || kiosk != nil
        ? "no partners in \(region.title)" : "no partners yet · \(index + 1) then n registers one"
    drawTable(
      &g, table, listRect, regionLists[index], active: focused, indicatorY: r.y + r.height - 1,
      filter: filter,
      empty: empty)
  }

  /// Enter: the selected partner.
  mutating func drillFromOverview() -> [Effect] {
    guard let row = selectedRow() else {
      fail("no partner selected in \(Region.allCases[focusedRegion].title)")
      return []
    }
    stack.append(Page(.partner(row.key)))
    return []
  }

  /// n: register a partner in the focused region.
  func newFormOnOverview() -> Form? { Form.partner(region: Region.allCases[focusedRegion]) }
}

/// The four region panes.
struct OverviewScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Overview" }
  func table(_ m: AppModel) -> TableData? { m.overviewTable(Region.allCases[m.focusedRegion]) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderOverview(&g, layout) }
  func headerRows(_ m: AppModel) -> Int { 0 }
  func footer(_ m: AppModel) -> String {
    "1-4 pane · "
      + KeyMap.footer([.drill, .new, .filter, .approvals, .alerts, .cases, .timeTravel, .help, .quit])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromOverview() }
  func newForm(_ m: AppModel) -> Form? { m.newFormOnOverview() }
  func newFormDisabledReason(_ m: AppModel) -> String? { nil }
  func tab(_ m: inout AppModel, by step: Int) -> [Effect]? {
    m.focusedRegion = (m.focusedRegion + step + 4) % 4
    return []
  }
  var sorts: Bool { true }
}
