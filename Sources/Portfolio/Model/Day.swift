import Basics
import CanonicalJSON

/// A calendar day (UTC), counted from 1970-01-01.
///
/// The field's rules are about days — review periods, validity, offer expiration —
/// so the domain works in whole days and never in clock time.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public var ordinal: Int32

  public init(ordinal: Int32) { self.ordinal = ordinal }

  /// The day for a proleptic Gregorian year, month (1–12) and day (1–31), or nil when
  /// the date does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
      (1...9999).contains(year)
    else { return nil }
    ordinal = Int32(daysFromCivil(year, month, day))
  }

  /// Parses `YYYY-MM-DD`.
  public init?(_ text: some StringProtocol) {
    var copy = String(text)
    guard let day = copy.withUTF8({ Day.parse($0) }) else { return nil }
    self = day
  }

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for i in range {
        let c = b[i]
        guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(c - UInt8(ascii: "0"))
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// The year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    let c = civilFromDays(Int(ordinal))
    return (c.y, c.m, c.d)
  }

  /// The U.S. federal fiscal year the day falls in (FY2026 = 1 Oct 2025 – 30 Sep 2026).
  public var fiscalYear: Int {
    let c = components
    return c.month >= 10 ? c.year + 1 : c.year
  }

  /// The last day of a fiscal year.
  public static func endOfFiscalYear(_ fiscalYear: Int) -> Day {
    Day(year: fiscalYear, month: 9, day: 30) ?? Day(ordinal: 0)
  }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + Int32(days)) }

  /// The same day of the month `months` later, clamped to the month's last day.
  public func adding(months: Int) -> Day {
    let c = components
    let total = c.year * 12 + (c.month - 1) + months
    let year = total / 12
    let month = total % 12 + 1
    let day = min(c.day, Day.daysIn(month: month, year: year))
    return Day(year: year, month: month, day: day) ?? self
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(until other: Day) -> Int { Int(other.ordinal - ordinal) }

  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  public var description: String {
    let c = components
    guard (0...9999).contains(c.year) else {
      return "\(zeroPadded(c.year, 4))-\(zeroPadded(c.month, 2))-\(zeroPadded(c.day, 2))"
    }
    // Ten digits and dashes by hand: every alert's text and every row carries dates.
    return String(unsafeUninitializedCapacity: 10) { b in
      let zero = UInt8(ascii: "0")
      b[0] = zero + UInt8(c.year / 1000)
      b[1] = zero + UInt8(c.year / 100 % 10)
      b[2] = zero + UInt8(c.year / 10 % 10)
      b[3] = zero + UInt8(c.year % 10)
      b[4] = UInt8(ascii: "-")
      b[5] = zero + UInt8(c.month / 10)
      b[6] = zero + UInt8(c.month % 10)
      b[7] = UInt8(ascii: "-")
      b[8] = zero + UInt8(c.day / 10)
      b[9] = zero + UInt8(c.day % 10)
      return 10
    }
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public init(from decoder: any Decoder) throws {
    if decoder is any CompactCoding {
      self.init(ordinal: try decoder.singleValueContainer().decode(Int32.self))
      return
    }
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if encoder is any CompactCoding {
      try container.encode(ordinal)
    } else {
      try container.encode(description)
    }
  }
}

extension Day {
  /// The one rule for a date other than today, on every screen and command: a past
  /// day shows the portfolio as recorded by its end; a future day is a projection —
  /// the portfolio as recorded now, its rules evaluated on that day ("what will be
  /// overdue by 1 March") — and is always labelled so.
  public func label(today: Day) -> String {
    self > today ? "PROJECTED TO \(self)" : "AS OF \(self)"
  }
}
