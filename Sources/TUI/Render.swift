import Portfolio
import Terminal

extension AppModel {
  /// Elm's view: the whole frame, from the state alone.
  public func render() -> CellGrid {
    var g = CellGrid(width: width, height: height)
    let layout = Layout(self)
    g.fill(x: 0, y: 0, width: width, height: height, style: theme.style("default"))
    if layout.tooSmall {
      renderTooSmall(&g)
      return g
    }
    renderTitle(&g)
    switch page.screen {
    case .overview: renderOverview(&g, layout)
    case .partner(let code): renderPartner(&g, layout, code)
    case .program(let id): renderProgram(&g, layout, id)
    case .alerts: renderAlerts(&g, layout)
    case .help: renderHelp(&g, layout)
    }
    if let form { renderForm(&g, form) }
    renderMessageLine(&g)
    renderStatus(&g)
    return g
  }

  /// A form as a dialog over the screen, sized to fit 80×24.
  func renderForm(_ g: inout CellGrid, _ f: Form) {
    let w = min(76, width - 2)
    let labelWidth = (f.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
    let problemLines = Array(f.problems.flatMap { wrap("✗ " + $0, to: min(76, width - 2) - 4) }.prefix(6))
    let h = min(height - 3, f.fields.count + problemLines.count + 6)
    let x = (width - w) / 2
    let y = max(1, (height - 2 - h) / 2)
    let border = theme.style("pane.border.focus")
    g.fill(x: x, y: y, width: w, height: h, style: theme.style("default"))
    g.put("╔" + String(repeating: "═", count: w - 2) + "╗", x: x, y: y, style: border)
    for row in (y + 1)..<(y + h - 1) {
      g.put("║", x: x, y: row, style: border)
      g.put("║", x: x + w - 1, y: row, style: border)
    }
    g.put("╚" + String(repeating: "═", count: w - 2) + "╝", x: x, y: y + h - 1, style: border)
    g.put(" \(f.title) ", x: x + 2, y: y, style: theme.style("pane.title.focus"), limit: w - 4)
    let inner = w - 4
    var row = y + 2
    for (i, field) in f.fields.enumerated() where row < y + h - 2 {
      let focused = i == f.focus
      let marker = focused ? "›" : " "
      var cx = x + 2
      cx += g.put(
        marker + DisplayWidth.fit(field.label, labelWidth - 1), x: cx, y: row,
        style: theme.style(focused ? "list.selected" : "list.header"), limit: inner)
      let value: String
      if case .choice = field.kind {
        value = "‹ \(field.editor.text) ›"
      } else if focused {
        value =
          String(field.editor.characters[..<field.editor.cursor]) + "▏"
          + String(field.editor.characters[field.editor.cursor...])
      } else {
        value = field.editor.text.isEmpty ? "—" : field.editor.text
      }
      cx += g.put(
        " " + value, x: cx, y: row, style: theme.style(field.editor.isPrefilled ? "list.dim" : "input"),
        limit: x + 2 + inner - cx)
      if focused, !field.hint.isEmpty, cx + 3 < x + 2 + inner {
        g.put("  " + field.hint, x: cx, y: row, style: theme.style("list.dim"), limit: x + 2 + inner - cx)
      }
      row += 1
    }
    row += 1
    if problemLines.isEmpty {
      g.put("✓ Enter records it", x: x + 2, y: row, style: theme.style("status.message"), limit: inner)
    } else {
      for p in problemLines where row < y + h - 1 {
        g.put(p, x: x + 2, y: row, style: theme.style("status.error"), limit: inner)
        row += 1
      }
    }
    g.put(" Tab next field · Enter record · Esc cancel ", x: x + 2, y: y + h - 1, style: border, limit: w - 4)
  }

  func renderTooSmall(_ g: inout CellGrid) {
    let lines = [
      "Terminal too small.", "sapm needs \(Layout.minimumWidth)×\(Layout.minimumHeight),",
      "this one is \(width)×\(height).", "Enlarge it, or q to quit.",
    ]
    for (i, line) in lines.enumerated() where i < height {
      g.put(line, x: 0, y: i, style: theme.style(i == 0 ? "status.error" : "default"))
    }
  }

  var breadcrumb: [String] {
    stack.map { p in
      switch p.screen {
      case .overview: return "Overview"
      case .partner(let code): return portfolio.partners[code]?.name ?? code
      case .program(let id): return "\(id) · \(p.tab.title)"
      case .alerts: return "Alerts"
      case .help: return "Help"
      }
    }
  }

  func renderTitle(_ g: inout CellGrid) {
    var x = g.put(" sapm ", x: 0, y: 0, style: theme.style("title"))
    x += g.put(
      breadcrumb.joined(separator: " › "), x: x, y: 0, style: theme.style("title"), limit: width - x - 30)
    var right: [(String, String)] = []
    if info.demo { right.append((" DEMO ", "title.demo")) }
    if let asOf { right.append((" AS OF \(asOf) ", "title.asof")) }
    var rx = width
    for (text, style) in right.reversed() {
      rx -= DisplayWidth.of(text) + 1
      g.put(text, x: rx, y: 0, style: theme.style(style))
    }
  }

  // MARK: Overview

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

    let f = summary.regions[region] ?? PortfolioSummary.Figures()
    let partners = summary.partnersByRegion[region]?.count ?? 0
    let inner = r.width - 4
    let line1 =
      "\(partners) partners · \(f.programs) programs · FY\(day.fiscalYear % 100) avail \(f.available.compact) · obl \(percent(f.obligated, of: f.available)) · disb \(f.disbursed.compact)"
    g.put(line1, x: r.x + 2, y: r.y + 1, style: theme.style("pane.totals"), limit: inner)
    var x = r.x + 2
    x += g.put("alerts ", x: x, y: r.y + 2, style: theme.style("pane.totals"), limit: inner)
    let counts = [
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
    let table = overviewTable(region).filtered(isFocusedPage ? stack[0].filter : "")
    let listRect = Rect(x: r.x + 1, y: r.y + 3, width: r.width - 2, height: r.height - 4)
    drawTable(&g, table, listRect, regionLists[index], active: focused, indicatorY: r.y + r.height - 1)
  }

  // MARK: Partner, program, alerts, help

  func renderPartner(_ g: inout CellGrid, _ layout: Layout, _ code: String) {
    guard let p = portfolio.partners[code] else {
      g.put("No partner \(code) on \(day).", x: 1, y: 1, style: theme.style("status.error"))
      return
    }
    let f = summary.partners[code] ?? PortfolioSummary.Figures()
    g.put(
      "\(p.name) (\(p.code)) · \(p.region.title) · §36(b) tier \(p.tier.title) · \(f.programs) programs · \(f.value.compact) · alerts \(alertCounts(f.alerts).isEmpty ? "none" : alertCounts(f.alerts))",
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

  func renderProgram(_ g: inout CellGrid, _ layout: Layout, _ id: String) {
    guard let p = portfolio.programs[id] else {
      g.put(
        "No program \(id) on \(day) (it may not exist yet at this date).", x: 1, y: 1,
        style: theme.style("status.error"))
      return
    }
    let partner = portfolio.partners[p.partner]?.name ?? p.partner
    g.put(
      "\(p.id) · \(p.title) · \(p.kind.rawValue) · \(p.status.rawValue) · \(partner)", x: 1, y: 1,
      style: theme.style("title"), limit: width - 2)
    var x = 1
    for tab in ProgramTab.allCases {
      let active = tab == page.tab
      let label = active ? "[\(tab.title)]" : " \(tab.title) "
      x +=
        g.put(label, x: x, y: 2, style: theme.style(active ? "tab.active" : "tab"), limit: max(0, width - x))
        + 1
    }
    g.put("[ ] tabs", x: max(x, width - 9), y: 2, style: theme.style("list.dim"))
    drawTable(&g, currentTable() ?? programTable(id, tab: page.tab), layout.list, page.list, active: true)
  }

  func renderAlerts(_ g: inout CellGrid, _ layout: Layout) {
    let counts = summary.openAlerts
    let open = counts.reduce(0, +)
    let text =
      "Alerts on \(day): \(open) open (\(alertCounts(counts))), \(alerts.count - open) acknowledged — most severe first · Enter opens the program · x acknowledges"
    g.put(text, x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, currentTable() ?? alertsTable(), layout.list, page.list, active: true)
  }

  func renderHelp(_ g: inout CellGrid, _ layout: Layout) {
    g.put(
      "Keys (generated from the key map) · mouse: wheel scrolls, click selects, click again opens", x: 1,
      y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, currentTable() ?? helpTable(), layout.list, page.list, active: true)
  }

  // MARK: Tables

  func drawTable(
    _ g: inout CellGrid, _ table: TableData, _ r: Rect, _ list: ListState, active: Bool,
    indicatorY: Int? = nil
  ) {
    guard r.height >= 2, r.width >= 4 else { return }
    let gutter = 2
    let widths = table.widths(total: r.width - gutter - 1)
    var x = r.x + gutter
    for (i, c) in table.columns.enumerated() {
      g.put(
        DisplayWidth.fit(c.title, widths[i], alignRight: c.alignRight), x: x, y: r.y,
        style: theme.style("list.header"))
      x += widths[i] + 1
    }
    let visible = r.height - 1
    if table.rows.isEmpty {
      g.put(
        page.filter.isEmpty ? "(nothing here)" : "(no rows match the filter '\(page.filter)')",
        x: r.x + gutter, y: r.y + 1, style: theme.style("list.dim"), limit: r.width - gutter)
      return
    }
    let selected = max(0, min(list.index, table.rows.count - 1))
    let offset = max(
      0,
      min(
        AppModel.scrolled(ListState(index: selected, offset: list.offset), visible: visible),
        max(0, table.rows.count - visible)))
    for (n, row) in table.rows[offset..<min(table.rows.count, offset + visible)].enumerated() {
      let y = r.y + 1 + n
      let isSelected = active && offset + n == selected
      var style = row.style.map { theme.style($0) } ?? theme.style("default")
      if isSelected {
        let sel = theme.style("list.selected")
        style = Style(
          foreground: sel.foreground, background: sel.background, bold: true, underline: sel.underline,
          reverse: sel.reverse || theme.monochrome)
        g.fill(x: r.x, y: y, width: r.width, height: 1, style: style)
        g.put("›", x: r.x, y: y, style: style)
      }
      var cx = r.x + gutter
      for (i, cell) in row.cells.enumerated() where i < widths.count {
        g.put(
          DisplayWidth.fit(cell, widths[i], alignRight: table.columns[i].alignRight), x: cx, y: y,
          style: style)
        cx += widths[i] + 1
      }
    }
    if table.rows.count > visible {
      let pos = "\(selected + 1)/\(table.rows.count)"
      g.put(
        " \(pos) ", x: r.x + r.width - DisplayWidth.of(pos) - 3, y: indicatorY ?? r.y,
        style: theme.style("list.dim"))
    }
  }

  // MARK: Bottom lines

  func renderMessageLine(_ g: inout CellGrid) {
    let y = height - 2
    if let input {
      let prompt: String
      switch input {
      case .filter: prompt = "/"
      case .command: prompt = ":"
      case .date: prompt = "as of (YYYY-MM-DD, empty for now): "
      case .note(let alert): prompt = "note for \(alert): "
      case .confirmOverwrite(let path, _): prompt = "\(path) exists; replace it? (y/n) "
      }
      let x = g.put(prompt, x: 0, y: y, style: theme.style("input.prompt"))
      // The cursor (▏) stays on screen: a long line scrolls, its start shown as "…".
      var before = String(editor.characters[..<editor.cursor])
      let room = width - x - 1
      if room > 2, DisplayWidth.of(before) >= room {
        var kept: [Character] = []
        var used = 1
        for c in before.reversed() {
          used += DisplayWidth.of(c)
          if used >= room { break }
          kept.append(c)
        }
        before = "…" + String(kept.reversed())
      }
      let after = String(editor.characters[editor.cursor...])
      let style = theme.style(editor.isPrefilled ? "list.dim" : "input")
      g.put(before + "▏" + after, x: x, y: y, style: style, limit: width - x)
      return
    }
    if let message {
      g.put(
        " " + message, x: 0, y: y, style: theme.style(messageIsError ? "status.error" : "status.message"),
        limit: width)
      return
    }
    if !page.filter.isEmpty {
      g.put(
        " filter: \(page.filter)  (Esc clears)", x: 0, y: y, style: theme.style("input.prompt"), limit: width)
      return
    }
    g.put(
      " ? help · / filter · : command · a alerts · t time travel · q quit", x: 0, y: y,
      style: theme.style("list.dim"), limit: width)
  }

  func renderStatus(_ g: inout CellGrid) {
    let y = height - 1
    g.fill(x: 0, y: y, width: width, height: 1, style: theme.style("status"))
    var x = 0
    var modes: [(String, String)] = []
    if info.demo { modes.append((" DEMO ", "status.mode.demo")) }
    if info.readOnly { modes.append((" READ-ONLY ", "status.mode.readonly")) }
    if let asOf { modes.append((" AS OF \(asOf) ", "status.asof")) }
    for (text, style) in modes { x += g.put(text, x: x, y: y, style: theme.style(style)) + 1 }
    let newest = portfolio.newest.map { String($0.description.prefix(16)).replacingT() } ?? "none"
    let text =
      " \(info.user) (\(info.role)) │ \(info.store) │ \(portfolio.eventCount) events, newest \(newest) UTC"
    g.put(text, x: x, y: y, style: theme.style("status"), limit: width - x)
  }
}

extension ListState {
  init(index: Int, offset: Int) {
    self.init()
    self.index = index
    self.offset = offset
  }
}

extension String {
  func replacingT() -> String {
    String(map { $0 == "T" ? " " : $0 })
  }
}

/// Breaks text into lines of at most `columns` display columns, at spaces where it can;
/// continuation lines are indented by two.
func wrap(_ text: String, to columns: Int) -> [String] {
  guard columns > 4, DisplayWidth.of(text) > columns else { return [text] }
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ", omittingEmptySubsequences: false) {
    let candidate = line.isEmpty ? String(word) : line + " " + word
    if DisplayWidth.of(candidate) <= columns || line.isEmpty || line == "  " {
      line = candidate
    } else {
      lines.append(line)
      line = "  " + word
    }
  }
  if !line.isEmpty { lines.append(line) }
  return lines.map { DisplayWidth.truncate($0, to: columns) }
}
