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
    // Within them: an obligation is still not the officer's to write alone — the form
    // says which request it needs as it is typed, and Enter opens that request, filled
    // in from what was typed; nothing is obligated.
    try tmux.keys("C-u")
    try tmux.type("2M")
    try tmux.waitFor("release-funds request")
    try tmux.keys("Enter")
    let (request, _) = try tmux.waitFor("the request form") { $0.contains("Raise a request — BA-FMF-001") }
    #expect(request.contains("‹ Release funds ›") && request.contains("2M"), "\(request)")
    #expect(try String(contentsOfFile: store, encoding: .utf8) == before)
    try tmux.type("Spares for the F-16 fleet")  // the justification has the focus
    try tmux.keys("Enter")
    try tmux.waitFor("recorded: raise a release-funds request on BA-FMF-001")
    let after = try String(contentsOfFile: store, encoding: .utf8)
    #expect(
      after.contains(#""type":"request.raised""#)
        && !after.dropFirst(before.count).contains("funds.obligated"))
    try tmux.quit()
  }

  /// A vetting result recorded through the form clears the unit's Leahy alert, and a
  /// second window on the same store shows the change without a key.
  @Test func aVettingResultClearsItsLeahyAlert() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    let other = try Tmux(term: "xterm-256color")
    try other.launch(store: store)
    try other.type("a")
    try other.waitFor("Leahy vetting expired")
    try tmux.launch(store: store)
    try tmux.type("a")
    try tmux.waitFor("Leahy vetting expired")
    try tmux.type("/")
    try tmux.type("UA-SC-001")
    try tmux.keys("Enter", "Enter")
    try tmux.waitFor("UA-SC-001 · Combined-arms")
    try tmux.type("]]]")
    try tmux.waitFor("[Units & vetting]")
    try tmux.type("/")
    try tmux.type("93rd")
    try tmux.keys("Enter")
    try tmux.waitFor("‼ expired")
    try tmux.type("n")
    try tmux.waitFor("Record a vetting result — UA-SC-001")
    try tmux.waitFor("‹ UA-U-093 ›")
    try tmux.keys("Enter")
    try tmux.waitFor("recorded: record 1 event")
    try tmux.waitFor("approved") { !$0.contains("‼ expired") }
    // The other window: the alert is gone from its alerts view, without a key pressed.
    try other.waitFor("no Leahy vetting expired", timeout: 5) { !$0.contains("Leahy vetting expired") }
    try tmux.quit()
    try other.quit()
  }
}
