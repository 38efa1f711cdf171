import Portfolio
import Testing

@testable import TUI
@testable import Terminal

/// The export's y/n question and pasted text, headless.
@Suite struct ConfirmAndPasteTests {
  @Test func anExportOverAnExistingFileAsksFirst() {
    var h = Harness()
    let rows = [["a", "b"], ["1", "2"]]
    h.send(.confirmOverwrite(path: "/tmp/x.csv", rows: rows))
    #expect(h.statusLine.contains("/tmp/x.csv exists; replace it? (y/n)"))
    h.type("q")  // not an answer: nothing happens, sapm does not quit
    #expect(!h.model.shouldQuit)
    #expect(h.statusLine.contains("replace it? (y/n)"))
    h.type("y")
    #expect(h.effects.last == .export(path: "/tmp/x.csv", rows: rows, overwrite: true))
    h.send(.confirmOverwrite(path: "/tmp/x.csv", rows: rows))
    let before = h.effects.count
    h.type("n")
    #expect(h.effects.count == before)
    #expect(h.statusLine.contains("not exported: /tmp/x.csv left as it was"))
  }

  @Test func aPasteIsOneLineOfTextAtAPromptAndRefusedElsewhere() {
    var h = Harness()
    h.press(.paste("q"))
    #expect(!h.model.shouldQuit)
    #expect(h.statusLine.contains("pasted text is only taken at a prompt"))
    h.press(.character("/"))
    h.press(.paste("Ukr\naine\u{1B}[2J"))
    #expect(h.model.inputText == "Ukr aine [2J")
    #expect(!h.screen.contains("\u{1B}"))
  }
}
