import Basics
import CanonicalJSON
import Portfolio
import PortfolioDemo
import TUI
import Terminal

/// A headless session: the demo portfolio on a fixed day, keys in, text out
/// (ratatui's TestBackend, Bubble Tea's teatest).
struct Harness {
  static let today = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)
  /// As `sapm init --demo` makes it: record 1 by the account that created it (its
  /// first administrator, "tester" here), then the demo's history.
  static let demo: Portfolio = {
    var p = Portfolio()
    let events = DemoPortfolio.events(today: today)
    p.apply(
      Envelope(
        context: EventContext(sequence: 1, at: events.first?.at ?? Timestamp(dayOrdinal: 0), actor: "tester"),
        event: StoreCreated(name: "demo", demo: true)))
    for (i, item) in events.enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 2, at: item.at, actor: item.actor), event: item.event))
    }
    return p
  }()

  /// `p` with `raised` raised by the demo's officer, approved by its approvers and
  /// executed: a request a fact recorded after it may name.
  static func executing(_ raised: RequestRaised, in p: Portfolio) -> Portfolio {
    var p = p
    let steps: [(String, any EventPayload)] = [
      (DemoPortfolio.officer, raised),
      (DemoPortfolio.officer, RequestStepTaken(id: raised.id, program: raised.program, state: .submitted)),
      (DemoPortfolio.approver, RequestStepTaken(id: raised.id, program: raised.program, state: .approved)),
      (DemoPortfolio.approver2, RequestStepTaken(id: raised.id, program: raised.program, state: .approved)),
      (DemoPortfolio.officer, RequestStepTaken(id: raised.id, program: raised.program, state: .executed)),
    ]
    for (actor, event) in steps {
      p.apply(
        Envelope(
          context: EventContext(
            sequence: p.lastSequence + 1, at: Timestamp(dayOrdinal: today.ordinal, hour: 10), actor: actor),
          event: event))
    }
    return p
  }

  var model: AppModel
  var effects: [Effect] = []

  init(
    width: Int = 120, height: Int = 35, portfolio: Portfolio = Harness.demo, readOnly: Bool = false,
    user: String = "tester"
  ) {
    let info = SessionInfo(
      store: "/tmp/demo.sapm", user: user, role: "officer", demo: true, readOnly: readOnly)
    model = AppModel(
      portfolio: portfolio, today: Harness.today, info: info, theme: .builtIn, width: width, height: height)
  }

  mutating func press(_ keys: Key...) { for k in keys { send(.key(k)) } }

  mutating func type(_ text: String) { for c in text { send(.key(.character(c))) } }

  mutating func send(_ message: Message) {
    let (next, produced) = AppModel.update(model, message)
    model = next
    effects += produced
  }

  /// Does what the session would with the `.perform` effects so far: the command
  /// decided on the model's portfolio, its events folded in, the outcome reported.
  mutating func performEffects() {
    let pending = effects
    effects = []
    for case .perform(let request) in pending {
      var p = model.portfolio
      switch request.command.judge(p, actor: model.info.user, today: model.today) {
      case .reject(let r):
        send(.performed(title: request.title, problems: r.reasons))
      case .accept(let events):
        for e in events {
          p.apply(
            Envelope(
              context: EventContext(
                sequence: p.lastSequence + 1, at: Timestamp(dayOrdinal: model.today.ordinal, hour: 12),
                actor: model.info.user), event: e))
        }
        send(.portfolio(p, asOf: nil, today: model.today))
        send(.performed(title: request.title, problems: nil))
      }
    }
  }

  var screen: String { model.render().text }
  var lines: [String] { model.render().lines }
  var statusLine: String { lines[model.height - 2] }

  /// The line with the selection marker.
  var selectedLine: String? {
    lines.first { $0.contains("›") && !$0.contains(" › ") }
      ?? lines.first { $0.hasPrefix("›") || $0.contains("║›") || $0.contains("│›") }
  }
}
