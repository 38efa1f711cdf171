import Terminal

/// A one-line text editor that behaves as shells and readline do: ← → Home End,
/// Ctrl-A/E (start, end), Ctrl-U/K (delete to start, to end), Ctrl-W (delete the word
/// before the cursor), Backspace and Delete. A pre-filled value (the time-travel date,
/// say) is replaced by the first character typed, unless the cursor was moved first
/// to edit it. Pasted text is inserted as one line.
public struct LineEditor: Hashable, Sendable {
  public private(set) var characters: [Character]
  /// Where the next character goes: 0 … characters.count.
  public private(set) var cursor: Int
  /// True while the text is a suggestion the first typed character replaces.
  public private(set) var isPrefilled: Bool

  public init(_ text: String = "", prefilled: Bool = false) {
    characters = Array(text)
    cursor = characters.count
    isPrefilled = prefilled && !text.isEmpty
  }

  public var text: String { String(characters) }

  /// Applies an editing key; false when the key is not an editing key (Enter, Esc,
  /// Tab … are the caller's).
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .left, .control("b"): cursor = max(0, cursor - 1)
    case .right, .control("f"): cursor = min(characters.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .backspace, .control("h"):
      if isPrefilled {
        characters = []
        cursor = 0
      } else if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case .delete, .control("d"):
      if cursor < characters.count { characters.remove(at: cursor) }
    case .control("u"):
      characters.removeSubrange(0..<cursor)
      cursor = 0
    case .control("k"):
      characters.removeSubrange(cursor...)
    case .control("w"):
      var start = cursor
      while start > 0, characters[start - 1].isWhitespace { start -= 1 }
      while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    case .character(let c):
      insert([c])
    case .paste(let text):
      // One line, whatever was pasted: line breaks and controls become spaces.
      insert(
        text.map { $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } ? " " : $0 })
    default:
      return false
    }
    isPrefilled = false
    return true
  }

  private mutating func insert(_ new: [Character]) {
    if isPrefilled {
      characters = []
      cursor = 0
    }
    characters.insert(contentsOf: new, at: cursor)
    cursor += new.count
  }
}
