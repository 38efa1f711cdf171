import Basics
import CanonicalJSON
import Portfolio
import Testing

@testable import TUI
@testable import Terminal

@Suite struct OverviewTests {
  @Test func fourPanesInAGridAtLeast100x30() {
    let h = Harness(width: 120, height: 35)
    let screen = h.screen
    for title in ["[1] Europe/NATO", "[2] Indo-Pacific", "[3] Middle East/Africa", "[4] Ukraine"] {
      #expect(screen.contains(title), "\(title)")
    }
    #expect(screen.contains("▶ [1] Europe/NATO ◀"))  // focus is more than colour
    #expect(screen.contains("DEMO"))
    #expect(h.lines[1].contains("Europe/NATO") && h.lines[1].contains("Indo-Pacific"))
  }

  @Test func oneTabAtATimeBelow100x30() {
    var h = Harness(width: 80, height: 24)
    #expect(h.lines[1].contains("[1 Europe/NATO]"))
    #expect(h.screen.contains("Bosnia"))
    #expect(!h.screen.contains("Australia"))
    h.press(.character("2"))
    #expect(h.lines[1].contains("[2 Indo-Pacific]"))
    #expect(h.screen.contains("Australia"))
    h.press(.tab, .tab)
    #expect(h.lines[1].contains("[4 Ukraine]"))
    h.press(.backTab)
    #expect(h.lines[1].contains("[3 Middle East/Africa]"))
  }

  @Test func paneTotalsShowFiguresAndAlertsBySeverity() {
    let h = Harness()
    #expect(h.screen.contains("1 partner · 12 programs"))  // Ukraine, singular
    #expect(h.screen.contains("alerts ‼"))
    #expect(h.screen.contains("requests"))
  }
}

@Suite struct NavigationTests {
  @Test func drillDownAndBackKeepsTheRow() {
    var h = Harness()
    h.press(.character("j"), .character("j"))
    #expect(h.selectedLine?.contains("Croatia") == true)
    h.press(.enter)
    #expect(h.lines[0].contains("Overview › Croatia"))
    #expect(h.screen.contains("Croatia (HR) · Europe/NATO · §36(b) tier NATO+5"))
    h.press(.down, .enter)
    #expect(h.lines[0].contains("Croatia › HR-"))
    h.press(.escape)
    #expect(h.lines[0].hasSuffix("Croatia") || h.lines[0].contains("Croatia  "))
    #expect(h.selectedLine?.contains("HR-") == true)
    h.press(.left)
    #expect(h.selectedLine?.contains("Croatia") == true)
    h.press(.escape)
    #expect(h.statusLine.contains("already at the overview"))
  }

  @Test func numberKeysReturnToTheOverview() {
    var h = Harness()
    h.press(.enter, .character("4"))
    #expect(h.model.stack.count == 1)
    #expect(h.screen.contains("▶ [4] Ukraine ◀"))
    h.press(.enter)
    #expect(h.screen.contains("Ukraine (UA)"))
  }

  @Test func programTabsCycleWithBracketsAndTab() {
    var h = Harness()
    h.press(.character("4"), .enter, .enter)  // Ukraine → first program
    #expect(h.screen.contains("[Summary]"))
    h.press(.character("]"))
    #expect(h.screen.contains("[Funding]"))
    h.press(.character("["), .character("["))
    #expect(h.screen.contains("[History]"))
    #expect(h.effects.contains { if case .loadHistory = $0 { return true } else { return false } })
    h.press(.tab)
    #expect(h.screen.contains("[Summary]"))
  }

