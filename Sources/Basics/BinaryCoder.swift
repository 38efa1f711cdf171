/// A compact positional binary form of `Codable` values, for derived files such as
/// the store's checkpoint — never for the log, which stays canonical JSON text.
///
/// Keys are not written: keyed containers read their values back in the order they
/// were written, which synthesized `Codable` conformances guarantee. Optionals carry a
/// presence byte; arrays a count. Dictionaries with non-integer keys are not
/// supported (encode them as arrays).
/// Adopted by the binary coder: types may then use a compact form (a day as its
/// ordinal rather than `YYYY-MM-DD`). The text forms in the log are unaffected.
public protocol CompactCoding {}

public struct BinaryEncoder {
  public init() {}
  public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let w = BinaryWriter()
    try w.write(value)
    return w.bytes
  }
}

public struct BinaryDecoder {
  public init() {}
  public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    try bytes.withUnsafeBufferPointer { try decode(type, from: $0) }
  }

  /// From bytes in place (a part of a larger file), without copying them.
  public func decode<T: Decodable>(_ type: T.Type, from buffer: UnsafeBufferPointer<UInt8>) throws -> T {
    let r = BinaryReader(buffer)
    let value = try r.read(T.self)
    guard r.position == buffer.count else {
      throw BinaryCodingError("\(buffer.count - r.position) trailing bytes")
    }
    return value
  }
}

public struct BinaryCodingError: Error, CustomStringConvertible {
  public var description: String
  public init(_ d: String) { description = d }
}

final class BinaryWriter: Encoder, CompactCoding {
  var bytes: [UInt8] = []
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
  func string(_ s: String) {
    var s = s
    s.withUTF8 { u in
      int(Int64(u.count))
      bytes.append(contentsOf: u)
    }
  }

