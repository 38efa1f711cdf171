import Foundation
import Testing

@testable import TUI
@testable import Terminal

@Suite struct ThemeTests {
  static let themesDirectory: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Themes").path
  }()

  func load(_ name: String) throws -> (Theme, [String]) {
    let text = try String(contentsOfFile: Self.themesDirectory + "/\(name).toml", encoding: .utf8)
    return try ThemeParser.parse(text, file: "\(name).toml") { parent in try load(parent).0 }
  }

  @Test(arguments: ["default", "light", "high-contrast", "mono", "kiosk"])
  func shippedThemesParseCleanly(name: String) throws {
    let (theme, warnings) = try load(name)
    #expect(theme.name == name)
    #expect(warnings.isEmpty, "\(warnings)")
  }

  /// Every shipped theme is readable on the background it declares (WCAG 2.x).
  @Test(arguments: ["default", "light", "high-contrast", "mono", "kiosk"])
  func shippedThemesPassTheContrastTest(name: String) throws {
    let (theme, _) = try load(name)
    #expect(name == "mono" ? theme.monochrome : theme.background != nil, "\(name) declares no background")
    let problems = theme.contrastProblems()
    #expect(problems.isEmpty, "\(name): \(problems.map(\.description).joined(separator: "; "))")
  }

  /// Whatever it declares, the built-in theme reads on a white terminal and a black one:
  /// every style that leaves a colour to the terminal is judged against both.
  @Test func theBuiltInThemePassesOnWhiteAndOnBlack() {
    for declared in [TerminalBackground.dark, .light] {
      var t = Theme.builtIn
      t.background = declared
      #expect(t.contrastProblems().isEmpty, "\(t.contrastProblems())")
    }
    // The old default's bright yellow warnings: 1.1:1 on white, named as such.
    var old = Theme.builtIn
    old.styles["alert.warning"] = Style(foreground: .ansi(11))
    #expect(
      old.contrastProblems().map(\.description) == [
        "style 'alert.warning': contrast 1.1:1 on a white terminal, below 4.5:1"
      ])
  }

  @Test func contrastIsMeasuredAsWCAGDoes() {
    #expect(abs(Contrast.ratio((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
    #expect(abs(Contrast.ratio((119, 119, 119), (255, 255, 255)) - 4.48) < 0.02)
    // Light grey on white, the totals a light terminal could not read.
    var t = Theme(name: "t", styles: ["pane.totals": Style(foreground: .ansi(7))])
    t.background = .light
    #expect(t.contrastProblems().contains { $0.key == "pane.totals" })
    // Bold black is drawn as grey by terminals that draw bold as bright.
    t.styles = ["list.selected": Style(foreground: .ansi(0), background: .ansi(14), bold: true)]
    t.background = .dark
    let bold = Style(foreground: .ansi(0), background: .ansi(4), bold: true)
    t.styles = ["tab.active": bold]
    #expect(t.contrastProblems().contains { $0.key == "tab.active" })
  }

  @Test func dottedKeysFallBackToTheirParents() throws {
    let (theme, _) = try ThemeParser.parse(
      """
      [styles]
      pane = { fg = "red" }
      "list.header" = { fg = "#112233", bold = true }
      """, file: "t.toml", base: { _ in .builtIn })
    #expect(theme.style("pane.whatever.deep").foreground == .ansi(1))
    #expect(theme.style("list.header").foreground == .rgb(0x11, 0x22, 0x33))
    #expect(theme.style("alert.critical") == Theme.builtIn.style("alert.critical"))
  }

  @Test func inheritsAndPalette() throws {
    let (theme, _) = try load("light")
    #expect(theme.style("list.selected").background == .rgb(0x00, 0x5F, 0x87))  // light's palette
    #expect(theme.style("alert.critical").foreground == .rgb(0xD7, 0, 0))
    #expect(theme.style("status") == Theme.builtIn.style("status"))
  }

  @Test func syntaxErrorsNameLineAndColumn() {
    do {
      _ = try ThemeParser.parse(
        "[styles]\ntitle = { bold = tru }\n", file: "bad.toml", base: { _ in .builtIn })
      Issue.record("expected an error")
    } catch let error as ThemeError {
      #expect(error.line == 2)
      #expect(error.description.hasPrefix("bad.toml:2:"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func typeErrorsSayWhatWasExpected() {
    do {
      _ = try ThemeParser.parse(
        "[styles]\ntitle = { bold = \"yes\" }\n", file: "t.toml", base: { _ in .builtIn })
      Issue.record("expected an error")
    } catch let error as ThemeError {
      #expect(error.message.contains("must be true or false"))
      #expect(error.line == 2)
    } catch {
      Issue.record("unexpected \(error)")
    }
    #expect(throws: ThemeError.self) {
      try ThemeParser.parse(
        "[palette]\naccent = \"chartreuse-ish\"\n", file: "t.toml", base: { _ in .builtIn })
    }
  }

  @Test func unknownKeysWarnButLoad() throws {
    let (theme, warnings) = try ThemeParser.parse(
      "[meta]\nname = \"x\"\ncolour = 1\n[styles]\n\"pane.bordr\" = \"red\"\n[extras]\n", file: "t.toml",
      base: { _ in .builtIn })
    #expect(theme.name == "x")
    #expect(warnings.count == 3, "\(warnings)")
    #expect(warnings.contains { $0.contains("pane.bordr") && $0.contains("t.toml:5:") })
  }

  @Test func colourDegrades() {
    #expect(Color.rgb(255, 0, 0).nearestANSI(limit: 8) == 1)
    #expect(Color.rgb(0, 0, 0).nearest256 == 16)
    #expect(Color.ansi(9).nearestANSI(limit: 8) == 1)
    #expect(Color(parsing: "bright-cyan") == .ansi(14))
    #expect(Color(parsing: "#00ff00") == .rgb(0, 255, 0))
    #expect(Color(parsing: "nope") == nil)
  }

  @Test func monoThemeUsesAttributesOnly() {
    let s = Theme.monochromeBuiltIn.style("list.selected")
    #expect(s.foreground == .default && s.background == .default)
    #expect(s.reverse)
  }
}

