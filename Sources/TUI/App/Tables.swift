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
    return page.screen.screen.table(self)?.filtered(page.filter)
  }
}
