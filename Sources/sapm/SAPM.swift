import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Output
import Portfolio
import Session
import Terminal

@main
struct SAPM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sapm",
    abstract: "Security-assistance portfolio manager: a terminal front end over a tamper-evident log.",
    discussion: """
      With no subcommand, sapm opens the portfolio. With no store at the default path \
      ($XDG_DATA_HOME/sapm/portfolio.sapm) it opens a separate demo store, marked DEMO; \
      'sapm init' creates a real one.

      The store is --store PATH, else $SAPM_STORE, else the default path.

      Exit codes: 0 success; 1 failure (the message says what and where, including a \
      value a command could not use); \
      2 'sapm alerts': a critical alert is open; 3 refused by a rule of the domain \
      (four eyes, role, region, a failing check, a wrong state; every reason on \
      standard error, nothing written); 64 a usage error.
      """,
    version: "0.1.0",
    subcommands: [
      Open.self, Overview.self, Init.self, Verify.self, Log.self, Alerts.self, RecordCommand.self,
      Roles.self, Requests.self, RequestCommand.self, Import.self, IdentityCommand.self,
      Export.self, BriefCommand.self, Expiring.self, CNs.self, Themes.self, Migrate.self,
      Keys.self, Events.self,
    ],
    defaultSubcommand: Open.self
  )

  /// ArgumentParser's own `main`, except that every message it prints is
  /// sanitised: a usage error quotes what was typed, which may hold escape sequences.
  static func main() {
    resetSignalMask()
    do {
      var command = try parseAsRoot()
      try command.run()
      try StandardOutput.shared.flush()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error).sanitizedForTerminalKeepingNewlines
      if code == .success {
        if !message.isEmpty { say(message) }
        do { try StandardOutput.shared.flush() } catch { complain("\(error)"); Glibc.exit(1) }
      } else if !message.isEmpty {
        try? StandardOutput.shared.flush()
        complain(message, prefix: "")
      } else {
        try? StandardOutput.shared.flush()
      }
      Glibc.exit(code.rawValue)
    }
  }
}

/// A parent may start sapm with signals blocked (test runners and some supervisors
/// do); the kiosk's SIGTERM/SIGHUP contract needs them delivered, so start clean.
func resetSignalMask() {
  var none = sigset_t()
  sigemptyset(&none)
  sigprocmask(SIG_SETMASK, &none, nil)
  for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { Glibc.signal(signal, SIG_DFL) }
}

/// Options every command that reads a store shares.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "path"))
  var store: String?

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp(
      "Act as NAME from the roster (a demo store only, for walkthroughs).", valueName: "name"))
  var actAs: String?

  /// Applies `--as`, which a real store refuses.
  func acting(_ session: Session) throws -> Session {
    if let actAs { try session.act(as: actAs) }
    return session
  }

  func location(allowDemo: Bool) -> StoreLocation {
    StoreLocation.resolve(flag: store, allowDemo: allowDemo)
  }

  /// Opens the store to browse it (writable if this account may write it), creating
  /// the demo store on first use.
  func openForBrowsing(progress: LoadProgress? = nil) throws -> Session {
    let location = location(allowDemo: true)
    if location.isDemo, !FileManager.default.fileExists(atPath: location.path) {
      return try acting(Session.createDemo(location, today: today()))
    }
    return try acting(Session.openForBrowsing(location, progress: progress))
  }

  /// Opens the store, creating the demo store on first use.
  func open(readOnly: Bool, allowDemo: Bool = true) throws -> Session {
    let location = location(allowDemo: allowDemo)
    if location.isDemo, !FileManager.default.fileExists(atPath: location.path) {
      let session = try Session.createDemo(location, today: today())
      if readOnly { return try acting(Session.open(location, readOnly: true)) }
      return try acting(session)
    }
    return try acting(openShowingProgress(location, readOnly: readOnly))
  }
}

/// Opens a store; on a terminal, a read that takes more than a second (a large store
/// this account has no checkpoint of yet: every signature is checked once) shows how it
/// is going on standard error, and the line is cleared when it is done.
func openShowingProgress(_ location: StoreLocation, readOnly: Bool) throws -> Session {
  guard isatty(2) != 0 else { return try Session.open(location, readOnly: readOnly) }
  let progress = LoadProgress()
  let finished = DispatchSemaphore(value: 0)
  let stopped = DispatchSemaphore(value: 0)
  let reporter = Thread {
    var shown = false
    while finished.wait(timeout: .now() + 0.25) == .timedOut {
      let f = progress.current
      guard f.seconds >= 1, f.total > 0 else { continue }
      let pct = Int(Double(f.bytes) / Double(f.total) * 100)
      progressLine(
        "reading \(location.path): \(f.records) records, \(pct)% — a first open of a large store (later ones start from this account's checkpoint)"
      )
      shown = true
    }
    if shown { progressLine("") }
    stopped.signal()
  }
  reporter.start()
  defer {
    finished.signal()
    stopped.wait()
  }
  return try Session.open(location, readOnly: readOnly, progress: progress)
}

/// Today (UTC) from the system clock: the one place the CLI reads it.
func today() -> Day { Day(ordinal: Timestamp.now().dayOrdinal) }

/// Parses `YYYY-MM-DD` for `--as-of`.
func parseDay(_ text: String, option: String) throws -> Day {
  guard let day = Day(text) else {
    throw ValidationError("\(option) '\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2025-10-01")
  }
  return day
}

/// Runs a command body, turning any error into one line on stderr and exit code 1.
/// What the body wrote to standard output is flushed here, and a failed write fails
/// the command.
func failing<T>(_ body: () throws -> T) throws -> T {
  do {
    let result = try body()
    try StandardOutput.shared.flush()
    return result
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    // A value the command could not use, found while it ran: the message and exit 1,
    // not the usage text (that is for what argument parsing itself refuses, exit 64).
    try? StandardOutput.shared.flush()
    complain(error.message)
    throw ExitCode.failure
  } catch let rejection as Rejection {
    // The domain's reasons, one line each: a batch can be refused for many.
    try? StandardOutput.shared.flush()
    for reason in rejection.reasons { complain("refused: \(reason)") }
    throw ExitCode.refused
  } catch {
    try? StandardOutput.shared.flush()
    complain("\(error)")
    throw ExitCode.failure
  }
}

/// A line of standard output (checked, sanitised on a terminal).
func say(_ text: String) { StandardOutput.shared.line(text) }

/// One message on standard error, never with a control character in it.
func complain(_ text: String, prefix: String = "sapm: ") {
  let line = prefix + text.sanitizedForTerminalKeepingNewlines + "\n"
  _ = line.utf8CString.withUnsafeBufferPointer { b in Glibc.write(2, b.baseAddress, b.count - 1) }
}

/// A progress line on standard error, redrawn in place (a terminal only).
func progressLine(_ text: String) {
  let line = "\r" + text.sanitizedForTerminal + "\u{1B}[K"
  _ = line.utf8CString.withUnsafeBufferPointer { b in Glibc.write(2, b.baseAddress, b.count - 1) }
}

func printNotices(_ session: Session) {
  for notice in session.notices { complain("warning: \(notice)") }
  if session.portfolio.skippedCount > 0 {
    let first = session.portfolio.skipped.first.map { " (first: record \($0.sequence), \($0.reason))" } ?? ""
    complain("warning: \(session.portfolio.skippedCount) record(s) kept in the log but not applied\(first)")
  }
}

extension ExitCode {
  /// The domain refused the command: nothing was written.
  static let refused = ExitCode(3)
}
