/// The TOML a theme file may use, read by a small strict parser written for it.
///
/// Why not a TOML library: the one used before (TOMLKit over toml++) aborted the
/// process on malformed keys such as `[!styles]` — assertions inside the C++ parser,
/// found by Fuzz/run — and leaked memory on every table it listed. A theme needs
/// little of TOML, so this reads exactly that and names anything else:
/// comments; `[table]` and `[dotted.table]` headers; `key = value` with bare,
/// quoted and dotted keys; basic and literal strings on one line; `true`/`false`;
/// integers; inline tables `{ k = v, … }`. Arrays, floats, dates and multi-line
/// strings are refused with a message. Every step consumes input, and nesting is
/// bounded, so the parser is linear in the file and cannot recurse without end.
enum TOMLValue: Sendable, Equatable {
  case string(String)
  case bool(Bool)
  case integer(Int64)
  case table(TOMLTable)

  var string: String? { if case .string(let s) = self { return s } else { return nil } }
  var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
  var table: TOMLTable? { if case .table(let t) = self { return t } else { return nil } }
}

/// A table that keeps its keys in the order the file gives them.
struct TOMLTable: Sendable, Equatable {
  private(set) var keys: [String] = []
  private var values: [String: TOMLValue] = [:]

  subscript(key: String) -> TOMLValue? { values[key] }

  mutating func set(_ key: String, _ value: TOMLValue) {
    if values[key] == nil { keys.append(key) }
    values[key] = value
  }
}

struct TOMLReader {
  static let maxDepth = 16

  let bytes: [UInt8]
  let file: String
  var i = 0
  var line = 1
  var lineStart = 0

  init(_ text: String, file: String) {
    bytes = Array(text.utf8)
    self.file = file
  }

  func fail(_ message: String) -> ThemeError {
    ThemeError(file: file, line: line, column: i - lineStart + 1, message: message)
  }

  /// The whole document as one table.
  static func parse(_ text: String, file: String) throws(ThemeError) -> TOMLTable {
    var reader = TOMLReader(text, file: file)
    return try reader.document()
  }

