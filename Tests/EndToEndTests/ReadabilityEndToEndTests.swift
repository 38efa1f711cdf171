import Foundation
import Terminal
import TestSupport
import Testing

/// Every screen readable on any background (issue 28): sapm in tmux with no COLORFGBG
/// and no answer about the background, its screens captured with their colours
/// (`capture-pane -e`), and every cell of text judged with the terminal's default
/// background taken as white, then as black — 4.5:1, 3:1 for bold, dim and borders.
@Suite struct ReadabilityEndToEndTests {
  /// One drawn cell: its character and what the SGR state said.
  struct Cell {
    var character: Character
    var foreground: Color
    var background: Color
    var bold: Bool
    var dim: Bool
    var reverse: Bool
  }

  /// The cells of a `capture-pane -e -p` text (SGR sequences parsed; others skipped).
  static func cells(_ text: String) -> [Cell] {
    var out: [Cell] = []
    var fg = Color.default
    var bg = Color.default
    var bold = false
    var dim = false
    var reverse = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      guard c == "\u{1B}" else {
        if c != "\n" {
          out.append(
            Cell(character: c, foreground: fg, background: bg, bold: bold, dim: dim, reverse: reverse))
        }
        continue
      }
      guard chars.first == "[" else { continue }
      chars = chars.dropFirst()
      var body = ""
      while let d = chars.popFirst(), !d.isLetter { body.append(d) }
      // The final letter was consumed by the loop; only `m` (SGR) matters here.
      var codes = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
      if codes.isEmpty { codes = [0] }
      while let code = codes.popFirst() {
        switch code {
        case 0:
          (fg, bg, bold, dim, reverse) = (.default, .default, false, false, false)
        case 1: bold = true
        case 2: dim = true
        case 22: (bold, dim) = (false, false)
        case 7: reverse = true
        case 27: reverse = false
        case 30...37: fg = .ansi(UInt8(code - 30))
        case 90...97: fg = .ansi(UInt8(code - 90 + 8))
        case 39: fg = .default
        case 40...47: bg = .ansi(UInt8(code - 40))
        case 100...107: bg = .ansi(UInt8(code - 100 + 8))
        case 49: bg = .default
        case 38, 48:
          let color: Color
          if codes.first == 5, codes.count >= 2 {
            color = .indexed(UInt8(codes.dropFirst().first ?? 0))
            codes = codes.dropFirst(2)
          } else if codes.first == 2, codes.count >= 4 {
            let v = Array(codes.dropFirst().prefix(3)).map { UInt8(clamping: $0) }
            color = .rgb(v[0], v[1], v[2])
            codes = codes.dropFirst(4)
          } else {
            continue
          }
          if code == 38 { fg = color } else { bg = color }
        default: break
        }
      }
    }
    return out
  }

  /// The cells below the minimum on a terminal whose default background is `canvas`
  /// and default foreground `ink`.
  static func unreadable(_ cells: [Cell], canvas: (UInt8, UInt8, UInt8), ink: (UInt8, UInt8, UInt8))
    -> [String]
  {
    var problems: [String] = []
    for cell in cells where !cell.character.isWhitespace {
      var fgColor = cell.foreground
      if cell.bold, case .ansi(let n) = fgColor, n < 8 { fgColor = .ansi(n + 8) }
      var fg = Contrast.rgb(fgColor) ?? ink
      var bg = Contrast.rgb(cell.background) ?? canvas
      if cell.reverse { swap(&fg, &bg) }
      let border = cell.character.unicodeScalars.first.map { (0x2500...0x257F).contains($0.value) } ?? false
      let minimum = cell.bold || cell.dim || border ? 3.0 : 4.5
      let ratio = Contrast.ratio(fg, bg)
      if ratio < minimum {
        problems.append(
          "'\(cell.character)' \(String(format: "%.1f", ratio)):1 (fg \(fgColor), bg \(cell.background))")
      }
    }
    return problems
  }

  @Test func everyCellReadsOnWhiteAndOnBlack() throws {
    let tmux = try Tmux(width: 120, height: 35, term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("unset COLORFGBG; \(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    try tmux.waitForOverview()
    var screens: [(String, String)] = []
    func capture(_ name: String) throws {
      screens.append((name, try tmux.run(["capture-pane", "-e", "-p"])))
    }
    try capture("overview")
    try tmux.type("a")
    try tmux.waitFor("Alerts on")
    try capture("alerts")
    try tmux.keys("Escape")
    try tmux.type("4")
    try tmux.keys("Enter")
    try tmux.waitFor("Ukraine (UA)")
    try tmux.keys("Enter")
    try tmux.waitFor("[Summary]")
    for tab in ["summary", "funding", "case", "units", "oversight", "eum", "requests"] {
      try capture("program \(tab)")
      try tmux.type("]")
      Thread.sleep(forTimeInterval: 0.15)
    }
    for (name, text) in screens {
      let cells = Self.cells(text)
      #expect(cells.count > 300, "\(name): \(cells.count) cells")
      for (terminal, canvas, ink) in [
        ("white", (UInt8(255), UInt8(255), UInt8(255)), (UInt8(0), UInt8(0), UInt8(0))),
        ("black", (0, 0, 0), (229, 229, 229)),
      ] {
        let problems = Self.unreadable(cells, canvas: canvas, ink: ink)
        #expect(
          problems.isEmpty,
          "\(name) on a \(terminal) terminal: \(problems.count) cells, e.g. \(problems.prefix(5))")
      }
    }
    // What the check catches: bright yellow on white.
    let yellow = Self.cells("\u{1B}[93mwarning\u{1B}[0m")
    #expect(!Self.unreadable(yellow, canvas: (255, 255, 255), ink: (0, 0, 0)).isEmpty)
    try tmux.type("q")
  }
}