  @Test func everyProgramTabRenders() {
    var h = Harness()
    h.press(.character("4"), .enter)
    // Ukraine's drawdowns: packages (the Case tab's place), EUM items, a Golden
    // Sentry check and history.
    h.press(.character("/"))
    h.type("drawdowns")
    h.press(.enter, .enter)
    #expect(h.screen.contains("Presidential drawdowns"))
    var seen: [String] = []
    for _ in ProgramTab.allCases {
      seen.append(h.screen)
      h.press(.character("]"))
    }
    #expect(seen[2].contains("[Packages]"))
    #expect(seen[2].contains("Package PDA-2022-03-16"))
    #expect(seen[2].contains("2000 of 2000 delivered"))
    #expect(seen[5].contains("! overdue"))
    #expect(seen[5].contains("enhanced"))
    #expect(seen[5].contains("Golden Sentry"))
    h.send(
      .history([
        HistoryLine(
          at: "2022-03-16 09:00:00", actor: "m.okafor", type: "drawdown.package",
          summary: "drawdown package PDA-2022-03-16 'Air defense and anti-armor'")
      ]))
    h.press(.character("["))
    #expect(h.screen.contains("drawdown package PDA-2022-03-16"))
  }

  @Test func pagingAndEnds() {
    var h = Harness(width: 100, height: 20)
    h.press(.character("a"))
    h.press(.character("G"))
    #expect(h.selectedLine != nil)
    let last = h.model.page.list.index
    #expect(last == h.model.alerts.count - 1)
    h.press(.character("g"))
    #expect(h.model.page.list.index == 0)
    h.press(.pageDown)
    #expect(h.model.page.list.index > 1)
  }
}

@Suite struct AlertsScreenTests {
  @Test func mostSevereFirstAndEnterJumpsToTheProgram() {
    var h = Harness()
    h.press(.character("a"))
    #expect(h.lines[0].contains("Alerts"))
    let rows = h.lines.filter {
      $0.contains("‼ critical") || $0.contains("! warning") || $0.contains("i info")
    }
    #expect(rows.first?.contains("‼ critical") == true)
    let firstWarning = rows.firstIndex { $0.contains("! warning") } ?? 0
    #expect(rows.prefix(firstWarning).allSatisfy { $0.contains("‼") })
    h.press(.enter)
    guard case .program = h.model.page.screen else {
      Issue.record("Enter did not open a program")
      return
    }
    h.press(.escape)
    #expect(h.lines[0].contains("Alerts"))
  }

  @Test func acknowledgeAsksForANoteAndEmitsTheEffect() {
    var h = Harness()
    h.press(.character("a"), .character("x"))
    #expect(h.statusLine.contains("note for "))
    h.press(.enter)
    #expect(h.statusLine.contains("needs a note"))
    h.press(.character("x"))
    h.type("re-vetting submitted")
    h.press(.enter)
    guard case .acknowledge(let alert, let note)? = h.effects.last else {
      Issue.record("no acknowledge effect")
      return
    }
    #expect(note == "re-vetting submitted")
    #expect(alert == h.model.alerts[0].id.description)
  }

  /// x on an over-obligation asks for its ADA report's reference, not a note, and
  /// records the report (issue 27: reported, never acknowledged away).
  @Test func anOverObligationIsReportedNotAcknowledged() throws {
    var h = Harness(width: 160, height: 45)
    h.press(.character("a"), .character("/"))
    h.type("over-obligation")
    h.press(.enter)
    let id = try #require(h.model.currentTable()?.rows.first?.key)
    #expect(id.hasPrefix("over-obligation/"), "\(id)")
    h.press(.character("x"))
    #expect(h.statusLine.contains("ADA violation report for \(id), its reference:"), "\(h.statusLine)")
    h.type("ADA 26-03, letter to OMB")
    h.press(.enter)
    let command = try #require(
      h.effects.last.flatMap { if case .perform(let r) = $0 { return r.command } else { return nil } })
    let report = try #require(command as? ReportADAViolation)
    #expect(report.event.alert.description == id && report.event.reference == "ADA 26-03, letter to OMB")
  }

  @Test func filterNarrowsTheList() {
    var h = Harness()
    h.press(.character("a"), .character("/"))
    h.type("leahy")
    #expect(h.statusLine.contains("/leahy"))
    let rows = h.lines.filter { $0.contains("Leahy") }
    #expect(rows.count == 4)  // expired, expiring, blocked, not cleared
    #expect(!h.screen.contains("Offer lapsed"))
    h.press(.escape)
    #expect(h.screen.contains("Offer lapsed"))
  }
}