  mutating func document() throws(ThemeError) -> TOMLTable {
    var root = TOMLTable()
    var current: [String] = []  // the table the following keys go into
    var headers: Set<[String]> = []
    while true {
      skipBlankAndComments()
      guard i < bytes.count else { return root }
      if bytes[i] == UInt8(ascii: "[") {
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
          throw fail("arrays of tables ([[…]]) are not used in themes")
        }
        skipSpaces()
        let path = try key()
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else {
          throw fail("expected ']' to end the table header")
        }
        i += 1
        try endOfLine()
        guard headers.insert(path).inserted else {
          throw fail("table [\(path.joined(separator: "."))] is defined twice")
        }
        try Self.insert(.table(TOMLTable()), at: path, into: &root, merging: true, reader: self)
        current = path
      } else {
        let path = try key()
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
          throw fail("expected '=' after the key '\(path.joined(separator: "."))'")
        }
        i += 1
        skipSpaces()
        let v = try value(depth: 1)
        try endOfLine()
        try Self.insert(v, at: current + path, into: &root, merging: false, reader: self)
      }
    }
  }

  /// Puts `value` at `path`, creating intermediate tables; a key given twice is an error.
  static func insert(
    _ value: TOMLValue, at path: [String], into table: inout TOMLTable, merging: Bool, reader: TOMLReader
  ) throws(ThemeError) {
    guard let first = path.first else { return }
    if path.count == 1 {
      if let existing = table[first] {
        guard merging, existing.table != nil else {
          throw reader.fail("'\(first)' is given more than once")
        }
        return
      }
      table.set(first, value)
      return
    }
    var sub: TOMLTable
    switch table[first] {
    case nil: sub = TOMLTable()
    case .table(let t)?: sub = t
    default: throw reader.fail("'\(first)' is a value, so it cannot also hold '\(path[1])'")
    }
    try insert(value, at: Array(path.dropFirst()), into: &sub, merging: merging, reader: reader)
    table.set(first, .table(sub))
  }

  /// A bare, quoted or dotted key, as its parts.
  mutating func key() throws(ThemeError) -> [String] {
    var parts: [String] = []
    while true {
      skipSpaces()
      guard i < bytes.count else { throw fail("expected a key") }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
        parts.append(try quoted())
      } else {
        let start = i
        while i < bytes.count, ThemeScan.isBareKeyCharacter(bytes[i]) { i += 1 }
        guard i > start else {
          throw fail("\(shown(c)) cannot start a key; keys are letters, digits, _ and -, or \"quoted\"")
        }
        parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
      }
      guard parts.count <= Self.maxDepth else { throw fail("a key more than \(Self.maxDepth) levels deep") }
      skipSpaces()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { return parts }
      i += 1
    }
  }

  mutating func value(depth: Int) throws(ThemeError) -> TOMLValue {
    guard depth <= Self.maxDepth else { throw fail("tables nested more than \(Self.maxDepth) deep") }
    guard i < bytes.count, bytes[i] != 0x0A else { throw fail("expected a value after '='") }
    let c = bytes[i]
    switch c {
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      return .string(try quoted())
    case UInt8(ascii: "{"):
      i += 1
      var table = TOMLTable()
      skipSpaces()
      if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .table(table)
      }
      while true {
        let path = try key()
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
          throw fail("expected '=' in the inline table")
        }
        i += 1
        skipSpaces()
        let v = try value(depth: depth + 1)
        try Self.insert(v, at: path, into: &table, merging: false, reader: self)
        skipSpaces()
        guard i < bytes.count else { throw fail("the inline table is not closed with '}'") }
        if bytes[i] == UInt8(ascii: "}") {
          i += 1
          return .table(table)
        }
        guard bytes[i] == UInt8(ascii: ",") else { throw fail("expected ',' or '}' in the inline table") }
        i += 1
      }
    case UInt8(ascii: "["):
      throw fail("arrays are not used in themes")
    default:
      let start = i
      while i < bytes.count, ThemeScan.isBareKeyCharacter(bytes[i]) || bytes[i] == UInt8(ascii: "+") {
        i += 1
      }
      let word = String(decoding: bytes[start..<i], as: UTF8.self)
      if word == "true" { return .bool(true) }
      if word == "false" { return .bool(false) }
      let fraction = i < bytes.count && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ":"))
      if !word.isEmpty, !fraction, let n = Int64(String(word.filter { $0 != "_" })) { return .integer(n) }
      i = start
      throw fail(
        "\(word.isEmpty ? shown(c) : "'\(word)'") is not a value a theme uses (a \"string\", true, false, a number or { … })"
      )
    }
  }

  /// A basic ("…", with escapes) or literal ('…') string on one line.
  mutating func quoted() throws(ThemeError) -> String {
    let quote = bytes[i]
    if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
      throw fail("multi-line strings are not used in themes")
    }
    i += 1
    var out: [UInt8] = []
    while true {
      guard i < bytes.count, bytes[i] != 0x0A else { throw fail("the string is not closed on its line") }
      let c = bytes[i]
      i += 1
      if c == quote { break }
      if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        guard i < bytes.count else { throw fail("the string is not closed on its line") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
          let n = e == UInt8(ascii: "u") ? 4 : 8
          guard i + n <= bytes.count,
            let code = UInt32(String(decoding: bytes[i..<i + n], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
          else { throw fail("a \\u escape needs \(n) hex digits of a Unicode scalar") }
          i += n
          out += Array(String(Character(scalar)).utf8)
        default:
          throw fail("'\\\(Character(Unicode.Scalar(e)))' is not an escape TOML knows")
        }
      } else {
        out.append(c)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  mutating func skipSpaces() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
  }

  /// Blank lines and comment lines.
  mutating func skipBlankAndComments() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0D: i += 1
      case 0x0A:
        i += 1
        line += 1
        lineStart = i
      case UInt8(ascii: "#"):
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
      default: return
      }
    }
  }

  /// After a key/value pair or a header: only spaces and a comment may follow.
  mutating func endOfLine() throws(ThemeError) {
    skipSpaces()
    if i < bytes.count, bytes[i] == UInt8(ascii: "#") {
      while i < bytes.count, bytes[i] != 0x0A { i += 1 }
    }
    if i < bytes.count, bytes[i] == 0x0D { i += 1 }
    guard i >= bytes.count || bytes[i] == 0x0A else {
      throw fail("\(shown(bytes[i])) after the value; one key = value per line")
    }
  }

  func shown(_ c: UInt8) -> String {
    c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
  }
}
