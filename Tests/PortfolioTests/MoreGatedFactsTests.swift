import Basics
import CanonicalJSON
import Portfolio
import PortfolioDemo
import Testing

/// Issue 22: an IMET enrolment, an EDA allocation, a delivery and an LOA amendment are
/// written only by carrying out an executed request (docs/approvals.md), like money.
@Suite struct MoreGatedFactsTests {
  static let today = DemoPortfolioTests.today
  static let demo = DemoPortfolioTests.fold(today)

  /// `command` decided on `p` by `actor`: the events, or the refusal's reasons.
  func judge(_ command: any Command, _ p: Portfolio, _ actor: String) -> Result<[any EventPayload], Rejection>
  {
    switch command.judge(p, actor: actor, today: Self.today) {
    case .accept(let events): return .success(events)
    case .reject(let r): return .failure(r)
    }
  }

  /// `p` with `events` folded in as `actor`'s.
  func applying(_ events: [any EventPayload], to p: Portfolio, as actor: String) -> Portfolio {
    var p = p
    for e in events {
      p.apply(
        Envelope(
          context: EventContext(
            sequence: p.lastSequence + 1, at: Timestamp(dayOrdinal: Self.today.ordinal, hour: 12),
            actor: actor),
          event: e))
    }
    return p
  }

  func reasons(_ r: Result<[any EventPayload], Rejection>) -> String {
    if case .failure(let rejection) = r { return rejection.reasons.joined(separator: "; ") }
    return ""
  }

  @Test func executingAnEnrolmentWritesItNamingTheRequest() throws {
    let direct = IMETEnrolled(
      program: "KE-IMET-001", course: "Professional military education", students: 6, cost: .million(0.3),
      on: Self.today)
    let refused = judge(RecordEvents([("", direct)]), Self.demo, DemoPortfolio.officer)
    #expect(reasons(refused).contains("written only by executing an approved enroll-imet request"))
    #expect(reasons(refused).contains("--course 'Professional military education' --students 6"))

    // RQ-0010 (KE-IMET-001, 6 students, $0.3M) is submitted: approved, then executed.
    let approve = judge(StepRequest(id: "RQ-0010", to: .approved), Self.demo, DemoPortfolio.approver)
    let approved = applying(try approve.get(), to: Self.demo, as: DemoPortfolio.approver)
    let execute = try judge(StepRequest(id: "RQ-0010", to: .executed), approved, DemoPortfolio.officer2).get()
    let enrolment = try #require(execute.compactMap { $0 as? IMETEnrolled }.first)
    #expect(enrolment.request == "RQ-0010" && enrolment.students == 6 && enrolment.cost == .million(0.3))
    let after = applying(execute, to: approved, as: DemoPortfolio.officer2)
    #expect(after.programs["KE-IMET-001"]?.enrolments.last?.request == "RQ-0010")
    #expect(after.requests["RQ-0010"]?.carriedOutBy != nil)
  }

