/// Which facts only an executed request may write (docs/approvals.md prints the table).
///
/// Four eyes protects nothing while any path writes the approved fact directly: an
/// obligation of $200M typed into the Funding form, or appended to the file, must not
/// count. A gated fact names the executed request it carries out (`request: RQ-…`);
/// the commands refuse one that names none, and in a signed store the fold applies it
/// only when the request it names was executed, is of a kind that covers it, matches its
/// program, fiscal year and amount, and has not carried out another fact already.
/// De-obligations and facts that only report (a vetting result, an inventory, a
/// milestone that moves no money) stay direct.
public enum GatedFacts {
  /// What the request a gated fact names must be.
  public struct Gate: Sendable, Hashable {
    public var kind: RequestKind
    public var program: String
    public var fiscalYear: Int?
    public var amount: Dollars?
    public var until: Day?
    /// For a waiver: the restriction.
    public var restriction: RestrictionKind?
    /// For a change of policy: the setting and its value.
    public var setting: String?
    public var value: Double?
    /// For an enrolment: the course and how many students.
    public var course: String?
    public var students: Int?
    /// "an obligation of $200.0M (FY2027)", for messages.
    public var what: String
  }

  /// The gated facts, with the request kind that covers each and the rule's source.
  public static let table:
    [(type: String, which: String, kind: RequestKind, matches: String, source: String)] = [
      (
        FundsObligated.type, "an obligation (amount above $0)", .releaseFunds, "program, fiscal year, amount",
        "31 USC 1501 (an obligation needs authority); DSCA SAMM C9 (FMF releases)"
      ),
      (
        FundsCommitted.type, "a commitment (amount above $0)", .releaseFunds, "program, fiscal year, amount",
        "DoD FMR vol. 3 ch. 8 (commitments reserve funds)"
      ),
      (
        DrawdownPackageAnnounced.type, "a drawdown package", .releaseFunds, "program, fiscal year, value",
        "FAA §506(a) (a presidential determination per package)"
      ),
      (
        USAIContractAwarded.type, "a USAI contract", .releaseFunds, "program, fiscal year, value",
        "NDAA FY2016 §1250 (USAI obligations)"
      ),
      (
        CaseMilestoneReached.type, "an LOA offered", .offerLOA, "program",
        "AECA §36(b); DSCA SAMM C5 (LOA offer)"
      ),
      (
        CaseLineAdded.type, "an LOA amendment (a case line added or restated after the offer)", .offerLOA,
        "program, the line's value", "DSCA SAMM C6.7 (an amendment changes scope; the purchaser accepts it)"
      ),
      (
        EDAAllocated.type, "an EDA allocation", .allocateEDA, "program, original value",
        "FAA §516 (22 USC 2321j)"
      ),
      (
        TransferDelivered.type, "articles delivered from a package, contract or allocation", .deliver,
        "program",
        "FAA §620M (22 USC 2378d) and 10 USC 362 (Leahy: the receiving units vetted before delivery)"
      ),
      (
        IMETEnrolled.type, "students enrolled in a course", .enrollIMET, "program, course, students, cost",
        "FAA §541–543 (IMET); 10 USC 362 (the students' units vetted)"
      ),
      (
        ProgramSunsetChanged.type, "a sunset changed", .extendSunset, "program, new sunset",
        "program terms"
      ),
      (
        RestrictionWaived.type, "a restriction waived for a program", .waiveRestriction,
        "program, restriction", "annual SFOPS acts' waiver authorities (§7008(b), §7012); FAA §620I(b)"
      ),
      (
        PolicyChanged.type, "a policy value changed", .changePolicy, "setting, value",
        "four eyes over the thresholds themselves (DSCA SAMM C2 delegations)"
      ),
    ]

  /// The table as docs/approvals.md prints it (a test holds the two equal).
  public static var markdown: String {
    "| fact | event type | covered by an executed | which must match | source |\n|---|---|---|---|---|\n"
      + table.map {
        "| \($0.which) | `\($0.type)` | `\($0.kind.rawValue)` | \($0.matches) | \($0.source) |\n"
      }
      .joined()
  }

