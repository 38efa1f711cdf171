import Portfolio

extension AppModel {
  /// The program screen's History tab.
  func historyTab(_ p: Program) -> TableData {
    let rows = history.enumerated().map { i, h in
      TableData.Row(key: String(i), cells: [h.at, h.actor, h.type, h.summary])
    }
    return TableData(
      columns: [
        .init("When (UTC)", 19), .init("Who", 10), .init("Event", HistoryLine.typeWidth),
        .init("What", 20, flexible: true),
      ],
      rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "", "", "no history loaded"])] : rows)
  }
}

extension HistoryLine {
  /// Wide enough for every event type ("alert.acknowledged"), so none is cut.
  static let typeWidth = EventRegistry.types.map { $0.type.count }.max() ?? 18
}
