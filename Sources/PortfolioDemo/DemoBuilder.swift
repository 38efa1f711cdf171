import Basics
import CanonicalJSON
import Portfolio

/// Accumulates the demo portfolio's events with their days and actors. An event is
/// never dated before its subject's first event (a program's funds come after the
/// program), and never after today; otherwise it keeps the day it was given, so the
/// history before the store's creation is true (`--as-of` a past day shows what held).
struct DemoBuilder {
  struct Item {
    var day: Day
    var order: Int
    var actor: String
    var event: any EventPayload
  }

  let today: Day
  private(set) var items: [Item] = []
  private var firstDay: [String: Day] = [:]
  private var counters: [String: Int] = [:]
  var rng: SplitMix64

  init(today: Day, seed: UInt64) {
    self.today = today
    self.rng = SplitMix64(seed: seed)
  }

  /// Adds an event about `subject` on `day`, no earlier than the subject's first event
  /// and no later than today.
  mutating func add(
    _ event: any EventPayload, on day: Day, subject: String, actor: String = DemoPortfolio.officer
  ) {
    let d = min(max(day, firstDay[subject] ?? day), today)
    if firstDay[subject] == nil { firstDay[subject] = d }
    items.append(Item(day: d, order: items.count, actor: actor, event: event))
  }

  /// Every gated fact of the demo's history (an obligation, an LOA offered, a package)
  /// carries out an executed request, as the store's rules require (docs/approvals.md):
  /// the request that approved it — raised by an officer, approved by one approver (two
  /// at or above $100M), executed — on the fact's day, just before it. Their IDs are
  /// `H-…`, apart from the demo's open requests (`RQ-…`).
  mutating func approveHistory() {
    var out: [Item] = []
    out.reserveCapacity(items.count * 2)
    // Whether a fact is gated can depend on what came before it (a case line is an
    // amendment once the LOA is offered): the history is folded as it is walked.
    var folded = Portfolio()
    func fold(_ item: Item) {
      out.append(item)
      let at = Timestamp(dayOrdinal: item.day.ordinal, second: 0)
      folded.apply(
        Envelope(context: EventContext(sequence: out.count, at: at, actor: item.actor), event: item.event))
    }
    for item in items.sorted(by: { ($0.day, $0.order) < ($1.day, $1.order) }) {
      guard let fact = item.event as? any RequestedFact, fact.request == nil,
        let gate = fact.gate(in: folded)
      else {
        fold(item)
        continue
      }
      let id = nextID("H")
      var raised = RequestRaised(
        id: id, program: gate.program, kind: gate.kind, amount: gate.amount ?? .zero,
        fiscalYear: gate.fiscalYear, until: gate.until, summary: "approved before this store recorded it")
      raised.setting = gate.setting
      raised.value = gate.value
      raised.restriction = gate.restriction
      raised.course = gate.course
      raised.students = gate.students
      let deciders =
        (gate.amount ?? .zero) >= folded.policy.twoApproverAmount
        ? [DemoPortfolio.approver, DemoPortfolio.approver2] : [DemoPortfolio.approver]
      let policy = gate.kind == .changePolicy
      let raiser = policy ? DemoPortfolio.admin : DemoPortfolio.officer
      var steps: [(String, any EventPayload)] = [
        (raiser, raised), (raiser, RequestStepTaken(id: id, program: gate.program, state: .submitted)),
      ]
      for approver in deciders {
        steps.append((approver, RequestStepTaken(id: id, program: gate.program, state: .approved)))
      }
      // A waiver is carried out by an administrator (restrictions are theirs).
      let executor = gate.kind == .waiveRestriction ? DemoPortfolio.admin : raiser
      steps.append((executor, RequestStepTaken(id: id, program: gate.program, state: .executed)))
      for (actor, event) in steps { fold(Item(day: item.day, order: 0, actor: actor, event: event)) }
      fold(Item(day: item.day, order: 0, actor: item.actor, event: fact.carrying(out: id)))
    }
    for i in out.indices { out[i].order = i }
    items = out
  }

  /// Every FMF and IMET obligation of the demo's history is covered by a congressional
  /// notification (FAA §634A; SFOPS §7015), as the release checks require: one CN per
  /// partner, account and fiscal year, for what the year made available (or obligated,
  /// if more), transmitted 30 days before the year's first commitment, so it has
  /// cleared. `notified` says how much to notify instead for a key (the demo's hold
  /// scenario notifies the rest itself); zero leaves a key without a CN.
  mutating func notifyHistory(_ notified: [AccountYear: Dollars]) {
    var account: [String: (partner: String, account: String)] = [:]
    var made: [AccountYear: Dollars] = [:]
    var committed: [AccountYear: Dollars] = [:]
    var obligated: [AccountYear: Dollars] = [:]
    var first: [AccountYear: Day] = [:]
    func key(_ program: String, _ fy: Int) -> AccountYear? {
      account[program].map { AccountYear(partner: $0.partner, account: $0.account, fiscalYear: fy) }
    }
    for item in items.sorted(by: { ($0.day, $0.order) < ($1.day, $1.order) }) {
      switch item.event {
      case let e as ProgramCreated:
        if e.kind == .fmf || e.kind == .imet { account[e.id] = (e.partner, e.kind.rawValue) }
      case let e as FundsMadeAvailable:
        if let k = key(e.program, e.fiscalYear) {
          made[k, default: .zero] = made[k, default: .zero] + e.amount
        }
      case let e as FundsCommitted where e.amount > .zero:
        if let k = key(e.program, e.fiscalYear) {
          committed[k, default: .zero] = committed[k, default: .zero] + e.amount
          if first[k] == nil { first[k] = item.day }
        }
      case let e as FundsObligated where e.amount > .zero:
        if let k = key(e.program, e.fiscalYear) {
          obligated[k, default: .zero] = obligated[k, default: .zero] + e.amount
          if first[k] == nil { first[k] = item.day }
        }
      default: break
      }
    }
    for (k, day) in first.sorted(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
      let amount = notified[k] ?? max(made[k] ?? .zero, max(committed[k] ?? .zero, obligated[k] ?? .zero))
      guard amount > .zero else { continue }
      let on = day.adding(days: -30)
      add(
        CNTransmitted(
          number: nextCN(on), partner: k.partner, account: k.account, fiscalYear: k.fiscalYear,
          amount: amount,
          purpose: "FY\(k.fiscalYear) \(k.account) as justified to Congress", on: on),
        on: on, subject: "cn")
    }
  }

  /// The next CN number of the fiscal year `day` falls in: `CN 26-101`, …
  mutating func nextCN(_ day: Day) -> String {
    let year = day.fiscalYear % 100
    let n = (counters["CN\(year)"] ?? 100) + 1
    counters["CN\(year)"] = n
    return "CN \(year < 10 ? "0" : "")\(year)-\(n)"
  }

  mutating func nextID(_ prefix: String) -> String {
    let n = (counters[prefix] ?? 0) + 1
    counters[prefix] = n
    return n < 10 ? "\(prefix)-00\(n)" : n < 100 ? "\(prefix)-0\(n)" : "\(prefix)-\(n)"
  }

  func day(_ text: String) -> Day { Day(text) ?? today }
  func ago(_ days: Int) -> Day { today.adding(days: -days) }
  func ahead(_ days: Int) -> Day { today.adding(days: days) }
}

/// A small, fast, deterministic generator (Steele et al., SplitMix64): the demo and
/// the benchmark portfolio must be the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
