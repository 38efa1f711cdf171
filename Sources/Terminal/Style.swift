/// A colour as a theme names it; the terminal maps it to what it can show.
public enum Color: Hashable, Sendable {
  /// The terminal's own foreground or background.
  case `default`
  /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
  case ansi(UInt8)
  /// A 256-colour palette index.
  case indexed(UInt8)
  case rgb(UInt8, UInt8, UInt8)

  public static let names: [String: UInt8] = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
    "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
  ]

  /// Parses `#rrggbb`, an ANSI name, `default`, or a palette index `0`–`255`.
  public init?(parsing text: String) {
    let t = text.lowercased()
    if t == "default" || t == "none" {
      self = .default
    } else if let n = Color.names[t] {
      self = .ansi(n)
    } else if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
      self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
    } else if let i = UInt8(t) {
      self = .indexed(i)
    } else {
      return nil
    }
  }

  /// The nearest of the 8/16 ANSI colours, for terminals with few colours.
  public func nearestANSI(limit: Int) -> Int16 {
    switch self {
    case .default: return -1
    case .ansi(let n): return Int16(limit >= 16 ? n : n & 7)
    case .indexed(let i):
      if i < 16 { return Int16(limit >= 16 ? i : i & 7) }
      return Color.rgbFromIndex(i).nearestANSI(limit: limit)
    case .rgb(let r, let g, let b):
      let palette = Contrast.ansi.map { (Int($0.0), Int($0.1), Int($0.2)) }
      var best = 0
      var bestD = Int.max
      for (i, p) in palette.prefix(limit >= 16 ? 16 : 8).enumerated() {
        let d =
          (p.0 - Int(r)) * (p.0 - Int(r)) + (p.1 - Int(g)) * (p.1 - Int(g)) + (p.2 - Int(b)) * (p.2 - Int(b))
        if d < bestD {
          bestD = d
          best = i
        }
      }
      return Int16(best)
    }
  }

  /// The nearest xterm-256 index.
  public var nearest256: Int16 {
    switch self {
    case .default: return -1
    case .ansi(let n): return Int16(n)
    case .indexed(let i): return Int16(i)
    case .rgb(let r, let g, let b):
      // The nearer of the 6×6×6 cube and the 24-step grey ramp: #767676 is grey 243
      // exactly, where the cube's nearest (#878787) reads 3.6:1 on white, not 4.5:1.
      func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
      let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
      let average = (Int(r) + Int(g) + Int(b)) / 3
      let grey = 232 + max(0, min(23, Int((Double(average - 8) / 10).rounded())))
      func distance(_ index: Int) -> Int {
        guard case .rgb(let x, let y, let z) = Color.rgbFromIndex(UInt8(index)) else { return .max }
        return [(Int(x), Int(r)), (Int(y), Int(g)), (Int(z), Int(b))].reduce(0) {
          $0 + ($1.0 - $1.1) * ($1.0 - $1.1)
        }
      }
      return Int16(distance(grey) < distance(cube) ? grey : cube)
    }
  }

  static func rgbFromIndex(_ i: UInt8) -> Color {
    if i >= 232 {
      let v = UInt8(8 + Int(i - 232) * 10)
      return .rgb(v, v, v)
    }
    let n = Int(i) - 16
    func c(_ x: Int) -> UInt8 { x == 0 ? 0 : UInt8(55 + x * 40) }
    return .rgb(c(n / 36), c(n / 6 % 6), c(n % 6))
  }
}

/// How a cell looks. Attributes carry meaning in mono, where colour is absent.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  public var dim: Bool

  public init(
    foreground: Color = .default, background: Color = .default, bold: Bool = false, underline: Bool = false,
    reverse: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
    self.dim = dim
  }

  public static let plain = Style()
}
