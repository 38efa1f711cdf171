import Terminal

/// Every field of one row in full, wrapped (v, or Enter where there is nothing to
/// open): a column may cut a value with "…" because the full text is one key away.
public struct RowDetail: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var label: String
    public var value: String
  }
  public var title: String
  public var fields: [Field]
}

extension AppModel {
  /// The selected row of the current list as a detail, or nil when there is none.
  func detailOfSelectedRow() -> RowDetail? {
    guard let table = currentTable(), let row = selectedRow() else { return nil }
    let fields = zip(table.columns, row.cells).map { column, cell in
      RowDetail.Field(label: column.title.isEmpty ? "Value" : column.title, value: cell.isEmpty ? "—" : cell)
    }
    return RowDetail(title: breadcrumb.last ?? "Row", fields: fields)
  }

  func renderDetail(_ g: inout CellGrid, _ d: RowDetail) {
    let w = min(100, width - 2)
    let labelWidth = min(24, (d.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2)
    let valueWidth = max(8, w - 4 - labelWidth)
    var lines: [(String, String)] = []
    for f in d.fields {
      for (i, part) in wrap(f.value, to: valueWidth).enumerated() {
        lines.append((i == 0 ? f.label : "", part))
      }
    }
    let h = min(height - 3, lines.count + 4)
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
    g.put(
      " \(d.title) — any key closes ", x: x + 2, y: y, style: theme.style("pane.title.focus"), limit: w - 4)
    for (i, line) in lines.prefix(h - 4).enumerated() {
      g.put(DisplayWidth.fit(line.0, labelWidth), x: x + 2, y: y + 2 + i, style: theme.style("list.header"))
      g.put(line.1, x: x + 2 + labelWidth, y: y + 2 + i, style: theme.style("default"), limit: valueWidth)
    }
    if lines.count > h - 4 {
      g.put(" … \(lines.count - (h - 4)) more lines ", x: x + 2, y: y + h - 1, style: border, limit: w - 4)
    }
  }
}
