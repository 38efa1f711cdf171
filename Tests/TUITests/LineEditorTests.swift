import Portfolio
import Testing

@testable import TUI
@testable import Terminal

/// The one-line editor behaves as readline does.
@Suite struct LineEditorTests {
  func edit(_ start: String, prefilled: Bool = false, _ keys: Key...) -> LineEditor {
    var e = LineEditor(start, prefilled: prefilled)
    for k in keys { _ = e.handle(k) }
    return e
  }

  @Test func movingAndInsertingInTheMiddle() {
    let e = edit("Ukrne", .left, .left, .character("a"), .character("i"))
    #expect(e.text == "Ukraine")
    #expect(e.cursor == 5)
    #expect(edit("bc", .home, .character("a"), .end, .character("d")).text == "abcd")
    #expect(edit("bc", .control("a"), .character("a"), .control("e"), .character("d")).text == "abcd")
    #expect(edit("ab", .left, .left, .left, .right, .right, .right, .character("c")).text == "abc")
  }

  @Test func deleting() {
    #expect(edit("abc", .left, .backspace).text == "ac")
    #expect(edit("abc", .home, .delete).text == "bc")
    #expect(edit("abc", .home, .delete, .delete, .delete, .delete).text == "")
    #expect(edit("hello world", .left, .left, .control("u")).text == "ld")
    #expect(edit("hello world", .home, .right, .control("k")).text == "h")
    #expect(edit("export pacific.csv", .control("w")).text == "export ")
    #expect(edit("export pacific.csv  ", .control("w")).text == "export ")
    #expect(edit("", .backspace, .control("w"), .control("u")).text == "")
  }

  @Test func typingReplacesAPrefilledValueUnlessTheCursorMovedFirst() {
    #expect(edit("2025-10-01", prefilled: true, .character("2")).text == "2")
    #expect(edit("2025-10-01", prefilled: true, .backspace).text == "")
    #expect(edit("2025-10-01", prefilled: true, .left, .backspace, .character("2")).text == "2025-10-21")
    #expect(edit("2025-10-01", prefilled: true, .end, .character("x")).text == "2025-10-01x")
  }

  @Test func aPasteIsInsertedAsOneLine() {
    #expect(edit("a", .paste("b\nc\td"), .character("e")).text == "ab c de")
  }

  @Test func nonEditingKeysAreLeftToTheCaller() {
    var e = LineEditor("x")
    #expect(!e.handle(.enter) && !e.handle(.escape) && !e.handle(.tab) && !e.handle(.up))
    #expect(e.text == "x")
  }

  /// The time-travel prompt: the date shown is replaced by typing, not appended to.
  @Test func theTimeTravelDateIsReplacedByTyping() {
    var h = Harness()
    h.press(.character("t"))
    h.type("2025-10-01")
    h.press(.enter)
    #expect(h.effects.last == .travel(to: Day("2025-10-01")))
    h.send(.portfolio(Harness.demo, asOf: Day("2025-10-01"), today: Harness.today))
    h.press(.character("t"))
    #expect(h.statusLine.contains("2025-10-01▏"))
    h.type("2024-01-02")
    #expect(h.statusLine.contains("2024-01-02▏"))
    #expect(!h.statusLine.contains("2025-10-012024"))
  }

  /// A line longer than the screen keeps its cursor in view.
  @Test func aLongLineScrollsToTheCursor() {
    var h = Harness(width: 80, height: 24)
    h.press(.character(":"))
    h.type("export " + String(repeating: "x", count: 120) + "END")
    #expect(h.statusLine.contains("…") && h.statusLine.contains("END▏"), "\(h.lines)")
  }
}
