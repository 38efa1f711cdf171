import Portfolio
import Terminal

/// Help, generated from the key map so it can never disagree with it.
extension AppModel {
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

  func renderHelp(_ g: inout CellGrid, _ layout: Layout) {
    g.put(
      "Keys (generated from the key map) · mouse: wheel scrolls, click selects, click again opens", x: 1,
      y: 1, style: theme.style("title"), limit: width - 2)
    drawTable(&g, currentTable() ?? helpTable(), layout.list, page.list, active: true)
  }
}

/// The key map (?).
struct HelpScreen: Screen {
  func crumb(_ m: AppModel, _ page: Page) -> String { "Help" }
  func table(_ m: AppModel) -> TableData? { m.helpTable() }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderHelp(&g, layout) }
  func footer(_ m: AppModel) -> String { KeyMap.footer([.filter, .back, .quit]) }
  func drill(_ m: inout AppModel) -> [Effect] { [] }
}
