import App
import ArgumentParser
import Foundation
import Output
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

  @OptionGroup var asOf: AsOfOption

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
    if kiosk, asOf.text != nil {
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
      let start = try asOf.day()
      let env = ProcessInfo.processInfo.environment
      let catalog = ThemeCatalog(environment: env)
      let forcedMono = env["NO_COLOR"].map { !$0.isEmpty } == true
      // The background is asked before curses starts, so the answer never reaches the screen.
      let choice = ThemeChoice.choose(flag: theme, environment: env) {
        TerminalBackground.ask(environment: env)
      }
      let chosen = forcedMono ? Theme.monochromeBuiltIn : try catalog.load(choice.name)
      let warnings = try terminalType()
      // The terminal first, the store on a thread of its own: a large store read from
      // its start shows its progress at once, and q quits while it is read.
      let terminal = try NCursesTerminal(monochrome: chosen.monochrome)
      let options = storeOptions
      let location = storeOptions.location(allowDemo: true)
      let outcome: StoreLoading.Outcome
      do {
        outcome = try StoreLoading.run(
          terminal: terminal, theme: chosen, store: location.path,
          creating: location.isDemo && !FileManager.default.fileExists(atPath: location.path),
          previewing: start == nil, today: today
        ) { progress in try options.openForBrowsing(progress: progress) }
      } catch {
        terminal.shutdown()
        throw error
      }
      guard case .opened(let session, let held, let preview) = outcome else {
        terminal.shutdown()
        Foundation.exit(0)
      }
      let runner = try TUIRunner(
        session: session, terminal: terminal, theme: chosen, themes: catalog, asOf: start, clock: today,
        notices: warnings, preview: preview)
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
      guard location.isServer || FileManager.default.fileExists(atPath: location.path) else {
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
