import Basics
import CanonicalJSON
import Portfolio
import Terminal

/// What happens to the application.
public enum Message: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// Another process (or this one) appended events; the caller re-read the store.
  case portfolio(Portfolio, asOf: Day?, today: Day)
  /// The history of a program, read from the log at the caller's request.
  case history([HistoryLine])
  case status(String, error: Bool)
  case theme(Theme)
  /// The caller performed a form's command: nil problems means recorded.
  case performed(title: String, problems: [String]?)
  /// The export's file exists: ask before replacing it.
  case confirmOverwrite(path: String, rows: [[String]])
  /// The kiosk's clock: cycles the wall and returns to it after the idle time.
  case tick(Timestamp)
  /// Nothing happened: the alerts view's filter makes its next slice of search texts
  /// (the runner sends it while `alertSearchPending`).
  case searchMore
  /// The kiosk's store became unreadable (since when), or readable again (nil).
  case storeUnavailable(since: Timestamp?)
  /// A server store's connection was lost (since HH:MM UTC), or is back (nil).
  case connection(offlineSince: String?)
}

/// What the application asks the caller to do: the I/O that `update` never does.
public enum Effect: Equatable, Sendable {
  case quit
  case acknowledge(alert: String, note: String)
  /// Show the portfolio as of a day (nil: now).
  case travel(to: Day?)
  case loadHistory(program: String)
  /// Write rows as CSV; `overwrite` only after the user said yes to replacing a file.
  case export(path: String, rows: [[String]], overwrite: Bool)
  /// Write the rows `sapm export --format csv` writes (numbers, ISO dates) for what the
  /// screen shows: a region's partners, a partner, a program.
  case exportPortfolio(path: String, scope: ExportScope)
  /// Write the partner's brief (as of the day shown) to a new HTML file in the current folder.
  case writeBrief(partner: String, asOf: Day?)
  case loadTheme(String)
  /// Perform a command through the session's one door for writes.
  case perform(CommandRequest)
  case redraw
}

/// What of the portfolio a screen's `:export` writes: everything, one region, one
/// partner or one program.
public struct ExportScope: Equatable, Sendable {
  public var region: Region?
  public var partner: String?
  public var program: String?
  public init(region: Region? = nil, partner: String? = nil, program: String? = nil) {
    self.region = region
    self.partner = partner
    self.program = program
  }
}
