import Foundation
import TestSupport
import Testing

/// The TUI on a PostgreSQL store in a real terminal (docs/teams.md): another machine's
/// event on screen at once; the server lost under it — the OFFLINE banner, writes
/// refused — and back, caught up by itself.
@Suite(.serialized) struct ServerEndToEndTests {
  /// Runs the binary with the tmux session's home (its key, its mirror).
  func sapm(_ tmux: Tmux, _ arguments: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Tmux.binary)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = tmux.home
    env["XDG_DATA_HOME"] = tmux.home + "/data"
    env["XDG_CONFIG_HOME"] = tmux.home + "/config"
    env["SAPM_STORE"] = nil
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  @Test func theServerLostAndBackUnderARunningTUI() throws {
    let cluster = try PostgresCluster.makePrivate()
    defer { cluster.stopAndRemove() }
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    let uri = cluster.uri(database: try cluster.createDatabase(owner: user), user: user)
    let tmux = try Tmux(term: "xterm-256color")
    let (made, text) = try sapm(tmux, ["init", "--demo", "--store", uri])
    #expect(made == 0, "\(text)")
    let events = try #require(
      text.split(separator: " ").firstIndex(of: "events,").map { Int(text.split(separator: " ")[$0 - 1]) }
        ?? nil)
    try tmux.launch(store: "'\(uri)'")
    try tmux.waitFor("\(events) events")

    // Another session's acknowledgement: on screen within the NOTIFY's reach.
    var (status, out) = try sapm(
      tmux, ["alerts", "ack", "restriction-active/ZW-SC-001/7012", "--note", "seen", "--store", uri])
    #expect(status == 0, "\(out)")
    let started = Date()
    try tmux.waitFor("\(events + 1) events")
    #expect(Date().timeIntervalSince(started) < 2)

    // The server goes away: the banner, the last good view, and no write.
    cluster.stop(immediate: true)
    try tmux.waitFor("OFFLINE since", timeout: 10)
    try tmux.waitFor("showing the last good view")
    try tmux.waitFor("\(events + 1) events")
    try tmux.type("a")
    try tmux.waitFor("Alerts on")
    try tmux.type("x")
    try tmux.waitFor("cannot be recorded until the server is back")
    try tmux.keys("Escape")

    // Back: reconnected by itself, and another session's event shows.
    try cluster.start()
    (status, out) = try sapm(
      tmux, ["alerts", "ack", "restriction-active/NE-SC-001/7008", "--note", "seen", "--store", uri])
    #expect(status == 0, "\(out)")
    try tmux.waitFor("\(events + 2) events", timeout: 10)
    try tmux.waitFor("back online") { !$0.contains("OFFLINE since") }
    try tmux.quit()
  }

  /// The wall on a server store, as a login that may only read: it follows another
  /// session's event live, keeps its last good view while the server is down, and writes
  /// nothing anywhere — no file is opened for writing.
  @Test func theKioskFollowsAServerStoreAsAReader() throws {
    let cluster = try PostgresCluster.makePrivate()
    defer { cluster.stopAndRemove() }
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    let database = try cluster.createDatabase(owner: user)
    let uri = cluster.uri(database: database, user: user)
    try cluster.createLogin("kiosk", writer: false)
    let tmux = try Tmux(term: "xterm-256color")
    let (made, text) = try sapm(tmux, ["init", "--demo", "--store", uri])
    #expect(made == 0, "\(text)")
    try tmux.type("\(Tmux.binary) --kiosk --store '\(cluster.uri(database: database, user: "kiosk"))'")
    try tmux.keys("Enter")
    let (screen, _) = try tmux.waitFor("events, newest")
    let count = try #require(
      screen.range(of: #"(\d+) events"#, options: .regularExpression).map {
        Int(screen[$0].split(separator: " ")[0]) ?? 0
      })
    let pid = try KioskProcess.pid(tmux)
    let (status, out) = try sapm(
      tmux, ["alerts", "ack", "restriction-active/ZW-SC-001/7012", "--note", "wall", "--store", uri])
    #expect(status == 0, "\(out)")
    let (_, waited) = try tmux.waitFor("\(count + 1) events", timeout: 5)
    #expect(waited < 2.0, "took \(waited) s")
    // The server goes: the last good view stays, and says since when.
    cluster.stop(immediate: true)
    try tmux.waitFor("store unavailable since", timeout: 10)
    #expect(try tmux.screen().contains("\(count + 1) events"))
    try cluster.start()
    try tmux.waitFor("back", timeout: 10) { !$0.contains("store unavailable") }
    // Keys that would write anywhere else do nothing here.
    try tmux.type("nxA:export /tmp/kiosk-server-leak.csv")
    try tmux.keys("Enter")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/kiosk-server-leak.csv"))
    let writable = KioskProcess.writableFiles(pid)
    #expect(writable.isEmpty, "\(writable)")
    kill(pid, SIGTERM)
    try tmux.waitFor("E2E$", timeout: 10) { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }
}

/// The kiosk's process in a tmux pane, and the files it could write.
enum KioskProcess {
  static func pid(_ tmux: Tmux) throws -> Int32 { try KioskEndToEndTests.kioskPID(tmux) }

  /// Regular files open for writing (not the terminal, pipes or sockets).
  static func writableFiles(_ pid: Int32) -> [String] {
    KioskEndToEndTests.openFiles(pid).filter {
      $0.writable && $0.path.hasPrefix("/") && !$0.path.hasPrefix("/dev/")
    }
    .map(\.path)
  }
}
