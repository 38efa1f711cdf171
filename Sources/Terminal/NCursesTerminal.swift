@preconcurrency import CNCursesW
import Glibc

/// The real terminal, over ncursesw. The only code in sapm that calls ncurses.
public final class NCursesTerminal: TerminalDevice {
  public enum Failure: Error, CustomStringConvertible {
    case cannotStart(term: String)
    public var description: String {
      switch self {
      case .cannotStart(let term):
        return
          "cannot start the terminal (TERM=\(term)); set TERM to a terminal type this machine knows, e.g. xterm-256color"
      }
    }
  }

  /// What to do with the terminal type before starting: draw, draw on a fallback
  /// type (with the warning to show), or refuse with the reason.
  public enum TerminalType: Equatable, Sendable {
    case usable
    case fallback(to: String, warning: String)
    case unusable(String)
  }

  /// Checks `$TERM` against this machine's terminfo. A type with no cursor
  /// addressing (dumb) cannot draw a full screen; a type with no entry here falls
  /// back to its closest relative (xterm-* → xterm-256color, screen-* and tmux-* →
  /// screen-256color or screen), which `start` sets in the environment.
  public static func checkTerminalType(_ term: String?) -> TerminalType {
    let cannot = { (t: String, why: String) in
      TerminalType.unusable(
        "this terminal (TERM=\(t)) cannot draw sapm's full screen: \(why); set TERM to your terminal's type (e.g. xterm-256color, or linux on the console), or use the commands: sapm overview, sapm alerts, sapm requests"
      )
    }
    guard let term, !term.isEmpty else { return cannot("unset", "TERM is not set") }
    switch sapm_term_check(term) {
    case 1: return .usable
    case 0: return cannot(term, "it has no cursor addressing")
    default:
      let candidates: [String]
      if term.hasPrefix("xterm") {
        candidates = ["xterm-256color", "xterm"]
      } else if term.hasPrefix("screen") || term.hasPrefix("tmux") {
        candidates = ["screen-256color", "screen"]
      } else {
        candidates = []
      }
      for c in candidates where sapm_term_check(c) == 1 {
        return .fallback(
          to: c,
          warning:
            "TERM=\(term) has no terminfo entry on this machine; drawing as \(c) (install ncurses-term for the exact entry)"
        )
      }
      return cannot(term, "this machine has no terminfo entry for it")
    }
  }

  public let colors: Int
  private var pairs: [PairKey: Int32] = [:]
  private var nextPair: Int32 = 1
  private let maxPairs: Int32
  private var active = true
  private let directColor: Bool

  struct PairKey: Hashable {
    var fg: Int32
    var bg: Int32
  }

