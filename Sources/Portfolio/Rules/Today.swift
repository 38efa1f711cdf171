/// The day the rules are evaluated for, as they see it: every comparison with it
/// notes the next day on which its answer would change. The smallest such day is when
/// the program's alerts may next change with no event at all (a deadline passing,
/// funds expiring), so a day's rollover re-evaluates only the programs whose day has
/// come. Rules cannot read the day any other way (the type checker holds them to it);
/// `forText` is for messages, which are built when shown.
struct Today {
  /// Keeps the smallest change day the comparisons noted.
  final class Horizon {
    var next: Day?
    func note(_ d: Day) {
      if next.map({ d < $0 }) ?? true { next = d }
    }
  }

  private let value: Day
  let horizon: Horizon

  init(_ value: Day, horizon: Horizon) {
    self.value = value
    self.horizon = horizon
  }

  /// The day itself, for the text of a message only (never a condition).
  var forText: Day { value }

  /// `today >= d`: turns true on `d`.
  func reached(_ d: Day) -> Bool {
    if value >= d { return true }
    horizon.note(d)
    return false
  }

  static func >= (t: Today, d: Day) -> Bool { t.reached(d) }
  static func > (t: Today, d: Day) -> Bool { t.reached(d.adding(days: 1)) }
  static func < (t: Today, d: Day) -> Bool { !t.reached(d) }
  static func <= (t: Today, d: Day) -> Bool { !t.reached(d.adding(days: 1)) }
  static func <= (d: Day, t: Today) -> Bool { t >= d }
  static func < (d: Day, t: Today) -> Bool { t > d }
  static func > (d: Day, t: Today) -> Bool { t < d }
  static func >= (d: Day, t: Today) -> Bool { t <= d }

  /// More than `days` days after `d`.
  func isMore(_ days: Int, after d: Day) -> Bool { self > d.adding(days: days) }

  /// A restriction in force today: from its start until the day it is lifted.
  func isActive(_ r: Restriction) -> Bool { r.isActive(reached: reached) }
}
