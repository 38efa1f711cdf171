import Glibc

/// Whether the terminal draws on a dark or a light background, so the theme can
/// follow it: asked with OSC 11, else read from `COLORFGBG`.
public enum TerminalBackground: String, Sendable, Hashable {
  case dark, light

  /// The background from an OSC 11 reply: `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by
  /// BEL or ST, each channel 1–4 hex digits. Nil for anything else.
  public static func fromOSC11(_ reply: [UInt8]) -> TerminalBackground? {
    let text = String(decoding: reply, as: UTF8.self)
    guard let start = text.firstRange(of: "]11;rgb:") else { return nil }
    let rest = text[start.upperBound...]
    let body = rest.prefix { $0.isHexDigit || $0 == "/" }
    let parts = body.split(separator: "/")
    guard parts.count == 3 else { return nil }
    var channels: [Double] = []
    for p in parts {
      guard (1...4).contains(p.count), let v = UInt32(p, radix: 16) else { return nil }
      channels.append(Double(v) / Double((1 << (4 * p.count)) - 1))
    }
    return Contrast.luminance(channels[0], channels[1], channels[2]) > 0.18 ? .light : .dark
  }

  /// The background from `COLORFGBG` ("15;0", "0;15", "default;0"): its last field
  /// is the background's ANSI colour; 7 and 9–15 are light.
  public static func fromCOLORFGBG(_ value: String) -> TerminalBackground? {
    guard let last = value.split(separator: ";").last, let n = Int(last), (0...255).contains(n) else {
      return nil
    }
    return n == 7 || (9...15).contains(n) ? .light : .dark
  }

  /// Asks the terminal on `input`/`output` for its background colour, waiting at most
  /// `timeout` milliseconds, and reads the whole answer so that nothing is left in
  /// the input or echoed on the screen. A device-attributes request goes out after
  /// the question: every terminal answers that one, so a terminal that does not know
  /// OSC 11 costs no wait. Nil when the terminal said nothing usable.
  public static func query(input: Int32 = 0, output: Int32 = 1, timeout: Int = 100) -> TerminalBackground? {
    ask(input: input, output: output, timeout: timeout, environment: [:])?.background
  }

  /// Who answered the question about the background.
  public enum Route: String, Sendable, Hashable {
    case terminal = "the terminal"
    case tmux = "the terminal, through tmux's passthrough"
    case screen = "the terminal, through GNU screen's passthrough"
  }

  /// An answer and its route.
  public struct Answer: Sendable, Hashable {
    public var background: TerminalBackground
    public var route: Route
    public init(background: TerminalBackground, route: Route) {
      self.background = background
      self.route = route
    }
  }