  /// Starts curses: UTF-8 locale (falling back to C.UTF-8 when the named locale is
  /// missing), raw keys so Ctrl-C and Ctrl-Z are keys, keypad, short Esc delay,
  /// hidden cursor, mouse where reported, and the richest colour the terminal has.
  /// `monochrome` forces mono (NO_COLOR, TERM=dumb, a mono theme).
  public init(monochrome: Bool) throws {
    NCursesTerminal.ensureUTF8Locale()
    let term = String(cString: getenv("TERM") ?? strdup("unknown"))
    guard newterm(nil, stdout, stdin) != nil else { throw Failure.cannotStart(term: term) }
    raw()
    noecho()
    nonl()
    keypad(sapm_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    _ = mousemask(sapm_mouse_mask(), nil)
    mouseinterval(0)
    sapm_bracketed_paste(1)
    var count = 0
    var direct = false
    if !monochrome, has_colors() {
      start_color()
      use_default_colors()
      count = Int(sapm_colors())
      direct = count >= 0x1000000
    }
    colors = count
    directColor = direct
    maxPairs = Int32(max(0, sapm_color_pairs()))
    TerminalRestorer.install()
  }

  deinit { shutdown() }

  static func ensureUTF8Locale() {
    if let set = setlocale(LC_ALL, ""), String(cString: set).uppercased().contains("UTF") { return }
    if setlocale(LC_ALL, "C.UTF-8") == nil { _ = setlocale(LC_ALL, "C.utf8") }
  }

  public var size: (width: Int, height: Int) { (Int(sapm_cols()), Int(sapm_lines())) }

  public func shutdown() {
    guard active else { return }
    active = false
    curs_set(1)
    sapm_bracketed_paste(0)
    endwin()
    TerminalRestorer.uninstall()
  }

  public func invalidate() { clearok(sapm_stdscr(), true) }

  public func draw(_ grid: CellGrid) {
    let (w, h) = size
    for y in 0..<min(h, grid.height) {
      for x in 0..<min(w, grid.width) {
        let cell = grid[x, y]
        if cell.isContinuation { continue }
        var wide = Array(
          String(cell.character).unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
        wide.append(0)
        let (attrs, pair) = attributes(cell.style)
        _ = wide.withUnsafeBufferPointer { buffer in
          sapm_put_cell(Int32(y), Int32(x), buffer.baseAddress, attrs, pair)
        }
      }
    }
    refresh()
  }

  private func attributes(_ style: Style) -> (attr_t, Int32) {
    var attrs = attr_t(0)
    if style.bold { attrs |= sapm_a_bold() }
    if style.underline { attrs |= sapm_a_underline() }
    if style.reverse { attrs |= sapm_a_reverse() }
    if style.dim { attrs |= sapm_a_dim() }
    guard colors > 0 else { return (attrs, 0) }
    let fg = colorNumber(style.foreground)
    let bg = colorNumber(style.background)
    if fg == -1 && bg == -1 { return (attrs, 0) }
    let key = PairKey(fg: fg, bg: bg)
    if let pair = pairs[key] { return (attrs, pair) }
    guard nextPair < maxPairs else { return (attrs, 0) }
    let pair = nextPair
    nextPair += 1
    init_extended_pair(pair, fg, bg)
    pairs[key] = pair
    return (attrs, pair)
  }

  private func colorNumber(_ color: Color) -> Int32 {
    if directColor, case .rgb(let r, let g, let b) = color {
      return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
    }
    if colors >= 256 { return Int32(color.nearest256) }
    return Int32(color.nearestANSI(limit: colors))
  }

  public func readKey(timeout milliseconds: Int32) -> Key? {
    wtimeout(sapm_stdscr(), milliseconds)
    var ch: wint_t = 0
    let r = wget_wch(sapm_stdscr(), &ch)
    if r == ERR {
      if TerminalRestorer.inputIsGone(STDIN_FILENO) { TerminalRestorer.stopRequested = SIGHUP }
      return nil
    }
    if r == KEY_CODE_YES {
      if Int32(ch) == Int32(SAPM_KEY_PASTE_BEGIN) { return readPaste() }
      return functionKey(Int32(ch))
    }
    switch ch {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
      return .control(Character(Unicode.Scalar(UInt8(ch) + 96)))
    default:
      guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// Collects a bracketed paste up to its end marker (or until input pauses for
  /// half a second, if the terminal never sends the end), as one key.
  private func readPaste() -> Key {
    var text = String.UnicodeScalarView()
    wtimeout(sapm_stdscr(), 500)
    while text.count < 1 << 20 {
      var ch: wint_t = 0
      let r = wget_wch(sapm_stdscr(), &ch)
      if r == ERR { break }
      if r == KEY_CODE_YES {
        if Int32(ch) == Int32(SAPM_KEY_PASTE_END) { break }
        continue
      }
      if let scalar = Unicode.Scalar(UInt32(ch)) { text.append(scalar) }
    }
    return .paste(String(text))
  }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      if sapm_mouse_is_wheel_up(event.bstate) != 0 { return .wheelUp }
      if sapm_mouse_is_wheel_down(event.bstate) != 0 { return .wheelDown }
      if sapm_mouse_is_click(event.bstate) != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
      return nil
    default:
      for n in 1...12 where code == sapm_key_f(Int32(n)) { return .function(n) }
      return nil
    }
  }
}

/// Restores the terminal on every way out: a fatal signal (crash) restores it and
/// re-raises; SIGTERM, SIGINT and SIGHUP set a flag the run loop sees within one
/// poll interval, so the normal shutdown path runs.
public enum TerminalRestorer {
  nonisolated(unsafe) static var installed = false
  nonisolated(unsafe) public static var stopRequested: Int32 = 0

  static func install() {
    installed = true
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
      signal(sig) { number in
        if TerminalRestorer.installed {
          sapm_bracketed_paste(0)
          endwin()
        }
        signal(number, SIG_DFL)
        raise(number)
      }
    }
    for sig in [SIGTERM, SIGINT, SIGHUP] {
      signal(sig) { number in TerminalRestorer.stopRequested = number }
    }
    atexit {
      if TerminalRestorer.installed {
        sapm_bracketed_paste(0)
        endwin()
      }
    }
  }

  static func uninstall() { installed = false }

  /// Whether the terminal behind `fd` has gone away without a hangup signal (its
  /// window closed under `su -c`, say): a read then returns at once, never waiting,
  /// and a loop that polls it would spin at full CPU for ever. Asked after a read that
  /// returned nothing: the terminal is hung up, in error, or not open.
  static func inputIsGone(_ fd: Int32) -> Bool {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&p, 1, 0) >= 0 else { return errno == EBADF }
    return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }
}