@Suite struct KeysAndCommandsTests {
  @Test func disallowedKeysSayWhy() {
    var h = Harness()
    h.press(.character("x"))
    #expect(h.statusLine.contains("in the alerts view (a)"))
    h.press(.character("]"))
    #expect(h.statusLine.contains("program screen"))
    h.press(.character("Z"))
    #expect(h.statusLine.contains("Z is not bound here"))
  }

  @Test func readOnlyRefusesAcknowledgeInTheCommandLayer() {
    var h = Harness(readOnly: true)
    h.press(.character("a"), .character("x"))
    #expect(h.statusLine.contains("read-only"))
    #expect(h.model.input == nil)
    #expect(h.screen.contains("READ-ONLY"))
  }

  @Test func commandLine() {
    var h = Harness()
    h.press(.character(":"))
    h.type("region ukraine")
    h.press(.enter)
    #expect(h.screen.contains("▶ [4] Ukraine ◀"))
    h.press(.character(":"))
    h.type("bogus")
    h.press(.enter)
    #expect(h.statusLine.contains("unknown command ':bogus'"))
    h.press(.character(":"))
    h.type("export ukraine.csv")
    h.press(.enter)
    // From the overview: what `sapm export` writes for the focused region.
    #expect(h.effects.last == .exportPortfolio(path: "ukraine.csv", scope: ExportScope(region: .ukraine)))
    // From the alerts view: the rows it lists.
    h.press(.character("a"))
    h.press(.character(":"))
    h.type("export alerts.csv")
    h.press(.enter)
    guard case .export(let path, let rows, let overwrite)? = h.effects.last, !overwrite else {
      Issue.record("no export effect")
      return
    }
    #expect(path == "alerts.csv")
    #expect(rows.first?.first == "Severity")
    #expect(rows.count > 2)
    h.press(.escape)
    h.press(.character(":"))
    h.type("theme light")
    h.press(.enter)
    #expect(h.effects.last == .loadTheme("light"))
    h.press(.character(":"))
    h.type("alerts")
    h.press(.enter)
    #expect(h.model.page.screen == .alerts)
    h.press(.character(":"))
    h.type("quit")
    h.press(.enter)
    #expect(h.effects.last == .quit)
  }

  @Test func timeTravelAsksForADateAndMarksThePast() throws {
    var h = Harness()
    h.press(.character("t"))
    h.type("2024-13-01")
    h.press(.enter)
    #expect(h.statusLine.contains("not a date"))
    h.press(.character("t"))
    h.type("2023-01-01")
    h.press(.enter)
    let day = try #require(Day("2023-01-01"))
    #expect(h.effects.last == .travel(to: day))
    let past = Portfolio.asOf(day, events: [])  // the caller computes it; any past portfolio will do
    h.send(.portfolio(past, asOf: day, today: Harness.today))
    #expect(h.lines[0].contains("AS OF 2023-01-01"))
    #expect(h.lines[h.model.height - 1].contains("AS OF 2023-01-01"))
    h.press(.escape)
    #expect(h.effects.last == .travel(to: nil))
    // A future date is a projection, labelled so (the same rule as 'sapm alerts --as-of').
    h.send(.portfolio(Harness.demo, asOf: nil, today: Harness.today))
    h.press(.character("t"))
    h.type("2030-01-01")
    h.press(.enter)
    let future = try #require(Day("2030-01-01"))
    #expect(h.effects.last == .travel(to: future))
    h.send(.portfolio(Harness.demo, asOf: future, today: Harness.today))
    #expect(h.lines[0].contains("PROJECTED TO 2030-01-01"))
    #expect(!h.screen.contains("AS OF 2030"))
  }

  @Test func helpIsGeneratedFromTheKeyMap() {
    var h = Harness(width: 140, height: 60)
    h.press(.character("?"))
    for binding in KeyMap.bindings {
      #expect(h.screen.contains(binding.help), "\(binding.help)")
    }
    #expect(h.screen.contains("Shift-Tab"))
  }

