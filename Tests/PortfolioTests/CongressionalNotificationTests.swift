import Testing

@testable import Portfolio

/// Congressional notifications of funds (issue 29, item 2): FMF, IMET and PKO money is
/// obligated only as far as cleared CNs cover it; the 15-day period and a committee's
/// hold are computed; cn-required and cn-hold fire at their edges.
@Suite struct CongressionalNotificationTests {
  /// Poland's FMF program P1 with $500M of FY2025 money, officers and two approvers,
  /// and a $50M release (RQ-0001) submitted on 2024-11-01.
  static func office(amount: Dollars = .million(50)) -> Ledger {
    var l = Ledger()
    l.add(StoreCreated(name: "t", demo: false), on: "2024-01-01", actor: "boss")
    for (user, role) in [("olga", Role.officer), ("anna", .approver), ("ben", .approver)] {
      l.add(RoleGranted(user: user, role: role), on: "2024-01-01", actor: "boss")
    }
    l.add(PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5), on: "2024-01-01")
    l.add(
      ProgramCreated(id: "P1", partner: "PL", kind: .fmf, title: "FMF", start: l.day("2024-10-01")),
      on: "2024-10-01")
    l.add(
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2025, amount: .million(500), availableUntil: l.day("2026-09-30")),
      on: "2024-10-01")
    l.add(
      RequestRaised(
        id: "RQ-0001", program: "P1", kind: .releaseFunds, amount: amount, fiscalYear: 2025, summary: "spares"
      ),
      on: "2024-11-01", actor: "olga")
    l.add(RequestStepTaken(id: "RQ-0001", program: "P1", state: .submitted), on: "2024-11-01", actor: "olga")
    return l
  }

  static func cn(_ number: String, _ amount: Dollars, on day: String, fy: Int = 2025) -> CNTransmitted {
    CNTransmitted(
      number: number, partner: "PL", account: "FMF", fiscalYear: fy, amount: amount, purpose: "FY\(fy) FMF",
      on: Day(day) ?? Day(ordinal: 0))
  }

  @discardableResult
  static func act(_ l: inout Ledger, _ c: any Command, _ actor: String, on day: String) -> [String] {
    switch c.decide(l.portfolio, actor: actor, today: l.day(day)) {
    case .reject(let r): return r.reasons
    case .accept(let events):
      for e in events { l.add(e, on: day, actor: actor) }
      return []
    }
  }

  static func cnCheck(_ l: Ledger, on day: String) -> RequestCheck? {
    guard let r = l.portfolio.requests["RQ-0001"] else { return nil }
    return l.portfolio.checks(for: r, on: l.day(day)).first { $0.kind == .congress }
  }

  /// No CN: refused, naming the CN to transmit. Transmitted on D: refused through D+15
  /// (the hold named with its end), approved and executed on D+16; the obligation lands.
  @Test func anObligationWaitsForAClearedCNThenLands() throws {
    var l = Self.office()
    let refused = Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna", on: "2024-11-02")
    #expect(
      refused == [
        "CN: Poland FMF FY2025: $0 obligated + $50.0M asked is $50.0M against $0 cleared by CNs; transmit a CN of $50.0M for Poland FMF FY2025 15 days before obligating (FAA §634A)"
      ], "\(refused)")
    l.add(Self.cn("CN 25-117", .million(80), on: "2024-11-04"), on: "2024-11-04", actor: "olga")
    for day in ["2024-11-04", "2024-11-12", "2024-11-19"] {
      let check = try #require(Self.cnCheck(l, on: day))
      #expect(check.failed, "\(day)")
      #expect(
        check.detail.contains("CN 25-117 ($80.0M) is on its 15-day hold until 2024-11-19"), "\(check.detail)")
      #expect(!check.detail.contains("transmit"), "the CN transmitted covers it: nothing more to send")
    }
    #expect(!Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna", on: "2024-11-19").isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna", on: "2024-11-20").isEmpty)
    let pass = try #require(Self.cnCheck(l, on: "2024-11-20"))
    #expect(pass.outcome == .pass)
    #expect(pass.detail == "Poland FMF FY2025: $0 obligated + $50.0M asked within $80.0M cleared (CN 25-117)")
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .executed), "olga", on: "2024-11-20").isEmpty)
    #expect(l.portfolio.programs["P1"]?.funding.first?.obligated == .million(50))
    let key = AccountYear(partner: "PL", account: "FMF", fiscalYear: 2025)
    #expect(l.portfolio.figures(of: key).obligated == .million(50))
  }

  /// What is obligated already counts: a second release beyond the CN's rest is refused.
  @Test func theClearedAmountCoversWhatIsObligatedAndWhatIsAsked() throws {
    var l = Self.office(amount: .million(60))
    l.add(Self.cn("CN 25-001", .million(100), on: "2024-10-02"), on: "2024-10-02")
    l.executedRelease("H-1", fiscalYear: 2025, amount: .million(50), on: "2024-10-20")
    l.add(
      FundsObligated(
        program: "P1", fiscalYear: 2025, amount: .million(50), on: l.day("2024-10-20"), request: "H-1"),
      on: "2024-10-20")
    let check = try #require(Self.cnCheck(l, on: "2024-11-02"))
    #expect(check.failed)
    #expect(
      check.detail
        == "Poland FMF FY2025: $50.0M obligated + $60.0M asked is $110.0M against $100.0M cleared by CNs; transmit a CN of $10.0M for Poland FMF FY2025 15 days before obligating (FAA §634A)"
    )
    // Another account's or year's CN does not count.
    l.add(Self.cn("CN 26-001", .million(500), on: "2024-10-02", fy: 2026), on: "2024-10-02")
    #expect(try #require(Self.cnCheck(l, on: "2024-11-02")).failed)
  }

  /// A committee's hold stops the CN covering until it is lifted; a withdrawn CN
  /// covers nothing from its day.
  @Test func aHeldCNWaitsForItsLiftingAndAWithdrawnOneCoversNothing() throws {
    var l = Self.office()
    l.add(Self.cn("CN 25-117", .million(80), on: "2024-10-10"), on: "2024-10-10")
    l.add(CNHeld(number: "CN 25-117", on: l.day("2024-10-20"), by: "SFRC"), on: "2024-10-20")
    let held = try #require(Self.cnCheck(l, on: "2024-11-02"))
    #expect(held.failed)
    #expect(held.detail.contains("CN 25-117 ($80.0M) is held by SFRC since 2024-10-20"), "\(held.detail)")
    l.add(CNCleared(number: "CN 25-117", on: l.day("2024-11-05")), on: "2024-11-05")
    #expect(try #require(Self.cnCheck(l, on: "2024-11-04")).failed, "held until the day it is lifted")
    #expect(try #require(Self.cnCheck(l, on: "2024-11-05")).outcome == .pass)
    l.add(CNWithdrawn(number: "CN 25-117", on: l.day("2024-11-10"), reason: "superseded"), on: "2024-11-10")
    #expect(try #require(Self.cnCheck(l, on: "2024-11-09")).outcome == .pass)
    #expect(try #require(Self.cnCheck(l, on: "2024-11-10")).failed)
    let n = try #require(l.portfolio.notifications["CN 25-117"])
    #expect(
      n.status(on: l.day("2024-11-10"), policy: l.portfolio.policy) == .withdrawn(on: l.day("2024-11-10")))
  }

  /// A lifted hold does not shorten the 15 days.
  @Test func liftingAHoldEarlyDoesNotShortenThePeriod() throws {
    var l = Self.office()
    l.add(Self.cn("CN 25-117", .million(80), on: "2024-11-01"), on: "2024-11-01")
    l.add(CNHeld(number: "CN 25-117", on: l.day("2024-11-03"), by: "HFAC"), on: "2024-11-03")
    l.add(CNCleared(number: "CN 25-117", on: l.day("2024-11-05")), on: "2024-11-05")
    let n = try #require(l.portfolio.notifications["CN 25-117"])
    let policy = l.portfolio.policy
    #expect(n.status(on: l.day("2024-11-05"), policy: policy) == .waiting(until: l.day("2024-11-16")))
    #expect(n.status(on: l.day("2024-11-17"), policy: policy) == .cleared(since: l.day("2024-11-17")))
  }

  /// The period is a policy value: 30 days set by policy moves the edge.
  @Test func theWaitIsAPolicyValue() throws {
    var l = Self.office()
    l.add(PolicyChanged(setting: "cn.wait.days", value: 30, reason: "test"), on: "2024-10-05", actor: "boss")
    #expect(l.portfolio.policy.cnWaitDays == 30)
    l.add(Self.cn("CN 25-117", .million(80), on: "2024-11-01"), on: "2024-11-01")
    #expect(try #require(Self.cnCheck(l, on: "2024-12-01")).failed)
    #expect(try #require(Self.cnCheck(l, on: "2024-12-02")).outcome == .pass)
  }

  /// Only FMF, IMET and PKO money is held to CNs; other kinds say so.
  @Test func otherAccountsNeedNoCN() throws {
    var l = Ledger.withProgram(kind: .securityCooperation, start: "2024-01-01")
    l.add(
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2025, amount: .million(10), availableUntil: l.day("2026-09-30")),
      on: "2024-10-01")
    l.add(
      RequestRaised(
        id: "RQ-1", program: "P1", kind: .releaseFunds, amount: .million(5), fiscalYear: 2025, summary: "x"),
      on: "2024-11-01")
    let r = try #require(l.portfolio.requests["RQ-1"])
    let check = try #require(
      l.portfolio.checks(for: r, on: l.day("2024-11-02")).first { $0.kind == .congress })
    #expect(check.outcome == .notApplicable)
    #expect(check.detail == "no FMF, IMET or PKO money obligated")
    // An imported PKO program is held to them (its account is in its ID).
    let p = Ledger.withProgram(kind: .securityCooperation, id: "PL-PKO-0001-001")
    #expect(p.portfolio.programs["PL-PKO-0001-001"]?.notifiedAccount == "PKO")
    #expect(l.portfolio.programs["P1"]?.notifiedAccount == nil)
  }

  /// cn-required: a warning while money is committed beyond the CNs transmitted, critical
  /// once obligated beyond the cleared ones; cn-hold: info from the day transmitted to
  /// the period's last day, and the program's next change is the day after it.
  @Test func theAlertsFireAtTheirEdges() throws {
    var l = Self.office()
    l.executedRelease("H-1", fiscalYear: 2025, amount: .million(30), on: "2024-10-20")
    l.add(
      FundsCommitted(program: "P1", fiscalYear: 2025, amount: .million(30), request: "H-1"), on: "2024-10-20")
    func alerts(_ day: String) -> [Alert] {
      l.portfolio.alerts(forProgram: "P1", on: l.day(day)).filter {
        $0.rule == .cnRequired || $0.rule == .cnHold
      }
    }
    let committed = alerts("2024-10-21")
    #expect(committed.map(\.severity) == [.warning], "\(committed)")
    #expect(
      committed.first?.message
        == "Poland FMF FY2025: $30.0M committed, CNs transmitted cover $0; transmit a CN of $30.0M at least 15 days before obligating"
    )
    // A record written without the check (history, another tool): critical.
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(30), on: l.day("2024-10-22")),
      on: "2024-10-22")
    let obligated = alerts("2024-10-23")
    #expect(obligated.map(\.severity) == [.critical], "\(obligated)")
    #expect(obligated.first?.message.contains("$30.0M obligated without a cleared CN") == true)
    l.add(Self.cn("CN 25-117", .million(40), on: "2024-11-01"), on: "2024-11-01")
    let holding = alerts("2024-11-01")
    #expect(Set(holding.map(\.rule)) == [.cnRequired, .cnHold])
    let hold = try #require(holding.first { $0.rule == .cnHold })
    #expect(hold.severity == .info && hold.id.description == "cn-hold/P1/CN 25-117")
    #expect(
      hold.message
        == "CN 25-117 (FMF FY2025 $40.0M) transmitted 2024-11-01; 15-day hold until 2024-11-16, obligations from 2024-11-17: FY2025 FMF"
    )
    #expect(alerts("2024-11-16").map(\.rule).sorted { $0.rawValue < $1.rawValue } == [.cnHold, .cnRequired])
    #expect(alerts("2024-11-17").isEmpty, "cleared on the 16th day: covered, and no hold")
    let next = l.portfolio.evaluate(programID: "P1", on: l.day("2024-11-16"), messages: false).nextChange
    #expect(next == l.day("2024-11-17"))
  }

  /// The tracker: needed first (largest first), then holds, then cleared and withdrawn.
  @Test func theTrackerListsNeededHoldsAndCleared() throws {
    var l = Self.office(amount: .million(120))
    l.add(Self.cn("CN 25-001", .million(50), on: "2024-10-02"), on: "2024-10-02")
    l.add(Self.cn("CN 25-002", .million(20), on: "2024-10-30"), on: "2024-10-30")
    l.add(Self.cn("CN 25-003", .million(5), on: "2024-10-03"), on: "2024-10-03")
    l.add(CNWithdrawn(number: "CN 25-003", on: l.day("2024-10-04"), reason: "typo"), on: "2024-10-04")
    let lines = l.portfolio.cnLines(on: l.day("2024-11-02"))
    #expect(lines.map(\.state) == [.needed, .hold, .cleared, .withdrawn], "\(lines)")
    #expect(lines[0].amount == .million(50))
    #expect(
      lines[0].text
        == "$0 obligated, $120.0M asked by open requests; CNs transmitted cover $70.0M — transmit a CN of $50.0M"
    )
    #expect(lines[1].number == "CN 25-002" && lines[1].day == l.day("2024-11-14"))
    #expect(lines[2].number == "CN 25-001")
    #expect(l.portfolio.cnLines(on: l.day("2024-11-02"), partner: "UA").isEmpty)
  }

  /// What the commands refuse before the fold sees it.
  @Test func badCNsAreRefusedWithTheirReason() {
    let l = Self.office()
    let today = l.day("2024-11-02")
    var bad = Self.cn(" ", .zero, on: "2024-12-01")
    bad.account = "NADR"
    bad.purpose = ""
    let reasons = bad.problems(in: l.portfolio, actor: "olga", today: today)
    #expect(
      reasons == [
        "the transmittal date 2024-12-01 is in the future (today is 2024-11-02)",
        "a CN needs its number, e.g. CN 26-117", "account 'NADR': sapm tracks CNs of FMF, IMET, PKO",
        "a CN's amount must be more than $0", "say what the CN notifies (its purpose)",
      ], "\(reasons)")
    #expect(
      CNHeld(number: "CN 9", on: today, by: "SFRC").problems(in: l.portfolio, actor: "olga", today: today)
        == [
          "no congressional notification 'CN 9' is recorded (0 are)"
        ])
  }

  /// A checkpoint keeps the CNs and rebuilds what each account-year obligated.
  @Test func aSnapshotKeepsTheNotifications() throws {
    var l = Self.office()
    l.add(Self.cn("CN 25-117", .million(80), on: "2024-10-02"), on: "2024-10-02")
    l.add(CNHeld(number: "CN 25-117", on: l.day("2024-10-05"), by: "SFRC"), on: "2024-10-05")
    l.executedRelease("H-1", fiscalYear: 2025, amount: .million(30), on: "2024-10-20")
    l.add(
      FundsObligated(
        program: "P1", fiscalYear: 2025, amount: .million(30), on: l.day("2024-10-20"), request: "H-1"),
      on: "2024-10-20")
    let restored = Portfolio(snapshot: l.portfolio.snapshot())
    #expect(restored.notifications == l.portfolio.notifications)
    #expect(restored.notificationsByPartner == l.portfolio.notificationsByPartner)
    #expect(restored.accountYears == l.portfolio.accountYears)
    #expect(
      restored.accountYears[AccountYear(partner: "PL", account: "FMF", fiscalYear: 2025)]?.obligated
        == .million(30))
  }
}