  /// Asks the terminal, then — inside tmux (`TMUX`) or GNU screen (`STY`), which do not
  /// answer OSC 11 themselves — asks again through the multiplexer's passthrough
  /// (tmux needs `set -g allow-passthrough on`), so that the terminal behind it answers.
  public static func ask(
    input: Int32 = 0, output: Int32 = 1, timeout: Int = 100, environment: [String: String]
  ) -> Answer? {
    let direct = exchange(
      Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8), input: input, output: output, timeout: timeout)
    if let bg = direct.flatMap(fromOSC11) { return Answer(background: bg, route: .terminal) }
    guard direct != nil else { return nil }  // not a terminal
    let (wrapped, route): ([UInt8], Route)
    if let tmux = environment["TMUX"], !tmux.isEmpty {
      // Passthrough off (tmux's default): nothing would answer, and waiting for it cost
      // every start inside tmux 300 ms. tmux says so itself, in ~2 ms.
      if tmuxAllowsPassthrough() == false { return nil }
      // DCS tmux; <the question with every ESC doubled> ST
      wrapped = Array("\u{1B}Ptmux;\u{1B}\u{1B}]11;?\u{1B}\u{1B}\\\u{1B}\\".utf8)
      route = .tmux
    } else if let sty = environment["STY"], !sty.isEmpty {
      wrapped = Array("\u{1B}P\u{1B}]11;?\u{07}\u{1B}\\".utf8)
      route = .screen
    } else {
      return nil
    }
    // The multiplexer answers the device-attributes request itself, before the terminal
    // behind it has answered through it: wait for the OSC 11 reply, not for that one.
    let reply = exchange(
      wrapped + Array("\u{1B}[c".utf8), input: input, output: output, timeout: timeout * 3, untilOSC11: true)
    return reply.flatMap(fromOSC11).map { Answer(background: $0, route: route) }
  }

  /// tmux's `allow-passthrough` option as the tmux server of this session reports it
  /// (`tmux show-options -gv allow-passthrough`): false when "off", true when "on" or
  /// "all", nil when tmux cannot be asked.
  static func tmuxAllowsPassthrough() -> Bool? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    defer { close(fds[0]) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    let args = ["tmux", "show-options", "-gv", "allow-passthrough"]
    var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &argv, environ)
    close(fds[1])
    guard spawned == 0 else { return nil }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64)
    while output.count < 256 {
      let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if n <= 0 { break }
      output += buffer[0..<n]
    }
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    switch String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) {
    case "off": return false
    case "on", "all": return true
    default: return nil
    }
  }

  /// Writes `question` and reads what comes back until the device-attributes reply (or,
  /// `untilOSC11`, an OSC 11 reply) or the timeout, in raw mode restored after. Nil when
  /// input or output is no terminal.
  static func exchange(
    _ question: [UInt8], input: Int32, output: Int32, timeout: Int, untilOSC11: Bool = false
  ) -> [UInt8]? {
    guard isatty(input) != 0, isatty(output) != 0 else { return nil }
    var saved = termios()
    guard tcgetattr(input, &saved) == 0 else { return nil }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 0
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
    defer { _ = tcsetattr(input, TCSANOW, &saved) }
    guard question.withUnsafeBytes({ write(output, $0.baseAddress, $0.count) }) == question.count else {
      return nil
    }
    var reply: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    while true {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      let elapsed = Int(now.tv_sec - start.tv_sec) * 1000 + Int(now.tv_nsec - start.tv_nsec) / 1_000_000
      let left = timeout - elapsed
      if left <= 0 { break }
      var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      guard poll(&fds, 1, Int32(left)) > 0 else { break }
      let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      reply += buffer[0..<n]
      if reply.count > 4096 { break }
      let osc11Done =
        fromOSC11(reply) != nil && (reply.last == 0x07 || reply.suffix(2).elementsEqual([0x1B, 0x5C]))
      if untilOSC11 ? osc11Done : answeredDeviceAttributes(reply) { break }
    }
    return reply
  }

  /// Whether `bytes` hold the reply to the device-attributes request (`ESC [ ? … c`).
  static func answeredDeviceAttributes(_ bytes: [UInt8]) -> Bool {
    guard let last = bytes.last, last == UInt8(ascii: "c") else { return false }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.contains("\u{1B}[?")
  }
}

/// WCAG 2.x contrast, and the colours a terminal shows for each `Color`: xterm's
/// default palette, its 6×6×6 cube and grey ramp.
public enum Contrast {
  /// The xterm default palette for the 16 ANSI colours.
  public static let ansi: [(UInt8, UInt8, UInt8)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
  ]

  /// The colour a terminal with xterm's palette draws; nil for the terminal's default.
  public static func rgb(_ color: Color) -> (UInt8, UInt8, UInt8)? {
    switch color {
    case .default: return nil
    case .ansi(let n): return ansi[Int(n) & 15]
    case .indexed(let i):
      if i < 16 { return ansi[Int(i)] }
      if case .rgb(let r, let g, let b) = Color.rgbFromIndex(i) { return (r, g, b) }
      return nil
    case .rgb(let r, let g, let b): return (r, g, b)
    }
  }

  /// Relative luminance of linear-ised sRGB channels given as 0…1.
  public static func luminance(_ r: Double, _ g: Double, _ b: Double) -> Double {
    func lin(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }

  public static func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
    luminance(Double(c.0) / 255, Double(c.1) / 255, Double(c.2) / 255)
  }

  /// The WCAG contrast ratio, 1…21.
  public static func ratio(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
    let la = luminance(a)
    let lb = luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }
}
