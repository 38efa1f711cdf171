import Basics
import CanonicalJSON
import Portfolio
import PortfolioDemo
import Terminal
import Testing

@testable import TUI

/// The kiosk model, headless, with an injected clock: the wall cycles, a passer-by
/// browses, idleness returns it to the wall, and no key leaves it, writes or shows
/// a restricted field.
@Suite struct KioskTests {
  static let start = Timestamp(dayOrdinal: Harness.today.ordinal, hour: 9)

  static func kiosk(width: Int = 120, height: Int = 35, cycle: Int = 20, idle: Int = 60) -> Harness {
    var h = Harness(width: width, height: height)
    h.model = AppModel.kiosk(
      portfolio: Harness.demo, today: Harness.today, now: start, store: "/srv/wall.sapm", theme: .builtIn,
      width: width, height: height, cycleSeconds: cycle, idleSeconds: idle)
    return h
  }

  static func at(_ seconds: Int) -> Timestamp {
    Timestamp(milliseconds: start.milliseconds + Int64(seconds) * 1000)
  }

  @Test func theWallCyclesThroughTheRegionsAndTheAlerts() {
    var h = Self.kiosk()
    #expect(h.lines[0].contains("KIOSK"))
    #expect(h.lines[0].contains("wall 1/5 · next: Indo-Pacific in 20s"))
    #expect(h.screen.contains("[1] Europe/NATO"))
    #expect(h.screen.contains("FY27 AVAILABLE"))
    var seen: [String] = []
    for step in 1...5 {
      h.send(.tick(Self.at(step * 20 - 1)))
      #expect(h.model.kiosk?.step == (step - 1) % 5)
      h.send(.tick(Self.at(step * 20)))
      seen.append(h.lines[1])
    }
    #expect(seen[0].contains("[2] Indo-Pacific"))
    #expect(seen[1].contains("[3] Middle East/Africa"))
    #expect(seen[2].contains("[4] Ukraine"))
    #expect(seen[3].contains("Alerts on"))
    #expect(seen[4].contains("[1] Europe/NATO"))
  }

  @Test func aPasserByBrowsesAndIdlenessReturnsToTheWall() {
    var h = Self.kiosk(idle: 60)
    h.send(.tick(Self.at(5)))
    h.type("3")
    #expect(h.screen.contains("▶ [3] Middle East/Africa ◀"))
    h.press(.enter)
    #expect(h.lines[0].contains("Overview ›"))
    // The cycle does not move while someone browses…
    h.send(.tick(Self.at(40)))
    #expect(h.lines[0].contains("Overview ›"))
    // …and returns to the wall after the idle time since the last key.
    h.send(.tick(Self.at(64)))
    #expect(h.lines[0].contains("Overview ›"))
    h.send(.tick(Self.at(65)))
    #expect(h.lines[0].contains("wall 1/5"))
    // a opens the alerts; Esc at the top returns to the wall at once.
    h.type("a")
    #expect(h.screen.contains("Alerts on"))
    h.press(.escape, .escape)
    #expect(h.lines[0].contains("wall"))
  }

  @Test func noKeyLeavesWritesOrTypes() {
    var h = Self.kiosk()
    let refusals: [Key] = [
      .character("q"), .control("c"), .control("z"), .control("\\"), .control("d"), .character(":"),
      .character("/"), .character("t"), .character("n"), .character("N"), .character("x"), .character("A"),
      .character("R"), .character("p"), .character("?"), .paste("rm -rf /"), .function(1), .control("q"),
      .control("s"),
    ]
    for key in refusals {
      h.press(key)
      #expect(h.model.shouldQuit == false)
      #expect(h.model.input == nil && h.model.form == nil, "\(key)")
      #expect(h.statusLine.contains("kiosk"), "\(key): \(h.statusLine)")
      #expect(h.effects.isEmpty, "\(key): \(h.effects)")
    }
    h.press(.character("q"))
    #expect(h.statusLine.contains("no key leaves it; the operator stops it with a signal"))
    // Browsing to an alert and a program still writes nothing.
    h.type("a")
    h.press(.down, .enter)
    for _ in 0..<8 { h.press(.character("]")) }
    h.type("xAnN")
    #expect(h.effects.allSatisfy { if case .loadHistory = $0 { return true } else { return false } })
  }

