import Portfolio
import Terminal

/// Drawing a form as a dialog over the screen.
extension AppModel {
  /// A form as a dialog over the screen, sized to fit 80×24.
  func renderForm(_ g: inout CellGrid, _ f: Form) {
    let w = min(76, width - 2)
    let labelWidth = (f.fields.map { DisplayWidth.of($0.label.rawValue) }.max() ?? 0) + 2
    let problemLines = Array(f.problems.flatMap { wrap("✗ " + $0, to: min(76, width - 2) - 4) }.prefix(6))
    let shown = f.fields.filter { !$0.hidden }.count
    let h = min(height - 3, shown + problemLines.count + 6)
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
    g.put(" \(f.title) ", x: x + 2, y: y, style: theme.style("pane.title.focus"), limit: w - 4)
    let inner = w - 4
    var row = y + 2
    for (i, field) in f.fields.enumerated() where row < y + h - 2 && !field.hidden {
      let focused = i == f.focus
      let marker = focused ? "›" : " "
      var cx = x + 2
      cx += g.put(
        marker + DisplayWidth.fit(field.label.rawValue, labelWidth - 1), x: cx, y: row,
        style: theme.style(focused ? "list.selected" : "list.header"), limit: inner)
      let value: String
      if case .choice = field.kind {
        value = "‹ \(ChoiceWords.word(for: field.editor.text)) ›"
      } else if focused {
        value =
          String(field.editor.characters[..<field.editor.cursor]) + "▏"
          + String(field.editor.characters[field.editor.cursor...])
      } else {
        value = field.editor.text.isEmpty ? "—" : field.editor.text
      }
      cx += g.put(
        " " + value, x: cx, y: row, style: theme.style(field.editor.isPrefilled ? "list.dim" : "input"),
        limit: x + 2 + inner - cx)
      if focused, !field.hint.isEmpty, cx + 3 < x + 2 + inner {
        g.put("  " + field.hint, x: cx, y: row, style: theme.style("list.dim"), limit: x + 2 + inner - cx)
      }
      row += 1
    }
    row += 1
    if problemLines.isEmpty {
      g.put("✓ Enter records it", x: x + 2, y: row, style: theme.style("status.message"), limit: inner)
    } else {
      for p in problemLines where row < y + h - 1 {
        g.put(p, x: x + 2, y: row, style: theme.style("status.error"), limit: inner)
        row += 1
      }
    }
    g.put(" Tab next field · Enter record · Esc cancel ", x: x + 2, y: y + h - 1, style: border, limit: w - 4)
  }
}
