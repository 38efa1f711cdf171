import Portfolio
import Terminal
import Testing

@testable import TUI

/// The partner screen shows a partner's authorities side by side above its programs;
/// a drawdown, USAI or EDA program's Case tab lists its packages, contracts or
/// allocations.
@Suite struct AuthorityScreenTests {
  static func ukraine(width: Int, height: Int) -> Harness {
    var h = Harness(width: width, height: height)
    h.press(.character("4"), .enter)
    return h
  }

  @Test func ukraineShowsItsAuthoritiesSideBySide() throws {
    let h = Self.ukraine(width: 160, height: 45)
    #expect(h.lines[0].contains("Ukraine"))
    #expect(h.screen.contains("FY27 cap/appr"))
    let pda = try #require(h.lines.first { $0.contains("PDA Presidential drawdown") })
    // This year's §506(a)(1) cap, one for every partner: $100M, $97M drawn (Ukraine's
    // $92M package and Taiwan's $5M), 97% used.
    #expect(pda.contains("$100.0M") && pda.contains("$97.0M") && pda.contains("97%"), "\(pda)")
    for kind in ["FMF Foreign", "USAI Ukraine", "EDA Excess", "IMET International"] {
      #expect(h.lines.contains { $0.contains(kind) }, "\(kind) missing")
    }
    // The program list still follows, and Enter opens the selected program, not a block row.
    let header = try #require(h.lines.firstIndex { $0.contains("Kind") && $0.contains("Program") })
    let block = try #require(h.lines.firstIndex { $0.contains("Authority") && $0.contains("Delivered") })
    #expect(block < header)
  }

  @Test func theBlockFitsAnEightyColumnTerminalAndGivesWayOnAShortOne() {
    let narrow = Self.ukraine(width: 80, height: 24)
    #expect(narrow.screen.contains("PDA"))
    #expect(narrow.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    // At least five program rows stay visible below it.
    #expect(Layout(narrow.model).listRows >= 5)
    let short = Self.ukraine(width: 80, height: 14)
    #expect(!short.screen.contains("cap/appr"))
    #expect(short.screen.contains("Kind"))
  }

  @Test func aDrawdownProgramsPackagesAndAUSAIProgramsContracts() {
    var h = Harness(width: 160, height: 45)
    h.type(":find UA-USAI-001")
    h.press(.enter, .enter)
    h.press(.character("]"), .character("]"))
    #expect(h.screen.contains("[Contracts]"))
    #expect(h.lines[0].contains("UA-USAI-001 · Contracts"))
    #expect(h.screen.contains("Contract USAI-24-001"))
    #expect(h.screen.contains("25 of 40 delivered"))
    #expect(h.screen.contains("USAI FY2024 notification 1"))
    h.type(":find KE-333-001")
    h.press(.enter, .enter)
    h.press(.character("]"), .character("]"))
    #expect(h.screen.contains("[Notices]"))
    #expect(h.screen.contains("human-rights training REQUIRED"))
  }
}

/// Deliveries and notifications from the Packages / Contracts / Allocations tab.
@Suite struct DeliveryFormTests {
  func packages(_ program: String, portfolio: Portfolio = Harness.demo) -> Harness {
    var h = Harness(width: 160, height: 45, portfolio: portfolio)
    h.type(":find \(program)")
    h.press(.enter, .enter, .character("]"), .character("]"))
    return h
  }

  /// A delivery is approved by a deliver request (docs/approvals.md): with none
  /// executed, Enter on the typed delivery opens that request instead of recording.
  @Test func aDeliveryWithoutItsRequestRaisesOne() throws {
    var h = packages("UA-PDA-001")
    h.press(.character("n"))
    #expect(h.screen.contains("‹ none yet ›"), "\(h.lines)")
    h.press(.tab)
    h.type("6")
    #expect(h.screen.contains("executing an approved deliver request"), "\(h.lines)")
    #expect(!h.screen.contains("✓ Enter records it"))
    h.press(.enter)
    #expect(h.screen.contains("Raise a request — UA-PDA-001"), "\(h.lines)")
    #expect(h.screen.contains("‹ Deliver equipment ›"), "\(h.lines)")
    #expect(!h.effects.contains { if case .perform = $0 { return true } else { return false } })
  }

