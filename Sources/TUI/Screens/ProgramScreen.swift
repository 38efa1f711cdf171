import Portfolio
import Terminal

/// The program screen: its tabs' tables, one file each in ProgramTabs/.
extension AppModel {
  public func programTable(_ id: String, tab: ProgramTab) -> TableData {
    guard let p = portfolio.programs[id] else {
      return TableData(
        columns: [.init("", 20, flexible: true)],
        rows: [.init(key: "none", cells: ["no program \(id) on \(day)"])])
    }
    switch tab {
    case .summary: return summaryTab(p)
    case .funding: return fundingTab(p)
    case .fmsCase: return caseTab(p)
    case .units: return unitsTab(p)
    case .oversight: return oversightTab(p)
    case .eum: return eumTab(p)
    case .requests: return requestsTab(p)
    case .history:
      // Every line of the history names who did it and may quote a note or reason.
      guard redaction == nil else {
        return TableData(
          columns: [.init("", 20, flexible: true)],
          rows: [
            .init(
              key: "restricted", cells: ["History \(Redaction.placeholder): it names people and quotes notes"]
            )
          ])
      }
      return historyTab(p)
    }
  }
}

extension AppModel {
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
    drawTabStrip(&g, y: 2, kind: p.kind)
    drawTable(&g, currentTable() ?? programTable(id, tab: page.tab), layout.list, page.list, active: true)
  }
}

extension AppModel {
  /// The tab strip: full titles when they fit, short ones when not, and on a very
  /// narrow terminal a window that always holds the active tab, with ‹ › saying
  /// there are more.
  func drawTabStrip(_ g: inout CellGrid, y: Int, kind: ProgramKind) {
    let tabs = ProgramTab.allCases
    func labels(_ short: Bool) -> [String] {
      tabs.map { tab in
        let t = short && tab != .fmsCase ? tab.shortTitle : tab.title(for: kind)
        return tab == page.tab ? "[\(t)]" : " \(t) "
      }
    }
    let hint = "[ ] tabs"
    var chosen = labels(false)
    func total(_ l: [String]) -> Int { l.reduce(0) { $0 + DisplayWidth.of($1) + 1 } }
    if total(chosen) + hint.count + 2 > width { chosen = labels(true) }
    let room = width - 2
    var start = 0
    let active = page.tab.rawValue
    if total(chosen) > room {
      // The widest window ending at or after the active tab that fits, leaving room for ‹ ›.
      while start < active, total(Array(chosen[start...active])) + 4 > room { start += 1 }
    }
    var x = 1
    if start > 0 { x += g.put("‹ ", x: x, y: y, style: theme.style("list.dim")) }
    for i in start..<tabs.count {
      let w = DisplayWidth.of(chosen[i]) + 1
      if x + w > width - (i < tabs.count - 1 ? 2 : 0) {
        g.put("›", x: width - 2, y: y, style: theme.style("list.dim"))
        x = width
        break
      }
      g.put(chosen[i], x: x, y: y, style: theme.style(tabs[i] == page.tab ? "tab.active" : "tab"))
      x += w
    }
    if x + hint.count + 1 <= width {
      g.put(hint, x: max(x, width - hint.count - 1), y: y, style: theme.style("list.dim"))
    }
  }

  /// [ ] Tab Shift-Tab: the next or previous tab (History is read from the log).
  mutating func switchTab(by step: Int, program: String) -> [Effect] {
    let count = ProgramTab.allCases.count
    page.tab = ProgramTab(rawValue: (page.tab.rawValue + step + count) % count) ?? .summary
    page.list = ListState()
    if page.tab == .history { return [.loadHistory(program: program)] }
    return []
  }

  /// Why n opens no form on this tab, or nil when it does.
  func newFormDisabledReason(program id: String) -> String? {
    switch page.tab {
    case .summary, .funding, .fmsCase, .units, .eum: return nil
    case .oversight:
      let program = portfolio.programs[id]
      let open = program?.conditions.contains { !$0.isSettled } ?? false
      return open || !(program?.metrics.isEmpty ?? true)
        ? nil : "this program has no open condition and no metric"
    case .requests, .history:
      return page.tab == .requests
        ? "N raises a request on this program; A R B S E act on the selected one"
        : "no form for the History tab: history is read-only"
    }
  }

