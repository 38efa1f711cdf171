import ArgumentParser
import Portfolio
import Session
import Terminal

/// `sapm cns`: the congressional-notification tracker — money that still needs a CN,
/// CNs on their 15-day hold or held by a committee, cleared and withdrawn ones.
struct CNs: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cns",
    abstract: "List congressional notifications of funds: still needed, on hold, held, cleared, withdrawn.",
    discussion: """
      FMF, IMET and PKO money is obligated only as far as the partner's cleared CNs of \
      that account and fiscal year cover it (FAA §634A; SFOPS §7015: 15 days' notice, \
      'cn.wait.days'). "needed" lines are money committed, obligated or asked by open \
      release-funds requests beyond what the CNs transmitted cover. CNs are recorded \
      with 'sapm record' (cn.transmitted, cn.held, cn.cleared, cn.withdrawn: \
      docs/events.md) or on the :cns screen.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: ArgumentHelp("Only this partner's (its ISO code, e.g. JO).", valueName: "code"))
  var partner: String?

  @OptionGroup var asOf: AsOfOption

  func run() throws {
    try failing {
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      let (portfolio, day) = try asOf.portfolio(of: session)
      let code = partner?.uppercased()
      if let code, portfolio.partners[code] == nil {
        throw ValidationError("--partner \(code): no such partner in this store")
      }
      let lines = portfolio.cnLines(on: day, partner: code)
      var counts: [Portfolio.CNLine.State: Int] = [:]
      for l in lines { counts[l.state, default: 0] += 1 }
      let summary = Portfolio.CNLine.State.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }
      say("congressional notifications on \(day): \(summary.joined(separator: ", "))")
      for l in lines {
        let name = portfolio.partners[l.key.partner]?.name ?? l.key.partner
        let number = DisplayWidth.fit(l.number ?? "—", 10)
        say(
          "  \(DisplayWidth.fit(l.state.rawValue, 9))  \(number)  \(l.key.account) FY\(l.key.fiscalYear)  \(DisplayWidth.fit(l.amount.compact, 9, alignRight: true))  \(name.sanitizedForTerminal): \(l.text.sanitizedForTerminal)"
        )
      }
    }
  }
}
