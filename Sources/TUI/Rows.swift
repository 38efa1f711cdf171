import Portfolio

/// The tables behind each list screen, built from the model.
extension AppModel {
  public func overviewTable(_ region: Region) -> TableData {
    let partners = summary.partnersByRegion[region] ?? []
    let rows = partners.map { p -> TableData.Row in
      let f = summary.partners[p.code] ?? PortfolioSummary.Figures()
      let restricted = p.activeRestrictions(on: day).isEmpty ? "" : " ⚠"
      return TableData.Row(
        key: p.code,
        cells: [
          p.name + restricted, String(f.programs), f.value.compact, percent(f.obligated, of: f.available),
          alertCounts(f.alerts),
        ],
        style: severityStyle(f.alerts))
    }
    return TableData(
      columns: [
        .init("Partner", 14, flexible: true), .init("Prog", 4, right: true), .init("Value", 9, right: true),
        .init("Obl", 4, right: true), .init("Alerts", 9),
      ], rows: rows)
  }

  public func partnerTable(_ code: String) -> TableData {
    let rows = portfolio.programs(of: code).map { p -> TableData.Row in
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
        .init("Kind", 4), .init("Program", 12), .init("Title", 20, flexible: true), .init("Status", 9),
        .init("Value", 9, right: true), .init("Obl", 4, right: true), .init("Alerts", 9),
      ], rows: rows)
  }

  public func alertsTable() -> TableData {
    TableData(
      columns: [
        .init("Severity", 10), .init("Alert", 22), .init("Partner", 14), .init("Program", 12),
        .init("Since", 10), .init("Details", 20, flexible: true),
      ], rows: alertRows)
  }

  func buildAlertRows() -> [TableData.Row] {
    alerts.map { a -> TableData.Row in
      let partner = portfolio.partners[a.subject.partner]?.name ?? a.subject.partner
      let state = a.isOpen ? a.severity.name : "ack"
      return TableData.Row(
        key: a.id.description,
        cells: [
          "\(a.severity.symbol) \(state)", a.rule.title, partner, a.subject.program, a.began.description,
          a.message,
        ],
        style: a.isOpen ? "alert.\(a.severity.name)" : "alert.acknowledged")
    }
  }

  public func helpTable() -> TableData {
    var rows: [TableData.Row] = []
    var section = ""
    for b in KeyMap.bindings {
      if b.section != section {
        section = b.section
        rows.append(TableData.Row(key: "§" + section, cells: [section, ""], style: "help.section"))
      }
      rows.append(TableData.Row(key: b.help, cells: [b.keys.map(\.label).joined(separator: " "), b.help]))
    }
    return TableData(columns: [.init("Key", 22), .init("Action", 30, flexible: true)], rows: rows)
  }

  /// The table of the current page, filtered (the focused pane's on the overview).
  public func currentTable() -> TableData? {
    if let cache = tableCache, cache.identity == tableIdentity { return cache.table }
    return computeCurrentTable()
  }

  func computeCurrentTable() -> TableData? {
    switch page.screen {
    case .overview: return overviewTable(Region.allCases[focusedRegion]).filtered(page.filter)
    case .partner(let code): return partnerTable(code).filtered(page.filter)
    case .alerts: return alertsTable().filtered(page.filter)
    case .help: return helpTable().filtered(page.filter)
    case .program(let id): return programTable(id, tab: page.tab).filtered(page.filter)
    }
  }
}
