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

  /// The style of `key`. A colour it leaves to the terminal is the theme's `default`
  /// colour when the theme sets one (high-contrast paints its own black): text is drawn
  /// on the background the theme chose, or — the default theme — on the terminal's own.
  public func style(_ key: String) -> Style {
    var s = resolved(key)
    guard key != "default", let base = styles["default"] else { return s }
    if s.background == .default { s.background = base.background }
    if s.foreground == .default { s.foreground = base.foreground }
    return s
  }

  private func resolved(_ key: String) -> Style {
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
      // Colours that read on a white terminal and a black one alike (issue 28): the
      // theme leaves the background to the terminal, which may not say which it is.
      "pane.border": Style(foreground: .rgb(0x76, 0x76, 0x76)),
      "pane.border.focus": Style(foreground: .rgb(0x00, 0x87, 0x5F), bold: true),
      "pane.title": Style(bold: true),
      "pane.title.focus": Style(foreground: .rgb(0x00, 0x87, 0x5F), bold: true, underline: true),
      "pane.totals": .plain,  // body text: the terminal's own foreground
      "list.header": Style(foreground: .rgb(0x76, 0x76, 0x76), bold: true, underline: true),
      "list.selected": Style(foreground: .ansi(0), background: .ansi(14), reverse: false),
      "list.dim": Style(foreground: .rgb(0x76, 0x76, 0x76)),
      "tab": .plain,
      "tab.active": Style(foreground: .ansi(0), background: .ansi(14)),
      "status": Style(foreground: .ansi(15), background: .ansi(4)),
      "status.mode": Style(foreground: .ansi(0), background: .ansi(15)),
      "status.mode.demo": Style(foreground: .ansi(0), background: .ansi(11)),
      "status.mode.readonly": Style(foreground: .ansi(15), background: .ansi(1), bold: true),
      "status.asof": Style(foreground: .ansi(0), background: .ansi(14)),
      "status.message": Style(foreground: .ansi(15), background: .ansi(4), bold: true),
      "status.error": Style(foreground: .ansi(15), background: .ansi(1), bold: true),
      "alert.critical": Style(foreground: .rgb(0xD7, 0x00, 0x00), bold: true),
      "alert.warning": Style(foreground: .rgb(0xAF, 0x5F, 0x00), bold: true),
      "alert.info": Style(foreground: .rgb(0x5F, 0x5F, 0xFF)),
      "alert.acknowledged": Style(foreground: .rgb(0x76, 0x76, 0x76), dim: true),
      "restriction": Style(foreground: .rgb(0xD7, 0x00, 0x00), bold: true),
      "money.bar": Style(foreground: .rgb(0x00, 0x87, 0x5F)),
      "money.bar.empty": Style(foreground: .rgb(0x76, 0x76, 0x76)),
      "input": Style(bold: true),
      "input.prompt": Style(foreground: .rgb(0x00, 0x87, 0x5F), bold: true),
      "help.key": Style(foreground: .rgb(0x00, 0x87, 0x5F), bold: true),
      "help.section": Style(bold: true, underline: true),
      "request.pending": Style(foreground: .rgb(0xAF, 0x5F, 0x00), bold: true),
      "check.pass": Style(foreground: .rgb(0x00, 0x87, 0x5F)),
      "check.fail": Style(foreground: .rgb(0xD7, 0x00, 0x00), bold: true),
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
