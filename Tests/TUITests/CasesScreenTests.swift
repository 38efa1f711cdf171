import Portfolio
import Terminal
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
    #expect(table.rows.contains { $0.cells[0] == "RP-D-SAG" && $0.cells[3] == "standard" })
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
