/// An amount of U.S. dollars, whole dollars.
///
/// Appropriations and case values are stated in whole dollars; integers keep sums
/// exact where floating point would drift across a hundred thousand programs.
public struct Dollars: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
  public var amount: Int64

  public init(_ amount: Int64) { self.amount = amount }

  public static let zero = Dollars(0)
  public static func million(_ m: Double) -> Dollars { Dollars(Int64((m * 1_000_000).rounded())) }
  public static func billion(_ b: Double) -> Dollars { Dollars(Int64((b * 1_000_000_000).rounded())) }

  /// Sums for display (a region's total, a program's across fiscal years) saturate
  /// at the limits rather than wrap: a wrapped sum would show a plausible wrong
  /// figure. The fold never gets there: it adds with `plus(_:_:)`, which refuses.
  public static func + (a: Dollars, b: Dollars) -> Dollars {
    let (sum, overflow) = a.amount.addingReportingOverflow(b.amount)
    return Dollars(overflow ? (b.amount > 0 ? .max : .min) : sum)
  }
  public static func - (a: Dollars, b: Dollars) -> Dollars {
    let (difference, overflow) = a.amount.subtractingReportingOverflow(b.amount)
    return Dollars(overflow ? (b.amount < 0 ? .max : .min) : difference)
  }

  /// Overflow-checked addition for the fold: an event whose amount would overflow a
  /// figure is not applied (it stays in the log and raises an alert).
  func plus(_ other: Dollars, _ figure: @autoclosure () -> String) throws(FoldError) -> Dollars {
    let (sum, overflow) = amount.addingReportingOverflow(other.amount)
    guard !overflow else {
      throw FoldError(
        "\(other) would take \(figure()) (\(self)) beyond what a figure can hold; not applied — record a correction"
      )
    }
    return Dollars(sum)
  }
  public static func < (a: Dollars, b: Dollars) -> Bool { a.amount < b.amount }

  /// `$1.23B`, `$425.0M`, `$80K`, `$950`: compact, for tables.
  public var compact: String {
    let a = Double(amount)
    let sign = a < 0 ? "-" : ""
    let m = abs(a)
    func fixed(_ v: Double, _ digits: Int) -> String {
      let scale = digits == 2 ? 100.0 : 10.0
      let r = (v * scale).rounded() / scale
      var s = String(r)
      if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
      } else {
        s += "." + String(repeating: "0", count: digits)
      }
      return s
    }
    if m >= 1e9 { return "\(sign)$\(fixed(m / 1e9, 2))B" }
    if m >= 1e6 { return "\(sign)$\(fixed(m / 1e6, 1))M" }
    if m >= 1e3 { return "\(sign)$\(Int((m / 1e3).rounded()))K" }
    return "\(sign)$\(Int(m))"
  }

  /// `$1,234,567`: exact, for details and exports.
  public var description: String {
    let digits = String(abs(amount))
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (amount < 0 ? "-$" : "$") + out
  }

  public init(from decoder: any Decoder) throws {
    amount = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(amount)
  }
}