  /// Why `fact` does not count: it is gated and names no request, or names one that
  /// does not cover it. Nil: it is not gated, or its request covers it. `executing`: ids
  /// of requests executed earlier in the same batch (a command's dry run).
  public static func refusal(of fact: any RequestedFact, in p: Portfolio, executing: Set<String> = [])
    -> String?
  {
    guard let gate = fact.gate(in: p) else { return nil }
    guard let id = fact.request else {
      return
        "\(gate.what) on \(gate.program) \(namesNoRequest) \(gate.kind.rawValue) request; it names none"
    }
    guard let r = p.requests[id] else { return "\(gate.what) names request \(id), which does not exist" }
    guard r.state == .executed || executing.contains(id) else {
      return "\(gate.what) names request \(id), which is \(r.state.rawValue), not executed"
    }
    var problems: [String] = []
    if r.kind != gate.kind { problems.append("it is \(r.kind.rawValue), not \(gate.kind.rawValue)") }
    if r.program != gate.program { problems.append("it is on \(r.program), not \(gate.program)") }
    if let fy = gate.fiscalYear, r.fiscalYear != fy {
      problems.append("it releases FY\(r.fiscalYear.map(String.init) ?? "?"), not FY\(fy)")
    }
    if let amount = gate.amount, r.amount != amount {
      problems.append("it approved \(r.amount.compact), not \(amount.compact)")
    }
    if let setting = gate.setting, r.setting != setting || r.value != gate.value {
      problems.append(
        "it sets \(r.setting ?? "nothing") to \(r.value.map { String($0) } ?? "nothing"), not \(setting) to \(gate.value.map { String($0) } ?? "?")"
      )
    }
    if let restriction = gate.restriction, r.restriction != restriction {
      problems.append("it waives \(r.restriction?.title ?? "nothing"), not \(restriction.title)")
    }
    if let course = gate.course, r.course != course {
      problems.append("it enrols in \(r.course ?? "no course"), not \(course)")
    }
    if let students = gate.students, r.students != students {
      problems.append("it enrols \(r.students.map(String.init) ?? "no") students, not \(students)")
    }
    if let until = gate.until, r.until != until {
      problems.append("it extends to \(r.until?.description ?? "no date"), not \(until)")
    }
    if let done = r.carriedOutBy {
      problems.append("record \(done) already carried it out")
    }
    guard problems.isEmpty else {
      return "\(gate.what) names request \(id), which does not cover it: " + problems.joined(separator: "; ")
    }
    return nil
  }

  /// The gated facts of a batch, in order: a fact may carry out a request executed
  /// earlier in the same batch (`StepRequest` writes the step, then the facts).
  public struct Walk {
    var executing: Set<String> = []
    public init() {}

    /// `problem(of:in:executing:)` for `event` if it is a gated fact; then notes a
    /// request it executes, for the events after it.
    public mutating func problem(of event: any EventPayload, in p: Portfolio) -> String? {
      defer {
        if let step = event as? RequestStepTaken, step.state == .executed { executing.insert(step.id) }
      }
      guard let fact = event as? any RequestedFact else { return nil }
      return GatedFacts.problem(of: fact, in: p, executing: executing)
    }
  }

  /// What a refusal of a gated fact that names no request says: a form that sees only
  /// this reason offers to raise the request instead (`Form.followUp`).
  public static let namesNoRequest = "is written only by executing an approved"

  /// `refusal`, and for a fact that names no request, the request to raise: what a
  /// user is told when they try to write a gated fact directly.
  public static func problem(of fact: any RequestedFact, in p: Portfolio, executing: Set<String> = [])
    -> String?
  {
    guard let refusal = refusal(of: fact, in: p, executing: executing) else { return nil }
    guard fact.request == nil, let gate = fact.gate(in: p) else { return refusal }
    return refusal + "; raise one: \(hint(for: gate)) (N on the program in sapm), and record it when executed"
  }

  /// The command that would raise the request a gated fact needs, for messages.
  public static func hint(for gate: Gate) -> String {
    var words = ["sapm request new \(gate.program) --kind \(gate.kind.rawValue)"]
    if let amount = gate.amount { words.append("--amount \(amount.amount)") }
    if let fy = gate.fiscalYear { words.append("--fy \(fy)") }
    if let until = gate.until { words.append("--until \(until)") }
    if let restriction = gate.restriction { words.append("--restriction \(restriction.rawValue)") }
    if let course = gate.course { words.append("--course \(shellWord(course))") }
    if let students = gate.students { words.append("--students \(students)") }
    if let setting = gate.setting {
      words.append("--setting \(setting) --value \(gate.value.map { String($0) } ?? "V")")
    }
    return words.joined(separator: " ") + " --reason TEXT --submit"
  }
}

/// A fact an executed request may be needed for, naming that request.
public protocol RequestedFact: EventPayload {
  var request: String? { get }
  /// What the request it names must be; nil when this fact is not gated (a
  /// de-obligation, a milestone that moves no money, a figure reported by an import).
  func gate(in p: Portfolio) -> GatedFacts.Gate?
  /// Who reported it, for figures an import brings in (reported, not approved).
  var reportedBy: String? { get }
  /// The same fact, naming the request it carries out.
  func carrying(out request: String) -> any EventPayload
}

