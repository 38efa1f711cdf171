/// Figures a file reports for one program in one fiscal year, with what is needed to
/// create the partner and the program if the store has neither.
public struct ReportedFigures: Sendable, Hashable {
  public var partner: String
  public var partnerName: String
  public var region: Region
  public var tier: NotificationTier
  public var program: String
  public var kind: ProgramKind
  public var title: String
  public var status: ProgramStatus
  public var start: Day
  public var sunset: Day?
  /// Nil: a program with no funds (it is created, nothing else).
  public var fiscalYear: Int?
  public var available: Dollars
  public var committed: Dollars
  public var obligated: Dollars
  public var disbursed: Dollars
  public var availableUntil: Day?
  /// The ID an earlier build gave the same program (its account twice): a store
  /// imported then keeps its programs, and a later file updates them.
  public var formerProgram: String?
  /// Figures as the source reports them (ForeignAssistance.gov): recorded as reported
  /// history (`funds.reported`), not as availability and obligations.
  public var asReported = false

  public init(
    partner: String, partnerName: String, region: Region, tier: NotificationTier, program: String,
    kind: ProgramKind, title: String, status: ProgramStatus = .active, start: Day, sunset: Day? = nil,
    fiscalYear: Int?, available: Dollars, committed: Dollars = .zero, obligated: Dollars, disbursed: Dollars,
    availableUntil: Day? = nil, formerProgram: String? = nil
  ) {
    self.formerProgram = formerProgram
    self.partner = partner
    self.partnerName = partnerName
    self.region = region
    self.tier = tier
    self.program = program
    self.kind = kind
    self.title = title
    self.status = status
    self.start = start
    self.sunset = sunset
    self.fiscalYear = fiscalYear
    self.available = available
    self.committed = committed
    self.obligated = obligated
    self.disbursed = disbursed
    self.availableUntil = availableUntil
  }
}

/// An import: the store brought to the figures a file reports, as one batch.
///
/// It records only the difference between what the store holds and what the file
/// says, so importing the same file twice adds nothing, and a later edition adds only
/// what changed. The batch is checked like any `sapm record` batch — every event by
/// its rules and by the fold, all or nothing — and, decided again under the lock,
/// it is computed against the store as it then stands.
public struct ImportFigures: Command {
  public var figures: [ReportedFigures]
  /// Marks the funds it makes available ("imported: ForeignAssistance.gov").
  public var source: String

  public init(_ figures: [ReportedFigures], source: String) {
    self.figures = figures
    self.source = source
  }

  public var title: String { "import \(figures.count) program-year figure\(figures.count == 1 ? "" : "s")" }

  /// What an import would record, and what it notices but cannot record.
  public struct Plan: Sendable {
    public var events: [(origin: String, event: any EventPayload)] = []
    /// Figures the store holds above what the file reports (availability and
    /// disbursements are never lowered by an import).
    public var notes: [String] = []
    public var newPartners = 0
    public var newPrograms = 0
  }

  public func plan(_ p: Portfolio, today: Day) -> Plan {
    var plan = Plan()
    var partners = Set<String>()
    var programs = Set<String>()
    // Reported history counts from the first day the file reports it (`effectiveDay`):
    // a program from its start or its first year's end, whichever is earlier; a
    // partner from its earliest program.
    var firstReported: [String: Day] = [:]
    for f in figures where f.asReported {
      let day = min(f.start, f.fiscalYear.map(Day.endOfFiscalYear) ?? f.start)
      firstReported[f.program] = min(firstReported[f.program] ?? day, day)
      firstReported["partner " + f.partner] = min(firstReported["partner " + f.partner] ?? day, day)
    }
    for var f in figures {
      if p.programs[f.program] == nil, let former = f.formerProgram, p.programs[former] != nil {
        f.program = former
      }
      let origin = f.fiscalYear.map { "\(f.program) FY\($0)" } ?? f.program
      if p.partners[f.partner] == nil, partners.insert(f.partner).inserted {
        plan.events.append(
          (
            origin,
            PartnerRegistered(
              code: f.partner, name: f.partnerName, region: f.region, tier: f.tier,
              reported: firstReported["partner " + f.partner])
          ))
        plan.newPartners += 1
      }
      if p.programs[f.program] == nil, programs.insert(f.program).inserted {
        plan.events.append(
          (
            origin,
            ProgramCreated(
              id: f.program, partner: f.partner, kind: f.kind, title: f.title, status: f.status,
              start: f.start,
              sunset: f.sunset, reported: firstReported[f.program])
          ))
        plan.newPrograms += 1
      } else if f.asReported, f.status == .closed, p.programs[f.program]?.status == .active,
        programs.insert(f.program).inserted
      {
        // A later edition says the activity has ended: the program imported as active closes.
        plan.events.append(
          (
            origin,
            ProgramStatusChanged(
              program: f.program, status: .closed, reason: "its activity has ended (\(source))")
          ))
      }
      guard let fy = f.fiscalYear else { continue }
      if f.asReported {
        let known = p.programs[f.program]?.reported.first { $0.fiscalYear == fy }
        if known?.obligated != f.obligated || known?.disbursed != f.disbursed {
          plan.events.append(
            (
              origin,
              FundsReported(
                program: f.program, fiscalYear: fy, obligated: f.obligated, disbursed: f.disbursed,
                source: source)
            ))
        }
        continue
      }
      let line = p.programs[f.program]?.funding.first { $0.fiscalYear == fy }
      let a = line?.available ?? .zero
      let c = line?.committed ?? .zero
      let o = line?.obligated ?? .zero
      let d = line?.disbursed ?? .zero
      if f.available > a {
        plan.events.append(
          (
            origin,
            FundsMadeAvailable(
              program: f.program, fiscalYear: fy, amount: f.available - a,
              availableUntil: line == nil ? f.availableUntil : nil, source: source)
          ))
      } else if f.available < a {
        plan.notes.append("\(origin): the store has \(a) available, the file \(f.available); left as it is")
      }
      if f.committed > c {
        plan.events.append(
          (
            origin,
            FundsCommitted(program: f.program, fiscalYear: fy, amount: f.committed - c, source: source)
          ))
      }
      if f.obligated != o {
        let until = line?.availableUntil ?? f.availableUntil ?? Day.endOfFiscalYear(fy)
        let on = min(today, min(until, Day.endOfFiscalYear(fy)))
        plan.events.append(
          (
            origin,
            FundsObligated(
              program: f.program, fiscalYear: fy, amount: f.obligated - o, on: on, source: source)
          ))
      }
      if f.disbursed > d {
        plan.events.append(
          (
            origin,
            FundsDisbursed(
              program: f.program, fiscalYear: fy, amount: f.disbursed - d,
              on: min(today, Day.endOfFiscalYear(fy)))
          ))
      } else if f.disbursed < d {
        plan.notes.append("\(origin): the store has \(d) disbursed, the file \(f.disbursed); left as it is")
      }
    }
    return plan
  }

  public func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    let plan = plan(portfolio, today: today)
    return RecordEvents(plan.events).decide(portfolio, actor: actor, today: today)
  }
}
