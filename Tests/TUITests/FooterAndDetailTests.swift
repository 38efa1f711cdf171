import Portfolio
import Terminal
import Testing

@testable import TUI

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

/// Every key the footer names does what the key map says, on every screen.
@Suite struct FooterTests {
  @Test func everyFooterKeyIsBoundToItsWord() {
    var h = Harness(width: 200, height: 45)
    let screens: [[Page]] = [
      [Page(.overview)], [Page(.overview), Page(.partner("PL"))],
      [Page(.overview), Page(.program("UA-SC-001"))],
      [Page(.overview), Page(.alerts)], [Page(.overview), Page(.cases)], [Page(.overview), Page(.approvals)],
      [Page(.overview), Page(.request("RQ-0001"))], [Page(.overview), Page(.help)],
      [Page(.overview), Page(.search("pol"))],
    ]
    var seen = Set<String>()
    for stack in screens {
      h.model.stack = stack
      h.send(.resize(width: 200, height: 45))
      let footer = h.model.footerKeys
      #expect(
        !seen.contains(footer) || stack.count == 1, "\(stack.map(\.screen)) repeats another screen's footer")
      seen.insert(footer)
      for item in footer.split(separator: "·").map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if ["1-4 pane", "[ ] tabs", "Tab lists"].contains(item) { continue }  // named by hand
        let parts = item.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2,
          let binding = KeyMap.bindings.first(where: { $0.keys.first?.label == parts[0] })
        else {
          Issue.record("\(item): no binding for its key")
          continue
        }
        #expect(binding.short == parts[1], "\(item) on \(stack.map(\.screen))")
      }
    }
  }
}
