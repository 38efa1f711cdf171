import Foundation
import TestSupport

/// Runs the built `sapm` binary the way a person or cron would.
struct CLI {
  let home: String

  init() {
    home = NSTemporaryDirectory() + "sapm-cli-tests-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: home) }

  var dataHome: String { home + "/data" }

  static let binary = builtProduct("sapm")

  struct Result {
    var status: Int32
    var out: String
    var err: String
  }

  /// Runs a bash script with `$SAPM` naming the binary: for redirections such as
  /// `> /dev/full` and limits such as `ulimit -f`.
  @discardableResult
  func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Result {
    try run(["-c", script], environment: extra.merging(["SAPM": CLI.binary]) { $1 }, executable: "/bin/bash")
  }

  @discardableResult
  func run(_ arguments: [String], environment extra: [String: String] = [:], executable: String = CLI.binary)
    throws -> Result
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = home
    env["XDG_DATA_HOME"] = dataHome
    env["XDG_CONFIG_HOME"] = home + "/config"
    env["SAPM_STORE"] = nil
    env["LANG"] = "C.UTF-8"
    // Run as from a plain terminal, wherever the tests themselves run (inside tmux, say).
    env["TMUX"] = nil
    env["STY"] = nil
    for (k, v) in extra { env[k] = v }
    p.environment = env
    p.currentDirectoryURL = URL(fileURLWithPath: home)
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
      err: String(decoding: e, as: UTF8.self))
  }
}

/// A value shared with a pipe's reader thread.
final class Locked<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