  func write<T: Encodable>(_ value: T) throws {
    switch value {
    case let v as String: string(v)
    case let v as Int: int(Int64(v))
    case let v as Int64: int(v)
    case let v as Int32: int(Int64(v))
    case let v as Bool: bytes.append(v ? 1 : 0)
    case let v as Double: int(Int64(bitPattern: v.bitPattern))
    case let v as [UInt8]:  // bulk: an embedded blob
      int(Int64(v.count))
      bytes.append(contentsOf: v)
    case let v as [Int]:  // bulk: a million sequence numbers in one copy
      int(Int64(v.count))
      v.withUnsafeBytes { bytes.append(contentsOf: $0) }
    default: try value.encode(to: self)
    }
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(Keyed<Key>(w: self))
  }
  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let at = bytes.count
    int(0)
    return Unkeyed(w: self, countAt: at)
  }
  func singleValueContainer() -> any SingleValueEncodingContainer { Single(w: self) }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let w: BinaryWriter
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws { w.bytes.append(0) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try w.write(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    func present<T: Encodable>(_ value: T?) throws {
      if let value {
        w.bytes.append(1)
        try w.write(value)
      } else {
        w.bytes.append(0)
      }
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key)
      -> KeyedEncodingContainer<N>
    {
      w.container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      w.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { w }
    mutating func superEncoder(forKey key: Key) -> any Encoder { w }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let w: BinaryWriter
    let countAt: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }
    mutating func bump() {
      count += 1
      withUnsafeBytes(of: Int64(count).littleEndian) { raw in
        for i in 0..<8 { w.bytes[countAt + i] = raw[i] }
      }
    }
    mutating func encodeNil() throws {
      w.bytes.append(0)
      bump()
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
      try w.write(value)
      bump()
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
      bump()
      return w.container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      bump()
      return w.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { w }
  }

  struct Single: SingleValueEncodingContainer {
    let w: BinaryWriter
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { w.bytes.append(0) }
    mutating func encode<T: Encodable>(_ value: T) throws { try w.write(value) }
  }
}

final class BinaryReader: Decoder, CompactCoding {
  let buffer: UnsafeBufferPointer<UInt8>
  var position = 0
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  /// Checks that `n` more bytes are there. Lengths come from the input, so the
  /// check must not overflow (`position + n` would for a crafted length).
  func need(_ n: Int) throws {
    guard n >= 0, n <= buffer.count - position else {
      throw BinaryCodingError("truncated at byte \(position)")
    }
  }
  func int() throws -> Int64 {
    try need(8)
    var v: UInt64 = 0
    for i in (0..<8).reversed() { v = v << 8 | UInt64(buffer[position + i]) }
    position += 8
    return Int64(bitPattern: v)
  }
  func byte() throws -> UInt8 {
    try need(1)
    defer { position += 1 }
    return buffer[position]
  }
  func string() throws -> String {
    let n = Int(try int())
    try need(n)
    defer { position += n }
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<position + n]), as: UTF8.self)
  }

  func read<T: Decodable>(_ type: T.Type) throws -> T {
    if T.self == Int.self || T.self == String.self || T.self == Int64.self || T.self == Bool.self
      || T.self == Double.self || T.self == Int32.self
    {
      return try primitive(type)
    }
    if T.self == [UInt8].self {
      let n = Int(try int())
      try need(n)
      let out = Array(buffer[position..<position + n])
      position += n
      guard let result = out as? T else { throw BinaryCodingError("type mismatch for \(T.self)") }
      return result
    }
    if T.self == [Int].self {
      let n = Int(try int())
      guard n >= 0, n <= (buffer.count - position) / MemoryLayout<Int>.stride else {
        throw BinaryCodingError("truncated at byte \(position)")
      }
      var out = [Int](repeating: 0, count: n)
      out.withUnsafeMutableBytes { dst in
        dst.copyMemory(
          from: UnsafeRawBufferPointer(
            UnsafeBufferPointer(rebasing: buffer[position..<position + n * MemoryLayout<Int>.stride])))
      }
      position += n * MemoryLayout<Int>.stride
      guard let result = out as? T else { throw BinaryCodingError("type mismatch for \(T.self)") }
      return result
    }
    return try T(from: self)
  }

  func primitive<T: Decodable>(_ type: T.Type) throws -> T {
    let v: Any
    switch type {
    case is String.Type: v = try string()
    case is Int.Type: v = Int(try int())
    case is Int64.Type: v = try int()
    case is Int32.Type: v = Int32(truncatingIfNeeded: try int())
    case is Bool.Type: v = try byte() != 0
    case is Double.Type: v = Double(bitPattern: UInt64(bitPattern: try int()))
    default: return try T(from: self)
    }
    guard let t = v as? T else { throw BinaryCodingError("type mismatch for \(T.self)") }
    return t
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(Keyed<Key>(r: self))
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    // Every element takes at least one byte: a larger count is a damaged input.
    let count = Int(try int())
    guard count >= 0, count <= buffer.count - position else {
      throw BinaryCodingError("an array of \(count) elements cannot fit at byte \(position)")
    }
    return Unkeyed(r: self, count: count)
  }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(r: self) }

  struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let r: BinaryReader
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try r.read(type) }
    // Non-generic overloads: no dynamic casts on the hot path.
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try r.string() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try r.int()) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try r.int() }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
      Int32(truncatingIfNeeded: try r.int())
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try r.byte() != 0 }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
      Double(bitPattern: UInt64(bitPattern: try r.int()))
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(type) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type) }
    func present<T: Decodable>(_ type: T.Type) throws -> T? {
      try r.byte() == 0 ? nil : try r.read(type)
    }
    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws
      -> KeyedDecodingContainer<N>
    {
      try r.container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
      try r.unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { r }
    func superDecoder(forKey key: Key) throws -> any Decoder { r }
  }

  struct Unkeyed: UnkeyedDecodingContainer {
    let r: BinaryReader
    let total: Int
    var currentIndex = 0
    init(r: BinaryReader, count: Int) {
      self.r = r
      self.total = count
    }
    var codingPath: [any CodingKey] { [] }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
      guard !isAtEnd else { throw BinaryCodingError("array overrun") }
      currentIndex += 1
      return try r.read(type)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
      currentIndex += 1
      return try r.container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
      currentIndex += 1
      return try r.unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder { r }
  }

  struct Single: SingleValueDecodingContainer {
    let r: BinaryReader
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try r.read(type) }
    func decode(_ type: String.Type) throws -> String { try r.string() }
    func decode(_ type: Int.Type) throws -> Int { Int(try r.int()) }
    func decode(_ type: Int64.Type) throws -> Int64 { try r.int() }
    func decode(_ type: Int32.Type) throws -> Int32 { Int32(truncatingIfNeeded: try r.int()) }
    func decode(_ type: Bool.Type) throws -> Bool { try r.byte() != 0 }
    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: UInt64(bitPattern: try r.int())) }
  }
}

