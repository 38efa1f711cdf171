import Portfolio

/// The tables behind each list screen, built from the model.
extension AppModel {

  /// The table of the current page, filtered (the focused pane's on the overview).
  public func currentTable() -> TableData? {
    if let cache = tableCache, cache.identity == tableIdentity { return cache.table }
    return computeCurrentTable()
  }

  func computeCurrentTable() -> TableData? {
    // Typing on: the rows that matched the shorter filter are the only ones that can
    // match a filter containing it (the alerts view has 350,000 rows).
    if let cache = tableCache, let previous = cache.table, !cache.identity.page.filter.isEmpty,
      page.filter.lowercased().contains(cache.identity.page.filter.lowercased())
    {
      var unfiltered = cache.identity
      unfiltered.page.filter = page.filter
      if unfiltered == tableIdentity { return previous.filtered(page.filter) }
    }
    switch page.screen {
    case .overview: return overviewTable(Region.allCases[focusedRegion]).filtered(page.filter)
    case .partner(let code): return partnerTable(code).filtered(page.filter)
    case .alerts: return alertsTable().filtered(page.filter)
    case .help: return helpTable().filtered(page.filter)
    case .program(let id): return programTable(id, tab: page.tab).filtered(page.filter)
    case .approvals: return approvalsTable(page.scope).filtered(page.filter)
    case .cases: return casesTable().filtered(page.filter)
    case .search(let text): return searchTable(text).filtered(page.filter)
    case .request(let id): return requestTable(id).filtered(page.filter)
    case .wall: return nil
    }
  }
}
