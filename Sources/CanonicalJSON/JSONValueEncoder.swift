/// Encodes `Encodable` values into a `JSONValue`, which `CanonicalJSON` then writes
/// in the hashed form. Nil optionals are omitted, as Foundation's encoder does.
public struct JSONValueEncoder: Sendable {
  public init() {}

  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    let root = Node()
    try encodeAny(value, into: root, path: [])
    return root.value
  }
}

/// A mutable tree node: Codable's container API hands out nested containers before
/// their contents exist, so the tree is built by reference and frozen at the end.
private final class Node {
  enum Content {
    case empty
    case leaf(JSONValue)
    case object([(String, Node)])
    case array([Node])
  }
  var content: Content = .empty

  var value: JSONValue {
    switch content {
    case .empty: return .object([])
    case .leaf(let v): return v
    case .object(let members):
      return .object(members.map { JSONValue.Member($0.0, $0.1.value) })
    case .array(let nodes): return .array(nodes.map(\.value))
    }
  }

  func objectChild(_ key: String) -> Node {
    if case .object(var members) = content {
      if let existing = members.first(where: { $0.0 == key }) { return existing.1 }
      let child = Node()
      members.append((key, child))
      content = .object(members)
      return child
    }
    let child = Node()
    content = .object([(key, child)])
    return child
  }

  func makeObject() {
    if case .object = content { return }
    content = .object([])
  }

  func appendChild() -> Node {
    let child = Node()
    if case .array(var nodes) = content {
      nodes.append(child)
      content = .array(nodes)
    } else {
      content = .array([child])
    }
    return child
  }

  func makeArray() {
    if case .array = content { return }
    content = .array([])
  }
}

private func encodeAny<T: Encodable>(_ value: T, into node: Node, path: [any CodingKey]) throws {
  switch value {
  case let s as String: node.content = .leaf(.string(s))
  case let i as Int: node.content = .leaf(.int(Int64(i)))
  case let i as Int64: node.content = .leaf(.int(i))
  case let d as Double: node.content = .leaf(.double(d))
  case let b as Bool: node.content = .leaf(.bool(b))
  case let v as JSONValue: node.content = .leaf(v)
  default: try value.encode(to: ValueEncoder(node: node, codingPath: path))
  }
}

private struct ValueEncoder: Encoder {
  let node: Node
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.makeObject()
    return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.makeArray()
    return UnkeyedContainer(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleContainer(node: node, codingPath: codingPath)
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: Node
  let codingPath: [any CodingKey]

  mutating func encodeNil(forKey key: Key) throws {
    node.objectChild(key.stringValue).content = .leaf(.null)
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try encodeAny(value, into: node.objectChild(key.stringValue), path: codingPath + [key])
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = node.objectChild(key.stringValue)
    child.makeObject()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.objectChild(key.stringValue)
    child.makeArray()
    return UnkeyedContainer(node: child, codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    ValueEncoder(node: node.objectChild("super"), codingPath: codingPath)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    ValueEncoder(node: node.objectChild(key.stringValue), codingPath: codingPath + [key])
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let node: Node
  let codingPath: [any CodingKey]
  var count: Int {
    if case .array(let nodes) = node.content { return nodes.count }
    return 0
  }

  mutating func encodeNil() throws { node.appendChild().content = .leaf(.null) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let path = codingPath + [AnyKey(intValue: count)]
    try encodeAny(value, into: node.appendChild(), path: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = node.appendChild()
    child.makeObject()
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = node.appendChild()
    child.makeArray()
    return UnkeyedContainer(node: child, codingPath: codingPath)
  }

  mutating func superEncoder() -> any Encoder {
    ValueEncoder(node: node.appendChild(), codingPath: codingPath)
  }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let node: Node
  let codingPath: [any CodingKey]
  mutating func encodeNil() throws { node.content = .leaf(.null) }
  mutating func encode<T: Encodable>(_ value: T) throws { try encodeAny(value, into: node, path: codingPath) }
}
