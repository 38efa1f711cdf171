/// A key press (or a mouse action turned into one), as the application sees it.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  /// Ctrl plus a letter, e.g. `.control("l")`.
  case control(Character)
  case function(Int)
  case resize
  /// Mouse: wheel up/down, or a click at a cell.
  case wheelUp, wheelDown
  case click(x: Int, y: Int)
  /// Text the user pasted (bracketed paste): text, never commands.
  case paste(String)

  /// How the help screen names the key.
  public var label: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Delete"
    case .control(let c): return "Ctrl-\(c.uppercased())"
    case .function(let n): return "F\(n)"
    case .resize: return "resize"
    case .wheelUp: return "wheel ↑"
    case .wheelDown: return "wheel ↓"
    case .click: return "click"
    case .paste: return "paste"
    }
  }
}
