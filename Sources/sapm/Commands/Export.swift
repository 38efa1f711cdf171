import ArgumentParser
import Foundation
import Output
import Portfolio
import Session
import Terminal

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export programs as CSV or JSON.",
    discussion: "CSV has one row per program and fiscal year (programs without funds get one row).")

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "csv or json.")
  var format: Format = .csv

  @Option(
    help: ArgumentHelp(
      "Only this region: europe, indo-pacific, middle-east-africa, ukraine.", valueName: "region"))
  var region: String?

  @Option(help: ArgumentHelp("Only this partner (its code, e.g. JO).", valueName: "code"))
  var partner: String?

  @OptionGroup var asOf: AsOfOption

  @Option(
    name: [.short, .long],
    help: ArgumentHelp(
      "Write to this file instead of standard output (a new file, 0600; never the store, a link, a FIFO).",
      valueName: "file"))
  var output: String?

  @Flag(help: "Replace the --output file if it exists.")
  var force = false

  func run() throws {
    try failing {
      var only: Region?
      if let region {
        guard let r = Region(loose: region) else {
          throw ValidationError(
            "--region '\(region)' is not one of: " + Region.allCases.map(\.rawValue).joined(separator: ", "))
        }
        only = r
      }
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      let (portfolio, day) = try asOf.portfolio(of: session)
      let code = partner?.uppercased()
      if let code, portfolio.partners[code] == nil {
        throw ValidationError(
          "--partner '\(code.sanitizedForTerminal)' is no partner of this store on \(day); 'sapm overview' lists them"
        )
      }
      let text =
        format == .csv
        ? Reports.csv(portfolio, region: only, partner: code, day: day)
        : Reports.json(portfolio, region: only, partner: code, day: day, demo: session.isDemo)
      if let output {
        let written = try ExportFile.write(
          Array(text.utf8), to: output, overwrite: force, protecting: session.protectedPaths)
        complain("exported to \(written)")
      } else {
        // On a terminal a field's line break cannot fake a row (CSVWriter.forTerminal).
        let out = StandardOutput.shared
        out.write(format == .csv && out.isTerminal ? CSVWriter.forTerminal(text) : text)
      }
    }
  }
}
