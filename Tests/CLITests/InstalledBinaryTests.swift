import Foundation
import TestSupport
import Testing

/// An installed binary is a working program (issue 23): copied anywhere, run from any
/// folder, it has the bundled themes — the kiosk's included — without the source tree.
@Suite(.serialized) struct InstalledBinaryTests {
  @Test func aCopiedBinaryHasEveryBundledTheme() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let bin = cli.home + "/opt/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try TestAccounts.copyExecutable(CLI.binary, to: bin + "/sapm")
    let r = try cli.run(["themes"], executable: bin + "/sapm")
    #expect(r.status == 0, "\(r.err)")
    for name in ["default", "high-contrast", "kiosk", "light", "mono"] {
      #expect(r.out.contains("\(name) "), "\(r.out)")
    }
    #expect(r.out.contains("(built into sapm)/kiosk.toml"), "\(r.out)")
    // The kiosk's theme loads from the binary (a kiosk started from the copy exited 1).
    let check = try cli.run(["themes", "--check", "(built into sapm)/kiosk.toml"], executable: bin + "/sapm")
    #expect(check.status == 0, "\(check.out) \(check.err)")
    #expect(check.out.contains("theme 'kiosk' is valid"), "\(check.out)")
  }
}

/// The copied binary from an empty folder, as an installed one runs: help, a new store,
/// the themes and the kiosk (which exited 1 without the source tree's Themes/).
@Suite(.serialized) struct InstalledFromAnEmptyFolderTests {
  @Test func helpInitThemesAndTheKioskWorkFromACopy() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let bin = cli.home + "/usr-local-bin/sapm"
    try FileManager.default.createDirectory(
      atPath: cli.home + "/usr-local-bin", withIntermediateDirectories: true)
    try TestAccounts.copyExecutable(CLI.binary, to: bin)
    let empty = cli.home + "/empty"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    // Run from the empty folder (env -C; the test process's own folder stays as it is).
    func run(_ args: [String]) throws -> CLI.Result {
      try cli.run(["-C", empty, bin] + args, executable: "/usr/bin/env")
    }
    #expect(try run(["--help"]).out.contains("USAGE"))
    let store = cli.home + "/wall.sapm"
    #expect(try run(["init", "--demo", "--store", store]).status == 0)
    #expect(try run(["themes"]).out.contains("kiosk"))
    // The kiosk on a terminal: it draws, then ends when the terminal goes away (exit 0),
    // not at once with "no theme named 'kiosk'" (exit 1).
    let script = fixture("terminal-gone.py")
    let kiosk = try cli.run(
      ["-C", empty, "/usr/bin/python3", script, bin, "--kiosk", "--store", store], executable: "/usr/bin/env")
    #expect(kiosk.out.hasPrefix("exited 0"), "\(kiosk.out) \(kiosk.err)")
  }

  /// docs/kiosk.md's systemd unit is a valid unit (checked by systemd-analyze where
  /// the machine has it), with its ExecStart pointing at the copied binary.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze")))
  func theKiosksSystemdUnitVerifies() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/kiosk.md").path
    let text = try String(contentsOfFile: doc, encoding: .utf8)
    let marker = "# /etc/systemd/system/sapm-wall.service\n"
    let unit = try #require(
      text.components(separatedBy: marker).dropFirst().first?.components(separatedBy: "```").first)
    #expect(unit.contains("ExecStart=/usr/local/bin/sapm --kiosk"))
    let path = cli.home + "/sapm-wall.service"
    try unit.replacingOccurrences(of: "/usr/local/bin/sapm", with: CLI.binary)
      .replacingOccurrences(of: "User=sapm-wall", with: "User=root")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let r = try cli.run(["verify", path], executable: "/usr/bin/systemd-analyze")
    #expect(r.status == 0, "\(r.out) \(r.err)")
  }
}

/// Issue 21: a long first open (every signature checked once per account) says how it
/// is going on a terminal, and the line is gone when it is done.
@Suite(.serialized) struct FirstOpenProgressTests {
  @Test func aLargeFirstOpenShowsItsProgressOnATerminal() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/large.sapm"
    let g = try cli.run(
      ["generate", "--programs", "20000", "--events", "200000", "--out", store],
      executable: builtProduct("sapm-bench"))
    #expect(g.status == 0, "\(g.err)")
    let script = fixture("on-terminal.py")
    let r = try cli.run(
      [script, CLI.binary, "overview", "--store", store], executable: "/usr/bin/python3")
    #expect(r.out.contains("reading \(store): "), "\(r.out.prefix(400))")
    #expect(r.out.contains("\u{1B}[K"), "the progress line is cleared")
  }
}
