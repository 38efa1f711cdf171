import Foundation
import TestSupport

/// The real `sapm` binary in a real terminal: tmux on a private socket, keys by
/// `send-keys`, the screen by `capture-pane`. Waits by polling, never by sleeping.
final class Tmux {
  let socket = "sapm-e2e-\(UUID().uuidString.prefix(8))"
  let home: String

  init(width: Int = 120, height: Int = 35, term: String) throws {
    home = NSTemporaryDirectory() + "sapm-e2e-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
    // A plain shell with a known prompt, so quitting sapm visibly returns to it.
    let rc = home + "/rc"
    try
      "PS1='E2E$ '\nexport LANG=C.UTF-8 TERM=\(term) HOME=\(home) XDG_DATA_HOME=\(home)/data XDG_CONFIG_HOME=\(home)/config\nunset NO_COLOR SAPM_STORE\n"
      .write(toFile: rc, atomically: true, encoding: .utf8)
    try run([
      "new-session", "-d", "-x", String(width), "-y", String(height), "bash --noprofile --rcfile \(rc) -i",
    ])
    _ = try waitFor("E2E$")
  }

  deinit {
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(atPath: home)
  }

  static var binary: String { builtProduct("sapm") }

  /// `sapm init --demo` in this test's home; returns the store path.
  func makeDemoStore() throws -> String {
    let store = home + "/demo.sapm"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Tmux.binary)
    p.arguments = ["init", "--demo", "--store", store]
    p.standardOutput = Pipe()
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw Timeout(wanted: "sapm init --demo", screen: "exit \(p.terminationStatus)")
    }
    return store
  }

  /// Types `sapm --store STORE EXTRA` at the prompt and waits for the overview.
  func launch(store: String, _ extra: String = "") throws {
    try type("\(Tmux.binary) --store \(store)\(extra.isEmpty ? "" : " " + extra)")
    try keys("Enter")
    try waitForOverview()
  }

  /// Waits for a whole overview frame: the panes and the status line (a capture can
  /// catch a frame half drawn).
  @discardableResult
  func waitForOverview(timeout: Double = 10) throws -> (String, Double) {
    try waitFor("the overview", timeout: timeout) {
      $0.contains("[1] Europe/NATO") && $0.contains("[4] Ukraine") && $0.contains(" events")
    }
  }

  /// Quits with `q` and waits for the shell prompt to come back.
  func quit() throws {
    try type("q")
    try waitFor("E2E$", timeout: 20) { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }

  /// Runs a tmux client. Spawned with an empty signal mask and default handlers:
  /// the test runner blocks signals in its threads, and a tmux server started with
  /// them blocked never tells its client it is ready.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    if ProcessInfo.processInfo.environment["SAPM_E2E_TRACE"] != nil {
      FileHandle.standardError.write(Data("tmux \(arguments.joined(separator: " "))\n".utf8))
    }
    let argv = ["tmux", "-L", socket] + arguments
    var fds: [Int32] = [0, 0]
    // Close-on-exec: a tmux server spawned meanwhile by a test running in parallel
    // must not inherit this pipe, or the read below would wait for that server.
    guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    // The server a new-session starts lives on: it must not hold our pipe open.
    if arguments.first == "new-session" {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    } else {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let cargs = argv.map { strdup($0) } + [nil]
    defer { cargs.forEach { free($0) } }
    let rc = posix_spawnp(&pid, "tmux", &actions, &attr, cargs, environ)
    close(fds[1])
    guard rc == 0 else {
      close(fds[0])
      throw POSIXError(.ENOENT)
    }
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if n <= 0 { break }
      output += buffer[0..<n]
    }
    close(fds[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
  }

  func type(_ text: String) throws { try run(["send-keys", "-l", text]) }
  func keys(_ names: String...) throws { try run(["send-keys"] + names) }
  func screen() throws -> String { try run(["capture-pane", "-p"]) }
  func resize(_ w: Int, _ h: Int) throws { try run(["resize-window", "-x", String(w), "-y", String(h)]) }

  struct Timeout: Error, CustomStringConvertible {
    var wanted: String
    var screen: String
    var description: String { "timed out waiting for '\(wanted)'; the screen was:\n\(screen)" }
  }

  /// Polls the screen until `predicate` holds; returns the screen and the wait.
  @discardableResult
  func waitFor(_ what: String, timeout: Double = 10, _ predicate: ((String) -> Bool)? = nil) throws -> (
    String, Double
  ) {
    let start = Date()
    var last = ""
    while Date().timeIntervalSince(start) < timeout {
      last = try screen()
      if predicate?(last) ?? last.contains(what) { return (last, Date().timeIntervalSince(start)) }
      Thread.sleep(forTimeInterval: 0.02)
    }
    throw Timeout(wanted: what, screen: last)
  }
}
