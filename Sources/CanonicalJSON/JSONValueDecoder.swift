/// Decodes `Decodable` values straight from a parsed `JSONValue`, so event payloads
/// go from log line to domain type without a second pass through Foundation.
public struct JSONValueDecoder: Sendable {
  public init() {}

  public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    try T(from: ValueDecoder(value: value, codingPath: []))
  }
}

struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

private struct ValueDecoder: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw DecodingError.typeMismatch(
        [String: Any].self,
        .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeName)"))
    }
    return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else {
      throw DecodingError.typeMismatch(
        [Any].self,
        .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeName)"))
    }
    return UnkeyedContainer(elements: elements, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    SingleContainer(value: value, codingPath: codingPath)
  }
}

private func mismatch<T>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
  DecodingError.typeMismatch(
    type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.typeName)"))
}

private func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey])
  throws -> T
{
  guard let i = value.intValue, let result = T(exactly: i) else { throw mismatch(type, value, path) }
  return result
}

private func decodeAny<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T
{
  if type == JSONValue.self, let v = value as? T { return v }
  // Primitives reach their own overloads through the single-value container.
  return try T(from: ValueDecoder(value: value, codingPath: path))
}

private func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
  guard case .string(let s) = value else { throw mismatch(String.self, value, path) }
  return s
}

private func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
  guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path) }
  return b
}

private func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
  guard let d = value.doubleValue else { throw mismatch(Double.self, value, path) }
  return d
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [JSONValue.Member]
  let codingPath: [any CodingKey]

  var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

  func find(_ key: Key) -> JSONValue? {
    let name = key.stringValue
    for member in members where member.key == name { return member.value }
    return nil
  }

  func contains(_ key: Key) -> Bool { find(key) != nil }

  func require(_ key: Key) throws -> JSONValue {
    guard let value = find(key) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "missing key '\(key.stringValue)'"))
    }
    return value
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    guard let value = find(key) else { return true }
    return value == .null
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decodeAny(type, try require(key), codingPath + [key])
  }

  // Non-generic overloads: the hot path of replay, free of dynamic casts.
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    guard let v = find(key), case .string(let s) = v else {
      return try string(try require(key), codingPath + [key])
    }
    return s
  }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    try bool(try require(key), codingPath + [key])
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
    try decodeInteger(Int.self, try require(key), codingPath + [key])
  }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
    try decodeInteger(Int64.self, try require(key), codingPath + [key])
  }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
    try decodeInteger(Int32.self, try require(key), codingPath + [key])
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try double(try require(key), codingPath + [key])
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = find(key), value != .null else { return nil }
    return try decodeAny(type, value, codingPath + [key])
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try ValueDecoder(value: try require(key), codingPath: codingPath + [key]).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(value: try require(key), codingPath: codingPath + [key]).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    let value = members.first { $0.key == "super" }?.value ?? .null
    return ValueDecoder(value: value, codingPath: codingPath)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(value: find(key) ?? .null, codingPath: codingPath + [key])
  }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let codingPath: [any CodingKey]
  var currentIndex = 0

  init(elements: [JSONValue], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  mutating func next() throws -> (JSONValue, [any CodingKey]) {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        JSONValue.self, .init(codingPath: codingPath, debugDescription: "array has no more elements"))
    }
    defer { currentIndex += 1 }
    return (elements[currentIndex], codingPath + [AnyKey(intValue: currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, elements[currentIndex] == .null else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (value, path) = try next()
    return try decodeAny(type, value, path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    let (value, path) = try next()
    return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (value, path) = try next()
    return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (value, path) = try next()
    return ValueDecoder(value: value, codingPath: path)
  }
}

private struct SingleContainer: SingleValueDecodingContainer {
  let value: JSONValue
  let codingPath: [any CodingKey]
  func decodeNil() -> Bool { value == .null }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeAny(type, value, codingPath) }
  func decode(_ type: String.Type) throws -> String { try string(value, codingPath) }
  func decode(_ type: Bool.Type) throws -> Bool { try bool(value, codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try double(value, codingPath) }
  func decode(_ type: Int.Type) throws -> Int { try decodeInteger(Int.self, value, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(Int64.self, value, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(Int32.self, value, codingPath) }
}
