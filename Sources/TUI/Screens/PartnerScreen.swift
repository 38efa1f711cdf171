import Portfolio
import Terminal

/// A partner: its header and its programs.
extension AppModel {
  public func partnerTable(_ code: String) -> TableData {
    let sort = stack.last { $0.screen == .partner(code) }?.sort ?? .name
    let programs = sorted(portfolio.programs(of: code), by: sort, name: \.id) { p in
      (
        p.value, p.available.amount > 0 ? Double(p.obligated.amount) / Double(p.available.amount) : -1,
        self.programAlertCounts(p.id)
      )
    }
    let rows = programs.map { p -> TableData.Row in
      let counts = programAlertCounts(p.id)
      return TableData.Row(
        key: p.id,
        cells: [
          p.kindLabel, p.id, p.title, p.status.rawValue, p.value.compact,
          percent(p.obligated, of: p.available), alertCounts(counts),
        ],
        style: severityStyle(counts))
    }
    return TableData(
      columns: [
        .init("Kind", 5), .init(marked("Program", false), 12), .init("Title", 20, flexible: true),
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
    let f = shownSummary.partners[code] ?? PortfolioSummary.Figures()
    g.put(
      "\(p.name) (\(p.code)) · \(p.region.title) · §36(b) tier \(p.tier.title) · \(counted(f.programs, "program")) · \(f.value.compact) · alerts \(!alertCountsKnown ? "…" : alertCounts(f.alerts).isEmpty ? "none" : alertCounts(f.alerts))",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    let restrictions = p.activeRestrictions(on: day)
    var x = 1
    if restrictions.isEmpty {
      x += g.put("No active restrictions", x: 1, y: 2, style: theme.style("list.dim"))
    } else {
      let text =
        "⚠ Restricted: " + restrictions.map { "\($0.kind.title) since \($0.since)" }.joined(separator: "; ")
      x += g.put(text, x: 1, y: 2, style: theme.style("restriction"), limit: width - 2)
    }
    // Obligations over the last six fiscal years, as reported or recorded: a sparkline.
    let years = Array((fiscalYearShown - 5)...fiscalYearShown)
    var byYear: [Int: Int64] = [:]
    for program in portfolio.programs(of: code) {
      for f in program.funding { byYear[f.fiscalYear, default: 0] += f.obligated.amount }
      for r in program.reported { byYear[r.fiscalYear, default: 0] += r.obligated.amount }
    }
    let values = years.map { byYear[$0] ?? 0 }
    if values.contains(where: { $0 > 0 }) {
      let peak = Dollars(values.max() ?? 0)
      g.put(
        " · obligated FY\(years[0] % 100)–FY\(fiscalYearShown % 100) \(sparkline(values)) (peak \(peak.compact))",
        x: x, y: 2, style: theme.style("money.bar"), limit: max(0, width - 1 - x))
    }
    let block = authorityBlockHeight(code)
    if block > 0 {
      drawTable(
        &g, authorityTable(code), Rect(x: 0, y: 3, width: width, height: block - 1), ListState(),
        active: false,
        filter: "")
    }
    drawTable(&g, currentTable() ?? partnerTable(code), layout.list, page.list, active: true)
  }

  /// The partner's authorities side by side: the year's cap or appropriation and how
  /// much of it is used, the lives' use, what has arrived and what is to come.
  public func authorityTable(_ code: String) -> TableData {
    let fy = fiscalYearShown
    let yy = "FY\(fy % 100)"
    let rows = portfolio.authorities(of: code, fiscalYear: fy).map { a -> TableData.Row in
      TableData.Row(
        key: a.kind.rawValue,
        cells: [
          "\(a.kind.rawValue) \(a.kind.title)", String(a.programs), a.yearAvailable?.compact ?? "—",
          a.yearUsed.compact, a.yearShare.map { "\(Int(($0 * 100).rounded()))%" } ?? "—", a.lifeUsed.compact,
          a.delivered?.compact ?? "—", a.pending?.compact ?? "—",
        ],
        style: (a.yearShare ?? 0) >= Double(portfolio.policy.drawdownAuthorityWarnPercent) / 100
          && a.kind == .pda
          ? "alert.warning" : nil)
    }
    return TableData(
      columns: [
        .init("Authority", 12, flexible: true), .init("Prg", 3, right: true),
        .init("\(yy) cap/appr", 13, right: true), .init("\(yy) used", 9, right: true),
        .init("Used", 4, right: true), .init("Life used", 9, right: true), .init("Delivered", 9, right: true),
        .init("Pending", 8, right: true),
      ], rows: rows)
  }

  /// Rows the authority block takes above the programs (header, one per authority,
  /// a blank line), or 0 when the screen is too short to keep five program rows.
  func authorityBlockHeight(_ code: String) -> Int {
    let kinds = Set(portfolio.programs(of: code).map(\.kind)).count
    guard kinds > 0 else { return 0 }
    let block = kinds + 2
    return height - 5 - block >= 6 ? block : 0
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

/// One partner: its authorities side by side, then its programs.
struct PartnerScreen: Screen {
  let code: String
  func crumb(_ m: AppModel, _ page: Page) -> String { m.portfolio.partners[code]?.name ?? code }
  func table(_ m: AppModel) -> TableData? { m.partnerTable(code) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderPartner(&g, layout, code) }
  func headerRows(_ m: AppModel) -> Int { 2 + m.authorityBlockHeight(code) }
  func footer(_ m: AppModel) -> String {
    KeyMap.footer([.drill, .new, .sort, .filter, .brief, .approvals, .alerts, .back, .home, .help])
  }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromPartner() }
  func newForm(_ m: AppModel) -> Form? { m.newFormOnPartner(code) }
  func newFormDisabledReason(_ m: AppModel) -> String? { nil }
  var sorts: Bool { true }
}
