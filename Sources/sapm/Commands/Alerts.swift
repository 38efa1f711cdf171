import ArgumentParser
import CanonicalJSON
import Foundation
import Output
import Portfolio
import Session
import Terminal

struct Alerts: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List open alerts, most severe first (exit 2 when a critical alert is open).",
    discussion: "For cron: exit 0 no critical alert open, 2 at least one critical alert open, 1 error.",
    subcommands: [List.self, Ack.self, Report.self],
    defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List open alerts (the default).")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Include acknowledged alerts.")
    var all = false

    @OptionGroup var asOf: AsOfOption

    func run() throws {
      let critical = try failing { () -> Bool in
        let session = try storeOptions.open(readOnly: true)
        printNotices(session)
        let (portfolio, day) = try asOf.portfolio(of: session)
        var alerts = portfolio.alerts(on: day)
        if !all { alerts.removeAll { !$0.isListed } }  // in place: 350,000 alerts at scale
        if json {
          say(CanonicalJSON.string(.array(alerts.map { Reports.alertJSON($0, portfolio) })))
        } else {
          if session.isDemo { say("[DEMO] \(session.location.path)") }
          if day != today() { say("[\(day.label(today: today()))]") }
          if alerts.isEmpty { say("no open alerts on \(day)") }
          // Three lines an alert (350,000 at scale), appended as bytes and written a
          // megabyte at a time rather than made into strings line by line.
          let severities = Severity.allCases.map {
            "\($0.symbol) \(DisplayWidth.fit($0.name.uppercased(), 8)) "
          }
          var bytes: [UInt8] = []
          bytes.reserveCapacity(1 << 20 + 4096)
          func put(_ text: String) { bytes.append(contentsOf: text.utf8) }
          // On a terminal every text from the store is made safe on its own, line breaks
          // included: the buffer holds several lines, and a name must not make one.
          let terminal = StandardOutput.shared.isTerminal
          func field(_ text: String) { put(terminal ? text.sanitizedForTerminal : text) }
          for a in alerts {
            put(severities[a.severity.rawValue])
            field(a.id.description)
            put("\n    ")
            put(a.rule.title)
            put(" — ")
            // An alert about the store itself names no partner or program.
            if a.region == nil {
              put("the store itself")
            } else {
              field(portfolio.partners[a.subject.partner]?.name ?? a.subject.partner)
              put(", ")
              field(a.subject.program)
            }
            put(" since ")
            put(a.began.description)
            put("\n")
            let ack = a.acknowledgement.map { "  [ack \($0.by) \($0.on): \($0.note)]" } ?? ""
            put("    \(a.message)\(ack)".sanitizedForTerminal)
            put("\n")
            if bytes.count >= 1 << 20 {
              StandardOutput.shared.write(String(decoding: bytes, as: UTF8.self))
              bytes.removeAll(keepingCapacity: true)
            }
          }
          StandardOutput.shared.write(String(decoding: bytes, as: UTF8.self))
        }
        return alerts.contains { $0.isOpen && $0.severity == .critical }
      }
      if critical { throw ExitCode(2) }
    }
  }

  struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Acknowledge an alert with a note (recorded as you, the OS user).")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The alert id, as 'sapm alerts' prints it (e.g. leahy-expired/UA-SC-001/UA-U-093).")
    var id: String

    @Option(help: "What is being done about it.")
    var note: String

    func run() throws {
      try failing {
        let session = try storeOptions.open(readOnly: false)
        printNotices(session)
        try session.perform(AcknowledgeAlert(alert: id, note: note), today: today())
        say("acknowledged \(id) as \(session.user)")
      }
    }
  }

  /// An over-obligation is an Antideficiency Act violation: reported, never acknowledged.
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record the Antideficiency Act report of an over-obligation alert (it is not acknowledged).")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The over-obligation alert's id (e.g. over-obligation/LB-FMF-001/FY2026).")
    var id: String

    @Option(help: "The report's reference: the ADA case number, or the letter's date and addressee.")
    var reference: String

    func run() throws {
      try failing {
        let day = today()
        guard let report = ReportADAViolation(alert: id, reference: reference, on: day) else {
          throw ValidationError(
            "'\(id)' is not an over-obligation alert; only those are reported (others: sapm alerts ack)")
        }
        let session = try storeOptions.open(readOnly: false)
        printNotices(session)
        try session.perform(report, today: day)
        say("reported \(id) as an Antideficiency Act violation, as \(session.user)")
      }
    }
  }
}
