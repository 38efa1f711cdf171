import Portfolio

/// What a desk officer hands up about one partner on one day (`sapm brief`): the
/// authorities with this fiscal year's figures, money by fiscal year, FMS cases against
/// their §36(b) thresholds, open alerts by severity, the next 90 days' deadlines and the
/// requests waiting. The figures are the portfolio's own — those `sapm export` writes.
public struct Brief: Sendable {
  public struct Authority: Sendable, Hashable {
    public var kind: ProgramKind
    public var programs: Int
    public var available: Dollars
    public var obligated: Dollars
    public var disbursed: Dollars
  }

  public struct Year: Sendable, Hashable {
    public var fiscalYear: Int
    public var available: Dollars
    public var obligated: Dollars
    public var disbursed: Dollars
    /// Left unobligated when the year's availability ended (the fiscal year's close).
    public var lapsed: Dollars = .zero
  }

  public struct Deadline: Sendable, Hashable {
    public var day: Day
    public var what: String
  }

  public struct Waiting: Sendable, Hashable {
    public var id: String
    public var title: String
    public var amount: Dollars
    public var state: String
    public var whoActs: String
  }

  public var partner: Partner
  public var day: Day
  public var fiscalYear: Int
  public var authorities: [Authority]
  public var years: [Year]
  public var cases: [CaseNotification]
  /// Open alerts, most severe first.
  public var alerts: [Alert]
  public var deadlines: [Deadline]
  public var waiting: [Waiting]
  public var redacted: Bool

  /// "0 critical, 2 warning, 1 info": the open alerts counted by severity, most severe first.
  var alertCounts: String {
    Severity.allCases.reversed().map { s in "\(alerts.filter { $0.severity == s }.count) \(s.name)" }
      .joined(separator: ", ")
  }

  /// The brief of `code` in `portfolio` on `day`; `redaction` hides what the kiosk hides.
  public init?(_ portfolio: Portfolio, partner code: String, day: Day, redaction: Redaction? = nil) {
    let p = redaction.map { $0.apply(to: portfolio) } ?? portfolio
    guard let partner = p.partners[code] else { return nil }
    self.partner = partner
    self.day = day
    fiscalYear = day.fiscalYear
    redacted = redaction != nil
    let programs = p.programs(of: code)
    // Money as reported (an import) and as recorded (this office's own) alike: the
    // figures `sapm export` writes, per fiscal year.
    var byYear: [Int: Year] = [:]
    var byKind: [ProgramKind: Authority] = [:]
    for program in programs {
      var authority =
        byKind[program.kind]
        ?? Authority(kind: program.kind, programs: 0, available: .zero, obligated: .zero, disbursed: .zero)
      authority.programs += 1
      // Recorded years and reported ones alike (a reported year has no availability).
      let figures =
        program.funding.map { ($0.fiscalYear, $0.available, $0.obligated, $0.disbursed, $0.lapsed(on: day)) }
        + program.reported.map { ($0.fiscalYear, Dollars.zero, $0.obligated, $0.disbursed, Dollars.zero) }
      for (year, available, obligated, disbursed, lapsed) in figures {
        var y = byYear[year] ?? Year(fiscalYear: year, available: .zero, obligated: .zero, disbursed: .zero)
        y.available = y.available + available
        y.obligated = y.obligated + obligated
        y.disbursed = y.disbursed + disbursed
        y.lapsed = y.lapsed + lapsed
        byYear[year] = y
        if year == fiscalYear {
          authority.available = authority.available + available
          authority.obligated = authority.obligated + obligated
          authority.disbursed = authority.disbursed + disbursed
        }
      }
      byKind[program.kind] = authority
    }
    authorities = byKind.values.sorted { $0.kind.rawValue < $1.kind.rawValue }
    years = byYear.values.sorted { $0.fiscalYear < $1.fiscalYear }
    cases = programs.compactMap { p.caseNotification($0.id) }.sorted { $0.identifier < $1.identifier }
    let all = p.alerts(on: day).filter { $0.subject.partner == code && $0.isOpen }
    alerts = (redaction.map { r in all.map { r.apply(to: $0) } } ?? all)
      .sorted { ($0.severity.rawValue, $1.began) > ($1.severity.rawValue, $0.began) }
    // The next 90 days: availability ending, sunsets, CN holds ending.
    let horizon = day.adding(days: 90)
    var deadlines: [Deadline] = []
    for line in p.expiring(within: 90, on: day, partner: code) {
      deadlines.append(
        Deadline(
          day: line.availableUntil,
          what: "\(line.program) FY\(line.fiscalYear): \(line.unobligated.compact) unobligated lapses"))
    }
    for program in programs where program.status.isLive {
      if let sunset = program.sunset, sunset >= day, sunset <= horizon {
        deadlines.append(Deadline(day: sunset, what: "\(program.id) reaches its sunset"))
      }
    }
    // Congressional notifications whose 15-day hold ends: obligations may follow the day after.
    for n in p.notifications(of: code) {
      guard case .waiting(let until) = n.status(on: day, policy: p.policy), until <= horizon else { continue }
      deadlines.append(
        Deadline(
          day: until,
          what:
            "\(n.number) (\(n.account) FY\(n.fiscalYear) \(n.amount.compact)) hold ends; obligations from \(until.adding(days: 1))"
        ))
    }
    self.deadlines = deadlines.sorted { ($0.day, $0.what) < ($1.day, $1.what) }
    let ids = Set(programs.map(\.id))
    waiting = p.requests.values.filter { ids.contains($0.program) && $0.state.isOpen }
      .sorted { $0.id < $1.id }
      .map { r in
        let left = max(0, r.approvalsNeeded - r.approvals.count)
        let who =
          r.state == .approved
          ? "the requester executes it"
          : left > 0 ? "\(left) more approval\(left == 1 ? "" : "s")" : "the requester"
        return Waiting(
          id: r.id, title: "\(r.kind.title) · \(r.program)", amount: r.amount, state: r.state.rawValue,
          whoActs: who)
      }
  }
}
