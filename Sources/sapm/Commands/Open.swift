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

  func run() throws {
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
      let forcedMono = env["NO_COLOR"].map { !$0.isEmpty } == true || env["TERM"] == "dumb"
      let chosen = forcedMono ? Theme.monochromeBuiltIn : try catalog.load(theme ?? "default")
      let session = try storeOptions.openForBrowsing()
      let terminal = try NCursesTerminal(monochrome: chosen.monochrome)
      let runner = try TUIRunner(
        session: session, terminal: terminal, theme: chosen, themes: catalog, asOf: start, clock: today)
      runner.run()
    }
  }
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