  @Test func anEDAAllocationNamesAnExecutedAllocateEDARequestOfItsValue() throws {
    func allocation(_ request: String?, value: Dollars = .million(24)) -> RecordEvents {
      RecordEvents([
        (
          "",
          EDAAllocated(
            program: "UA-EDA-001", allocation: "EDA-UA-M113", title: "M113s", on: Self.today, grant: true,
            articles: [TransferLine(item: "M113 carriers", quantity: 60, value: value)], request: request)
        )
      ])
    }
    #expect(
      reasons(judge(allocation(nil), Self.demo, DemoPortfolio.officer)).contains(
        "sapm request new UA-EDA-001 --kind allocate-eda --amount 24000000"))
    // RQ-0018 ($24M) approved and executed: executing writes nothing but the step.
    let approved = applying(
      try judge(StepRequest(id: "RQ-0018", to: .approved), Self.demo, DemoPortfolio.approver).get(),
      to: Self.demo, as: DemoPortfolio.approver)
    let execute = try judge(StepRequest(id: "RQ-0018", to: .executed), approved, DemoPortfolio.officer).get()
    #expect(execute.count == 1)
    let executed = applying(execute, to: approved, as: DemoPortfolio.officer)
    #expect(
      reasons(judge(allocation("RQ-0018", value: .million(25)), executed, DemoPortfolio.officer)).contains(
        "it approved $24.0M, not $25.0M"))
    let recorded = try judge(allocation("RQ-0018"), executed, DemoPortfolio.officer).get()
    let after = applying(recorded, to: executed, as: DemoPortfolio.officer)
    #expect(after.programs["UA-EDA-001"]?.transfers.contains { $0.id == "EDA-UA-M113" } == true)
    // Once: the same request does not approve a second allocation.
    #expect(
      reasons(judge(allocation("RQ-0018"), after, DemoPortfolio.officer)).contains("already carried it out"))
  }

  @Test func aLineAfterTheOfferIsAnAmendmentAndALineBeforeIsNot() throws {
    let offered = try #require(
      Self.demo.programs.values.sorted { $0.id < $1.id }.first {
        $0.fmsCase?.loaOffered != nil && $0.fmsCase?.closed == nil
      })
    let notYet = try #require(
      Self.demo.programs.values.sorted { $0.id < $1.id }.first {
        $0.fmsCase != nil && $0.fmsCase?.loaOffered == nil && $0.fmsCase?.closed == nil
      })
    let category = try #require(USMLCategory(7))
    func line(_ program: String) -> RecordEvents {
      RecordEvents([
        (
          "",
          CaseLineAdded(
            program: program,
            line: CaseLine(
              number: 90, description: "Spares", usml: category, mde: false,
              designAndConstruction: false, quantity: 1, value: .million(3)))
        )
      ])
    }
    #expect(judge(line(notYet.id), Self.demo, DemoPortfolio.officer).map(\.count) == .success(1))
    #expect(
      reasons(judge(line(offered.id), Self.demo, DemoPortfolio.officer)).contains(
        "an LOA amendment (line 90, $3.0M) on \(offered.id) is written only by executing an approved offer-loa request"
      ))
  }

  @Test func aDeliveryNamesAnExecutedDeliverRequest() throws {
    let package = try #require(
      Self.demo.programs["UA-PDA-001"]?.transfers.first { t in
        t.articles.contains { $0.delivered < $0.quantity }
      })
    let article = try #require(package.articles.first { $0.delivered < $0.quantity })
    let delivery = RecordEvents([
      (
        "",
        TransferDelivered(
          program: "UA-PDA-001", transfer: package.id, item: article.item, quantity: 1, on: Self.today)
      )
    ])
    #expect(
      reasons(judge(delivery, Self.demo, DemoPortfolio.officer)).contains(
        "is written only by executing an approved deliver request"))
  }

  /// An obligation dated before the day it is recorded says why, and shows it.
  @Test func aLateObligationSaysWhy() throws {
    // A USAI program with money still open: release-funds on it writes no obligation
    // (its contract does), so one can be recorded after, naming the request.
    let usai = try #require(
      Self.demo.programs.values.sorted { $0.id < $1.id }.first { p in
        p.kind == .usai
          && p.funding.contains { $0.availableUntil >= Self.today && $0.unobligated >= .million(1) }
      })
    let program = usai.id
    let fy = try #require(
      usai.funding.first { $0.availableUntil >= Self.today && $0.unobligated >= .million(1) }?.fiscalYear)
    let raise = RaiseRequest(
      program: program, kind: .releaseFunds, amount: .million(1), fiscalYear: fy,
      justification: "spares",
      submit: true)
    var p = applying(
      try judge(raise, Self.demo, DemoPortfolio.officer).get(), to: Self.demo, as: DemoPortfolio.officer)
    let id = try #require(p.requests.values.first { $0.summary == "spares" }?.id)
    p = applying(
      try judge(StepRequest(id: id, to: .approved), p, DemoPortfolio.approver).get(), to: p,
      as: DemoPortfolio.approver)
    p = applying(
      try judge(StepRequest(id: id, to: .executed), p, DemoPortfolio.officer).get(), to: p,
      as: DemoPortfolio.officer)
    var late = FundsObligated(
      program: program, fiscalYear: fy, amount: .million(1), on: Self.today.adding(days: -3), request: id
    )
    #expect(
      reasons(judge(RecordEvents([("", late)]), p, DemoPortfolio.officer)).contains(
        "is recorded late: say why"))
    late.late = "the obligation document reached the desk today"
    #expect(judge(RecordEvents([("", late)]), p, DemoPortfolio.officer).map(\.count) == .success(1))
    #expect(late.summary.contains("recorded late: the obligation document reached the desk today"))
  }
}