  @Test func restrictedFieldsNeverAppear() {
    var h = Self.kiosk(width: 160, height: 50)
    let demo = Harness.demo
    let unitNames = demo.units.values.map(\.name)
    let notes =
      demo.acknowledgements.values.map(\.note) + demo.programs.values.flatMap { $0.findings.map(\.note) }
      + demo.units.values.compactMap(\.vetting?.note) + demo.units.values.compactMap(\.vetting?.invest)
    #expect(demo.units.values.contains { $0.vetting?.invest != nil }, "the demo has INVEST numbers to hide")
    let reasons =
      demo.requests.values.map(\.summary) + demo.requests.values.flatMap { $0.steps.compactMap(\.reason) }
    let people = [
      DemoPortfolio.admin, DemoPortfolio.officer, DemoPortfolio.officer2, DemoPortfolio.approver,
      DemoPortfolio.approver2,
    ]
    var screens: [String] = []
    for step in 1...5 {
      screens.append(h.screen)
      h.send(.tick(Self.at(step * 20)))
    }
    // Every program of every partner, every tab, and the alerts.
    for (ri, region) in Region.allCases.enumerated() {
      for partner in demo.partners(in: region) {
        for program in demo.programs(of: partner.code) {
          h.model.stack = [Page(.overview), Page(.partner(partner.code)), Page(.program(program.id))]
          h.model.focusedRegion = ri
          for tab in ProgramTab.allCases {
            h.model.page.tab = tab
            h.send(.resize(width: 160, height: 50))
            screens.append(h.screen)
          }
        }
        h.model.stack = [Page(.overview), Page(.partner(partner.code))]
        h.send(.resize(width: 160, height: 50))
        screens.append(h.screen)
      }
    }
    h.model.stack = [Page(.overview), Page(.alerts)]
    h.send(.resize(width: 160, height: 50))
    screens.append(h.screen)
    // The whole alerts list, page by page: a vetting alert's "since" is its vetting's
    // expiry, restricted like the Units tab's dates.
    var vettingRows = 0
    for _ in 0..<(h.model.alerts.count / 40 + 1) {
      for line in h.lines where line.contains("Leahy") {
        vettingRows += 1
        #expect(!line.contains(/\d{4}-\d{2}-\d{2}/), "a vetting date: \(line)")
      }
      h.press(.pageDown)
    }
    #expect(vettingRows > 0)
    for a in h.model.alerts where a.rule.isAboutVetting {
      #expect(h.model.alertCells(a, message: "")[4] == "—")
    }
    let text = screens.joined(separator: "\n")
    for name in unitNames { #expect(!text.contains(name), "unit name \(name)") }
    for note in notes where note.count > 3 { #expect(!text.contains(note), "note \(note)") }
    for reason in reasons where reason.count > 3 { #expect(!text.contains(reason), "reason \(reason)") }
    for person in people { #expect(!text.contains(person), "actor \(person)") }
    #expect(!text.contains("expires in"), "a vetting's expiry, counted in days")
    #expect(text.contains("UA-U-093"))  // units by ID
    #expect(text.contains("(restricted)"))
  }

  @Test func theStoreUnavailableBannerKeepsTheLastView() {
    var h = Self.kiosk()
    h.send(.storeUnavailable(since: Self.at(30)))
    #expect(h.lines[1].contains("store unavailable since 09:00 — showing the last good view"))
    #expect(h.screen.contains("[1] Europe/NATO"))
    h.send(.storeUnavailable(since: nil))
    #expect(!h.screen.contains("store unavailable"))
  }

  @Test func restrictedFieldsAreData() {
    #expect(
      Set(RestrictedField.allCases.map(\.rawValue)) == [
        "unit names", "vetting details", "acknowledgement notes", "request reasons", "actor names",
        "EUM finding notes",
      ])
    #expect(
      Redaction.kiosk.apply(to: Harness.demo).programs.values.flatMap(\.findings).allSatisfy {
        $0.note == Redaction.placeholder
      })
    let p = Redaction.kiosk.apply(to: Harness.demo)
    #expect(p.units.values.allSatisfy { $0.name == $0.id })
    #expect(
      p.acknowledgements.values.allSatisfy {
        $0.note == Redaction.placeholder && Role(rawValue: $0.by) != nil
      })
    #expect(p.requests.values.allSatisfy { $0.summary == Redaction.placeholder })
    #expect(p.requests["RQ-0014"]?.approvals == ["approver"])
    #expect(p.roster.isEmpty)
    // Nothing restricted, nothing changed.
    #expect(Redaction([]).apply(to: Harness.demo).units["UA-U-093"]?.name == "93rd Mechanized Brigade")
  }
}

/// The Units tab says how long a cleared unit stays cleared when that is soon, and
/// shows the INVEST case number and note recorded with the vetting (issue 27, item 5).
@Suite struct VettingDepthTests {
  /// UA-SC-001's Units tab (the demo's three Ukrainian units) at this size.
  func unitsTab(width: Int, height: Int) -> Harness {
    var h = Harness(width: width, height: height)
    h.model.stack = [Page(.overview), Page(.program("UA-SC-001"))]
    h.model.page.tab = .units
    h.send(.resize(width: width, height: height))
    return h
  }

  @Test func aClearedUnitSaysWhenItExpiresAndItsINVESTCase() throws {
    let h = unitsTab(width: 160, height: 45)
    let soon = try #require(h.lines.first { $0.contains("UA-U-047") }, "\(h.lines)")
    #expect(soon.contains("✓ cleared · expires in 12 days"), "\(soon)")
    #expect(soon.contains("INVEST KYIV-"), "\(soon)")
    let later = try #require(h.lines.first { $0.contains("UA-U-204") })
    #expect(later.contains("✓ cleared") && !later.contains("expires in"), "\(later)")
  }

  /// At 80 columns the state keeps its words; the certification day and the INVEST
  /// case give way (v shows the row in full).
  @Test func onANarrowTerminalTheStateKeepsItsWords() throws {
    let h = unitsTab(width: 80, height: 24)
    let soon = try #require(h.lines.first { $0.contains("UA-U-047") }, "\(h.lines)")
    #expect(soon.contains("✓ cleared · expires in 12 days"), "\(soon)")
    #expect(!h.screen.contains("INVEST"))
  }

  @Test func theVettingFormRecordsTheINVESTCaseAndNote() throws {
    var h = unitsTab(width: 160, height: 45)
    h.press(.character("n"))
    #expect(h.screen.contains("INVEST case"), "\(h.lines)")
    h.model.form?.set(.investCase, "KYIV-2026-0042")
    h.model.form?.set(.note, "cleared by post")
    let command = try #require(try h.model.form?.command().get() as? RecordEvents)
    let vetted = try #require(command.events.first?.event as? UnitVetted)
    #expect(vetted.invest == "KYIV-2026-0042" && vetted.note == "cleared by post")
  }
}
