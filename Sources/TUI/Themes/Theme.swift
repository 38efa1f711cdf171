import Terminal

/// Semantic styles by dotted key (`pane.border.focus`, `alert.critical` …). A key
/// that is not set falls back along the dots (`pane.border.focus` → `pane.border` →
/// `pane`) and then to the built-in default theme, one key at a time, so a theme
/// file only says what it changes.
public struct Theme: Sendable, Equatable {
  public var name: String
  public var styles: [String: Style]
  /// Mono themes draw with attributes only.
  public var monochrome: Bool
  /// The terminal background the theme is made for (`[meta] background`): what its
  /// contrast is checked against, and what the automatic choice matches.
  public var background: TerminalBackground?

  public init(name: String, styles: [String: Style], monochrome: Bool = false) {
    self.name = name
    self.styles = styles
    self.monochrome = monochrome
  }

  public func style(_ key: String) -> Style {
    var k = Substring(key)
    while true {
      if let s = styles[String(k)] { return s }
      if let s = Theme.builtIn.styles[String(k)], self != Theme.builtIn {
        return monochrome ? Theme.mono(s) : s
      }
      guard let dot = k.lastIndex(of: ".") else { return styles["default"] ?? .plain }
      k = k[..<dot]
    }
  }

  static func mono(_ s: Style) -> Style {
    Style(bold: s.bold, underline: s.underline, reverse: s.reverse, dim: s.dim)
  }

  /// Every style key the screens use, for `docs/themes.md` and theme checks.
  public static let keys: [String] = [
    "default", "title", "title.demo", "title.asof", "pane", "pane.border", "pane.border.focus", "pane.title",
    "pane.title.focus", "pane.totals", "list.header", "list.selected", "list.dim", "tab", "tab.active",
    "status", "status.mode", "status.mode.demo", "status.mode.readonly", "status.asof", "status.message",
    "status.error", "alert.critical", "alert.warning", "alert.info", "alert.acknowledged", "restriction",
    "money.bar", "money.bar.empty", "input", "input.prompt", "help.key", "help.section", "request.pending",
    "check.pass", "check.fail", "kiosk.banner",
  ]

  /// The default theme, also the fallback for every key another theme leaves out.
  public static let builtIn = Theme(
    name: "default",
    styles: [
      "default": .plain,
      "title": Style(bold: true),
      "title.demo": Style(foreground: .ansi(0), background: .ansi(11)),
      "title.asof": Style(foreground: .ansi(0), background: .ansi(14)),
      "pane.border": Style(foreground: .ansi(8)),
      "pane.border.focus": Style(foreground: .ansi(14), bold: true),
      "pane.title": Style(bold: true),
      "pane.title.focus": Style(foreground: .ansi(14), bold: true, underline: true),
      "pane.totals": .plain,  // body text: the terminal's own foreground
      "list.header": Style(foreground: .ansi(8), bold: true, underline: true),
      "list.selected": Style(foreground: .ansi(0), background: .ansi(14), reverse: false),
      "list.dim": Style(foreground: .ansi(8)),
      "tab": .plain,
      "tab.active": Style(foreground: .ansi(0), background: .ansi(14)),
      "status": Style(foreground: .ansi(15), background: .ansi(4)),
      "status.mode": Style(foreground: .ansi(0), background: .ansi(15)),
      "status.mode.demo": Style(foreground: .ansi(0), background: .ansi(11)),
      "status.mode.readonly": Style(foreground: .ansi(15), background: .ansi(1), bold: true),
      "status.asof": Style(foreground: .ansi(0), background: .ansi(14)),
      "status.message": Style(foreground: .ansi(15), background: .ansi(4), bold: true),
      "status.error": Style(foreground: .ansi(15), background: .ansi(1), bold: true),
      "alert.critical": Style(foreground: .ansi(9), bold: true),
      "alert.warning": Style(foreground: .ansi(11)),
      "alert.info": Style(foreground: .rgb(0x87, 0xAF, 0xFF)),
      "alert.acknowledged": Style(foreground: .ansi(8), dim: true),
      "restriction": Style(foreground: .ansi(9), bold: true),
      "money.bar": Style(foreground: .ansi(10)),
      "money.bar.empty": Style(foreground: .ansi(8)),
      "input": Style(bold: true),
      "input.prompt": Style(foreground: .ansi(14), bold: true),
      "help.key": Style(foreground: .ansi(14), bold: true),
      "help.section": Style(bold: true, underline: true),
      "request.pending": Style(foreground: .ansi(11)),
      "check.pass": Style(foreground: .ansi(10)),
      "check.fail": Style(foreground: .ansi(9), bold: true),
      "kiosk.banner": Style(foreground: .ansi(0), background: .ansi(11)),
    ])

  /// Attributes only: NO_COLOR, TERM=dumb, or a mono theme.
  public static let monochromeBuiltIn = Theme(
    name: "mono",
    styles: builtIn.styles.mapValues { s in
      var m = Theme.mono(s)
      if s.background != .default { m.reverse = true }
      return m
    }, monochrome: true)
}
