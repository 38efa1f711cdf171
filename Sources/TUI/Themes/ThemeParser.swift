import Terminal

/// A theme file problem, with where it is.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}

/// Reads `Themes/NAME.toml` (helix-style): `[meta]` name and `inherits`,
/// `[palette]` named colours, `[styles]` semantic keys. Style keys may be quoted
/// (`"pane.border.focus" = {…}`) or dotted TOML keys; a string is shorthand for the
/// foreground. Unknown keys are warnings, not errors; a wrong type is an error that
/// says which type was expected.
public enum ThemeParser {
  public static let attributes: Set<String> = ["fg", "bg", "bold", "underline", "reverse", "dim"]
  /// The largest theme file read at all.
  public static let maxBytes = ThemeScan.maxBytes

  public static func parse(
    _ text: String, file: String, base: (String) throws -> Theme
  ) throws -> (theme: Theme, warnings: [String]) {
    let scan = try ThemeScan(text, file: file)
    let root = try TOMLReader.parse(text, file: file)
    var warnings: [String] = []
    /// Where a key first appears (a dotted one by its full text, else its last part).
    func position(of key: String) -> (Int, Int) {
      let found = scan.positions[key] ?? key.split(separator: ".").last.flatMap { scan.positions[String($0)] }
      return found.map { ($0.line, $0.column) } ?? (1, 1)
    }
    func typeError(_ key: String, _ expected: String) -> ThemeError {
      let (l, c) = position(of: key)
      return ThemeError(file: file, line: l, column: c, message: "'\(key)' must be \(expected)")
    }
    for key in root.keys where !["meta", "palette", "styles"].contains(key) {
      let (l, c) = position(of: key)
      warnings.append("\(file):\(l):\(c): unknown section '\(key)' ignored (sections: meta, palette, styles)")
    }
    var name = file
    var parent = Theme.builtIn
    var monochrome = false
    var background: TerminalBackground?
    if let metaValue = root["meta"] {
      guard let meta = metaValue.table else { throw typeError("meta", "a table") }
      for key in meta.keys {
        switch key {
        case "name":
          guard let n = meta[key]?.string else { throw typeError("name", "a string") }
          name = n
        case "inherits":
          guard let i = meta[key]?.string else { throw typeError("inherits", "a string naming a theme") }
          parent = try base(i)
        case "monochrome":
          guard let b = meta[key]?.bool else { throw typeError("monochrome", "true or false") }
          monochrome = b
        case "background":
          guard let text = meta[key]?.string, let b = TerminalBackground(rawValue: text) else {
            throw typeError("background", "\"dark\" or \"light\"")
          }
          background = b
        default:
          let (l, c) = position(of: key)
          warnings.append(
            "\(file):\(l):\(c): unknown key 'meta.\(key)' ignored (keys: name, inherits, monochrome, background)"
          )
        }
      }
    }
    var palette: [String: Color] = [:]
    if let paletteValue = root["palette"] {
      guard let table = paletteValue.table else { throw typeError("palette", "a table of colours") }
      for key in table.keys {
        guard let text = table[key]?.string else {
          throw typeError(key, "a colour string (#rrggbb, an ANSI name or default)")
        }
        guard let color = Color(parsing: text) else {
          let (l, c) = position(of: key)
          throw ThemeError(
            file: file, line: l, column: c,
            message:
              "'\(text)' is not a colour (#rrggbb, an ANSI name such as bright-red, a number 0–255, or default)"
          )
        }
        palette[key] = color
      }
    }
    func color(_ text: String, key: String) throws -> Color {
      if let c = palette[text] ?? Color(parsing: text) { return c }
      let (l, c) = position(of: key)
      throw ThemeError(
        file: file, line: l, column: c, message: "'\(text)' is neither a palette name nor a colour")
    }
    var styles = parent.styles
    func walk(_ table: TOMLTable, _ path: String) throws {
      var style = styles[path] ?? (path.isEmpty ? Style.plain : Style())
      var touched = false
      for key in table.keys {
        let full = path.isEmpty ? key : path + "." + key
        guard let value = table[key] else { continue }
        if !path.isEmpty, attributes.contains(key) {
          touched = true
          switch key {
          case "fg", "bg":
            guard let s = value.string else { throw typeError(key, "a colour string") }
            let c = try color(s, key: key)
            if key == "fg" { style.foreground = c } else { style.background = c }
          default:
            guard let b = value.bool else { throw typeError(key, "true or false") }
            switch key {
            case "bold": style.bold = b
            case "underline": style.underline = b
            case "reverse": style.reverse = b
            default: style.dim = b
            }
          }
        } else if let sub = value.table {
          try walk(sub, full)
        } else if let s = value.string {
          var leaf = styles[full] ?? Style()
          leaf.foreground = try color(s, key: key)
          styles[full] = leaf
          if !Theme.keys.contains(full) { warnUnknown(full) }
        } else {
          throw typeError(key, "a style table ({ fg = \"…\", bold = true }) or a colour string")
        }
      }
      if touched {
        styles[path] = style
        if !Theme.keys.contains(path) { warnUnknown(path) }
      }
    }
    func warnUnknown(_ key: String) {
      let (l, c) = position(of: key)
      warnings.append("\(file):\(l):\(c): unknown style key '\(key)' (kept; see docs/themes.md for the keys)")
    }
    if let stylesValue = root["styles"] {
      guard let table = stylesValue.table else { throw typeError("styles", "a table") }
      try walk(table, "")
    }
    var theme = Theme(name: name, styles: styles, monochrome: monochrome || parent.monochrome)
    theme.background = background ?? parent.background
    return (theme, warnings)
  }
}
