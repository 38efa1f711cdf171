import Portfolio
import Testing

@testable import TUI

/// The case list (c): every FMS case against its thresholds, required-and-missing first.
@Suite struct CasesScreenTests {
  @Test func casesThatNeedNotificationComeFirstAndEnterOpensTheCase() {
    var h = Harness(width: 160, height: 45)
    h.type("c")
    #expect(h.lines[0].contains("FMS cases"))
    #expect(h.screen.contains("Thresholds"))
    let table = h.model.casesTable()
    let first = table.rows.first
    #expect(first?.cells.last == "required, not notified", "\(String(describing: first))")
    #expect(table.rows.contains { $0.cells[0] == "RP-D-SAG" && $0.cells[3] == "other" })
    h.press(.enter)
    #expect(h.lines[0].contains("· Case"))
    // Jumps never grow the stack: c, a, c, a … stays two deep.
    for _ in 0..<5 { h.type("ca") }
    #expect(h.model.stack.count <= 3, "\(h.model.stack.map(\.screen))")
    #expect(h.statusLine.contains("Enter open · x ack"))
  }

  @Test func homeReturnsToTheOverviewFromAnywhere() {
    var h = Harness(width: 160, height: 45)
    h.press(.enter, .enter)
    h.type("a")
    h.press(.enter)
    #expect(h.model.stack.count == 5)  // overview › partner › program › alerts › program
    h.type("H")
    #expect(h.model.stack.count == 1)
    #expect(h.lines[0].contains("Overview"))
    h.type("c~")
    #expect(h.model.stack.count == 1)
  }
}

/// v (and Enter where nothing opens) shows the selected row in full, wrapped.
@Suite struct RowDetailTests {
  @Test func aCutValueIsReadableInFull() {
    var h = Harness(width: 80, height: 24)
    h.type("a")
    let row = h.model.selectedRow()
    let message = row?.cells.last ?? ""
    #expect(message.count > 20)
    #expect(!h.screen.contains(message))  // cut in its column at 80 columns
    h.type("v")
    let detail = h.model.detail
    #expect(detail?.fields.last?.value == message)
    let words = message.split(separator: " ").suffix(3).joined(separator: " ")
    #expect(h.screen.replacingOccurrences(of: "\n", with: " ").contains("any key closes"))
    #expect(h.screen.contains(String(words.prefix(12))), "\(h.screen)")
    h.press(.escape)
    #expect(h.model.detail == nil)
    // On a program's tab, Enter shows the row instead of saying there is nothing below.
    h.press(.enter)
    h.press(.enter)
    #expect(h.model.detail != nil)
  }
}

/// `/` then Enter on the overview searches every region; `:find` anywhere.
@Suite struct SearchTests {
  @Test func findsAcrossRegionsAndDrills() {
    var h = Harness(width: 160, height: 45)
    h.type("1/nig")
    h.press(.enter)
    #expect(h.lines[0].contains("Search 'nig'"))
    #expect(h.screen.contains("Niger"))
    #expect(h.screen.contains("Nigeria"))
    h.type("/Nigeria")
    h.press(.enter)
    h.press(.enter)
    #expect(h.lines[0].contains("Nigeria"))
    // A case by its identifier, from anywhere; Enter opens the program's Case tab.
    h.type(":find UP-B-JAV")
    h.press(.enter)
    #expect(h.screen.contains("FMS case"))
    h.press(.enter)
    #expect(h.lines[0].contains("· Case"))
    // The overview's pane filter is gone after a search.
    h.type("H")
    #expect(h.model.stack[0].filter.isEmpty)
  }
}

/// A pane that is not filtered never says it is.
@Suite struct PaneFilterTests {
  @Test func onlyTheFocusedPaneSpeaksOfItsFilter() {
    var h = Harness(width: 160, height: 45)
    h.type("1/pol")
    #expect(h.screen.contains("Poland"))
    // The past, when only Poland was registered: the other three panes are empty.
    var past = Portfolio()
    past.apply(
      Envelope(
        context: EventContext(sequence: 1, at: Timestamp(dayOrdinal: Harness.today.ordinal - 5000), actor: "x"),
        event: PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)))
    h.send(.portfolio(past, asOf: Day(ordinal: Harness.today.ordinal - 4000), today: Harness.today))
    #expect(h.model.stack[0].filter == "pol")
    #expect(!h.screen.contains("no rows match"), "\(h.screen)")
    #expect(h.screen.components(separatedBy: "(nothing here)").count == 4)  // three empty panes
  }
}

/// x works where a program's alerts are listed, and the alerts view says who acknowledged.
@Suite struct AcknowledgeOnSummaryTests {
  @Test func xOnTheSummaryAcknowledgesTheSelectedAlert() {
    var h = Harness(width: 160, height: 45)
    h.model.stack = [Page(.overview), Page(.program("UA-SC-001"))]
    h.send(.resize(width: 160, height: 45))
    #expect(h.statusLine.contains("x ack · n record"))
    let table = h.model.currentTable()
    let alertRow = table?.rows.firstIndex { $0.key.hasPrefix("leahy-") }
    #expect(alertRow != nil)
    for _ in 0..<(alertRow ?? 0) { h.press(.down) }
    h.type("x")
    #expect(h.model.input != nil, "\(h.statusLine)")
    h.type("re-vetting submitted")
    h.press(.enter)
    #expect(h.effects.contains { if case .acknowledge(let id, "re-vetting submitted") = $0 { return id.hasPrefix("leahy-") } else { return false } })
    // The alerts view shows who acknowledged an alert and the note.
    var p = Harness.demo
    let id = h.model.alerts.first { $0.subject.program == "UA-SC-001" }?.id.description ?? ""
    p.apply(
      Envelope(
        context: EventContext(
          sequence: p.lastSequence + 1, at: Timestamp(dayOrdinal: Harness.today.ordinal, hour: 9), actor: "l.chen"),
        event: AlertAcknowledged(alert: id, note: "re-vetting submitted")))
    let a = Harness(width: 200, height: 45, portfolio: p)
    let row = a.model.alertsTable().rows.first { $0.key == id }
    #expect(row?.cells.last?.hasSuffix("— ack by l.chen \(Harness.today): re-vetting submitted") == true, "\(String(describing: row))")
  }
}

