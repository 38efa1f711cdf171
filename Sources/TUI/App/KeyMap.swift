import Portfolio
import Terminal

/// Everything a key can do.
public enum Action: Hashable, Sendable {
  case region(Int)
  case nextPane, previousPane
  case up, down, pageUp, pageDown, top, bottom
  case drill, back, home, detail, sort
  case previousTab, nextTab
  case filter, command
  case alerts, timeTravel, acknowledge, new
  case approvals, newRequest, step(RequestState), cases, brief
  case help, quit, redraw
  case previousYear, nextYear
}

/// A key binding as data (k9s): the help screen is generated from this list, and
/// `disabledReason` says why a key does nothing here (lazygit), so no key is ever
/// silently ignored.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var section: String
  public var help: String

  public init(_ keys: [Key], _ action: Action, _ section: String, _ help: String) {
    self.keys = keys
    self.action = action
    self.section = section
    self.help = help
  }

  /// A word or two for the footer ("approve", "filter").
  public var short: String { KeyMap.shortNames[action] ?? help }
}

public enum KeyMap {
  public static let bindings: [Binding] = [
    Binding([.character("1")], .region(0), "Navigate", "Europe/NATO pane"),
    Binding([.character("2")], .region(1), "Navigate", "Indo-Pacific pane"),
    Binding([.character("3")], .region(2), "Navigate", "Middle East/Africa pane"),
    Binding([.character("4")], .region(3), "Navigate", "Ukraine pane"),
    Binding([.tab], .nextPane, "Navigate", "next pane (overview) or tab (program)"),
    Binding([.backTab], .previousPane, "Navigate", "previous pane or tab"),
    Binding([.up, .character("k"), .wheelUp], .up, "Navigate", "move up"),
    Binding([.down, .character("j"), .wheelDown], .down, "Navigate", "move down"),
    Binding([.pageUp], .pageUp, "Navigate", "page up"),
    Binding([.pageDown], .pageDown, "Navigate", "page down"),
    Binding([.character("g"), .home], .top, "Navigate", "top"),
    Binding([.character("G"), .end], .bottom, "Navigate", "bottom"),
    Binding([.enter, .right, .character("l")], .drill, "Navigate", "drill down"),
    Binding(
      [.escape, .left, .character("h"), .backspace], .back, "Navigate", "back up one level (selection kept)"),
    Binding([.character("H"), .character("~")], .home, "Navigate", "home: back to the overview"),
    Binding(
      [.character("v")], .detail, "Navigate",
      "the selected row in full, wrapped (also Enter where nothing opens)"),
    Binding([.character("[")], .previousTab, "Program", "previous tab"),
    Binding([.character("]")], .nextTab, "Program", "next tab"),
    Binding(
      [.character("s")], .sort, "Views", "sort a partner or program list: name, value, obligated %, alerts"),
    Binding(
      [.character("/")], .filter, "Views",
      "filter the current list (Esc clears); on the overview, Enter searches all four regions"),
    Binding(
      [.character(":")], .command, "Views",
      "command line (:find TEXT :alerts :cases :expiring :cns :region R :asof DATE :theme NAME :export FILE :quit)"
    ),
    Binding([.character("a")], .alerts, "Views", "alerts"),
    Binding([.character("c")], .cases, "Views", "FMS cases against their §36(b) thresholds"),
    Binding(
      [.character("b")], .brief, "Views", "write the partner's brief (HTML, a new file in this folder)"),
    Binding(
      [.character("<")], .previousYear, "Views",
      "the overview's and a partner's figures for the fiscal year before (:fy YEAR, :fy now)"),
    Binding([.character(">")], .nextYear, "Views", "the figures for the fiscal year after"),
    Binding(
      [.character("t")], .timeTravel, "Views",
      "time travel: the portfolio as of a past date, or projected to a future one (Esc returns to now)"),
    Binding([.character("x")], .acknowledge, "Act", "acknowledge the selected alert (asks for a note)"),
    Binding(
      [.character("n")], .new, "Act",
      "record in a form: partner, program, status, funds, case, unit, vetting, condition, EUM item"
    ),
    Binding(
      [.character("p")], .approvals, "Approvals", "approvals: waiting on me, raised by me, all (Tab switches)"
    ),
    Binding([.character("N")], .newRequest, "Approvals", "raise a request on the program (a form)"),
    Binding(
      [.character("S")], .step(.submitted), "Approvals", "submit the selected request (a draft, or returned)"),
    Binding([.character("A")], .step(.approved), "Approvals", "approve the selected request (asks y/n)"),
    Binding(
      [.character("R")], .step(.rejected), "Approvals", "reject the selected request (asks the reason)"),
    Binding(
      [.character("B")], .step(.returned), "Approvals",
      "send the selected request back to its requester (asks the reason)"),
    Binding(
      [.character("E")], .step(.executed), "Approvals",
      "execute the selected approved request (records its effect)"),
    Binding([.character("?")], .help, "Views", "help"),
    Binding([.character("q"), .control("c")], .quit, "Views", "quit"),
    Binding([.control("l")], .redraw, "Views", "redraw"),
  ]

