import ArgumentParser
import Portfolio
import Session

/// `--as-of YYYY-MM-DD`, the same on every command that shows the portfolio: the events
/// recorded by that day, the rules evaluated on it.
struct AsOfOption: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "The portfolio as it stood on this day: the events recorded by then, the rules on that day.",
      valueName: "YYYY-MM-DD"))
  var text: String?

  /// The day given, checked; nil when none was.
  func day() throws -> Day? { try text.map { try parseDay($0, option: "--as-of") } }

  /// The portfolio to show and the day to evaluate it on: as of the day given, or now.
  func portfolio(of session: Session) throws -> (portfolio: Portfolio, day: Day) {
    guard let day = try day() else { return (session.portfolio, today()) }
    return (try session.portfolio(asOf: day), day)
  }
}
