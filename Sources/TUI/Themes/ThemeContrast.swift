import Terminal

/// WCAG 2.x contrast of every style against the background the theme declares, with
/// ANSI colours as xterm's default palette draws them: 4.5:1 for text, 3:1 for bold,
/// dim and borders. Bold ANSI 0–7 is counted as its bright twin, because many
/// terminals draw bold as bright: bold black is grey.
extension Theme {
  public struct ContrastProblem: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var ratio: Double
    public var minimum: Double
    public var description: String {
      let r = (ratio * 10).rounded() / 10
      return "style '\(key)': contrast \(r):1 against its background, below \(minimum == 3 ? "3" : "4.5"):1"
    }
  }

  /// The styles that fail; empty for a monochrome theme or one that declares no background.
  public func contrastProblems() -> [ContrastProblem] {
    guard !monochrome, let background else { return [] }
    let canvas: (UInt8, UInt8, UInt8) = background == .dark ? (0, 0, 0) : (255, 255, 255)
    let ink: (UInt8, UInt8, UInt8) = background == .dark ? (229, 229, 229) : (0, 0, 0)
    var problems: [ContrastProblem] = []
    for key in Set(Theme.keys).union(styles.keys).sorted() {
      let s = style(key)
      if s.foreground == .default && s.background == .default { continue }  // the terminal's own text
      var fgColor = s.foreground
      if s.bold, case .ansi(let n) = fgColor, n < 8 { fgColor = .ansi(n + 8) }
      var fg = Contrast.rgb(fgColor) ?? ink
      var bg = Contrast.rgb(s.background) ?? canvas
      if s.reverse { swap(&fg, &bg) }
      let minimum = s.bold || s.dim || key.contains("border") ? 3.0 : 4.5
      let ratio = Contrast.ratio(fg, bg)
      if ratio < minimum { problems.append(ContrastProblem(key: key, ratio: ratio, minimum: minimum)) }
    }
    return problems
  }
}
