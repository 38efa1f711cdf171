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