/// At 80×24 every screen shows what it means: the active tab is always visible.
@Suite struct NarrowTerminalTests {
  @Test(arguments: [80, 60])
  func theActiveTabIsAlwaysOnTheStrip(width: Int) {
    var h = Harness(width: width, height: 24)
    h.model.stack = [Page(.overview), Page(.program("UA-SC-001"))]
    for tab in ProgramTab.allCases {
      h.model.page.tab = tab
      h.send(.resize(width: width, height: 24))
      let strip = h.lines[2]
      #expect(strip.contains("[\(tab.shortTitle)]") || strip.contains("[\(tab.title)]"), "\(tab) at \(width): \(strip)")
    }
  }

  @Test func theAlertsHeaderKeepsItsTextAndDetailsHaveRoom() {
    var h = Harness(width: 80, height: 24)
    h.type("a")
    let header = h.lines[1]
    #expect(header.contains("Alerts on"))
    #expect(!header.contains("/") || header.contains("open"), "\(header)")
    let columns = h.lines[2]
    #expect(columns.contains("Details"))
    let detailsStart = columns.range(of: "Details").map { columns.distance(from: columns.startIndex, to: $0.lowerBound) } ?? 80
    #expect(80 - detailsStart >= 20, "Details gets \(80 - detailsStart) columns: \(columns)")
  }
}

/// s cycles the order of a pane or a partner's programs; the header says which.
@Suite struct SortTests {
  @Test func sortCyclesAndTheHeaderSaysSo() {
    var h = Harness(width: 160, height: 45)
    h.type("1s")
    #expect(h.statusLine.contains("sorted by value"))
    let table = h.model.overviewTable(.europe)
    #expect(table.columns[2].title == "Value ▼")
    #expect(table.rows.first?.cells.first?.hasPrefix("Poland") == true)  // $31B of cases
    h.type("ss")
    #expect(h.model.overviewTable(.europe).columns[4].title == "Alerts ▼")
    let alerts = h.model.overviewTable(.europe).rows.map { $0.cells[4] }
    #expect(alerts.first?.isEmpty == false)
    h.type("s")
    #expect(h.model.overviewTable(.europe).columns[0].title == "Partner")  // back to name order, unmarked
    #expect(h.model.overviewTable(.europe).columns[2].title == "Value")
    h.type("a")
    h.type("s")
    #expect(h.statusLine.contains("s sorts the partners of a pane"))
  }
}

/// Every key the footer names does what the key map says, on every screen.
@Suite struct FooterTests {
  @Test func everyFooterKeyIsBoundToItsWord() {
    var h = Harness(width: 200, height: 45)
    let screens: [[Page]] = [
      [Page(.overview)], [Page(.overview), Page(.partner("PL"))], [Page(.overview), Page(.program("UA-SC-001"))],
      [Page(.overview), Page(.alerts)], [Page(.overview), Page(.cases)], [Page(.overview), Page(.approvals)],
      [Page(.overview), Page(.request("RQ-0001"))], [Page(.overview), Page(.help)], [Page(.overview), Page(.search("pol"))],
    ]
    var seen = Set<String>()
    for stack in screens {
      h.model.stack = stack
      h.send(.resize(width: 200, height: 45))
      let footer = h.model.footerKeys
      #expect(!seen.contains(footer) || stack.count == 1, "\(stack.map(\.screen)) repeats another screen's footer")
      seen.insert(footer)
      for item in footer.split(separator: "·").map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if ["1-4 pane", "[ ] tabs", "Tab lists"].contains(item) { continue }  // named by hand
        let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let binding = KeyMap.bindings.first(where: { $0.keys.first?.label == parts[0] }) else {
          Issue.record("\(item): no binding for its key")
          continue
        }
        #expect(binding.short == parts[1], "\(item) on \(stack.map(\.screen))")
      }
    }
  }
}

/// What was cut with no way to read it now reads in full.
@Suite struct NothingCutSilentlyTests {
  @Test func labelsValuesAndBreadcrumbs() {
    var h = Harness(width: 160, height: 45)
    h.model.stack = [Page(.overview), Page(.program("UA-SC-001"))]
    h.send(.resize(width: 160, height: 45))
    #expect(h.screen.contains("‼ Leahy vetting expired "))
    #expect(h.screen.contains("! Leahy vetting expiring "))
    var narrow = Harness(width: 80, height: 24)
    narrow.model.stack = [Page(.overview), Page(.program("PH-FMS-001"))]
    narrow.model.page.tab = .fmsCase
    narrow.send(.resize(width: 80, height: 24))
    #expect(narrow.screen.contains("supply/services complete"))
    #expect(narrow.screen.contains("$4.20B · 20 × F-16"))
    // Searching again replaces the earlier search instead of stacking.
    for text in ["pol", "UA-SC-001", "nig", "RP-D-SAG"] {
      h.type(":find \(text)")
      h.press(.enter, .enter)
    }
    #expect(h.model.stack.count == 4, "\(h.model.stack.map(\.screen))")  // overview, program, search, result
  }
}
