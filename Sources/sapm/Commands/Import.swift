import ArgumentParser
import FileImport
import Foundation
import Portfolio
import Session
import Terminal

/// `sapm import FILE.csv [--dry-run]`: ForeignAssistance.gov's complete CSV (or a
/// sapm export) into the store, as one checked batch, all or nothing.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import ForeignAssistance.gov's complete CSV (or a sapm export): all or nothing, idempotent.",
    discussion: """
      Security-assistance accounts only (FMF, IMET, PKO, NADR, INCLE, USAI, …); other \
      accounts, countries outside the four regions and regional rows are counted and \
      reported. Each program (country × account × activity) and fiscal year is brought \
      to the figures the file reports: only the difference is recorded, so importing \
      the same file twice adds nothing, and a later edition adds only what changed. \
      The whole batch is checked by the domain and appended under one lock with one \
      fsync, or nothing is. Errors name the file, line, column and value. See docs/import.md.
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Argument(help: "The CSV file.") var file: String

  @Flag(help: "Print what would be recorded; write nothing.") var dryRun = false

  func run() throws {
    try failing {
      let day = today()
      let showProgress = isatty(2) != 0
      let started = Date()
      let reading = try ImportFile.read(path: file, today: day) { read, total, rows in
        guard showProgress, total > 0 else { return }
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let share = Double(read) / Double(total)
        let eta = share > 0 ? elapsed / share - elapsed : 0
        let width = 30
        let filled = Int(share * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        progressLine(
          String(
            format: "%@ %3.0f%%  %d rows  %.0f rows/s  ETA %.0f s", bar, share * 100, rows,
            Double(rows) / elapsed, eta))
      }
      if showProgress { progressLine("") }
      let session = try storeOptions.open(readOnly: dryRun, allowDemo: false)
      printNotices(session)
      let source =
        reading.format == .foreignAssistance ? ImportFile.foreignAssistanceSource : ImportFile.exportSource
      let command = ImportFigures(reading.figures, source: source)
      // The plan's events are let go once summarised: the command makes them again
      // under the lock, and two copies of 377,567 events were 20% of the peak.
      let nothingToDo: Bool = {
        let plan = command.plan(session.portfolio, today: day)
        let seconds = Date().timeIntervalSince(started)
        say(
          "\(file): \(reading.format.rawValue), \(reading.rows) rows in \(String(format: "%.1f", seconds)) s (\(Int(Double(reading.rows) / max(seconds, 0.001))) rows/s)"
        )
        summarise(reading, plan)
        return plan.events.isEmpty
      }()
      if dryRun {
        if case .reject(let rejection) = command.decide(session.portfolio, actor: session.user, today: day) {
          throw rejection
        }
        say("dry run: nothing was written")
        return
      }
      guard !nothingToDo else {
        say("nothing to import: the store already holds what the file reports")
        return
      }
      let records = try session.perform(command, today: day)
      say(
        "imported: \(records.count) events recorded as \(session.user) (records \(records.first?.sequence ?? 0)–\(records.last?.sequence ?? 0))"
      )
    }
  }

  func summarise(_ r: ImportFile.Reading, _ plan: ImportFigures.Plan) {
    var byType: [String: Int] = [:]
    for (_, e) in plan.events { byType[type(of: e).type, default: 0] += 1 }
    say(
      "would record: \(plan.newPartners) new partners, \(plan.newPrograms) new programs, \(plan.events.count) events"
        + (byType.isEmpty
          ? ""
          : " (" + byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            + ")"))
    var totals: [String: (Dollars, Dollars)] = [:]
    for f in r.figures {
      guard let fy = f.fiscalYear else { continue }
      let key = "\(f.region.title) FY\(fy)"
      let t = totals[key] ?? (.zero, .zero)
      totals[key] = (t.0 + f.obligated, t.1 + f.disbursed)
    }
    if !totals.isEmpty {
      say("reported totals (obligated / disbursed):")
      for (key, t) in totals.sorted(by: { $0.key < $1.key }) {
        say(
          "  \(DisplayWidth.fit(key, 28)) \(DisplayWidth.fit(t.0.compact, 10, alignRight: true)) / \(t.1.compact)"
        )
      }
    }
    func counted(_ title: String, _ counts: [String: Int]) {
      guard !counts.isEmpty else { return }
      let rows = counts.values.reduce(0, +)
      say("skipped \(rows) rows, \(title):")
      for (name, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).prefix(12) {
        say("  \(DisplayWidth.fit(String(n), 8, alignRight: true))  \(name)")
      }
      if counts.count > 12 { say("  … and \(counts.count - 12) more") }
    }
    counted("accounts that are not security assistance", r.otherAccounts)
    counted("countries outside the four regions", r.outsideRegions)
    counted("regions or the world, not a country", r.notACountry)
    if r.obligationsRaisedToDisbursed > 0 {
      say(
        "note: \(r.obligationsRaisedToDisbursed) program-years disbursed more than that year's obligations (paying earlier years'); recorded as reported"
      )
    }
    if r.netDeobligations > 0 {
      say("note: \(r.netDeobligations) program-years had net de-obligations; recorded as reported (negative)")
    }
    if r.casesNotImported > 0 {
      say(
        "note: \(r.casesNotImported) rows name an FMS case; a CSV export does not carry case lines, so cases are not imported"
      )
    }
    for note in plan.notes.prefix(10) { say("note: \(note)") }
    if plan.notes.count > 10 { say("note: … and \(plan.notes.count - 10) more") }
  }
}
