import Basics
import CanonicalJSON
import Portfolio
import Terminal
import Testing

@testable import TUI

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
    h.type(":find UP-B-HAW")
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
        context: EventContext(
          sequence: 1, at: Timestamp(dayOrdinal: Harness.today.ordinal - 5000), actor: "x"),
        event: PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)))
    h.send(.portfolio(past, asOf: Day(ordinal: Harness.today.ordinal - 4000), today: Harness.today))
    #expect(h.model.stack[0].filter == "pol")
    #expect(!h.screen.contains("no rows match"), "\(h.screen)")
    // Three empty panes.
    #expect(h.screen.components(separatedBy: "no partners on ").count == 4, "\(h.screen)")
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
    #expect(
      h.effects.contains {
        if case .acknowledge(let id, "re-vetting submitted") = $0 {
          return id.hasPrefix("leahy-")
        } else {
          return false
        }
      })
    // The alerts view shows who acknowledged an alert and the note.
    var p = Harness.demo
    let id = h.model.alerts.first { $0.subject.program == "UA-SC-001" }?.id.description ?? ""
    p.apply(
      Envelope(
        context: EventContext(
          sequence: p.lastSequence + 1, at: Timestamp(dayOrdinal: Harness.today.ordinal, hour: 9),
          actor: "l.chen"),
        event: AlertAcknowledged(alert: id, note: "re-vetting submitted")))
    let a = Harness(width: 200, height: 45, portfolio: p)
    let row = a.model.alertsTable().rows.first { $0.key == id }
    #expect(
      row?.cells.last?.hasSuffix("— ack by l.chen \(Harness.today): re-vetting submitted") == true,
      "\(String(describing: row))")
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
