import ArgumentParser
import CanonicalJSON
import Foundation
import Output
import Portfolio
import Session

/// `sapm requests`: the approval queue.
struct Requests: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List requests: waiting on you (default), raised by you, or all; most urgent first.")

  @OptionGroup var storeOptions: StoreOptions
  @Flag(help: "Which requests: waiting on you (your move), raised by you, or all.")
  var scope: Scope = .waiting
  @Flag(help: "Print JSON.") var json = false

  enum Scope: String, EnumerableFlag {
    case waiting, mine, all
  }

  func run() throws {
    try failing {
      let session = try storeOptions.open(readOnly: true)
      let p = session.portfolio
      let day = today()
      let list = p.requests(
        Portfolio.RequestScope(rawValue: scope.rawValue) ?? .waiting, user: session.user, on: day)
      if json {
        say(CanonicalJSON.string(.array(list.map { RequestReports.json($0, p, day: day) })))
        return
      }
      if session.isDemo { say("[DEMO] \(session.location.path)") }
      if list.isEmpty {
        say(
          "no requests \(scope == .waiting ? "waiting on \(session.user)" : scope == .mine ? "raised by \(session.user)" : "")"
        )
      }
      for r in list { say(RequestReports.line(r, p, day: day)) }
    }
  }
}

/// `sapm request new|show|submit|approve|execute|reject|return`.
struct RequestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "request",
    abstract: "Raise a request and take it through the approval workflow.",
    discussion: """
      draft → submitted → approved | rejected | returned → executed; returned goes \
      back to submitted (earlier approvals reset); rejected is final. Executing \
      records the request's effect (release-funds → an obligation, offer-loa → LOA \
      offered, extend-sunset → the new sunset, enroll-imet → the enrolment and its \
      units, deliver → the units assigned). A package, contract, EDA allocation, \
      delivery or LOA amendment is recorded after, naming the executed request \
      (docs/approvals.md). Exit 3 when a rule refuses the step, every reason on \
      standard error.
      """,
    subcommands: [New.self, Show.self, Submit.self, Approve.self, Execute.self, Reject.self, Return.self])

  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Raise a draft request on PROGRAM; prints its ID alone.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The program ID ('policy' for change-policy).") var program: String
    @Option(help: "\(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String
    @Option(
      help: "Amount in whole dollars (release-funds, allocate-eda, an amendment's line; shown for others).")
    var amount: Int64?
    @Option(help: "Fiscal year of the funds (release-funds).") var fy: Int?
    @Option(name: .customLong("case"), help: "The FMS case identifier (offer-loa).") var caseID: String?
    @Option(help: "Units, comma-separated (enroll-imet, deliver).") var units: String?
    @Option(help: "Course (enroll-imet).") var course: String?
    @Option(help: "Number of students (enroll-imet).") var students: Int?
    @Option(help: "Case lines, comma-separated (deliver).") var lines: String?
    @Option(help: "New sunset, YYYY-MM-DD (extend-sunset).") var until: String?
    @Option(
      help: "The policy setting (change-policy), e.g. approval.two.amount; a wrong name lists them all.")
    var setting: String?
    @Option(help: "Its new value (change-policy).") var value: Double?
    @Option(help: "The restriction to waive (waive-restriction): 7008, 7012 or 620I.") var restriction:
      String?
    @Option(help: "Why: the justification.") var reason: String
    @Flag(help: "Submit it at once instead of leaving a draft.") var submit = false

    func run() throws {
      try failing {
        guard let kind = RequestKind(rawValue: kind) else {
          throw ValidationError(
            "--kind '\(kind)' is not a request kind; one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        let lineNumbers = try (lines ?? "").split(separator: ",").map { s -> Int in
          guard let n = Int(s.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("--lines '\(s)' is not a case line number")
          }
          return n
        }
        let command = RaiseRequest(
          program: program, kind: kind, amount: Dollars(amount ?? 0), fiscalYear: fy, caseID: caseID,
          units: (units ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
          course: course, students: students, lines: lineNumbers,
          until: try until.map { try parseDay($0, option: "--until") }, justification: reason, submit: submit,
          setting: setting, value: value,
          restriction: try restriction.map { text in
            guard let kind = RestrictionKind(rawValue: text) else {
              throw ValidationError("--restriction '\(text)' is not a restriction; one of 7008, 7012, 620I")
            }
            return kind
          })
        let session = try storeOptions.open(readOnly: false, allowDemo: true)
        let records = try session.perform(command, today: today())
        // The ID the domain assigned under the lock, read back from the record written.
        for record in records {
          if case .event(let e as RequestRaised) = EventRegistry.decode(
            type: record.type, version: record.version, payload: record.payload)
          {
            say(e.id)
          }
        }
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A request's fields, checks, approvals and history.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
      try failing {
        let session = try storeOptions.open(readOnly: true)
        guard let r = session.portfolio.requests[id] else { throw ValidationError("no request '\(id)'") }
        if json {
          say(CanonicalJSON.string(RequestReports.json(r, session.portfolio, day: today())))
        } else {
          for line in RequestReports.text(r, session.portfolio, day: today()) { say(line) }
        }
      }
    }
  }

  /// The steps share one body: the state they lead to, and whether a reason is required.
  static func step(_ options: StoreOptions, _ id: String, _ state: RequestState, _ note: String?) throws {
    try failing {
      let session = try options.open(readOnly: false, allowDemo: true)
      try session.perform(StepRequest(id: id, to: state, reason: note), today: today())
      let r = session.portfolio.requests[id]
      say(
        "\(state.rawValue) \(id) as \(session.user)"
          + (r.map { " — \(session.portfolio.nextStep(of: $0))" } ?? ""))
    }
  }

  struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Submit a draft (or a returned request).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Option(help: "A note.") var note: String?
    func run() throws { try RequestCommand.step(storeOptions, id, .submitted, note) }
  }

  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Approve a submitted request (four eyes, every check must pass).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Option(help: "A note.") var note: String?
    func run() throws { try RequestCommand.step(storeOptions, id, .approved, note) }
  }

  struct Execute: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Execute an approved request: record its effect.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Option(help: "A note.") var note: String?
    func run() throws { try RequestCommand.step(storeOptions, id, .executed, note) }
  }

  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a submitted request (final).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Option(help: "Why (required).") var reason: String
    func run() throws { try RequestCommand.step(storeOptions, id, .rejected, reason) }
  }

  struct Return: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Return a submitted request to its requester for changes.")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The request ID.") var id: String
    @Option(help: "What to change (required).") var reason: String
    func run() throws { try RequestCommand.step(storeOptions, id, .returned, reason) }
  }
}