  /// n: the form for this tab (`newFormDisabledReason` says why a tab has none).
  func newFormOnProgram(_ id: String) -> Form? {
    guard let program = portfolio.programs[id] else { return nil }
    let selected = selectedRow()?.key
    switch page.tab {
    case .summary: return Form.status(program: program)
    case .funding: return Form.funds(program: program, today: today)
    case .fmsCase
    where program.fmsCase == nil && (program.kind.transferKind != nil || program.kind == .section333):
      return Form.undelivered(program).isEmpty
        ? Form.notice(program: program, today: today)
        : Form.delivery(
          program: program, requests: portfolio.requestsToCarryOut(.deliver, on: id), today: today)
    case .fmsCase where program.fmsCase == nil && program.kind == .imet:
      return Form.request(program: program, today: today)  // an enrolment is an executed enroll-imet request
    case .fmsCase:
      return program.fmsCase == nil
        ? Form.caseOpen(program: program, today: today) : Form.caseStep(program: program, today: today)
    case .units:
      let units = program.units.compactMap { portfolio.units[$0] }
      return units.isEmpty
        ? Form.unit(program: program)
        : Form.vetting(program: program, units: units, selected: selected, today: today)
    case .oversight:
      return program.conditions.contains { !$0.isSettled }
        ? Form.condition(program: program, selected: selected, today: today)
        : Form.metric(program: program, today: today)
    case .eum:
      return program.eum.isEmpty
        ? Form.item(program: program, today: today)
        : Form.inventory(program: program, selected: selected, today: today)
    case .requests, .history: return nil
    }
  }
}

/// A tab's two columns, field and value.
let kvColumns: [TableData.Column] = [.init("Field", 22), .init("Value", 30, flexible: true)]

/// A field-and-value table whose field column is as wide as its longest label (up to
/// 34), so labels such as "supply/services complete" or "‼ Leahy vetting expired" are
/// never cut.
func kvTable(_ rows: [TableData.Row]) -> TableData {
  let widest = rows.map { DisplayWidth.of($0.cells.first ?? "") }.max() ?? 0
  return TableData(
    columns: [.init("Field", min(34, max(14, widest))), .init("Value", 30, flexible: true)], rows: rows)
}

/// A field-and-value row.
func kvRow(_ k: String, _ v: String, _ style: String? = nil) -> TableData.Row {
  .init(key: k, cells: [k, v], style: style)
}

/// A bar of `width` cells for a 0…1 share.
func bar(_ share: Double, _ width: Int) -> String {
  let filled = max(0, min(width, Int((share * Double(width)).rounded())))
  return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
}

/// A year's burn in one bar of `width` cells: disbursed `█`, obligated and not yet
/// disbursed `▒`, available and not obligated `░` (characters, so it reads in mono too).
func burnBar(obligated: Double, disbursed: Double, _ width: Int) -> String {
  let paid = max(0, min(width, Int((disbursed * Double(width)).rounded())))
  let owed = max(0, min(width - paid, Int((obligated * Double(width)).rounded()) - paid))
  return String(repeating: "█", count: paid) + String(repeating: "▒", count: owed)
    + String(repeating: "░", count: width - paid - owed)
}

/// Values as a sparkline of eighth blocks (▁…█), each relative to the largest; a zero is `·`.
func sparkline(_ values: [Int64]) -> String {
  let peak = values.max() ?? 0
  guard peak > 0 else { return String(repeating: "·", count: values.count) }
  let blocks = Array("▁▂▃▄▅▆▇█")
  return String(
    values.map { v in
      v <= 0 ? "·" : blocks[max(0, min(7, Int((Double(v) / Double(peak) * 8).rounded(.up)) - 1))]
    })
}

func trim(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(d) }

/// One program, tab by tab.
struct ProgramScreen: Screen {
  let id: String
  func crumb(_ m: AppModel, _ page: Page) -> String {
    "\(id) · \(page.tab.title(for: m.portfolio.programs[id]?.kind))"
  }
  func table(_ m: AppModel) -> TableData? { m.programTable(id, tab: m.page.tab) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderProgram(&g, layout, id) }
  func headerRows(_ m: AppModel) -> Int { 3 }
  func footer(_ m: AppModel) -> String {
    let tabs = "[ ] tabs · "
    switch m.page.tab {
    case .requests: return tabs + KeyMap.footer([.drill, .newRequest] + AppModel.stepActions + [.back])
    case .summary:
      return tabs + KeyMap.footer([.acknowledge, .new, .newRequest, .detail, .back, .home, .help])
    case .funding, .fmsCase, .units, .oversight, .eum, .history:
      return tabs + KeyMap.footer([.new, .newRequest, .detail, .approvals, .alerts, .back, .home, .help])
    }
  }
  func drill(_ m: inout AppModel) -> [Effect] {
    if m.page.tab == .requests, let r = m.selectedRequest(), m.portfolio.requests[r.id]?.program == id {
      m.stack.append(Page(.request(r.id)))
      return []
    }
    // Nothing below a program's row: show the row in full instead.
    if let d = m.detailOfSelectedRow() {
      m.detail = d
    } else {
      m.fail("this is the most detailed level; [ and ] switch tabs")
    }
    return []
  }
  func newForm(_ m: AppModel) -> Form? { m.newFormOnProgram(id) }
  func newFormDisabledReason(_ m: AppModel) -> String? { m.newFormDisabledReason(program: id) }
  func tab(_ m: inout AppModel, by step: Int) -> [Effect]? { m.switchTab(by: step, program: id) }
  func acknowledges(_ m: AppModel) -> Bool { m.page.tab == .summary }
  func selectedRequest(_ m: AppModel) -> Request? {
    m.page.tab == .requests ? m.selectedRow().flatMap { m.portfolio.requests[$0.key] } : nil
  }
}