  @Test func articlesDeliveredFromAPackage() throws {
    let approved = Harness.executing(
      RequestRaised(
        id: "RQ-0101", program: "UA-PDA-001", kind: .deliver, amount: .million(30), units: ["UA-U-204"],
        summary: "interceptors to the brigade"), in: Harness.demo)
    var h = packages("UA-PDA-001", portfolio: approved)
    h.press(.character("n"))
    #expect(h.screen.contains("‹ RQ-0101 ›"), "\(h.lines)")
    #expect(h.screen.contains("Record articles delivered — UA-PDA-001"))
    #expect(h.screen.contains("Air-defense interceptors (6 left)"))
    h.press(.tab)
    h.type("7")
    // The domain's reason as you type: more than the package holds.
    #expect(h.screen.contains("7 would make 11 of 10"), "\(h.lines)")
    h.press(.backspace)
    h.type("6")
    #expect(h.screen.contains("✓ Enter records it"), "\(h.lines)")
    h.press(.enter)
    let command = try #require(
      h.effects.last.flatMap { if case .perform(let r) = $0 { return r.command } else { return nil } })
    let record = try #require(command as? RecordEvents)
    let delivered = try #require(record.events.first?.event as? TransferDelivered)
    #expect(delivered.transfer.hasPrefix("PDA-") && delivered.item == "Air-defense interceptors")
    #expect(delivered.quantity == 6)
    #expect(delivered.request == "RQ-0101")
  }

  @Test func anEDADeliveryWaitsForItsNotification() {
    var h = packages("UA-EDA-001")
    h.press(.character("n"))
    #expect(h.screen.contains("HMMWVs (200 left)"))
    h.press(.tab)
    h.type("200")
    let problems = h.model.form?.problems ?? []
    #expect(problems.contains { $0.contains("needs notification to Congress by") }, "\(problems)")
    #expect(h.screen.contains("✗ EDA EDA-UA-"))
    // The last choice opens the notification form instead.
    h.press(.backTab, .left)
    #expect(h.screen.contains(Form.newNotice))
    h.press(.enter)
    #expect(h.screen.contains("Record a notification to Congress — UA-EDA-001"))
  }
}

/// A rollback or fork found at open is a critical alert about the store itself.
@Suite struct StoreAlertScreenTests {
  @Test func aRollbackIsOnTheAlertsScreenAndEnterSaysWhatToDo() {
    var p = Harness.demo
    p.noteIntegrity(
      IntegrityFinding(
        kind: .rollback, sequence: 1800,
        message: "the store ends at record 1777, but this account saw record 1800 on 2026-11-28",
        seenOn: Harness.today.adding(days: -1)))
    var h = Harness(width: 160, height: 45, portfolio: p)
    h.press(.character("a"))
    #expect(h.screen.contains("Store rolled back"))
    #expect(h.screen.contains("but this account saw record 1800"))
    h.press(.character("/"))
    h.type("rolled back")
    h.press(.enter, .enter)
    #expect(h.screen.contains("about the store itself: run 'sapm verify'"), "\(h.lines.suffix(3))")
  }
}

/// An IMET program's Training tab lists its enrolments, each with the request that
/// approved it; `n` there raises an enroll-imet request (an enrolment is nothing else).
@Suite struct TrainingTabTests {
  @Test func enrolmentsAndTheirRequests() throws {
    var h = Harness.on(.fmsCase, of: "KE-IMET-001")
    #expect(h.screen.contains("Training"), "\(h.lines)")
    let row = try #require(
      h.lines.first { $0.contains("Command and General Staff Officer Course") }, "\(h.lines)")
    #expect(row.contains("2 students") && row.contains("H-"), "\(row)")
    h.press(.character("n"))
    #expect(
      h.screen.contains("Raise a request — KE-IMET-001") && h.screen.contains("‹ Enroll IMET students ›"),
      "\(h.lines)"
    )
    #expect(h.screen.contains("Course") && h.screen.contains("Students"))
  }
}

/// A drawdown program shows its authority, the packages drawn on it and what has been
/// delivered — not "available, obligated, disbursed": an authority is not money
/// (issue 27, item 2).
@Suite struct DrawdownIsNotMoneyTests {
  @Test func summaryAndFundingSpeakOfAuthority() throws {
    var h = Harness.on(.summary, of: "UA-PDA-001")
    h.send(.resize(width: 160, height: 45))
    #expect(h.screen.contains("§506(a)(1) FY") && h.screen.contains("for every partner"), "\(h.lines)")
    #expect(h.screen.contains("Own authority") && h.screen.contains("Packages"))
    #expect(h.screen.contains("Delivered") && h.screen.contains("of the packages"))
    #expect(!h.lines.contains { $0.contains("Disbursed") || $0.contains("Committed") }, "\(h.lines)")
    h.model.page.tab = .funding
    h.send(.resize(width: 160, height: 45))
    let header = try #require(
      h.lines.first { $0.contains("Authority") && $0.contains("Packages") }, "\(h.lines)")
    #expect(header.contains("Delivered") && !header.contains("Disbursed"), "\(header)")
  }
}

/// The Cases view (c) says how many LOAs were offered by their Anticipated Offer Date,
/// against the goal (DSCA 11-46).
@Suite struct OffersOnTimeTests {
  @Test func theCasesViewShowsTheShareOnTime() throws {
    var h = Harness(width: 200, height: 45)
    h.press(.character("c"))
    let (onTime, offered) = h.model.portfolio.offersOnTime
    #expect(offered > 0 && onTime < offered, "the demo has offers on time and late")
    #expect(
      h.screen.contains("offers on time: \(onTime) of \(offered) (\(onTime * 100 / offered)%, goal 85%)"),
      "\(h.lines.prefix(3))")
  }
}
