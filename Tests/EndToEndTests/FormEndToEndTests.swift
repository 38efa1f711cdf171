import Foundation
import Testing

/// Recording a fact through a form in a real terminal (issue "Real data in").
@Suite(.serialized) struct FormEndToEndTests {
  @Test func anObligationThroughTheFundsForm() throws {
    let tmux = try Tmux(width: 100, height: 30, term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.launch(store: store)
    // Europe/NATO → its first partner → its first program → the Funding tab.
    try tmux.type("1")
    try tmux.keys("Enter")
    try tmux.waitFor("Bosnia and Herzegovina (BA)")
    try tmux.keys("Enter")
    try tmux.waitFor("[Summary]")
    try tmux.type("]")
    try tmux.waitFor("[Funding]")
    try tmux.type("n")
    try tmux.waitFor("Record funds — BA-FMF-001")
    try tmux.keys("Tab", "Tab")
    // Beyond the funds: the domain's reason, shown as it is typed; Enter records nothing.
    let before = try String(contentsOfFile: store, encoding: .utf8)
    try tmux.type("999B")
    try tmux.waitFor("would bring obligations to")
    try tmux.keys("Enter")
    try tmux.waitFor("not recorded")
    #expect(try String(contentsOfFile: store, encoding: .utf8) == before)
    // Within them: recorded, as this OS account, and on screen at once.
    try tmux.keys("C-u")
    try tmux.type("2M")
    try tmux.waitFor("Enter records it")
    try tmux.keys("Enter")
    try tmux.waitFor("recorded: obligate $2.0M of BA-FMF-001")
    let after = try String(contentsOfFile: store, encoding: .utf8)
    let last = try #require(after.split(separator: "\n").last)
    #expect(last.contains(#""type":"funds.obligated""#) && last.contains(#""amount":2000000"#))
    #expect(last.contains(#""actor":"\#(NSUserName())""#))
    try tmux.quit()
  }
}
