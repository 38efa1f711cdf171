import Terminal

/// WCAG 2.x contrast of every style, with ANSI colours as xterm's default palette draws
/// them: 4.5:1 for text, 3:1 for bold, dim and borders. Bold ANSI 0–7 is counted as its
/// bright twin, because many terminals draw bold as bright: bold black is grey.
///
/// Where a style leaves its background (or its foreground) to the terminal, it is judged
/// against both terminals it may meet — xterm's black ink on white and its light grey on
/// black — whatever background the theme declares: detection of the background (an OSC 11
/// answer, COLORFGBG) helps where it works, but tmux and many others do not answer, and
/// readability cannot rest on it (issue 28). A style that sets both is judged on its pair.
extension Theme {
  public struct ContrastProblem: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var ratio: Double
    public var minimum: Double
    /// The terminal background it fails on ("white", "black"); nil: its own pair.
    public var terminal: String?
    public var description: String {
      let r = (ratio * 10).rounded() / 10
      let against = terminal.map { "a \($0) terminal" } ?? "its background"
      return "style '\(key)': contrast \(r):1 on \(against), below \(minimum == 3 ? "3" : "4.5"):1"
    }
  }

  /// The terminals a style that leaves a colour to the terminal may meet: (name, canvas, ink).
  static let terminals: [(String, (UInt8, UInt8, UInt8), (UInt8, UInt8, UInt8))] = [
    ("white", (255, 255, 255), (0, 0, 0)),
    ("black", (0, 0, 0), (229, 229, 229)),
  ]

  /// The styles that fail; empty for a monochrome theme.
  public func contrastProblems() -> [ContrastProblem] {
    guard !monochrome else { return [] }
    var problems: [ContrastProblem] = []
    for key in Set(Theme.keys).union(styles.keys).sorted() {
      let s = style(key)
      if s.foreground == .default && s.background == .default { continue }  // the terminal's own text
      var fgColor = s.foreground
      if s.bold, case .ansi(let n) = fgColor, n < 8 { fgColor = .ansi(n + 8) }
      let minimum = s.bold || s.dim || key.contains("border") ? 3.0 : 4.5
      let ownPair = s.foreground != .default && s.background != .default
      for (name, canvas, ink) in ownPair ? [Self.terminals[0]] : Self.terminals {
        var fg = Contrast.rgb(fgColor) ?? ink
        var bg = Contrast.rgb(s.background) ?? canvas
        if s.reverse { swap(&fg, &bg) }
        let ratio = Contrast.ratio(fg, bg)
        if ratio < minimum {
          problems.append(
            ContrastProblem(key: key, ratio: ratio, minimum: minimum, terminal: ownPair ? nil : name))
        }
      }
    }
    return problems
  }
}
