import ArgumentParser
import Portfolio
import Session
import Terminal

/// `sapm expiring`: the fiscal year's close — every funding line whose availability ends
/// within N days, with what is still unobligated, largest first.
struct Expiring: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the funding lines whose availability ends soon, with their unobligated balance.",
    discussion:
      "Live programs only; lines already ended are not listed (their balance has lapsed). The same lines the Funding tabs mark and the funds-expiring alert warns of."
  )

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "How many days ahead to look.")
  var days = 90

  @OptionGroup var asOf: AsOfOption

  func run() throws {
    try failing {
      guard days >= 0 else { throw ValidationError("--days must be 0 or more") }
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      let (portfolio, day) = try asOf.portfolio(of: session)
      let lines = portfolio.expiring(within: days, on: day)
      let total = lines.reduce(Dollars.zero) { $0 + $1.unobligated }
      say(
        "\(lines.count) funding line\(lines.count == 1 ? "" : "s") expiring within \(days) days of \(day), \(total.compact) unobligated"
      )
      for line in lines {
        let partner = portfolio.partners[line.partner]?.name ?? line.partner
        say(
          "  \(DisplayWidth.fit(line.unobligated.compact, 9, alignRight: true))  \(line.program.sanitizedForTerminal)  FY\(line.fiscalYear)  until \(line.availableUntil) (in \(line.daysLeft) day\(line.daysLeft == 1 ? "" : "s"))  \(partner.sanitizedForTerminal)"
        )
      }
    }
  }
}
