import ArgumentParser
import Foundation
import Portfolio
import Session
import TUI
import Terminal

/// `sapm`: the full-screen portfolio.
struct Open: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open", abstract: "Open the portfolio in the terminal (the default).",
    discussion:
      "Keys: ? inside sapm, or docs/keys.md. With standard output not a terminal, prints the overview as text."
  )

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: ArgumentHelp("Colour theme (see 'sapm themes').", valueName: "name"))
  var theme: String?

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("Start time-travelling at this day.", valueName: "YYYY-MM-DD"))
  var asOf: String?

  @Flag(
    help: ArgumentHelp(
      "A read-only wall screen for a shared terminal: no key leaves it or writes; stop it with SIGTERM or SIGHUP (docs/kiosk.md)."
    ))
  var kiosk = false

  @Option(help: ArgumentHelp("Kiosk: seconds per wall screen.", valueName: "seconds"))
  var cycle = 20

  @Option(
    help: ArgumentHelp("Kiosk: seconds without a key before it returns to the wall.", valueName: "seconds"))
  var idle = 60

  func validate() throws {
    guard (1...86_400).contains(cycle) else { throw ValidationError("--cycle must be 1–86400 seconds") }
    guard (1...86_400).contains(idle) else { throw ValidationError("--idle must be 1–86400 seconds") }
    if kiosk, storeOptions.actAs != nil {
      throw ValidationError("--as has no meaning in the kiosk: it writes nothing")
    }
    if kiosk, asOf != nil {
      throw ValidationError("the kiosk shows the store as it is now; --as-of is not for it")
    }
  }

  /// Checks TERM before curses starts: a type that cannot draw is refused with what
  /// to set; one this machine has no entry for falls back to a relative, said once.
  func terminalType() throws -> [String] {
    switch NCursesTerminal.checkTerminalType(ProcessInfo.processInfo.environment["TERM"]) {
    case .usable: return []
    case .fallback(let type, let warning):
      setenv("TERM", type, 1)
      return [warning]
    case .unusable(let reason):
      throw TerminalUnusable(reason: reason)
    }
  }

  func run() throws {
    if kiosk {
      try runKiosk()
      return
    }
    guard isatty(0) != 0, isatty(1) != 0 else {
      var overview = Overview()
      overview.storeOptions = storeOptions
      overview.asOf = asOf
      try overview.run()
      return
    }
    try failing {
      let start = try asOf.map { try parseDay($0, option: "--as-of") }
      let env = ProcessInfo.processInfo.environment
      let catalog = ThemeCatalog(environment: env)
      let forcedMono = env["NO_COLOR"].map { !$0.isEmpty } == true
      // The background is asked before curses starts, so the answer never reaches the screen.
      let choice = ThemeChoice.choose(flag: theme, environment: env) { TerminalBackground.query() }
      let chosen = forcedMono ? Theme.monochromeBuiltIn : try catalog.load(choice.name)
      let warnings = try terminalType()
      // The terminal first, the store on a thread of its own: a large store read from
      // its start shows its progress at once, and q quits while it is read.
      let terminal = try NCursesTerminal(monochrome: chosen.monochrome)
      let options = storeOptions
      let loader = SessionLoader { progress in try options.openForBrowsing(progress: progress) }
      let location = storeOptions.location(allowDemo: true)
      let store = location.path
      // Making the demo store is a write: it runs to its end, q or not.
      let creating = location.isDemo && !FileManager.default.fileExists(atPath: store)
      var shown = false
      // From a checkpoint with today's figures: the overview at once, keys held for
      // the whole model. Otherwise the progress of the read.
      var preview: AppModel?
      var previewDrawn = false
      var held: [Key] = []
      while loader.result == nil {
        let size = terminal.size
        if preview == nil, start == nil, let figures = loader.progress.preview {
          preview = TUIRunner.previewModel(
            figures, store: store, theme: chosen, width: size.width, height: size.height, today: today())
        }
        if var model = preview {
          if !previewDrawn || model.width != size.width || model.height != size.height {
            _ = model.handle(.resize(width: size.width, height: size.height))
            terminal.draw(model.render())
            preview = model
            previewDrawn = true
          }
        } else if shown || loader.progress.current.seconds > 0.1 {
          terminal.draw(
            LoadingScreen.render(
              loader.progress.current, store: store.sanitizedForTerminal, theme: chosen, width: size.width,
              height: size.height))
          shown = true
        }
        guard let key = terminal.readKey(timeout: 20) else { continue }
        if !creating, key == .character("q") || (preview == nil && key == .escape) {
          terminal.shutdown()
          // Safe mid-read: the checkpoint is written after the read (to a temporary
          // file, renamed), and a torn tail is copied before it is cut.
          Foundation.exit(0)
        }
        // Type-ahead: keys wait for the whole model, as a terminal's do for a program.
        if key != .resize { held.append(key) }
      }
      let session: Session
      switch loader.result {
      case .success(let s): session = s
      case .failure(let error):
        terminal.shutdown()
        throw error
      case nil: return
      }
      let runner = try TUIRunner(
        session: session, terminal: terminal, theme: chosen, themes: catalog, asOf: start, clock: today,
        notices: warnings)
      for key in held { runner.dispatch(.key(key)) }
      runner.run()
    }
  }

  /// The wall screen: the store read-only, a kiosk model, no session at all.
  func runKiosk() throws {
    try failing {
      guard isatty(0) != 0, isatty(1) != 0 else {
        throw ValidationError("the kiosk needs a terminal on standard input and output")
      }
      let env = ProcessInfo.processInfo.environment
      let catalog = ThemeCatalog(environment: env)
      let forcedMono = env["NO_COLOR"].map { !$0.isEmpty } == true
      let chosen = forcedMono ? Theme.monochromeBuiltIn : try catalog.load(theme ?? "kiosk")
      let location = storeOptions.location(allowDemo: true)
      guard FileManager.default.fileExists(atPath: location.path) else {
        throw ValidationError(
          "no store at \(location.path): the kiosk only reads; create it first ('sapm init', or 'sapm init --demo --store PATH')"
        )
      }
      let warnings = try terminalType()
      let feed = try KioskFeed(location)
      let terminal = try NCursesTerminal(monochrome: chosen.monochrome)
      KioskRunner(
        feed: feed, terminal: terminal, theme: chosen, cycleSeconds: cycle, idleSeconds: idle,
        notices: warnings
      ).run()
    }
  }
}

