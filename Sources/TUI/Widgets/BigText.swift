import Terminal

/// Figures five rows tall, for a wall screen read across a room: digits, a decimal
/// point, `%`, `-` and the `K`/`M`/`B` of compact dollar amounts. Other characters
/// are drawn as a blank glyph.
enum BigText {
  static let height = 5

  static let glyphs: [Character: [String]] = [
    "0": ["███", "█ █", "█ █", "█ █", "███"], "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"], "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"], "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"], "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"], "9": ["███", "█ █", "███", "  █", "███"],
    ".": [" ", " ", " ", " ", "█"], "%": ["█ █", "  █", " █ ", "█  ", "█ █"],
    "-": ["   ", "   ", "███", "   ", "   "], "K": ["█ █", "██ ", "█  ", "██ ", "█ █"],
    "M": ["█ █", "███", "█ █", "█ █", "█ █"], "B": ["██ ", "█ █", "██ ", "█ █", "██ "],
    " ": ["  ", "  ", "  ", "  ", "  "],
  ]

  /// The rows of `text` in big figures, one column between glyphs.
  static func rows(_ text: String) -> [String] {
    (0..<height).map { row in
      text.map { (glyphs[$0] ?? glyphs[" "] ?? [])[row] }.joined(separator: " ")
    }
  }

  static func width(_ text: String) -> Int { DisplayWidth.of(rows(text)[0]) }
}