  @Test func mouseClickSelectsThenOpens() {
    var h = Harness()
    // Row 6 of the Indo-Pacific pane (x 70) is its second partner.
    h.press(.click(x: 70, y: 6))
    #expect(h.screen.contains("▶ [2] Indo-Pacific ◀"))
    #expect(h.model.regionLists[1].index == 1)
    h.press(.click(x: 70, y: 6))
    #expect(h.lines[0].contains("Fiji"))
  }
}

@Suite struct TerminalBehaviourTests {
  @Test func resizeDownTo20x5AndBack() {
    var h = Harness()
    h.send(.resize(width: 20, height: 5))
    #expect(h.screen.contains("too small"))
    #expect(h.screen.contains("needs 60×12"))
    #expect(h.lines.count == 5)
    h.send(.resize(width: 120, height: 35))
    #expect(h.screen.contains("[4] Ukraine"))
  }

  @Test func wideCharactersAlignInColumns() {
    var p = Portfolio()
    let day = Harness.today
    let events: [any EventPayload] = [
      PartnerRegistered(code: "UA", name: "Україна", region: .ukraine, tier: .other),
      PartnerRegistered(code: "JP", name: "日本", region: .ukraine, tier: .natoPlus5),
      PartnerRegistered(code: "KR", name: "한국", region: .ukraine, tier: .natoPlus5),
      PartnerRegistered(code: "XX", name: "Plain", region: .ukraine, tier: .other),
    ]
    for (i, e) in events.enumerated() {
      p.apply(
        Envelope(
          context: EventContext(sequence: i + 1, at: Timestamp(dayOrdinal: day.ordinal), actor: "t"), event: e
        ))
    }
    var h = Harness(width: 120, height: 35, portfolio: p)
    h.press(.character("4"))
    let grid = h.model.render()
    // The column after the name starts at the same display column on every row.
    var starts: [Int] = []
    for y in 0..<grid.height {
      let line = grid.lines[y]
      guard ["Україна", "日本", "한국", "Plain"].contains(where: { line.contains($0) }) else { continue }
      var col = 0
      for x in 0..<grid.width where !grid[x, y].isContinuation {
        if grid[x, y].character == "0" { break }
        col = x + 1
      }
      starts.append(col)
    }
    #expect(starts.count == 4)
    #expect(Set(starts).count == 1, "\(starts)")
    #expect(DisplayWidth.of("Україна") == 7)
    #expect(DisplayWidth.of("日本") == 4)
    #expect(DisplayWidth.truncate("日本語テキスト", to: 5) == "日本…")
  }

  @Test func escapeSequencesInDataAreShownNotObeyed() {
    var p = Harness.demo
    let evil = ProgramCreated(
      id: "EVIL-1", partner: "UA", kind: .ssr, title: "Reform\u{1B}[2J\u{1B}]0;pwned\u{07}\nline",
      start: Harness.today)
    p.apply(
      Envelope(
        context: EventContext(
          sequence: 99_999, at: Timestamp(dayOrdinal: Harness.today.ordinal), actor: "x\u{1B}[31m"),
        event: evil))
    var h = Harness(portfolio: p)
    h.press(.character("4"), .enter, .character("G"), .enter)
    let grid = h.model.render()
    #expect(grid.text.contains("Reform␛[2J␛]0;pwned␇␤line"))
    for cell in grid.cells {
      for s in cell.character.unicodeScalars {
        #expect(s.value >= 0x20 && s.value != 0x7F, "control \(s.value)")
      }
    }
  }

  @Test func selectionSurvivesEventsFromAnotherProcess() {
    var h = Harness()
    h.press(.character("j"), .character("j"))  // Croatia
    var p = Harness.demo
    p.apply(
      Envelope(
        context: EventContext(
          sequence: 100_000, at: Timestamp(dayOrdinal: Harness.today.ordinal), actor: "x"),
        event: PartnerRegistered(code: "AD", name: "Andorra", region: .europe, tier: .other)))
    h.send(.portfolio(p, asOf: nil, today: Harness.today))
    #expect(h.selectedLine?.contains("Croatia") == true)
    #expect(h.screen.contains("Andorra"))
  }

