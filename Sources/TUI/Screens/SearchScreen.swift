import Portfolio
import Terminal

/// Portfolio-wide search (`/` then Enter on the overview, or `:find TEXT` anywhere):
/// partners, programs, FMS cases, requests and units across the four regions, as a
/// list to drill from.
extension AppModel {
  public func searchTable(_ text: String) -> TableData {
    let needle = text.lowercased()
    func hit(_ s: String) -> Bool { s.lowercased().contains(needle) }
    var rows: [TableData.Row] = []
    for partner in portfolio.partners.values.sorted(by: { $0.name < $1.name })
    where hit(partner.name) || hit(partner.code) {
      rows.append(
        .init(
          key: "partner:\(partner.code)",
          cells: ["partner", partner.code, partner.name, partner.name, partner.region.title]))
    }
    for program in portfolio.programs.values.sorted(by: { $0.id < $1.id }) {
      let partner = portfolio.partners[program.partner]
      if hit(program.id) || hit(program.title) {
        rows.append(
          .init(
            key: "program:\(program.id)",
            cells: [
              "program", program.id, program.title, partner?.name ?? program.partner,
              partner?.region.title ?? "",
            ]))
      }
      if let c = program.fmsCase, hit(c.identifier) {
        rows.append(
          .init(
            key: "case:\(program.id)",
            cells: [
              "FMS case", c.identifier, program.title, partner?.name ?? "", partner?.region.title ?? "",
            ]))
      }
    }
    // Requests by ID, kind or what they ask: "RQ-0013" or "obligate" finds them.
    for request in portfolio.requests.values.sorted(by: { $0.id < $1.id })
    where hit(request.id) || hit(request.kind.title) || hit(request.summary) {
      let partner = portfolio.programs[request.program].flatMap { portfolio.partners[$0.partner] }
      rows.append(
        .init(
          key: "request:\(request.id)",
          cells: [
            "request", request.id, "\(request.kind.title) · \(request.program) · \(request.state.rawValue)",
            partner?.name ?? "", partner?.region.title ?? "",
          ]))
    }
    for unit in portfolio.units.values.sorted(by: { $0.id < $1.id }) where hit(unit.id) || hit(unit.name) {
      let partner = portfolio.partners[unit.partner]
      rows.append(
        .init(
          key: "unit:\(unit.id)",
          cells: ["unit", unit.id, unit.name, partner?.name ?? unit.partner, partner?.region.title ?? ""]))
    }
    return TableData(
      columns: [
        .init("Kind", 9), .init("ID", 14), .init("Name", 30, flexible: true), .init("Partner", 16),
        .init("Region", 18),
      ], rows: rows)
  }

  func renderSearch(_ g: inout CellGrid, _ layout: Layout, _ text: String) {
    let table = currentTable() ?? searchTable(text)
    g.put(
      "Search for '\(text)' across the four regions: \(counted(table.rows.count, "match", plural: "matches")) · Enter opens",
      x: 1, y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, table, layout.list, page.list, active: true)
  }

  /// Enter: the partner, the program (its Case tab for a case), or a unit's program.
  mutating func drillFromSearch() -> [Effect] {
    guard let key = selectedRow()?.key, let colon = key.firstIndex(of: ":") else {
      fail("nothing found to open")
      return []
    }
    let kind = key[..<colon]
    let id = String(key[key.index(after: colon)...])
    switch kind {
    case "partner":
      stack.append(Page(.partner(id)))
    case "program":
      return openProgram(id)
    case "request":
      stack.append(Page(.request(id)))
    case "case":
      var page = Page(.program(id))
      page.tab = .fmsCase
      history = []
      stack.append(page)
    default:
      guard let unit = portfolio.units[id] else { return [] }
      if let program = portfolio.programs(of: unit.partner).first(where: { $0.units.contains(id) }) {
        var page = Page(.program(program.id))
        page.tab = .units
        history = []
        stack.append(page)
      } else {
        stack.append(Page(.partner(unit.partner)))
      }
    }
    return []
  }
}

/// What matches a text across the regions (:find).
struct SearchScreen: Screen {
  let text: String
  func crumb(_ m: AppModel, _ page: Page) -> String { "Search '\(text)'" }
  func table(_ m: AppModel) -> TableData? { m.searchTable(text) }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderSearch(&g, layout, text) }
  func footer(_ m: AppModel) -> String { KeyMap.footer([.drill, .filter, .back, .home, .help]) }
  func drill(_ m: inout AppModel) -> [Effect] { m.drillFromSearch() }
}
