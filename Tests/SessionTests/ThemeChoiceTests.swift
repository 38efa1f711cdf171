import Foundation
import Terminal
import Testing

@testable import App
@testable import Session

/// Which theme a session gets, and the reason `sapm themes` prints.
@Suite struct ThemeChoiceTests {
  @Test func flagEnvironmentConfigTerminalCOLORFGBGThenDark() throws {
    let dir = NSTemporaryDirectory() + "sapm-choice-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var env = ["XDG_CONFIG_HOME": dir, "COLORFGBG": "0;15"]
    func choose(_ flag: String? = nil, _ answer: TerminalBackground? = nil) -> ThemeChoice {
      ThemeChoice.choose(flag: flag, environment: env) { answer }
    }
    #expect(choose() == ThemeChoice(name: "light", reason: "COLORFGBG=0;15: a light background"))
    #expect(
      choose(nil, .dark) == ThemeChoice(name: "default", reason: "the terminal reports a dark background"))
    #expect(choose(nil, .light).name == "light")
    try FileManager.default.createDirectory(atPath: dir + "/sapm", withIntermediateDirectories: true)
    try "# mine\ntheme = \"high-contrast\"\n".write(
      toFile: dir + "/sapm/config.toml", atomically: true, encoding: .utf8)
    #expect(
      choose(nil, .light) == ThemeChoice(name: "high-contrast", reason: "config \(dir)/sapm/config.toml"))
    env["SAPM_THEME"] = "mono"
    #expect(choose(nil, .light) == ThemeChoice(name: "mono", reason: "SAPM_THEME"))
    #expect(choose("kiosk", .light) == ThemeChoice(name: "kiosk", reason: "--theme"))
    env = [:]
    #expect(
      choose()
        == ThemeChoice(
          name: "default",
          reason: "no answer about the background: assumed dark; the default theme reads on either"))
    // Inside tmux with no answer: how to let the terminal behind it answer.
    env = ["TMUX": "/tmp/tmux-0/default,1,0"]
    #expect(choose().reason.contains("tmux set -g allow-passthrough on"))
    // An answer through tmux says so.
    let through = ThemeChoice.choose(flag: nil, environment: env) {
      TerminalBackground.Answer(background: .light, route: .tmux)
    }
    #expect(
      through
        == ThemeChoice(
          name: "light", reason: "the terminal reports a light background, asked through tmux's passthrough"))
  }
}

/// The themes carried in the binary are the files in Themes/ (Scripts/embed-themes).
@Suite struct BundledThemesTests {
  @Test func theEmbeddedThemesAreTheFilesInThemes() throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Themes").path
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }
    #expect(Set(files.map { String($0.dropLast(5)) }) == Set(BundledThemes.files.keys))
    for file in files {
      let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
      #expect(
        BundledThemes.files[String(file.dropLast(5))] == text.trimmingCharacters(in: .newlines),
        "run Scripts/embed-themes after editing Themes/\(file)")
    }
  }
}
