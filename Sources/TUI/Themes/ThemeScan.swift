/// One linear pass over a theme file before the TOML parser sees it: it bounds what
/// a theme may hold (a real one is a few kilobytes and fewer than 200 keys), so a
/// hostile or broken file fails fast with a clear message instead of overflowing the
/// stack or taking minutes, and it records where each key first appears, so that
/// messages can name a line without searching the text once per key.
struct ThemeScan {
  static let maxBytes = 256 * 1024
  static let maxKeys = 2_000
  static let maxKeyDepth = 16
  static let maxNesting = 16

  /// TOML's bare keys: A–Z, a–z, 0–9, _ and -.
  static func isBareKeyCharacter(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x2D
  }

  /// Line and column (1-based) of the first appearance of each key segment.
  var positions: [String: (line: Int, column: Int)] = [:]

  init(_ text: String, file: String) throws(ThemeError) {
    let bytes = Array(text.utf8)
    guard bytes.count <= Self.maxBytes else {
      throw ThemeError(
        file: file, line: 0, column: 0,
        message: "the file is \(bytes.count) bytes; a theme may hold at most \(Self.maxBytes)")
    }
    var line = 1
    var lineStart = 0
    var keys = 0
    var stack: [UInt8] = []  // open '{' and '[' outside strings
    var inKey = true  // at a place where a key may start
    var inHeader = false
    var keyDots = 0
    var segment: [UInt8] = []
    var segmentColumn = 0
    var i = 0

    func fail(_ message: String) -> ThemeError {
      ThemeError(file: file, line: line, column: i - lineStart + 1, message: message)
    }
    func endSegment() {
      var s = segment[...]
      while s.first == 0x20 || s.first == 0x09 { s = s.dropFirst() }
      while s.last == 0x20 || s.last == 0x09 { s = s.dropLast() }
      if s.first == 0x22 || s.first == 0x27 { s = s.dropFirst().dropLast() }
      if !s.isEmpty {
        let key = String(decoding: s, as: UTF8.self)
        if positions[key] == nil { positions[key] = (line, segmentColumn) }
      }
      segment.removeAll(keepingCapacity: true)
      segmentColumn = 0
    }

    while i < bytes.count {
      let c = bytes[i]
      switch c {
      case 0x0A:  // newline
        if inKey || inHeader { endSegment() }
        line += 1
        lineStart = i + 1
        inHeader = false
        keyDots = 0
        inKey = stack.isEmpty || stack.last == UInt8(ascii: "{")
      case UInt8(ascii: "#"):
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        continue
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        let start = i
        let triple = i + 2 < bytes.count && bytes[i + 1] == c && bytes[i + 2] == c
        i += triple ? 3 : 1
        while i < bytes.count {
          if c == UInt8(ascii: "\""), bytes[i] == UInt8(ascii: "\\") {
            i += 2
            continue
          }
          if bytes[i] == 0x0A {
            guard triple else { break }
            line += 1
            lineStart = i + 1
          }
          if bytes[i] == c, !triple || (i + 2 < bytes.count && bytes[i + 1] == c && bytes[i + 2] == c) {
            i += triple ? 3 : 1
            break
          }
          i += 1
        }
        if inKey || inHeader {
          if segment.isEmpty { segmentColumn = start - lineStart + 1 }
          segment += bytes[start..<min(i, bytes.count)]
        }
        continue
      case UInt8(ascii: "["):
        if inKey, stack.isEmpty {
          inHeader = true
          inKey = false
        } else if !inHeader {
          stack.append(c)
        }
      case UInt8(ascii: "{"):
        stack.append(c)
        inKey = true
      case UInt8(ascii: "]"):
        if inHeader {
          endSegment()
        } else if stack.last == UInt8(ascii: "[") {
          stack.removeLast()
        }
      case UInt8(ascii: "}"):
        if inKey { endSegment() }
        if stack.last == UInt8(ascii: "{") { stack.removeLast() }
        inKey = false
      case UInt8(ascii: ","):
        inKey = stack.last == UInt8(ascii: "{")
      case UInt8(ascii: "="):
        if inKey {
          endSegment()
          keys += 1
          guard keys <= Self.maxKeys else {
            throw fail("more than \(Self.maxKeys) keys; a theme needs far fewer")
          }
          inKey = false
          keyDots = 0
        }
      case UInt8(ascii: "."):
        if inKey || inHeader {
          endSegment()
          keyDots += 1
          guard keyDots < Self.maxKeyDepth else {
            throw fail("a key more than \(Self.maxKeyDepth) levels deep; style keys have at most 4")
          }
        }
      default:
        if inKey || inHeader {
          if c == 0x20 || c == 0x09 || c == 0x0D {
            if !segment.isEmpty { segment.append(c) }
          } else if Self.isBareKeyCharacter(c) {
            if segment.isEmpty { segmentColumn = i - lineStart + 1 }
            segment.append(c)
          } else {
            // Refused here, before the TOML library sees it: toml++ asserts (aborts
            // the process) on some such keys, e.g. a header `[!styles]`.
            let shown =
              c < 0x80 && c >= 0x20 ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
            throw fail("\(shown) cannot be part of a key; keys are letters, digits, _ and -, or \"quoted\"")
          }
        }
      }
      guard stack.count <= Self.maxNesting else {
        throw fail("tables or arrays nested more than \(Self.maxNesting) deep")
      }
      i += 1
    }
  }
}
