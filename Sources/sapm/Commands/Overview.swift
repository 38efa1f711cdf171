import ArgumentParser
import Portfolio
import Session
import Terminal

/// `sapm` with no subcommand: the portfolio by region (the TUI will replace this text view).
struct Overview: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overview", abstract: "Show the portfolio by region (the default).")

  @OptionGroup var storeOptions: StoreOptions

  @OptionGroup var asOf: AsOfOption

  func run() throws {
    try failing {
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      let (portfolio, day) = try asOf.portfolio(of: session)
      // The same figures the TUI's panes show, from the same summary.
      // From the checkpoint when it is of this day and at the head of the log: the same
      // figures, without every rule run again (100,000 programs at scale).
      let summary: PortfolioSummary
      if asOf.text == nil, let figures = session.checkpointFigures, figures.day == day {
        summary = figures.summary
      } else {
        summary = PortfolioSummary(portfolio, alerts: portfolio.alerts(on: day), day: day)
      }
      let mode = session.isDemo ? "  [DEMO]" : ""
      say(
        "sapm — \(portfolio.name.sanitizedForTerminal)\(mode)  \(day.label(today: today()).lowercased())  \(portfolio.programs.count) programs, \(portfolio.eventCount) events"
      )
      for region in Region.allCases {
        let f = summary.regions[region] ?? PortfolioSummary.Figures()
        let counts = Severity.allCases.reversed().map { "\(f.alerts[$0.rawValue])\($0.symbol)" }
        say("")
        say(
          "\(region.title) — \(f.programs) programs; FY\(day.fiscalYear) available \(f.available.compact), obligated \(f.obligated.compact), disbursed \(f.disbursed.compact); alerts \(counts.joined(separator: " "))"
        )
        for partner in summary.partnersByRegion[region] ?? [] {
          let p = summary.partners[partner.code] ?? PortfolioSummary.Figures()
          say(
            "  \(DisplayWidth.fit(partner.name.sanitizedForTerminal, 24)) \(DisplayWidth.fit(String(p.programs), 3, alignRight: true)) programs  \(DisplayWidth.fit(p.value.compact, 9, alignRight: true))  \(p.alertTotal == 0 ? "" : "\(p.alertTotal) alerts")"
          )
        }
      }
    }
  }
}
