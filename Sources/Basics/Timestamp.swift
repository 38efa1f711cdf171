#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An instant in UTC with millisecond precision, written `2026-11-29T13:45:00.123Z`.
///
/// The store stamps every record with one and the domain reads it back; both sides
/// agree on this one textual form, and parsing it by hand keeps replay fast.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public var milliseconds: Int64

  public init(milliseconds: Int64) { self.milliseconds = milliseconds }

  /// The current time from the system clock.
  public static func now() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(milliseconds: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
  }

  /// Days since 1970-01-01 (UTC).
  public var dayOrdinal: Int32 {
    Int32(milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000)
  }

  /// Midnight UTC starting the day `ordinal`.
  public init(dayOrdinal: Int32, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    milliseconds = (Int64(dayOrdinal) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1000
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

  public var description: String {
    let (civil, msOfDay) = (
      civilFromDays(Int(dayOrdinal)), Int(milliseconds - Int64(dayOrdinal) * 86_400_000)
    )
    let h = msOfDay / 3_600_000
    let m = msOfDay / 60_000 % 60
    let s = msOfDay / 1000 % 60
    let ms = msOfDay % 1000
    return
      "\(zeroPadded(civil.y, 4))-\(zeroPadded(civil.m, 2))-\(zeroPadded(civil.d, 2))T\(zeroPadded(h, 2)):\(zeroPadded(m, 2)):\(zeroPadded(s, 2)).\(zeroPadded(ms, 3))Z"
  }

  /// The time of day in UTC, `HH:MM:SS` (or `HH:MM`): a clock on screen, "offline since".
  public func clockTime(seconds: Bool = true) -> String {
    let time = description.split(separator: "T").last.map(String.init) ?? description
    return String(time.prefix(seconds ? 8 : 5))
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nothing else is accepted.
  public init?(_ text: some StringProtocol) {
    var copy = String(text)
    guard let parsed = copy.withUTF8({ Timestamp.parse($0) }) else { return nil }
    self = parsed
  }

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    guard b.count == 20 || b.count == 24, b[4] == 0x2D, b[7] == 0x2D, b[10] == UInt8(ascii: "T"),
      b[13] == 0x3A, b[16] == 0x3A, b[b.count - 1] == UInt8(ascii: "Z")
    else { return nil }
    func num(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for i in from..<from + count {
        let c = b[i]
        guard c >= 0x30, c <= 0x39 else { return nil }
        v = v * 10 + Int(c - 0x30)
      }
      return v
    }
    guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
      let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
    else { return nil }
    var ms = 0
    if b.count == 24 {
      guard b[19] == UInt8(ascii: "."), let f = num(20, 3) else { return nil }
      ms = f
    }
    let days = daysFromCivil(y, mo, d)
    return Timestamp(milliseconds: (Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s)) * 1000 + Int64(ms))
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let t = Timestamp(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a UTC timestamp"))
    }
    self = t
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// `n` in decimal, zero-padded to `width` digits.
public func zeroPadded(_ n: Int, _ width: Int) -> String {
  let s = String(n)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// days_from_civil): the one calendar conversion timestamps and days share.
public func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
  let y = month <= 2 ? year - 1 : year
  let era = (y >= 0 ? y : y - 399) / 400
  let yoe = y - era * 400
  let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146097 + doe - 719468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
public func civilFromDays(_ days: Int) -> (y: Int, m: Int, d: Int) {
  let z = days + 719468
  let era = (z >= 0 ? z : z - 146096) / 146097
  let doe = z - era * 146097
  let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
  let mp = (5 * doy + 2) / 153
  let d = doy - (153 * mp + 2) / 5 + 1
  let m = mp < 10 ? mp + 3 : mp - 9
  return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}
