import Testing

@testable import Portfolio

/// The authorities outside FMS and FMF at their edges: drawdown authority and
/// packages, USAI notification before obligation, §333 notification and human-rights
/// training, EDA notification before delivery, deliveries, findings, informal review.
@Suite struct AuthorityTests {
  /// The event's own rules' reasons (a gated fact's need of a request is tested apart).
  static func refusals(_ l: Ledger, _ event: any EventPayload, today: String) -> [String] {
    if case .reject(let r) = RecordEvents([("", event)]).decide(
      l.portfolio, actor: "tester", today: l.day(today))
    {
      return r.reasons.filter { !$0.contains("is written only by executing") }
    }
    return []
  }

  func drawdown(authority: Dollars = .million(100)) -> Ledger {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .pda, start: "2024-10-01")
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: authority), on: "2024-10-01")
    return l
  }

  func package(
    _ id: String = "PK1", value: Dollars, on day: String, quantity: Int = 10, fiscalYear: Int = 2025
  )
    -> DrawdownPackageAnnounced
  {
    // On the program's own authority (an act's), not §506(a)(1)'s annual cap.
    DrawdownPackageAnnounced(
      program: "P1", package: id, title: "Package", fiscalYear: fiscalYear,
      determined: Day(day) ?? .init(ordinal: 0), basis: "FAA §506(a)(1), P.L. 118-50",
      articles: [TransferLine(item: "Javelin missiles", quantity: quantity, value: value, sme: true)])
  }

  /// FAA §506(a)(1)'s annual cap is one figure for every partner: two partners'
  /// packages draw on the same $100M, the third that would pass it is refused, and both
  /// programs carry the alert once 90% is drawn.
  @Test func theAnnualCapIsSharedByEveryPartner() throws {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .pda, start: "2024-10-01")
    l.add(PartnerRegistered(code: "TW", name: "Taiwan", region: .indoPacific, tier: .other), on: "2024-10-01")
    l.add(
      ProgramCreated(id: "P2", partner: "TW", kind: .pda, title: "Drawdowns", start: l.day("2024-10-01")),
      on: "2024-10-01")
    func onCap(_ program: String, _ id: String, _ value: Dollars, _ day: String) -> DrawdownPackageAnnounced {
      DrawdownPackageAnnounced(
        program: program, package: id, title: "Package", fiscalYear: 2025, determined: l.day(day),
        basis: "FAA §506(a)(1)", articles: [TransferLine(item: "Ammunition", quantity: 1, value: value)])
    }
    l.add(onCap("P1", "UA-1", .million(60), "2025-01-10"), on: "2025-01-10")
    #expect(!l.rules(on: "2025-01-20").contains(.drawdownAuthorityUsed))
    l.add(onCap("P2", "TW-1", .million(30), "2025-02-01"), on: "2025-02-01")
    #expect(l.portfolio.annualDrawdownUsed(2025) == .million(90))
    for program in ["P1", "P2"] {
      let a = try #require(
        l.alerts(on: "2025-02-02").first {
          $0.rule == .drawdownAuthorityUsed && $0.subject.program == program
        })
      #expect(a.id.detail == "506a1-FY2025" && a.began == l.day("2025-02-01"), "\(a.id)")
      #expect(a.message.contains("90% used"), "\(a.message)")
    }
    #expect(!l.rules(on: "2025-10-01").contains(.drawdownAuthorityUsed), "the year is over")
    // $10M left for every partner: a dollar more is refused, whichever partner.
    #expect(Self.refusals(l, onCap("P1", "UA-2", .million(10), "2025-03-01"), today: "2025-03-01").isEmpty)
    let over = Self.refusals(
      l, onCap("P1", "UA-2", .million(10) + Dollars(1), "2025-03-01"), today: "2025-03-01")
    #expect(over.contains { $0.contains("exceeds what is left of FAA §506(a)(1)'s FY2025 cap") }, "\(over)")
    // The program's own funding is untouched: the cap is not its money.
    #expect(l.portfolio.programs["P1"]?.funding.isEmpty == true)
    #expect(l.portfolio.programs["P1"]?.value == .million(60))
  }

  // MARK: Presidential drawdown

  @Test func aPackageCountsAgainstTheYearsAuthority() throws {
    var l = drawdown()
    l.add(package(value: .million(60), on: "2025-01-10"), on: "2025-01-10")
    let line = try #require(l.portfolio.programs["P1"]?.funding.first)
    #expect(line.obligated == .million(60))
    #expect(l.portfolio.programs["P1"]?.value == .million(60))  // the packages, not the cap
    // $40M left: $40M fits, a dollar more does not.
    #expect(
      Self.refusals(l, package("PK2", value: .million(40), on: "2025-02-01"), today: "2025-02-01").isEmpty)
    let over = Self.refusals(
      l, package("PK2", value: .million(40) + Dollars(1), on: "2025-02-01"), today: "2025-02-01")
    #expect(over.contains { $0.contains("exceeds what is left") && $0.contains("$40.0M") }, "\(over)")
    // After the authority's year, and for a year without authority.
    #expect(
      Self.refusals(l, package("PK3", value: .million(1), on: "2025-10-01"), today: "2025-10-02").contains {
        $0.contains("could be used until 2025-09-30")
      })
    #expect(
      Self.refusals(
        l, package("PK3", value: .million(1), on: "2025-10-01", fiscalYear: 2026), today: "2025-10-02"
      )
      .contains { $0.contains("no FY2026 drawdown authority") })
  }

  @Test func packagesBelongOnDrawdownPrograms() {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .fmf)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(100)), on: "2024-10-01")
    l.add(package(value: .million(1), on: "2025-01-10"), on: "2025-01-10")
    #expect(l.portfolio.programs["P1"]?.transfers.isEmpty == true)
    #expect(l.portfolio.skipped.last?.reason.contains("belongs on a PDA program") == true)
  }

  @Test(arguments: [(Dollars.million(90), true), (Dollars.million(90) - Dollars(1), false)])
  func authorityNearlyUsedAtNinetyPercent(used: Dollars, fires: Bool) {
    var l = drawdown()
    l.add(package(value: used, on: "2025-03-01"), on: "2025-03-01")
    let alert = l.alerts(on: "2025-03-01").first { $0.rule == .drawdownAuthorityUsed }
    #expect((alert != nil) == fires)
    if fires {
      #expect(alert?.began.description == "2025-03-01")
      #expect(alert?.message.contains("90% used") == true)
    }
    // Once the year's authority has lapsed the warning has nothing left to warn of.
    #expect(!l.rules(on: "2025-10-01").contains(.drawdownAuthorityUsed))
  }

  @Test func aPackageLagsAfterItsDeliveryWindow() {
    var l = drawdown()
    l.add(package(value: .million(10), on: "2025-01-01"), on: "2025-01-01")
    l.add(
      TransferDelivered(
        program: "P1", transfer: "PK1", item: "Javelin missiles", quantity: 4, on: l.day("2025-02-01")),
      on: "2025-02-01")
    // 120 days: 2025-05-01 is the last day inside the window.
    #expect(!l.rules(on: "2025-05-01").contains(.deliveryLag))
    let lag = l.alerts(on: "2025-05-02").first { $0.rule == .deliveryLag }
    #expect(lag?.message.contains("40% of $10.0M delivered") == true)
    #expect(lag?.began.description == "2025-05-02")
    // A drawdown's lag is delivery, not disbursement.
    #expect(!l.rules(on: "2026-01-01").contains(.disbursementLag))
    l.add(
      TransferDelivered(
        program: "P1", transfer: "PK1", item: "Javelin missiles", quantity: 6, on: l.day("2025-06-01")),
      on: "2025-06-01")
    #expect(!l.rules(on: "2025-06-01").contains(.deliveryLag))
    #expect(l.portfolio.programs["P1"]?.transfers.first?.isDelivered == true)
  }

  @Test func deliveriesCannotExceedOrPrecede() {
    var l = drawdown()
    l.add(package(value: .million(10), on: "2025-01-01"), on: "2025-01-01")
    l.add(
      TransferDelivered(
        program: "P1", transfer: "PK1", item: "Javelin missiles", quantity: 11, on: l.day("2025-02-01")),
      on: "2025-02-01")
    #expect(l.portfolio.programs["P1"]?.transfers.first?.articles.first?.delivered == 0)
    #expect(l.portfolio.skipped.last?.reason.contains("11 of 10 delivered") == true)
    let early = Self.refusals(
      l,
      TransferDelivered(
        program: "P1", transfer: "PK1", item: "Javelin missiles", quantity: 1, on: l.day("2024-12-31")),
      today: "2025-02-01")
    #expect(early.contains { $0.contains("before it") })
  }

  // MARK: USAI

  func usai(noticeOn: String, notified: Dollars = .million(100), contract: Dollars = .million(100)) -> Ledger
  {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .usai, start: "2024-10-01")
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(300)), on: "2024-10-01")
    l.add(
      CongressNotified(program: "P1", reference: "CN-1", on: l.day(noticeOn), amount: notified), on: noticeOn)
    l.add(
      USAIContractAwarded(
        program: "P1", contract: "C1", title: "Counter-UAS", fiscalYear: 2025, awarded: l.day("2025-03-16"),
        articles: [TransferLine(item: "Counter-UAS systems", quantity: 4, value: contract)]), on: "2025-03-16"
    )
    return l
  }

  @Test func usaiObligationsNeedNotificationFifteenDaysBefore() {
    // Award 2025-03-16: notified 2025-03-01 (15 days) is in time, 2025-03-02 is not.
    #expect(!usai(noticeOn: "2025-03-01").rules(on: "2025-03-16").contains(.usaiNotification))
    let late = usai(noticeOn: "2025-03-02").alerts(on: "2025-03-16").first { $0.rule == .usaiNotification }
    #expect(late?.severity == .critical)
    #expect(late?.message.contains("notified of $0 by 2025-03-01") == true)
    // In time but a dollar short.
    #expect(
      usai(noticeOn: "2025-03-01", contract: .million(100) + Dollars(1)).rules(on: "2025-03-16").contains(
        .usaiNotification))
    #expect(usai(noticeOn: "2025-03-01").portfolio.programs["P1"]?.funding.first?.obligated == .million(100))
  }

  // MARK: Section 333

  func s333(status: ProgramStatus = .active, noticeOn: String?, humanRights: Bool = true) -> Ledger {
    var l = Ledger()
    l.add(
      PartnerRegistered(code: "KE", name: "Kenya", region: .middleEastAfrica, tier: .other), on: "2024-01-01")
    l.add(
      ProgramCreated(
        id: "P1", partner: "KE", kind: .section333, title: "Border security", status: status,
        start: l.day("2025-06-01")), on: "2025-01-01")
    if let noticeOn {
      l.add(CongressNotified(program: "P1", reference: "CN", on: l.day(noticeOn)), on: noticeOn)
    }
    if humanRights {
      l.add(
        ComponentAdded(
          program: "P1", component: .humanRights, description: "DIILS course", on: l.day("2025-01-02")),
        on: "2025-01-02")
    }
    return l
  }

  @Test func section333NotifiedFifteenDaysBeforeTheStart() {
    // Start 2025-06-01: by 2025-05-17.
    #expect(!s333(noticeOn: "2025-05-17").rules(on: "2025-06-10").contains(.section333Notification))
    let late = s333(noticeOn: "2025-05-18").alerts(on: "2025-06-01").first {
      $0.rule == .section333Notification
    }
    #expect(late?.severity == .critical)
    #expect(late?.message.contains("notified only on 2025-05-18, 14 days before") == true)
    // Planned and not notified: a warning from 15 days before the notification is due.
    let planned = s333(status: .planned, noticeOn: nil)
    #expect(!planned.rules(on: "2025-05-01").contains(.section333Notification))
    let warning = planned.alerts(on: "2025-05-02").first { $0.rule == .section333Notification }
    #expect(warning?.severity == .warning)
    #expect(warning?.message.contains("must be notified by 2025-05-17 (in 15 days)") == true)
    #expect(
      planned.alerts(on: "2025-06-01").first { $0.rule == .section333Notification }?.severity == .critical)
  }

  @Test func section333NeedsHumanRightsTraining() {
    #expect(!s333(noticeOn: "2025-05-01").rules(on: "2025-06-01").contains(.section333HumanRights))
    let active = s333(noticeOn: "2025-05-01", humanRights: false)
    #expect(
      active.alerts(on: "2025-06-01").first { $0.rule == .section333HumanRights }?.severity == .critical)
    let planned = s333(status: .planned, noticeOn: "2025-05-01", humanRights: false)
    #expect(!planned.rules(on: "2025-05-01").contains(.section333HumanRights))
    #expect(
      planned.alerts(on: "2025-05-02").first { $0.rule == .section333HumanRights }?.severity == .warning)
  }

  // MARK: Excess defense articles

  func eda(value: Dollars, sme: Bool = false) -> Ledger {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .eda, start: "2024-10-01")
    l.add(
      EDAAllocated(
        program: "P1", allocation: "E1", title: "HMMWVs", on: l.day("2025-01-10"), grant: true,
        articles: [TransferLine(item: "HMMWVs", quantity: 10, value: value, sme: sme)]), on: "2025-01-10")
    return l
  }

  func deliver(_ l: inout Ledger, on day: String) {
    l.add(
      TransferDelivered(program: "P1", transfer: "E1", item: "HMMWVs", quantity: 10, on: l.day(day)), on: day)
  }

  @Test(arguments: [
    (Dollars.million(7), false, true), (Dollars.million(7) - Dollars(1), false, false),
    (Dollars.million(1), true, true),
  ])
  func edaNeedsNotificationAtSevenMillionOrSME(value: Dollars, sme: Bool, needed: Bool) {
    let l = eda(value: value, sme: sme)
    let pending = l.alerts(on: "2025-01-10").first { $0.rule == .edaNotification }
    #expect((pending?.severity == .warning) == needed)
    let refused = Self.refusals(
      l,
      TransferDelivered(program: "P1", transfer: "E1", item: "HMMWVs", quantity: 10, on: l.day("2025-03-01")),
      today: "2025-03-01")
    #expect(refused.contains { $0.contains("needs notification to Congress by 2025-01-30") } == needed)
  }

  @Test func edaNotifiedThirtyDaysBeforeDelivery() {
    var inTime = eda(value: .million(18))
    inTime.add(
      CongressNotified(program: "P1", reference: "EDA-1", on: inTime.day("2025-01-30"), transfer: "E1"),
      on: "2025-01-30")
    #expect(
      Self.refusals(
        inTime,
        TransferDelivered(
          program: "P1", transfer: "E1", item: "HMMWVs", quantity: 10, on: inTime.day("2025-03-01")),
        today: "2025-03-01"
      ).isEmpty)
    deliver(&inTime, on: "2025-03-01")
    #expect(!inTime.rules(on: "2025-03-01").contains(.edaNotification))
    // Notified 29 days before a delivery recorded anyway (an import, a hand-written log).
    var late = eda(value: .million(18))
    late.add(
      CongressNotified(program: "P1", reference: "EDA-1", on: late.day("2025-01-31"), transfer: "E1"),
      on: "2025-01-31")
    deliver(&late, on: "2025-03-01")
    let alert = late.alerts(on: "2025-03-01").first { $0.rule == .edaNotification }
    #expect(alert?.severity == .critical)
    #expect(alert?.message.contains("notified 2025-01-31") == true)
  }

  // MARK: Findings and informal review

  @Test func aDerogatoryFindingIsCriticalUntilResolved() {
    var l = Ledger.withProgram(partner: "NG", tier: .other, kind: .securityCooperation)
    l.add(
      EUMFindingRecorded(
        program: "P1", check: "GS-1", checkProgram: .goldenSentry, on: l.day("2025-02-01"),
        result: .derogatory,
        note: "2 NVDs not presented"), on: "2025-02-01")
    #expect(!l.rules(on: "2025-01-31").contains(.eumDerogatory))
    #expect(l.alerts(on: "2025-02-01").first { $0.rule == .eumDerogatory }?.severity == .critical)
    l.add(
      EUMFindingRecorded(
        program: "P1", check: "GS-1", checkProgram: .goldenSentry, on: l.day("2025-04-01"),
        result: .favorable,
        note: "loss reports filed; recovered"), on: "2025-04-01")
    #expect(l.rules(on: "2025-03-31").contains(.eumDerogatory))  // as of before the resolution
    #expect(!l.rules(on: "2025-04-01").contains(.eumDerogatory))
    #expect(l.portfolio.programs["P1"]?.findings.first?.resolved?.description == "2025-04-01")
    let blank = Self.refusals(
      l,
      EUMFindingRecorded(
        program: "P1", check: "BL-2", checkProgram: .blueLantern, on: l.day("2025-04-02"),
        result: .derogatory,
        note: " "), today: "2025-04-02")
    #expect(blank.contains { $0.contains("needs a note") })
  }

  @Test func informalReviewIsAStageWithItsOwnClock() {
    var l = Ledger.withProgram(partner: "PH", tier: .other, kind: .fms)
    l.add(
      CaseOpened(
        program: "P1", identifier: "RP-P-MPA", caseType: .definedOrder, lorReceived: l.day("2025-01-02")),
      on: "2025-01-02")
    l.add(CaseLineAdded(program: "P1", line: line(1, mde: true, value: .million(180))), on: "2025-01-02")
    l.add(CaseInformalReviewStarted(program: "P1", on: l.day("2025-02-01")), on: "2025-02-01")
    // 20 days: open 2025-02-01 … 2025-02-20, over on 2025-02-21.
    #expect(
      l.alerts(on: "2025-02-20").first { $0.rule == .informalReview }?.message.contains("until 2025-02-21")
        == true)
    #expect(!l.rules(on: "2025-02-21").contains(.informalReview))
    let early = Self.refusals(
      l, CaseNotified(program: "P1", transmittal: "25-01", delivered: l.day("2025-02-20")),
      today: "2025-02-20")
    #expect(early.contains { $0.contains("informal tiered review until 2025-02-21") })
    #expect(
      Self.refusals(
        l, CaseNotified(program: "P1", transmittal: "25-01", delivered: l.day("2025-02-21")),
        today: "2025-02-21"
      )
      .isEmpty)
    l.add(CaseNotified(program: "P1", transmittal: "25-01", delivered: l.day("2025-02-21")), on: "2025-02-21")
    l.add(CaseInformalReviewStarted(program: "P1", on: l.day("2025-03-01")), on: "2025-03-01")
    #expect(l.portfolio.skipped.last?.reason.contains("informal review comes before") == true)
  }

  // MARK: Side by side

  @Test func aPartnersAuthoritiesSideBySide() throws {
    var l = drawdown()
    l.add(package(value: .million(92), on: "2025-01-10"), on: "2025-01-10")
    l.add(
      TransferDelivered(
        program: "P1", transfer: "PK1", item: "Javelin missiles", quantity: 5, on: l.day("2025-02-01")),
      on: "2025-02-01")
    l.add(
      ProgramCreated(id: "F1", partner: "UA", kind: .fmf, title: "FMF", start: l.day("2024-10-01")),
      on: "2024-10-01")
    l.add(FundsMadeAvailable(program: "F1", fiscalYear: 2025, amount: .million(200)), on: "2024-10-01")
    l.add(
      FundsObligated(program: "F1", fiscalYear: 2025, amount: .million(50), on: l.day("2025-01-05")),
      on: "2025-01-05")
    l.add(FundsDisbursed(program: "F1", fiscalYear: 2025, amount: .million(20)), on: "2025-02-05")
    let figures = l.portfolio.authorities(of: "UA", fiscalYear: 2025)
    #expect(figures.map(\.kind) == [.fmf, .pda])
    let fmf = try #require(figures.first)
    #expect(fmf.yearAvailable == .million(200))
    #expect(fmf.yearUsed == .million(50))
    #expect(fmf.delivered == .million(20))
    #expect(fmf.pending == .million(30))
    let pda = try #require(figures.last)
    // Its own authority ($100M, an act's) and §506(a)(1)'s cap ($100M, nothing drawn).
    #expect(pda.yearAvailable == .million(200))
    #expect(pda.yearShare == 0.46)
    #expect(pda.delivered == .million(46))
    #expect(pda.pending == .million(46))
  }
}
