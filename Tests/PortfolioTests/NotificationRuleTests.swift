import Testing

@testable import Portfolio

/// AECA §36(b): thresholds by tier, inclusive, and the review period's edges.
@Suite struct NotificationRuleTests {
  func caseLedger(tier: NotificationTier, lines: [CaseLine]) -> Ledger {
    var l = Ledger.withProgram(tier: tier)
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-B-AAA", caseType: .definedOrder, lorReceived: l.day("2024-01-02")),
      on: "2024-01-02")
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .lorValidated, on: l.day("2024-01-03")), on: "2024-01-03"
    )
    for line in lines { l.add(CaseLineAdded(program: "P1", line: line), on: "2024-01-03") }
    return l
  }

  @Test(arguments: [
    // tier, MDE value, other value, construction value, required?
    (NotificationTier.natoPlus5, Dollars.million(25), Dollars.zero, Dollars.zero, true),
    (.natoPlus5, Dollars(24_999_999), .zero, .zero, false),
    (.other, Dollars.million(14), .zero, .zero, true),
    (.other, Dollars(13_999_999), .zero, .zero, false),
    (.natoPlus5, .zero, Dollars.million(100), .zero, true),
    (.natoPlus5, .zero, Dollars(99_999_999), .zero, false),
    (.other, .zero, Dollars.million(50), .zero, true),
    (.other, .zero, Dollars(49_999_999), .zero, false),
    (.other, .zero, .zero, Dollars.million(200), true),
    (.natoPlus5, .zero, .zero, Dollars.million(200), false),  // D&C has its own $300M NATO+5 threshold
    (.natoPlus5, .zero, .zero, Dollars.million(300), true),
    (.natoPlus5, Dollars.million(20), Dollars.million(70), .zero, false),  // $90M total, MDE under $25M
    (.other, Dollars.million(10), Dollars.million(40), .zero, true),  // $50M total
  ])
  func thresholdsAreInclusivePerTier(
    tier: NotificationTier, mde: Dollars, other: Dollars, construction: Dollars, required: Bool
  ) {
    var lines: [CaseLine] = []
    if mde > .zero { lines.append(line(1, mde: true, value: mde)) }
    if other > .zero { lines.append(line(2, mde: false, value: other)) }
    if construction > .zero { lines.append(line(3, mde: false, value: construction, construction: true)) }
    let l = caseLedger(tier: tier, lines: lines)
    let fired = l.rules(on: "2024-02-01").contains(.notificationRequired)
    #expect(fired == required)
    if fired {
      let alert = l.alerts(on: "2024-02-01").first { $0.rule == .notificationRequired }
      // At the LOR-validated stage it is work to do, not an alarm (issue 27).
      #expect(alert?.severity == .info)
      #expect(alert?.message.contains(tier.title) == true)
    }
  }

  /// The alert's severity by stage, at each edge: info while the LOR is worked and the
  /// informal review runs (20 days), a warning from the day that review ends with no
  /// transmittal, critical from the day an LOA is offered without one.
  @Test func theNotificationAlertRisesWithTheCasesStage() {
    var l = caseLedger(tier: .other, lines: [line(1, mde: true, value: .million(20))])
    func severity(_ day: String) -> Severity? {
      l.alerts(on: day).first { $0.rule == .notificationRequired }?.severity
    }
    #expect(severity("2024-01-10") == .info)
    l.add(CaseInformalReviewStarted(program: "P1", on: l.day("2024-02-01")), on: "2024-02-01")
    #expect(severity("2024-02-20") == .info, "the review's last day")
    #expect(severity("2024-02-21") == .warning, "the day it ended")
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: l.day("2024-03-01")), on: "2024-03-01")
    #expect(severity("2024-02-29") == .warning, "as it stood before the offer")
    #expect(severity("2024-03-01") == .critical, "offered without a transmittal")
    let critical = l.alerts(on: "2024-03-01").first { $0.rule == .notificationRequired }
    #expect(critical?.began == l.day("2024-03-01"))
    #expect(critical?.message.contains("offered 2024-03-01 without it") == true)
  }

  @Test func constructionThresholdDiffersByTier() {
    let policy = Policy()
    var c = FMSCase(identifier: "X", type: .definedOrder, lorReceived: Day(ordinal: 0))
    c.lines = [line(1, mde: false, value: .million(90), construction: true)]
    #expect(!policy.requiresNotification(c, tier: .other))
    c.lines = [line(1, mde: false, value: .million(45), construction: true)]
    #expect(!policy.requiresNotification(c, tier: .natoPlus5))
  }

  @Test func deliveredNotificationClearsTheRequirement() {
    var l = caseLedger(tier: .natoPlus5, lines: [line(1, mde: true, value: .million(30))])
    #expect(l.rules(on: "2024-02-01").contains(.notificationRequired))
    l.add(CaseNotified(program: "P1", transmittal: "24-01", delivered: l.day("2024-02-05")), on: "2024-02-05")
    #expect(!l.rules(on: "2024-02-06").contains(.notificationRequired))
  }

  /// NATO+5: 15 days. Delivered on day 0; the review is open through day 14 and has
  /// run on day 15.
  @Test(arguments: [(14, true), (15, false), (16, false), (0, true)])
  func natoReviewDays(dayAfter: Int, open: Bool) {
    var l = caseLedger(tier: .natoPlus5, lines: [line(1, mde: true, value: .million(30))])
    let delivered = l.day("2024-03-01")
    l.add(CaseNotified(program: "P1", transmittal: "24-02", delivered: delivered), on: "2024-03-01")
    let day = delivered.adding(days: dayAfter)
    #expect(l.portfolio.alerts(on: day).contains { $0.rule == .notificationReview } == open)
  }

  @Test(arguments: [(29, true), (30, false)])
  func otherTierReviewIsThirtyDays(dayAfter: Int, open: Bool) {
    var l = caseLedger(tier: .other, lines: [line(1, mde: true, value: .million(30))])
    let delivered = l.day("2024-03-01")
    l.add(CaseNotified(program: "P1", transmittal: "24-03", delivered: delivered), on: "2024-03-01")
    #expect(
      l.portfolio.alerts(on: delivered.adding(days: dayAfter)).contains { $0.rule == .notificationReview }
        == open)
    #expect(l.portfolio.programs["P1"]?.fmsCase?.notification?.reviewDays == 30)
  }

  @Test func policyChangeMovesTheThreshold() {
    var l = caseLedger(tier: .other, lines: [line(1, mde: false, value: .million(55))])
    #expect(l.rules(on: "2024-02-01").contains(.notificationRequired))
    l.add(
      PolicyChanged(setting: "notify.articles.other", value: 60_000_000), on: "2024-02-01", actor: "admin")
    #expect(!l.rules(on: "2024-02-02").contains(.notificationRequired))
  }
}

