import Foundation
import TestSupport
import Testing

/// `sapm --kiosk` in a real terminal: every key, every control character, random
/// bytes and resizes leave it running, read-only and unchanged; it follows the
/// store live and survives what happens to the file; SIGTERM restores the terminal.
@Suite struct KioskEndToEndTests {
  static func sha(_ path: String) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    return out.fileHandleForReading.readDataToEndOfFile().prefix(64)
  }

  /// The kiosk's process: the child of the pane's shell.
  static func kioskPID(_ tmux: Tmux) throws -> Int32 {
    let shell = try tmux.run(["display-message", "-p", "#{pane_pid}"]).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let children =
      (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
    guard let pid = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
      throw Tmux.Timeout(wanted: "the kiosk's process", screen: try tmux.screen())
    }
    return pid
  }

  /// Every file the process has open, with whether it may write it.
  static func openFiles(_ pid: Int32) -> [(path: String, writable: Bool)] {
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
    return fds.compactMap { fd in
      guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"),
        let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8),
        let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags:") })
          .flatMap({ Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) })
      else { return nil }
      return (target, flags & Int(O_ACCMODE) != Int(O_RDONLY))
    }
  }

  @Test func noKeyLeavesOrWritesAndSIGTERMRestoresTheTerminal() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    let before = try Self.sha(store)
    try tmux.type("\(Tmux.binary) --kiosk --store \(store) --cycle 2")
    try tmux.keys("Enter")
    try tmux.waitFor("KIOSK")
    let pid = try Self.kioskPID(tmux)

    // Every key of the key map, by name.
    for name in [
      "q", "C-c", "C-z", "C-\\", "C-d", "C-q", "C-s", ":", "/", "t", "n", "N", "x", "A", "R", "B", "S", "E",
      "p", "?",
      "a", "1", "2", "3", "4", "Tab", "BTab", "Up", "Down", "PageUp", "PageDown", "Home", "End", "Enter",
      "Escape",
      "Left", "Right", "BSpace", "[", "]", "g", "G", "j", "k", "h", "l", "C-l", "F1", "F10",
    ] {
      try tmux.keys(name)
    }
    try tmux.type(":quit")
    try tmux.keys("Enter")
    try tmux.type(":export /tmp/kiosk-leak.csv")
    try tmux.keys("Enter")
    // Every control character, and DEL.
    for byte in Array(0x00...0x1F) + [0x7F] {
      try tmux.run(["send-keys", "-H", String(format: "%02x", byte)])
    }
    // 10,000 random bytes, in chunks.
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<50 {
      let chunk = (0..<200).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
      try tmux.run(["send-keys", "-H"] + chunk)
    }
    // 200 random resizes, then a known size.
    for _ in 0..<200 {
      try tmux.resize(Int.random(in: 10...200, using: &generator), Int.random(in: 3...60, using: &generator))
    }
    try tmux.resize(120, 35)
    try tmux.keys("Escape", "Escape", "Escape")
    let (screen, _) = try tmux.waitFor("READ-ONLY", timeout: 15) { s in
      let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
      // A whole frame: the banner on top and the status line with the store's figures.
      return lines.first?.hasPrefix(" KIOSK") == true && s.contains("READ-ONLY")
        && s.contains("events, newest")
    }
    #expect(screen.contains("KIOSK"))
    #expect(kill(pid, 0) == 0, "the kiosk is no longer running")
    #expect(try Self.sha(store) == before)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/kiosk-leak.csv"))
    let files = Self.openFiles(pid)
    #expect(files.contains { $0.path == store && !$0.writable }, "\(files)")
    let written = files.filter { $0.writable && $0.path.hasPrefix("/") && !$0.path.hasPrefix("/dev/") }
    #expect(written.isEmpty, "open for writing: \(written)")
    let beside = try FileManager.default.contentsOfDirectory(atPath: tmux.home).filter {
      $0.hasPrefix("demo.sapm.")
    }
    #expect(beside.isEmpty, "\(beside)")

    kill(pid, SIGTERM)
    try tmux.waitFor("E2E$", timeout: 10) { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }

  @Test func followsTheStoreLiveAndSurvivesRotationTruncationPermissionsAndDeletion() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --kiosk --store \(store)")
    try tmux.keys("Enter")
    let (screen, _) = try tmux.waitFor("events, newest")
    let count = try #require(
      screen.range(of: #"(\d+) events"#, options: .regularExpression).map {
        Int(screen[$0].split(separator: " ")[0]) ?? 0
      })
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Tmux.binary)
    p.arguments = [
      "alerts", "ack", "offer-lapsed/GH-FMS-001", "--note", "seen on the wall", "--store", store,
    ]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    let (_, waited) = try tmux.waitFor("\(count + 1) events", timeout: 5)
    #expect(waited < 2.0, "took \(waited) s")
    let good = try Data(contentsOf: URL(fileURLWithPath: store))

    func recovers(_ what: String, _ breakIt: () throws -> Void, _ restore: () throws -> Void) throws {
      try breakIt()
      try tmux.waitFor("store unavailable since", timeout: 5)
      #expect(try tmux.screen().contains("\(count + 1) events"), "\(what): the last good view")
      try restore()
      let (_, back) = try tmux.waitFor("gone", timeout: 5) { !$0.contains("store unavailable") }
      #expect(back < 2.0, "\(what): recovered after \(back) s")
    }
    try recovers(
      "truncated",
      {
        let fd = open(store, O_WRONLY)
        ftruncate(fd, off_t(good.count / 3))
        close(fd)
      }, { try good.write(to: URL(fileURLWithPath: store)) })
    try recovers("chmod 000", { chmod(store, 0) }, { chmod(store, 0o600) })
    try recovers("deleted", { unlink(store) }, { try good.write(to: URL(fileURLWithPath: store)) })
    // Rotated: renamed away and replaced by a copy; no banner, the same view.
    try FileManager.default.moveItem(atPath: store, toPath: store + ".1")
    try good.write(to: URL(fileURLWithPath: store))
    Thread.sleep(forTimeInterval: 1.5)
    #expect(!(try tmux.screen().contains("store unavailable")))
    #expect(try tmux.screen().contains("\(count + 1) events"))
    let pid = try Self.kioskPID(tmux)
    kill(pid, SIGHUP)
    try tmux.waitFor("E2E$", timeout: 10) { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }

  @Test func noRestrictedFieldOnAnyKioskScreen() throws {
    let tmux = try Tmux(width: 160, height: 45, term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --kiosk --store \(store) --cycle 1 --idle 30")
    try tmux.keys("Enter")
    try tmux.waitFor("KIOSK")
    var captures: [String] = []
    // The whole cycle…
    for n in 1...5 { captures.append(try tmux.waitFor("wall \(n)/5").0) }
    // …and browsing: Ukraine's programs, every tab, and the alerts.
    try tmux.type("4")
    try tmux.waitFor("▶ [4] Ukraine ◀")
    for row in 0..<3 {
      try tmux.keys("Home")
      for _ in 0..<row { try tmux.keys("Down") }
      try tmux.keys("Enter")
      Thread.sleep(forTimeInterval: 0.2)
      try tmux.keys("Enter")
      for _ in 0..<8 {
        Thread.sleep(forTimeInterval: 0.15)
        captures.append(try tmux.screen())
        try tmux.keys("]")
      }
      try tmux.keys("Escape", "Escape")
    }
    try tmux.type("a")
    captures.append(try tmux.waitFor("Alerts on").0)
    let text = captures.joined(separator: "\n")
    for secret in [
      "Mechanized Brigade", "Tactical Aviation", "Special Forces Battalion", "m.okafor", "s.patel", "l.chen",
      "r.kowalski", "demo-admin", "checks reviewed", "attach the loan agreement",
      "Deliver training equipment",
    ] {
      #expect(!text.contains(secret), "\(secret) on a kiosk screen")
    }
    #expect(text.contains("UA-U-"))
    let pid = try Self.kioskPID(tmux)
    kill(pid, SIGTERM)
    try tmux.waitFor("E2E$", timeout: 10) { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }

  @Test func aTerminalThatCannotDrawIsToldSoAndAMissingEntryFallsBack() throws {
    let cli = CLITool()
    let dumb = try cli.run(["--store", "/nonexistent.sapm"], env: ["TERM": "dumb"], tty: true)
    #expect(dumb.status == 1, "\(dumb)")
    #expect(
      dumb.output.contains("cannot draw sapm's full screen: it has no cursor addressing"), "\(dumb.output)")
    // No terminfo entry for the exact type: the closest one, with a warning on screen.
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("TERM=xterm-nonexistent-sapm \(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    try tmux.waitFor("has no terminfo entry on this machine; drawing as xterm-256color")
    try tmux.quit()
  }
}

/// Runs the binary under `script` so that it has a terminal, and returns what it printed.
struct CLITool {
  func run(_ args: [String], env: [String: String], tty: Bool) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    let command = ([Tmux.binary] + args).map { "'\($0)'" }.joined(separator: " ")
    p.arguments = ["-qec", command, "/dev/null"]
    var e = ProcessInfo.processInfo.environment
    for (k, v) in env { e[k] = v }
    p.environment = e
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
