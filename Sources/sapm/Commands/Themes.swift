import App
import ArgumentParser
import Foundation
import TUI
import Terminal

/// `sapm themes [--check FILE]`: the themes there are, which one this terminal gets, or
/// one file checked.
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
      isatty(1) != 0 ? TerminalBackground.ask(input: 0, output: 1, environment: env) : nil
    }
    if env["NO_COLOR"].map({ !$0.isEmpty }) == true {
      say("chosen: mono (NO_COLOR is set)")
    } else {
      say("chosen: \(choice.name) (\(choice.reason))")
    }
  }
}