/// Reads the binary coder's layout by hand: for the types a checkpoint holds by the
/// hundred thousand (programs), whose generic `Decodable` path spends most of its time
/// looking up the metadata of keyed containers (`sapm-bench first-frame`). The layout is
/// `BinaryEncoder`'s: integers (and days, amounts) 8 bytes little-endian, a Bool one
/// byte, a string its UTF-8 length then bytes, an optional a presence byte, an array its
/// count then elements, fields in declaration order.
public struct BinaryCursor {
  @usableFromInline let buffer: UnsafeBufferPointer<UInt8>
  @usableFromInline var at = 0
  public var position: Int { at }

  public init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  public var isAtEnd: Bool { at == buffer.count }

  @inlinable mutating func need(_ n: Int) throws(BinaryCodingError) {
    guard n >= 0, n <= buffer.count - at else { throw BinaryCodingError("truncated at byte \(at)") }
  }

  @inlinable public mutating func int64() throws(BinaryCodingError) -> Int64 {
    try need(8)
    guard let base = buffer.baseAddress else { throw BinaryCodingError("truncated at byte \(at)") }
    let v = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
    at += 8
    return Int64(bitPattern: UInt64(littleEndian: v))
  }

  @inlinable public mutating func int() throws(BinaryCodingError) -> Int { Int(try int64()) }

  @inlinable public mutating func bool() throws(BinaryCodingError) -> Bool {
    try need(1)
    defer { at += 1 }
    return buffer[at] != 0
  }

  @inlinable public mutating func double() throws(BinaryCodingError) -> Double {
    Double(bitPattern: UInt64(bitPattern: try int64()))
  }

  @inlinable public mutating func string() throws(BinaryCodingError) -> String {
    let n = try int()
    try need(n)
    defer { at += n }
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[at..<at + n]), as: UTF8.self)
  }

  /// A value of a `String`-backed enum; `what` names it when the text is not one of its cases.
  @inlinable public mutating func raw<T: RawRepresentable>(_ type: T.Type, _ what: String)
    throws(BinaryCodingError)
    -> T where T.RawValue == String
  {
    let text = try string()
    guard let value = T(rawValue: text) else { throw BinaryCodingError("'\(text)' is not a \(what)") }
    return value
  }

  @inlinable public mutating func optional<T>(_ read: (inout BinaryCursor) throws(BinaryCodingError) -> T)
    throws(BinaryCodingError) -> T?
  {
    try bool() ? try read(&self) : nil
  }

  @inlinable public mutating func array<T>(_ read: (inout BinaryCursor) throws(BinaryCodingError) -> T)
    throws(BinaryCodingError) -> [T]
  {
    // Every element takes at least one byte: a larger count is a damaged input.
    let count = try int()
    guard count >= 0, count <= buffer.count - at else {
      throw BinaryCodingError("an array of \(count) elements cannot fit at byte \(at)")
    }
    var out: [T] = []
    out.reserveCapacity(count)
    for _ in 0..<count { out.append(try read(&self)) }
    return out
  }
}

/// Writes the binary coder's layout by hand (`BinaryCursor` reads it back): for the
/// programs of a checkpoint, written straight into the payload without a copy of each
/// chunk or the generic `Encodable` path's containers.
public struct BinaryOutput {
  public var bytes: [UInt8]

  public init(bytes: [UInt8] = []) { self.bytes = bytes }

  @inlinable public mutating func int64(_ v: Int64) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }
  @inlinable public mutating func int(_ v: Int) { int64(Int64(v)) }
  @inlinable public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
  @inlinable public mutating func double(_ v: Double) { int64(Int64(bitPattern: v.bitPattern)) }
  @inlinable public mutating func string(_ s: String) {
    int(s.utf8.count)
    bytes.append(contentsOf: s.utf8)
  }
  /// A presence byte, then the value when there is one.
  @inlinable public mutating func optional<T>(_ value: T?, _ write: (inout BinaryOutput, T) -> Void) {
    guard let value else {
      bytes.append(0)
      return
    }
    bytes.append(1)
    write(&self, value)
  }
  /// The count, then each element.
  @inlinable public mutating func array<T>(_ values: [T], _ write: (inout BinaryOutput, T) -> Void) {
    int(values.count)
    for v in values { write(&self, v) }
  }
}