  /// The footer's words, by action; the keys come from the bindings.
  static let shortNames: [Action: String] = [
    .drill: "open", .back: "back", .home: "home", .detail: "row in full", .sort: "sort", .filter: "filter",
    .command: "command", .alerts: "alerts", .approvals: "approvals", .cases: "cases", .brief: "brief",
    .timeTravel: "time travel",
    .acknowledge: "ack", .new: "record", .newRequest: "request", .step(.approved): "approve",
    .step(.rejected): "reject", .step(.returned): "return", .step(.submitted): "submit",
    .step(.executed): "execute", .help: "help", .quit: "quit", .nextTab: "tab", .previousTab: "tab",
    .nextPane: "next", .previousYear: "FY−1", .nextYear: "FY+1",
  ]

  /// "Enter open · x ack · …" for the given actions, each with its first key from the
  /// key map, so the footer can never name a key that does something else.
  public static func footer(_ actions: [Action]) -> String {
    actions.compactMap { action in
      bindings.first { $0.action == action }.map { "\($0.keys[0].label) \($0.short)" }
    }.joined(separator: " · ")
  }

  public static func action(for key: Key) -> Action? {
    if case .click = key { return nil }
    return bindings.first { $0.keys.contains(key) }?.action
  }

  /// Why `action` cannot run in `model` now, or nil when it can.
  public static func disabledReason(_ action: Action, in model: AppModel) -> String? {
    switch action {
    case .previousTab, .nextTab:
      if case .program = model.page.screen { return nil }
      return "[ and ] switch tabs on the program screen; drill into a program first"
    case .new:
      if let why = model.writeBlocked("recording") { return why }
      if model.asOf != nil { return "time travel shows the past; Esc back to now to record" }
      if let why = model.viewerReason("records facts") { return why }
      return model.page.screen.screen.newFormDisabledReason(model)
    case .acknowledge:
      guard model.page.screen.screen.acknowledges(model) else {
        return "x acknowledges an alert: in the alerts view (a), or on a program's Summary"
      }
      if let why = model.writeBlocked("acknowledging") { return why }
      if model.asOf != nil { return "time travel shows the past; Esc back to now to acknowledge" }
      return model.viewerReason("acknowledges alerts")
    case .drill:
      if case .help = model.page.screen { return "nothing to open on the help screen; Esc to go back" }
      return nil
    case .previousYear, .nextYear:
      return model.page.screen.screen.sorts
        ? nil : "< and > change the fiscal year of the overview's and a partner's figures; go there first"
    case .sort:
      return model.page.screen.screen.sorts
        ? nil : "s sorts the partners of a pane or the programs of a partner"
    case .newRequest:
      if let why = model.writeBlocked("a request") { return why }
      if let why = model.viewerReason("raises requests") { return why }
      if model.asOf != nil { return "time travel shows the past; Esc back to now to raise a request" }
      if case .program = model.page.screen { return nil }
      return "N raises a request on a program: open one first"
    case .step(let state):
      if let why = model.writeBlocked(state.verb) { return why }
      if model.asOf != nil { return "time travel shows the past; Esc back to now to \(state.verb)" }
      if model.selectedRequest() == nil {
        return "\(state.verb) acts on a request: p for approvals, or a program's Requests tab"
      }
      return nil
    case .brief:
      if model.kiosk != nil { return "the kiosk writes nothing" }
      if case .partner = model.page.screen { return nil }
      return "b writes a partner's brief: open a partner first"
    case .back:
      if model.stack.count == 1 && model.asOf == nil && model.page.filter.isEmpty {
        return "already at the overview; q quits"
      }
      return nil
    default:
      return nil
    }
  }
}

extension KeyMap {
  /// `docs/keys.md`, generated from the bindings (a test keeps the file in step).
  public static var markdown: String {
    var out =
      "# Keys\n\nGenerated from the key map (`Sources/TUI/KeyMap.swift`); the help screen (`?`) shows the same.\n"
    var section = ""
    for b in bindings {
      if b.section != section {
        section = b.section
        out += "\n## \(section)\n\n| key | action |\n|---|---|\n"
      }
      out += "| \(b.keys.map { "`\($0.label)`" }.joined(separator: " ")) | \(b.help) |\n"
    }
    out += "\nMouse: the wheel scrolls, a click selects a row, a click on the selected row opens it.\n"
    out += "A key that is not allowed here and now says why on the bottom line.\n"
    return out
  }
}

extension AppModel {
  /// Why this user writes nothing (the write-authority table: viewers author nothing),
  /// said when the key is pressed instead of after a form is filled in; nil otherwise.
  func viewerReason(_ what: String) -> String? {
    let role = portfolio.roster.highestRole(of: info.user)
    guard role == nil || role == .viewer else { return nil }
    return
      "\(info.user) holds \(portfolio.roster.describe(info.user)): a viewer \(what) in no region; an administrator grants roles (sapm roles grant)"
  }
}

extension AppModel {
  /// Why nothing can be written now: a read-only store, or a server store that cannot
  /// be reached (docs/teams.md).
  func writeBlocked(_ what: String) -> String? {
    if info.readOnly { return "read-only: \(what) would write to the store" }
    if let since = info.offlineSince {
      return
        "offline since \(since): \(what) cannot be recorded until the server is back (sapm reconnects by itself)"
    }
    return nil
  }
}