/// A terminal sapm cannot draw on: exit 1 with what to set.
struct TerminalUnusable: Error, CustomStringConvertible {
  var reason: String
  var description: String { reason }
}

struct Themes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List themes, or check a theme file.",
    discussion:
      "Themes load from $XDG_CONFIG_HOME/sapm/themes/ first, then the bundled Themes/. --check exits 1 on an error (with line and column); unknown keys are warnings."
  )

  @Option(help: ArgumentHelp("Check this theme file.", valueName: "file"))
  var check: String?

  func run() throws {
    let catalog = ThemeCatalog()
    if let check {
      do {
        let (theme, warnings) = try catalog.check(path: check)
        for w in warnings { say("warning: \(w)") }
        if theme.background == nil && !theme.monochrome {
          say("warning: \(check): no [meta] background = \"dark\" or \"light\"; contrast not checked")
        }
        for problem in theme.contrastProblems() { say("warning: \(check): \(problem)") }
        say(
          "\(check): theme '\(theme.name)' is valid\(warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))")"
        )
      } catch {
        complain("\(error)")
        throw ExitCode.failure
      }
      return
    }
    let available = catalog.available()
    if available.isEmpty { say("default (built in)") }
    for (name, path) in available { say("\(DisplayWidth.fit(name, 16)) \(path)") }
    // What this terminal and environment would get, and why.
    let env = ProcessInfo.processInfo.environment
    let choice = ThemeChoice.choose(flag: nil, environment: env) {
      isatty(1) != 0 ? TerminalBackground.query(input: 0, output: 1) : nil
    }
    if env["NO_COLOR"].map({ !$0.isEmpty }) == true {
      say("chosen: mono (NO_COLOR is set)")
    } else {
      say("chosen: \(choice.name) (\(choice.reason))")
    }
  }
}

struct Events: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the event types and their payload fields as Markdown (docs/events.md).")
  func run() throws {
    try failing { StandardOutput.shared.write(EventCatalog.markdown) }
  }
}

struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the key map as Markdown (docs/keys.md).")
  func run() { StandardOutput.shared.write(KeyMap.markdown) }
}
