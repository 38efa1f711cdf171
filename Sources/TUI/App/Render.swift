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
    if let kiosk { renderKioskTitle(&g, kiosk) } else { renderTitle(&g) }
    page.screen.screen.draw(self, &g, layout)
    if let form { renderForm(&g, form) }
    if let detail { renderDetail(&g, detail) }
    renderMessageLine(&g)
    renderStatus(&g)
    return g
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
    stack.map { p in p.screen.screen.crumb(self, p) }
  }

  func renderTitle(_ g: inout CellGrid) {
    var x = g.put(" sapm ", x: 0, y: 0, style: theme.style("title"))
    // Where you are matters most: leading crumbs give way first ("… › RQ-0013").
    var crumbs = breadcrumb[...]
    let room = width - x - 30
    func text() -> String {
      (crumbs.startIndex > 0 ? ["…"] + crumbs : Array(crumbs)).joined(separator: " › ")
    }
    while crumbs.count > 1, DisplayWidth.of(text()) > room { crumbs = crumbs.dropFirst() }
    x += g.put(text(), x: x, y: 0, style: theme.style("title"), limit: room)
    var right: [(String, String)] = []
    if info.demo { right.append((" DEMO ", "title.demo")) }
    if let asOf { right.append((" \(asOf.label(today: today)) ", "title.asof")) }
    if let fy = shownFiscalYear { right.append((" figures of FY\(fy) ", "title.asof")) }
    var rx = width
    for (text, style) in right.reversed() {
      rx -= DisplayWidth.of(text) + 1
      g.put(text, x: rx, y: 0, style: theme.style(style))
    }
  }

  // MARK: Overview

  // MARK: Partner, program, alerts, help

  // MARK: Tables

  func drawTable(
    _ g: inout CellGrid, _ table: TableData, _ r: Rect, _ list: ListState, active: Bool,
    indicatorY: Int? = nil, filter applied: String? = nil, empty: String = "(nothing here)"
  ) {
    let filter = applied ?? page.filter
    guard r.height >= 2, r.width >= 4 else { return }
    let gutter = 2
    // The row counter sits at the right of the header row: the columns leave it room.
    let counterRoom =
      indicatorY == nil && table.rows.count > r.height - 1
      ? DisplayWidth.of("\(table.rows.count)/\(table.rows.count)") + 3 : 0
    let visible = r.height - 1
    let selected = max(0, min(list.index, table.rows.count - 1))
    let offset = max(
      0,
      min(
        AppModel.scrolled(ListState(index: selected, offset: list.offset), visible: visible),
        max(0, table.rows.count - visible)))
    // The rows measured for whole figures: all of a short table (columns that do not
    // move as it scrolls), the visible ones of a long one (350,000 alerts).
    let sampled =
      table.rows.count <= 2_000
      ? table.rows[...] : table.rows[offset..<min(table.rows.count, offset + visible)]
    let room = r.width - gutter - 1 - counterRoom
    var widths = table.widths(total: room, sample: sampled)
    let cut = widths.contains(0)
    if cut { widths = table.widths(total: room - 2, sample: sampled) }  // room for the › marker
    var x = r.x + gutter
    for (i, c) in table.columns.enumerated() where widths[i] > 0 {
      g.put(
        DisplayWidth.fit(c.title, widths[i], alignRight: c.alignRight), x: x, y: r.y,
        style: theme.style("list.header"))
      x += widths[i] + 1
    }
    if cut {
      // Columns to the right did not fit: say so (v shows the row in full).
      g.put("›", x: min(x, r.x + r.width - 1 - counterRoom), y: r.y, style: theme.style("list.header"))
    }
    if table.rows.isEmpty {
      g.put(
        filter.isEmpty ? empty : "(no rows match the filter '\(filter)')",
        x: r.x + gutter, y: r.y + 1, style: theme.style("list.dim"), limit: r.width - gutter)
      return
    }
    for (n, row) in table.rows[offset..<min(table.rows.count, offset + visible)].enumerated() {
      let y = r.y + 1 + n
      let isSelected = active && offset + n == selected
      var style = row.style.map { theme.style($0) } ?? theme.style("default")
      if isSelected {
        let sel = theme.style("list.selected")
        // The theme's own selection style: never forced bold, since bold black is drawn
        // as grey by terminals that draw bold as bright.
        style = Style(
          foreground: sel.foreground, background: sel.background, bold: sel.bold || theme.monochrome,
          underline: sel.underline, reverse: sel.reverse || theme.monochrome)
        g.fill(x: r.x, y: y, width: r.width, height: 1, style: style)
        g.put("›", x: r.x, y: y, style: style)
      }
      var cx = r.x + gutter
      for (i, cell) in row.cells.enumerated() where i < widths.count && widths[i] > 0 {
        // Figures are whole by their column's width; words give way whole.
        g.put(
          DisplayWidth.fitWords(cell, widths[i], alignRight: table.columns[i].alignRight), x: cx, y: y,
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
      case .note(let alert) where AlertID(alert)?.rule == .overObligation:
        prompt = "ADA violation report for \(alert), its reference: "
      case .note(let alert): prompt = "note for \(alert): "
      case .confirmOverwrite(let path, _): prompt = "\(path) exists; replace it? (y/n) "
      case .confirmStep(let id, let state), .stepReason(let id, let state): prompt = stepPrompt(id, state)
      case .stepNote(let id, let state):
        prompt =
          "\(state.verb.capitalizedFirst) \(id) — note (Enter \(state.verb)s; Esc cancels): "
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
    g.put(" " + footerKeys, x: 0, y: y, style: theme.style("list.dim"), limit: width)
  }

  func renderStatus(_ g: inout CellGrid) {
    let y = height - 1
    g.fill(x: 0, y: y, width: width, height: 1, style: theme.style("status"))
    var x = 0
    var modes: [(String, String)] = []
    if kiosk != nil { modes.append((" KIOSK ", "kiosk.banner")) }
    if info.demo { modes.append((" DEMO ", "status.mode.demo")) }
    if info.readOnly { modes.append((" READ-ONLY ", "status.mode.readonly")) }
    if let since = info.offlineSince { modes.append((" OFFLINE since \(since) ", "status.error")) }
    if let asOf { modes.append((" \(asOf.label(today: today)) ", "status.asof")) }
    for (text, style) in modes { x += g.put(text, x: x, y: y, style: theme.style(style)) + 1 }
    let newest = portfolio.newest.map { String($0.description.prefix(16)).replacingT() } ?? "none"
    let who = kiosk == nil ? " \(info.user) (\(info.role)) │" : ""
    // The figures before the store's name: a long name (a server's address) gives way first.
    let text = "\(who) \(portfolio.eventCount) events, newest \(newest) UTC │ \(info.store)"
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