@Suite struct KeysDocumentTests {
  /// docs/keys.md must list every binding of the key map.
  @Test func keysDocumentMatchesTheKeyMap() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/keys.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == KeyMap.markdown, "regenerate docs/keys.md: swift run sapm keys > docs/keys.md")
  }
}

/// Hostile theme files (issue "Never lose data", defect 5): bounded, fast, clear.
@Suite struct ThemeLimitTests {
  func parse(_ text: String) throws -> (Theme, [String]) {
    try ThemeParser.parse(text, file: "t.toml", base: { _ in .builtIn })
  }

  func expectRefused(_ text: String, saying words: String) {
    let started = ContinuousClock.now
    #expect {
      try parse(text)
    } throws: { error in
      (error as? ThemeError)?.message.contains(words) == true
    }
    #expect(ContinuousClock.now - started < .seconds(1))
  }

  @Test func aKeyThousandsOfLevelsDeepIsRefusedNotACrash() {
    let deep = Array(repeating: "a", count: 6_000).joined(separator: ".")
    expectRefused("[styles]\n\(deep) = \"red\"\n", saying: "levels deep")
    expectRefused("[\(deep)]\nx = 1\n", saying: "levels deep")
    expectRefused("[styles]\nx = { y.\(deep) = 1 }\n", saying: "levels deep")
  }

  @Test func deeplyNestedTablesAndArraysAreRefused() {
    expectRefused("x = " + String(repeating: "[", count: 5_000) + "\n", saying: "nested")
    expectRefused("x = " + String(repeating: "{ a = ", count: 5_000) + "\n", saying: "nested")
  }

  @Test func thousandsOfKeysAreRefusedFast() {
    let many = (0..<5_000).map { "k\($0) = \"red\"" }.joined(separator: "\n")
    expectRefused("[styles]\n" + many + "\n", saying: "more than 2000 keys")
  }

  @Test func aHugeFileIsRefusedFast() {
    expectRefused("# " + String(repeating: "x", count: 300_000) + "\n", saying: "at most")
  }

  /// Warnings for many unknown keys are found without searching the text per key:
  /// 1,500 of them take well under a second (9 s for 2,000 before).
  @Test func manyUnknownKeysStayLinear() throws {
    let many = (0..<1_500).map { "\"list.k\($0)\" = \"red\"" }.joined(separator: "\n")
    let started = ContinuousClock.now
    let (_, warnings) = try parse("[styles]\n" + many + "\n")
    #expect(ContinuousClock.now - started < .seconds(1))
    #expect(warnings.count == 1_500)
    let last = warnings.first { $0.contains("list.k1499") } ?? ""
    #expect(last.hasPrefix("t.toml:1501:"), "\(last)")
  }

  @Test func positionsStillNameTheLine() throws {
    #expect {
      try parse("[meta]\nname = \"x\"\n[styles]\n\"list.header\" = { fg = \"nocolour\" }\n")
    } throws: { error in
      "\(error)".hasPrefix("t.toml:4:")
    }
  }
}

