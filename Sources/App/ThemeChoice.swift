import Foundation
import Session
import TUI
import Terminal

/// Which theme a session gets, and why: `--theme`, then `$SAPM_THEME`, then the
/// user's config (`theme = "NAME"` in `$XDG_CONFIG_HOME/sapm/config.toml`), then the
/// terminal's own answer about its background (OSC 11), then `COLORFGBG`, then dark.
/// `default` suits a dark background and `light` a light one.
public struct ThemeChoice: Sendable, Hashable {
  public var name: String
  public var reason: String

  public init(name: String, reason: String) {
    self.name = name
    self.reason = reason
  }

  /// `detect` asks the terminal (it is only called when nothing above it decided).
  public static func choose(
    flag: String?, environment: [String: String], detect: () -> TerminalBackground?
  ) -> ThemeChoice {
    choose(
      flag: flag, environment: environment, ask: { detect().map { .init(background: $0, route: .terminal) } })
  }

  /// The same, with the route the answer came by (the terminal, or through tmux/screen).
  public static func choose(
    flag: String?, environment: [String: String], ask: () -> TerminalBackground.Answer?
  ) -> ThemeChoice {
    if let flag, !flag.isEmpty { return ThemeChoice(name: flag, reason: "--theme") }
    if let env = environment["SAPM_THEME"], !env.isEmpty {
      return ThemeChoice(name: env, reason: "SAPM_THEME")
    }
    let configPath = configFile(environment)
    if let name = themeInConfig(configPath) { return ThemeChoice(name: name, reason: "config \(configPath)") }
    if let answer = ask() {
      let by =
        answer.route == .terminal
        ? "" : ", asked \(answer.route == .tmux ? "through tmux's" : "through GNU screen's") passthrough"
      return ThemeChoice(
        name: theme(for: answer.background),
        reason: "the terminal reports a \(answer.background.rawValue) background\(by)")
    }
    if let value = environment["COLORFGBG"], let bg = TerminalBackground.fromCOLORFGBG(value) {
      return ThemeChoice(name: theme(for: bg), reason: "COLORFGBG=\(value): a \(bg.rawValue) background")
    }
    if let tmux = environment["TMUX"], !tmux.isEmpty {
      return ThemeChoice(
        name: "default",
        reason:
          "no answer about the background, inside tmux ('tmux set -g allow-passthrough on' lets the terminal behind it answer): assumed dark; the default theme reads on either"
      )
    }
    return ThemeChoice(
      name: "default",
      reason: "no answer about the background: assumed dark; the default theme reads on either")
  }

  static func theme(for background: TerminalBackground) -> String {
    background == .light ? "light" : "default"
  }

  public static func configFile(_ environment: [String: String]) -> String {
    BaseDirectories.config(environment) + "/sapm/config.toml"
  }

  /// `theme = "NAME"` from the config file, if it says so; anything else there is
  /// left for later settings.
  static func themeInConfig(_ path: String) -> String? {
    guard let text = try? ThemeCatalog.read(path) else { return nil }
    for line in text.split(whereSeparator: \.isNewline) {
      let t = line.trimmingCharacters(in: .whitespaces)
      guard t.hasPrefix("theme"), let eq = t.firstIndex(of: "=") else { continue }
      guard t[..<eq].trimmingCharacters(in: .whitespaces) == "theme" else { continue }
      let value = t[t.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      let name = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
        return name
      }
    }
    return nil
  }
}
