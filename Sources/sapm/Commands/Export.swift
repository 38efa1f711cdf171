import ArgumentParser
import Foundation
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

  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp("The portfolio as it stood on this day.", valueName: "YYYY-MM-DD"))
  var asOf: String?

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
      var day = today()
      var portfolio = session.portfolio
      if let asOf {
        day = try parseDay(asOf, option: "--as-of")
        portfolio = try session.portfolio(asOf: day)
      }
      let text = format == .csv ? csv(portfolio, only, day) : json(portfolio, only, day, demo: session.isDemo)
      if let output {
        let written = try ExportFile.write(
          Array(text.utf8), to: output, overwrite: force, protecting: session.protectedPaths)
        complain("exported to \(written)")
      } else {
        StandardOutput.shared.write(text)
      }
    }
  }
}

func exportedPrograms(_ p: Portfolio, _ region: Region?) -> [(Partner, Program)] {
  let regions = region.map { [$0] } ?? Region.allCases
  return regions.flatMap { r in
    p.partners(in: r).flatMap { partner in p.programs(of: partner.code).map { (partner, $0) } }
  }
}

func csv(_ p: Portfolio, _ region: Region?, _ day: Day) -> String {
  let header = [
    "region", "partner_code", "partner", "program", "kind", "title", "status", "start", "sunset",
    "fiscal_year", "available", "committed", "obligated", "disbursed", "available_until",
    "case", "case_stage", "case_value", "open_alerts",
  ]
  var lines = [header.joined(separator: ",")]
  let alerts = Dictionary(grouping: p.alerts(on: day).filter(\.isOpen), by: \.subject.program)
  for (partner, program) in exportedPrograms(p, region) {
    let base = [
      partner.region.rawValue, partner.code, partner.name, program.id, program.kind.rawValue, program.title,
      program.status.rawValue, program.start.description, program.sunset?.description ?? "",
    ]
    let c = program.fmsCase
    let tail = [
      c?.identifier ?? "", c?.stage ?? "", c.map { String($0.value.amount) } ?? "",
      String(alerts[program.id]?.count ?? 0),
    ]
    let funding = program.funding.isEmpty ? [nil] : program.funding.map { Optional($0) }
    for f in funding {
      let money =
        f.map {
          [
            String($0.fiscalYear), String($0.available.amount), String($0.committed.amount),
            String($0.obligated.amount), String($0.disbursed.amount), $0.availableUntil.description,
          ]
        } ?? ["", "", "", "", "", ""]
      lines.append((base + money + tail).map(CSV.field).joined(separator: ","))
    }
  }
  return lines.joined(separator: "\n") + "\n"
}

func json(_ p: Portfolio, _ region: Region?, _ day: Day, demo: Bool) -> String {
  let items = exportedPrograms(p, region)
  let encoder = JSONValueEncoder()
  let programs: [JSONValue] = items.compactMap { try? encoder.encode($0.1) }
  let partnerCodes = Set(items.map(\.0.code))
  let partners: [JSONValue] = p.partners.values.filter {
    region == nil || partnerCodes.contains($0.code) || $0.region == region
  }
  .sorted { $0.code < $1.code }.compactMap { try? encoder.encode($0) }
  let doc = JSONValue.object([
    .init("asOf", .string(day.description)), .init("store", .string(p.name)), .init("demo", .bool(demo)),
    .init("region", region.map { .string($0.rawValue) } ?? .null),
    .init("partners", .array(partners)), .init("programs", .array(programs)),
  ])
  return CanonicalJSON.string(doc) + "\n"
}
