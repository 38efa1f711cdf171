import ArgumentParser
import Portfolio
import Session

/// `sapm` with no subcommand: the portfolio by region (the TUI will replace this text view).
struct Overview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overview", abstract: "Show the portfolio by region (the default).")

  @OptionGroup var storeOptions: StoreOptions

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("Show the portfolio as it stood on this day.", valueName: "YYYY-MM-DD"))
  var asOf: String?

  func run() throws {
    try failing {
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      var day = today()
      var portfolio = session.portfolio
      if let asOf {
        day = try parseDay(asOf, option: "--as-of")
        portfolio = try session.portfolio(asOf: day)
      }
      let alerts = portfolio.alerts(on: day).filter(\.isOpen)
      let mode = session.isDemo ? "  [DEMO]" : ""
      print(
        "sapm — \(portfolio.name.sanitizedForTerminalOutput)\(mode)  as of \(day)  \(portfolio.programs.count) programs, \(portfolio.eventCount) events"
      )
      for region in Region.allCases {
        let partners = portfolio.partners(in: region)
        let programs = partners.flatMap { portfolio.programs(of: $0.code) }
        let regionAlerts = alerts.filter { $0.region == region }
        let fy = day.fiscalYear
        let lines = programs.flatMap(\.funding).filter { $0.fiscalYear == fy }
        let available = lines.reduce(Dollars.zero) { $0 + $1.available }
        let obligated = lines.reduce(Dollars.zero) { $0 + $1.obligated }
        let disbursed = lines.reduce(Dollars.zero) { $0 + $1.disbursed }
        let counts = Severity.allCases.reversed().map { s in
          "\(regionAlerts.filter { $0.severity == s }.count)\(s.symbol)"
        }
        print("")
        print(
          "\(region.title) — \(programs.count) programs; FY\(fy) available \(available.compact), obligated \(obligated.compact), disbursed \(disbursed.compact); alerts \(counts.joined(separator: " "))"
        )
        for partner in partners {
          let ps = portfolio.programs(of: partner.code)
          let pa = regionAlerts.filter { $0.subject.partner == partner.code }
          let value = ps.reduce(Dollars.zero) { $0 + $1.value }
          print(
            "  \(partner.name.sanitizedForTerminalOutput.padded(24)) \(String(ps.count).leftPadded(3)) programs  \(value.compact.leftPadded(9))  \(pa.isEmpty ? "" : "\(pa.count) alerts")"
          )
        }
      }
    }
  }
}