extension RequestedFact {
  public var reportedBy: String? { nil }
}

extension GatedFacts.Gate {
  /// Money of a fiscal year, released by a `release-funds` request of that amount: an
  /// obligation, a commitment, a package's or a contract's value. `what` names it.
  static func release(_ program: String, _ fiscalYear: Int, _ amount: Dollars, _ what: String) -> Self {
    GatedFacts.Gate(
      kind: .releaseFunds, program: program, fiscalYear: fiscalYear, amount: amount,
      what: "\(what) of \(amount.compact) (FY\(fiscalYear))")
  }
}

/// The value of a transfer's articles (their sum, wrapping as the fold's summary does).
func articlesValue(_ lines: [TransferLine]) -> Dollars {
  Dollars(lines.reduce(Int64(0)) { $0 &+ $1.value.amount })
}

extension FundsObligated: RequestedFact {
  public var reportedBy: String? { source }
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    guard amount > .zero, source == nil else { return nil }
    return .release(program, fiscalYear, amount, "an obligation")
  }
}

extension FundsCommitted: RequestedFact {
  public var reportedBy: String? { source }
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    guard amount > .zero, source == nil else { return nil }
    return .release(program, fiscalYear, amount, "a commitment")
  }
}

extension DrawdownPackageAnnounced: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    .release(program, fiscalYear, articlesValue(articles), "drawdown package \(package)")
  }
}

extension USAIContractAwarded: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    .release(program, fiscalYear, articlesValue(articles), "USAI contract \(contract)")
  }
}

extension CaseMilestoneReached: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    guard milestone == .loaOffered else { return nil }
    return GatedFacts.Gate(kind: .offerLOA, program: program, what: "an LOA offered")
  }
}

extension RestrictionWaived: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    var gate = GatedFacts.Gate(
      kind: .waiveRestriction, program: program, what: "a \(kind.title) waiver for \(program)")
    gate.restriction = kind
    return gate
  }
}

extension PolicyChanged: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    var gate = GatedFacts.Gate(
      kind: .changePolicy, program: Request.policyProgram, what: "policy \(setting) set to \(value)")
    gate.setting = setting
    gate.value = value
    return gate
  }
}

extension CaseLineAdded: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  /// Before the LOA is offered a case's lines are being written (direct); after, a line
  /// added or restated changes the offer's scope: an amendment.
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    guard p.programs[program]?.fmsCase?.loaOffered != nil else { return nil }
    var gate = GatedFacts.Gate(
      kind: .offerLOA, program: program, what: "an LOA amendment (line \(line.number), \(line.value.compact))"
    )
    gate.amount = line.value
    return gate
  }
}

extension EDAAllocated: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    var gate = GatedFacts.Gate(kind: .allocateEDA, program: program, what: "EDA allocation \(allocation)")
    gate.amount = articlesValue(articles)
    return gate
  }
}

extension TransferDelivered: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    GatedFacts.Gate(
      kind: .deliver, program: program, what: "a delivery of \(quantity) × \(item) from \(transfer)")
  }
}

extension IMETEnrolled: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    var gate = GatedFacts.Gate(
      kind: .enrollIMET, program: program, amount: cost, what: "an enrolment of \(students) in \(course)")
    gate.course = course
    gate.students = students
    return gate
  }
}

extension ProgramSunsetChanged: RequestedFact {
  public func carrying(out request: String) -> any EventPayload { with { $0.request = request } }
  public func gate(in p: Portfolio) -> GatedFacts.Gate? {
    GatedFacts.Gate(kind: .extendSunset, program: program, until: sunset, what: "a new sunset \(sunset)")
  }
}

extension EventPayload {
  /// A copy with `change` made (a fact naming its request, say).
  func with(_ change: (inout Self) -> Void) -> Self {
    var copy = self
    change(&copy)
    return copy
  }
}

/// `text` as one shell word, quoted when it holds anything but letters, digits and -._/.
func shellWord(_ text: String) -> String {
  let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-._/".contains($0) }
  return plain ? text : "'" + text.replacing("'", with: "'\\''") + "'"
}

/// " (request RQ-0001)" or " (reported by ForeignAssistance.gov)" for summaries.
func requestNote(_ request: String?, _ source: String?) -> String {
  if let request { return " (request \(request))" }
  if let source { return " (reported by \(source))" }
  return ""
}
