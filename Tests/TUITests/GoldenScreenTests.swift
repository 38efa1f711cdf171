import Basics
import Foundation
import Portfolio
import TUI
import Terminal
import Testing

/// Every screen and tab of the demo, at three sizes, kept as text files under
/// Tests/TUITests/Golden/ (issue 28): each row's characters, then a row of style marks —
/// one letter per cell, a legend at the end saying what each letter draws. A changed
/// screen fails with the first rows that differ; `Scripts/update-golden` writes them
/// again on purpose (review the diff before committing). Fixed "today", fixed clock.
@Suite struct GoldenScreenTests {
  /// Where the files are.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden").path

  static let sizes = [(80, 24), (120, 35), (160, 45)]

  /// A screen: its name and the keys that reach it from the overview.
  struct Screen: Sendable, CustomTestStringConvertible {
    var name: String
    var keys: [Key]
    var testDescription: String { name }
  }

  static func chars(_ text: String) -> [Key] { text.map { Key.character($0) } }

  /// Ukraine's first program (its tabs), Jordan (a partner with FMS cases and FMF).
  static let screens: [Screen] = {
    var list: [Screen] = [
      Screen(name: "overview", keys: []),
      Screen(name: "overview-ukraine-pane", keys: chars("4")),
      Screen(name: "partner-ukraine", keys: chars("4") + [.enter]),
    ]
    let program = chars("4") + [.enter, .enter]
    for (i, tab) in ["summary", "funding", "case", "units", "oversight", "eum", "requests"].enumerated() {
      list.append(Screen(name: "program-\(tab)", keys: program + Array(repeating: .character("]"), count: i)))
    }
    list += [
      Screen(name: "alerts", keys: chars("a")),
      Screen(name: "approvals", keys: chars("p")),
      Screen(name: "request", keys: chars("p") + [.enter]),
      Screen(name: "cases", keys: chars("c")),
      Screen(name: "search", keys: chars(":find Jordan") + [.enter]),
      Screen(name: "help", keys: chars("?")),
      Screen(name: "expiring", keys: chars(":expiring") + [.enter]),
    ]
    return list
  }()

  /// The screen as text: characters, style marks, legend.
  static func golden(_ grid: CellGrid, name: String) -> String {
    var legend: [Style: Character] = [:]
    var order: [Style] = []
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    func mark(_ style: Style) -> Character {
      if style == .plain { return "." }
      if let m = legend[style] { return m }
      let m = order.count < letters.count ? letters[order.count] : "?"
      legend[style] = m
      order.append(style)
      return m
    }
    var out =
      "# \(name) \(grid.width)x\(grid.height): each row of the screen, then its style marks (legend below)\n"
    let lines = grid.lines
    for y in 0..<grid.height {
      out += "|" + (y < lines.count ? lines[y] : "") + "\n"
      var marks = "|"
      for x in 0..<grid.width where !grid[x, y].isContinuation { marks.append(mark(grid[x, y].style)) }
      out += marks + "\n"
    }
    out += "# . = the terminal's own colours\n"
    for style in order { out += "# \(legend[style] ?? "?") = \(describe(style))\n" }
    return out
  }

  static func describe(_ s: Style) -> String {
    func color(_ c: Color) -> String {
      switch c {
      case .default: return "default"
      case .ansi(let n): return "ansi \(n)"
      case .indexed(let n): return "index \(n)"
      case .rgb(let r, let g, let b): return String(format: "#%02x%02x%02x", r, g, b)
      }
    }
    var parts = ["fg \(color(s.foreground))", "bg \(color(s.background))"]
    if s.bold { parts.append("bold") }
    if s.underline { parts.append("underline") }
    if s.reverse { parts.append("reverse") }
    if s.dim { parts.append("dim") }
    return parts.joined(separator: ", ")
  }

  static var updating: Bool { ProcessInfo.processInfo.environment["SAPM_UPDATE_GOLDEN"] == "1" }

  /// Compares `text` with the file `name`, or writes it when updating.
  static func check(_ text: String, _ name: String) throws {
    let path = folder + "/" + name + ".txt"
    if updating {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    guard let kept = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record("no golden screen \(name).txt: run Scripts/update-golden and review it")
      return
    }
    guard kept != text else { return }
    let a = kept.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(a.count, b.count) where diff.count < 12 {
      let old = i < a.count ? String(a[i]) : "(none)"
      let new = i < b.count ? String(b[i]) : "(none)"
      if old != new { diff += ["line \(i + 1):", "  kept: \(old)", "  now:  \(new)"] }
    }
    Issue.record(
      "\(name) changed (Scripts/update-golden writes it again on purpose):\n\(diff.joined(separator: "\n"))")
  }

  @Test(arguments: screens)
  func everyScreenAtEverySize(_ screen: Screen) throws {
    for (w, h) in Self.sizes {
      var harness = Harness(width: w, height: h)
      for key in screen.keys { harness.press(key) }
      try Self.check(Self.golden(harness.model.render(), name: screen.name), "\(screen.name)-\(w)x\(h)")
    }
  }

  @Test func theKioskWallAtEverySize() throws {
    for (w, ht) in Self.sizes {
      let wall = KioskTests.kiosk(width: w, height: ht)
      try Self.check(Self.golden(wall.model.render(), name: "kiosk-wall"), "kiosk-wall-\(w)x\(ht)")
    }
  }

  /// At 80×24 and 120×35 no amount, percentage, date, count or ID on any of these
  /// screens ends in `…` (issue 28, item 3): figures are shown whole or their column is
  /// dropped (`›`); text gives way by whole words.
  @Test func noFigureIsEverCut() throws {
    let cut = try Regex(#"(^|[\s│║|(])((\$|[‼!]?[0-9]|[A-Z]{2,}-)[^\s…│║]*)…"#)
    // What it catches, and what it lets be (a name cut, a word dropped with " …").
    for sample in ["delivered 202…", "$12.0…", "UA-SC-…", "alerts ‼3…", "obl 4…"] {
      #expect(sample.contains(cut), "\(sample)")
    }
    for sample in ["§36(b)…", "Bosnia and Herzegovi…", "25-21 delivered …"] {
      #expect(!sample.contains(cut), "\(sample)")
    }
    for (w, h) in [(80, 24), (120, 35)] {
      var grids: [(String, CellGrid)] = Self.screens.map { screen in
        var harness = Harness(width: w, height: h)
        for key in screen.keys { harness.press(key) }
        return (screen.name, harness.model.render())
      }
      grids.append(("kiosk-wall", KioskTests.kiosk(width: w, height: h).model.render()))
      for (name, grid) in grids {
        for line in grid.lines {
          for match in line.matches(of: cut) {
            Issue.record("\(name) at \(w)×\(h): '\(line[match.range])' is cut in \(line)")
          }
        }
      }
    }
  }

  /// A golden file that exists for no screen any more is stale: it fails, so the set
  /// stays exactly what the tests draw.
  @Test func noStaleGoldenFiles() throws {
    guard !Self.updating else { return }
    let expected = Set(
      Self.screens.flatMap { s in Self.sizes.map { "\(s.name)-\($0.0)x\($0.1).txt" } }
        + Self.sizes.map { "kiosk-wall-\($0.0)x\($0.1).txt" })
    let present = Set((try? FileManager.default.contentsOfDirectory(atPath: Self.folder)) ?? [])
    #expect(
      present == expected,
      "stale: \(present.subtracting(expected).sorted()); missing: \(expected.subtracting(present).sorted())")
  }
}
