/// One screen cell: a character and its style. A wide character occupies its cell
/// and the next, which holds `continuation`.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var style: Style
  public var isContinuation: Bool

  public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.character = character
    self.style = style
    self.isContinuation = isContinuation
  }
}

/// The whole frame, drawn into memory first (ratatui's buffer): screens render here,
/// terminals copy it out, tests read it back as text.
public struct CellGrid: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes `text` at (x, y), clipped to `limit` columns (and the grid); control
  /// characters are shown as placeholders, never written. Returns columns used.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let end = min(width, x + (limit ?? width))
    var col = x
    var shown = text.sanitizedForTerminal
    // Text that must give way loses whole words (no figure is left cut in two); the
    // cut below still applies to a single word wider than the room.
    if end - max(0, x) > 0, DisplayWidth.of(shown) > end - max(0, x) {
      shown = DisplayWidth.truncateWords(shown, to: end - max(0, x))
    }
    for c in shown {
      let w = DisplayWidth.of(c)
      if w == 0 { continue }
      if col + w > end {
        // Cut, never silently: the last column says there is more.
        let last = end - 1
        if last >= max(0, x) {
          if cells[y * width + last].isContinuation, last > 0 {
            cells[y * width + last - 1] = Cell(" ", style: style)
          }
          cells[y * width + last] = Cell("…", style: style)
          col = end
        }
        break
      }
      if col >= 0 {
        // Overwriting half of a wide character clears the other half.
        if cells[y * width + col].isContinuation, col > 0 {
          cells[y * width + col - 1] = Cell(" ", style: style)
        }
        cells[y * width + col] = Cell(c, style: style)
        if w == 2 { cells[y * width + col + 1] = Cell(" ", style: style, isContinuation: true) }
      }
      col += w
    }
    return col - x
  }

  /// Fills a rectangle with spaces in `style`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
    for row in max(0, y)..<min(height, y + h) {
      for col in max(0, x)..<min(width, x + w) { cells[row * width + col] = Cell(" ", style: style) }
    }
  }

  /// Applies `body` to the style of each cell in a row range (e.g. to highlight a selection).
  public mutating func restyle(y: Int, x: Int, width w: Int, _ body: (inout Style) -> Void) {
    guard y >= 0, y < height else { return }
    for col in max(0, x)..<min(width, x + w) { body(&cells[y * width + col].style) }
  }

  /// The frame as text, one line per row, trailing spaces trimmed (for tests and docs).
  public var text: String { lines.joined(separator: "\n") }

  public var lines: [String] {
    (0..<height).map { y in
      var line = ""
      for x in 0..<width where !cells[y * width + x].isContinuation {
        line.append(cells[y * width + x].character)
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