/// The §36(b) figures the case list and the CSV export show, at each tier's thresholds.
@Suite struct CaseNotificationFiguresTests {
  @Test(arguments: [
    (NotificationTier.natoPlus5, Dollars.million(25), Dollars.million(100)),
    (NotificationTier.other, Dollars.million(14), Dollars.million(50)),
  ])
  func atAndBelowTheThresholds(tier: NotificationTier, mde: Dollars, articles: Dollars) {
    for (value, mdeLine, required) in [
      (mde, true, true), (mde - Dollars(1), true, false), (articles, false, true),
      (articles - Dollars(1), false, false),
    ] {
      var l = Ledger.withProgram(tier: tier)
      l.add(
        CaseOpened(
          program: "P1", identifier: "PL-D-AAA", caseType: .definedOrder, lorReceived: l.day("2024-02-01")),
        on: "2024-02-01")
      l.add(CaseLineAdded(program: "P1", line: line(1, mde: mdeLine, value: value)), on: "2024-02-02")
      let n = l.portfolio.caseNotification("P1")
      #expect(n?.required == required, "\(tier) \(value) mde=\(mdeLine)")
      #expect(n?.tier == tier)
      #expect(n?.thresholdMDE == mde && n?.thresholdArticles == articles)
      #expect(n?.state(on: l.day("2024-03-01")) == (required ? "required, not notified" : "below threshold"))
    }
  }
}
