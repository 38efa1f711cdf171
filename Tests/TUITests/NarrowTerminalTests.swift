import Portfolio
import Terminal
import Testing

@testable import TUI

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
      #expect(
        strip.contains("[\(tab.shortTitle)]") || strip.contains("[\(tab.title)]"),
        "\(tab) at \(width): \(strip)")
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
    let detailsStart =
      columns.range(of: "Details").map { columns.distance(from: columns.startIndex, to: $0.lowerBound) } ?? 80
    #expect(80 - detailsStart >= 20, "Details gets \(80 - detailsStart) columns: \(columns)")
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
    h.model.page.tab = .history
    h.send(
      .history([
        HistoryLine(at: "2026-11-29 09:00:00", actor: "l.chen", type: "alert.acknowledged", summary: "x")
      ]))
    #expect(h.screen.contains("alert.acknowledged "))
    // Searching again replaces the earlier search instead of stacking.
    for text in ["pol", "UA-SC-001", "nig", "RP-D-SAG"] {
      h.type(":find \(text)")
      h.press(.enter, .enter)
    }
    #expect(h.model.stack.count == 4, "\(h.model.stack.map(\.screen))")  // overview, program, search, result
  }
}

/// Every screen at 80×24 and 160×45: a title, a footer of its own keys, a status line,
/// and no line longer than the terminal.
@Suite struct EveryScreenTests {
  @Test(arguments: [(80, 24), (160, 45)])
  func everyScreenDrawsWholeAtBothSizes(width: Int, height: Int) {
    var h = Harness(width: width, height: height)
    let stacks: [[Page]] =
      [
        [Page(.overview)], [Page(.overview), Page(.partner("PL"))], [Page(.overview), Page(.alerts)],
        [Page(.overview), Page(.cases)], [Page(.overview), Page(.approvals)],
        [Page(.overview), Page(.request("RQ-0001"))],
        [Page(.overview), Page(.help)], [Page(.overview), Page(.search("ukr"))],
      ]
      + ProgramTab.allCases.map { tab in
        var p = Page(.program("UA-SC-001"))
        p.tab = tab
        return [Page(.overview), p]
      }
    for stack in stacks {
      h.model.stack = stack
      h.send(.resize(width: width, height: height))
      let lines = h.lines
      #expect(lines[0].hasPrefix(" sapm "), "\(stack.map(\.screen))")
      #expect(lines[height - 1].contains("events"), "\(stack.map(\.screen))")
      #expect(
        !lines[height - 2].trimmingCharacters(in: .whitespaces).isEmpty, "no footer on \(stack.map(\.screen))"
      )
      #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
    }
  }
}