  @Test func cellGridClipsAndReplacesHalfOfAWideCharacter() {
    var g = CellGrid(width: 6, height: 1)
    g.put("日本語", x: 0, y: 0)
    #expect(g.text == "日本語")
    g.put("x", x: 1, y: 0)
    #expect(g.lines[0].hasPrefix(" x"))
    var small = CellGrid(width: 3, height: 1)
    small.put("日本", x: 0, y: 0)
    #expect(small.text == "日…")  // cut, and says so
  }

  @Test func memoryTerminalKeepsFrames() {
    let t = MemoryTerminal(width: 120, height: 35)
    let h = Harness()
    t.draw(h.model.render())
    #expect(t.screen.contains("[1] Europe/NATO"))
  }
}

/// Issue 26, item 5: the overview and partner screens show any fiscal year's money —
/// `<` `>` step it, `:fy 2024` names it, `:fy now` returns — and the title says which.
@Suite struct FiscalYearShownTests {
  @Test func stepAndNameTheFiscalYear() throws {
    var h = Harness(width: 160, height: 45)
    let current = Harness.today.fiscalYear
    #expect(h.screen.contains("FY\(current % 100) avail"))
    h.press(.character("<"))
    #expect(h.screen.contains("FY\((current - 1) % 100) avail"), "\(h.lines.prefix(4))")
    #expect(h.lines[0].contains("figures of FY\(current - 1)"))
    h.press(.character(":"))
    h.type("fy 2024")
    h.press(.enter)
    #expect(h.screen.contains("FY24 avail") && h.lines[0].contains("figures of FY2024"))
    // The Middle East pane's FY2024 money is Israel's, Egypt's and Jordan's of that year.
    let me = try #require(h.model.shownSummary.regions[.middleEastAfrica])
    var expected = Dollars.zero
    for code in h.model.shownSummary.partnersByRegion[.middleEastAfrica]?.map(\.code) ?? [] {
      for p in h.model.portfolio.programs(of: code) where p.kind.isAppropriated {
        expected = expected + (p.funding.first { $0.fiscalYear == 2024 }?.available ?? .zero)
      }
    }
    #expect(me.available == expected && expected > .billion(8), "\(me.available) vs \(expected)")
    h.press(.character(":"))
    h.type("fy now")
    h.press(.enter)
    #expect(h.model.shownFiscalYear == nil && !h.lines[0].contains("figures of FY"))
    // Where there are no such figures, the key says why.
    h.press(.character("a"), .character("<"))
    #expect(h.statusLine.contains("< and > change the fiscal year"), "\(h.statusLine)")
  }

  /// `:find` finds requests too (issue 28, item 5): by ID or by kind, and Enter opens the
  /// request's screen.
  @Test func findFindsRequestsAndOpensThem() {
    var h = Harness()
    h.type(":find RQ-0013")
    h.press(.enter)
    #expect(h.screen.contains("request   RQ-0013"), "\(h.screen)")
    #expect(h.screen.contains("Release funds · TW-FMF-001"))
    h.press(.enter)
    #expect(h.lines[0].contains("RQ-0013"), "\(h.lines[0])")
    h.press(.escape, .escape)
    h.type(":find deliver equipment")
    h.press(.enter)
    #expect(h.screen.contains("RQ-0009") && h.screen.contains("RQ-0007"), "\(h.screen)")
  }

  /// A new store's overview says which key registers the first partner (issue 28, item 5),
  /// and that key does.
  @Test func anEmptyStoreSaysHowToRegisterTheFirstPartner() {
    var p = Portfolio()
    p.apply(
      Envelope(
        context: EventContext(sequence: 1, at: Timestamp(dayOrdinal: Harness.today.ordinal), actor: "tester"),
        event: StoreCreated(name: "new", demo: false)))
    var h = Harness(portfolio: p)
    #expect(h.screen.contains("no partners yet · 1 then n registers one"), "\(h.screen)")
    #expect(h.screen.contains("no partners yet · 4 then n registers one"))
    h.press(.character("n"))
    #expect(h.model.form != nil, "\(h.statusLine)")
    #expect(h.screen.contains("partner"), "\(h.screen)")
  }

