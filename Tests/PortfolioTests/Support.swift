import Basics
import CanonicalJSON
import Portfolio

/// Builds a portfolio event by event, the way the store would feed it.
struct Ledger {
  var portfolio = Portfolio()
  var envelopes: [Envelope] = []

  func day(_ text: String) -> Day {
    guard let d = Day(text) else { fatalError("bad test date \(text)") }
    return d
  }

  mutating func add(_ event: any EventPayload, on text: String, actor: String = "tester") {
    let d = day(text)
    let envelope = Envelope(
      context: EventContext(
        sequence: envelopes.count + 1, at: Timestamp(dayOrdinal: d.ordinal, hour: 10), actor: actor),
      event: event)
    envelopes.append(envelope)
    portfolio.apply(envelope)
  }

  /// A partner and one active program, the usual start of a test.
  /// An executed release-funds request `id` on `program`: what an obligation names.
  mutating func executedRelease(
    _ id: String, program: String = "P1", fiscalYear: Int, amount: Dollars, on text: String = "2025-01-02"
  ) {
    add(
      RequestRaised(
        id: id, program: program, kind: .releaseFunds, amount: amount, fiscalYear: fiscalYear, summary: "test"
      ),
      on: text, actor: "officer")
    add(RequestStepTaken(id: id, program: program, state: .submitted), on: text, actor: "officer")
    add(RequestStepTaken(id: id, program: program, state: .approved), on: text, actor: "approver")
    add(RequestStepTaken(id: id, program: program, state: .approved), on: text, actor: "approver2")
    add(RequestStepTaken(id: id, program: program, state: .executed), on: text, actor: "officer")
  }

  static func withProgram(
    partner: String = "PL", tier: NotificationTier = .natoPlus5, kind: ProgramKind = .fms, id: String = "P1",
    start: String = "2024-01-01", sunset: String? = "2030-09-30"
  ) -> Ledger {
    var l = Ledger()
    l.add(
      PartnerRegistered(code: partner, name: "Partner \(partner)", region: .europe, tier: tier),
      on: "2023-01-01")
    l.add(
      ProgramCreated(
        id: id, partner: partner, kind: kind, title: "Test program", start: l.day(start),
        sunset: sunset.map { l.day($0) }), on: start)
    return l
  }

  func alerts(on text: String) -> [Alert] { portfolio.alerts(on: day(text)) }

  func rules(on text: String) -> Set<AlertRule> { Set(alerts(on: text).map(\.rule)) }
}

func line(_ n: Int, mde: Bool, value: Dollars, construction: Bool = false) -> CaseLine {
  CaseLine(
    number: n, description: "item \(n)", usml: USMLCategory(8) ?? .notOtherwiseEnumerated, mde: mde,
    designAndConstruction: construction, quantity: 1, value: value)
}
