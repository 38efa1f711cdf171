import Portfolio
import Testing

@testable import TUI

/// The approvals screen, the request view, the A/R/B dialogs and the N form,
/// headless, as the demo's approvers and officers.
@Suite struct ApprovalScreenTests {
  @Test func anApproverSeesWhatWaitsOnThemAndApprovesThroughTheDialog() {
    var h = Harness(width: 160, height: 45, user: "l.chen")
    h.type("p")
    #expect(h.lines[0].contains("Approvals · Waiting on me"))
    #expect(h.screen.contains("Waiting on me ("))
    // Failing checks first: RQ-0009 (Niger, restricted) is listed before RQ-0001.
    let rq9 = h.lines.firstIndex { $0.contains("RQ-0009") } ?? 99
    let rq1 = h.lines.firstIndex { $0.contains("RQ-0001") } ?? -1
    #expect(rq9 < rq1)
    #expect(h.statusLine.contains("Tab lists · Enter open · A approve · R reject · B return"))
    // A on a request with a failing check says why, and asks nothing.
    h.type("/RQ-0009")
    h.press(.enter)
    h.type("A")
    #expect(h.statusLine.contains("cannot approve RQ-0009: Country restrictions: Niger under §7008 coup"))
    #expect(h.model.input == nil)
    // Enter opens the request: fields, checks with ✔ ✘, who is needed.
    h.press(.escape)
    h.type("/RQ-0001")
    h.press(.enter, .enter)
    #expect(h.lines[0].contains("RQ-0001"))
    #expect(h.screen.contains("✔ Funds"))
    #expect(h.screen.contains("needs 2 more approvers"))
    h.type("A")
    #expect(
      h.statusLine.contains(
        "Approve RQ-0001 · Release funds · Jordan · $150.0M (checks pass; 1 more approver after you)? (y/n, m adds a note)"
      ))
    h.type("y")
    h.performEffects()
    #expect(h.statusLine.contains("recorded: approve RQ-0001 as l.chen"), "\(h.statusLine)")
    #expect(h.screen.contains("needs 1 more approver"))
    // The same person counts once.
    h.type("A")
    #expect(h.statusLine.contains("l.chen has already approved RQ-0001"))
  }

  @Test func rejectAndReturnAskForAReasonAndTheRequesterCannotApprove() {
    var h = Harness(width: 160, height: 45, user: "m.okafor")
    h.type("p")
    h.press(.tab)
    #expect(h.lines[0].contains("Raised by me"))
    h.type("/RQ-0006")
    h.press(.enter)
    h.type("A")
    #expect(h.statusLine.contains("m.okafor raised RQ-0006 and cannot approve it (four eyes)"))

    var a = Harness(width: 160, height: 45, user: "r.kowalski")
    a.type("p")
    a.type("/RQ-0006")
    a.press(.enter)
    a.type("R")
    #expect(a.statusLine.contains("Reject RQ-0006 · Deliver equipment · Ukraine · $6.0M — reason:"))
    a.press(.enter)
    #expect(a.statusLine.contains("to reject a request, give the reason"))
    #expect(a.effects.isEmpty)
    a.type("B")
    a.type("attach the packing list")
    a.press(.enter)
    a.performEffects()
    #expect(a.model.portfolio.requests["RQ-0006"]?.state == .returned)
    #expect(a.model.portfolio.requests["RQ-0006"]?.steps.last?.reason == "attach the packing list")
  }

  @Test func nRaisesARequestOnAProgramAndTheFooterFollowsTheScreen() {
    var h = Harness(width: 160, height: 45, user: "m.okafor")
    #expect(h.statusLine.contains("1-4 pane · Enter open · n record"))
    h.model.stack = [Page(.overview), Page(.program("JO-FMF-001"))]
    #expect(h.statusLine.contains("n record · N request"))
    h.type("N")
    #expect(h.screen.contains("Raise a request — JO-FMF-001"))
    // Justification is empty: the domain's reason is shown as you type.
    #expect(h.screen.contains("a request needs a justification saying why"))
    h.press(.down, .backspace)
    h.type("25M")
    // Only release-funds' fields are shown (issue 22, item 6): Fiscal year, then why.
    #expect(!h.screen.contains("Course") && !h.screen.contains("New sunset"), "\(h.lines)")
    for _ in 0..<2 { h.press(.down) }
    h.type("Spares for the F-16 fleet")
    h.press(.enter)
    h.performEffects()
    #expect(
      h.statusLine.contains("recorded: raise a release-funds request on JO-FMF-001 as m.okafor"),
      "\(h.statusLine)")
    let raised = h.model.portfolio.requests.values.first { $0.summary == "Spares for the F-16 fleet" }
    #expect(raised?.state == .submitted)
    #expect(raised?.amount == .million(25))
  }

  @Test func stepsAreRefusedInTheKioskAndInThePast() {
    var h = Harness(width: 160, height: 45, readOnly: true, user: "l.chen")
    h.type("p/RQ-0001")
    h.press(.enter)
    h.type("A")
    #expect(h.statusLine.contains("read-only: approve would write to the store"))
  }
}

/// Issue 22, item 6: the approve dialog takes a note, as `--note` does.
@Suite struct ApprovalNoteTests {
  @Test func anApprovalCarriesItsNote() {
    var h = Harness(width: 160, height: 45, user: "l.chen")
    h.type("p")
    h.type("/RQ-0001")
    h.press(.enter, .enter)
    h.type("A")
    h.type("m")
    #expect(h.statusLine.contains("Approve RQ-0001 — note"), "\(h.statusLine)")
    h.type("checked against the LOR")
    h.press(.enter)
    h.performEffects()
    #expect(h.statusLine.contains("recorded: approve RQ-0001 as l.chen"), "\(h.statusLine)")
    let step = h.model.portfolio.requests["RQ-0001"]?.steps.last
    #expect(step?.state == .approved && step?.reason == "checked against the LOR")
  }
}