  /// `:expiring` (issue 29, item 3): the lines `sapm expiring` lists, largest first, and
  /// Enter opens the program's Funding tab.
  @Test func expiringListsTheFiscalYearsCloseAndOpensTheFundingTab() {
    var h = Harness()
    let lines = h.model.portfolio.expiring(within: 90, on: Harness.today)
    h.type(":expiring")
    h.press(.enter)
    #expect(h.model.page.screen == .expiring)
    #expect(h.screen.contains("Funds expiring within 90 days of 2026-11-29"), "\(h.screen)")
    guard let first = lines.first else {
      Issue.record("the demo has no expiring funds on \(Harness.today)")
      return
    }
    #expect(h.selectedLine?.contains(first.program) == true, "\(h.selectedLine ?? "")")
    #expect(h.selectedLine?.contains(first.unobligated.compact) == true)
    h.press(.enter)
    #expect(h.model.page.screen == .program(first.program))
    #expect(h.model.page.tab == .funding)
  }

  /// `:cns` (issue 29, item 2): the tracker `sapm cns` prints — needed first, then holds
  /// — and Enter opens the Funding tab of the program the CN is shown on.
  @Test func cnsListsTheTrackerAndOpensTheFundingTab() {
    var h = Harness()
    let lines = h.model.portfolio.cnLines(on: Harness.today)
    h.type(":cns")
    h.press(.enter)
    #expect(h.model.page.screen == .cns)
    #expect(
      h.screen.contains("Congressional notifications on 2026-11-29: 3 needed, 1 on hold, 1 held"),
      "\(h.screen)")
    guard let first = lines.first else {
      Issue.record("the demo has no CN lines on \(Harness.today)")
      return
    }
    #expect(first.state == .needed)
    #expect(h.selectedLine?.contains("needed") == true, "\(h.selectedLine ?? "")")
    #expect(h.selectedLine?.contains(first.amount.compact) == true)
    #expect(h.screen.contains("CN 27-102") && h.screen.contains("held"), "\(h.screen)")
    let program = h.model.portfolio.notificationProgram(
      partner: first.key.partner, account: first.key.account)
    h.press(.enter)
    #expect(program != nil && h.model.page.screen == .program(program ?? ""))
    #expect(h.model.page.tab == .funding)
  }

  /// `b` on a partner asks for its brief (issue 29, item 1); elsewhere it says where it works.
  @Test func bWritesThePartnersBrief() {
    var h = Harness()
    h.press(.character("b"))
    #expect(h.statusLine.contains("b writes a partner's brief: open a partner first"), "\(h.statusLine)")
    h.press(.character("4"), .enter)
    h.press(.character("b"))
    #expect(h.effects.last == .writeBrief(partner: "UA", asOf: nil))
  }

  /// Pictures (issue 29, item 4): a partner's obligations over six fiscal years as a
  /// sparkline, a program's burn per year as a bar of characters — both readable in mono.
  @Test func aPartnersSparklineAndAProgramsBurn() {
    #expect(sparkline([0, 50, 100]) == "·▄█")
    #expect(burnBar(obligated: 0.7, disbursed: 0.4, 10) == "████▒▒▒░░░")
    var h = Harness()
    h.type(":find JO-FMF-001")
    h.press(.enter, .enter)
    h.press(.character("]"))
    #expect(h.screen.contains("Burn: █ paid ▒ obligated ░ open"), "\(h.screen)")
    #expect(h.screen.contains("% paid"))
    // A year whose availability ended with money unobligated says what lapsed.
    #expect(h.screen.contains("$42.5M lapsed"), "\(h.screen)")
    h.press(.escape, .escape, .escape)
    h.type(":find Jordan")
    h.press(.enter, .enter)
    #expect(h.lines[2].contains("obligated FY22–FY27 "), "\(h.lines[2])")
    h.model.theme = .monochromeBuiltIn
    #expect(h.screen.contains("obligated FY22–FY27 "))
  }
}