/// Inputs the fuzzer found (Fuzz/Corpus/FuzzTheme keeps them): refused with a
/// message, never passed to the TOML library's asserting parser.
@Suite struct ThemeFuzzFindingTests {
  @Test(arguments: ["[!styles]\n", "[styles]\nlist.h!eader = \"red\"\n", "[sty les]\n", "ä = 1\n"])
  func keysTheTOMLLibraryWouldAbortOnAreRefused(text: String) {
    #expect(throws: ThemeError.self) {
      try ThemeParser.parse(text, file: "t.toml", base: { _ in .builtIn })
    }
  }
}

/// The theme TOML reader: what themes use is read; anything else is named.
@Suite struct ThemeTOMLTests {
  @Test func readsWhatThemesUse() throws {
    let t = try TOMLReader.parse(
      """
      # comment
      [meta]
      name = "x" # trailing comment
      monochrome = false
      [styles.list]
      "header.bold" = { fg = 'literal\\n', bold = true }
      a.b = "\\u00e9\\t"
      n = 1_000
      """, file: "t.toml")
    #expect(t.keys == ["meta", "styles"])
    #expect(t["meta"]?.table?["name"] == .string("x"))
    let list = try #require(t["styles"]?.table?["list"]?.table)
    #expect(list["header.bold"]?.table?["fg"] == .string("literal\\n"))
    #expect(list["header.bold"]?.table?["bold"] == .bool(true))
    #expect(list["a"]?.table?["b"] == .string("é\t"))
    #expect(list["n"] == .integer(1000))
  }

  @Test(arguments: [
    ("a = 1\na = 2\n", "2:", "more than once"),
    ("[s]\n[s]\n", "2:", "defined twice"),
    ("a = [1, 2]\n", "1:5", "arrays"),
    ("a = \"open\n", "1:", "not closed"),
    ("a = 1 b = 2\n", "1:7", "one key = value per line"),
    ("a = \"\\q\"\n", "1:", "escape"),
    ("[# x]\n", "1:2", "cannot start a key"),
    ("a = 1.5\n", "1:5", "not a value"),
    ("x = { a = 1\n", "1:", "inline table"),
  ])
  func namesWhatItCannotRead(text: String, at: String, words: String) {
    #expect {
      try TOMLReader.parse(text, file: "t.toml")
    } throws: { error in
      let d = "\(error)"
      return d.hasPrefix("t.toml:\(at)") && d.contains(words)
    }
  }

  /// On a 256-colour terminal each of the default theme's colours is drawn as itself:
  /// #767676 is grey 243 (the cube's nearest, #878787, reads 3.6:1 on white).
  @Test func theThemesColoursSurviveA256ColourTerminal() {
    #expect(Color.rgb(0x76, 0x76, 0x76).nearest256 == 243)
    #expect(Color.rgb(0x00, 0x87, 0x5F).nearest256 == 29)
    #expect(Color.rgb(0x5F, 0x5F, 0xFF).nearest256 == 63)
    #expect(Color.rgb(0xAF, 0x5F, 0x00).nearest256 == 130)
    #expect(Color.rgb(0xD7, 0x00, 0x00).nearest256 == 160)
    #expect(Color.rgb(0xFF, 0xFF, 0xFF).nearest256 == 231)
  }
}
