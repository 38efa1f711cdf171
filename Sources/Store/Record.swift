import Basics
import CanonicalJSON

/// One line of the store: an event with its place in the chain.
///
/// The store knows nothing of what events mean: `type`, `version` and `payload`
/// pass through untouched. `prev` is the SHA-256 (hex) of the previous record's
/// line, or 64 zeros for the first record.
public struct Record: Sendable, Hashable {
  public var sequence: Int
  public var at: Timestamp
  public var actor: String
  public var type: String
  public var version: Int
  public var payload: JSONValue
  public var prev: String
  /// The signer's Ed25519 public key, 64 lowercase hex digits; nil: unsigned.
  public var key: String?
  /// Ed25519 signature (128 lowercase hex digits) by `key` over `signedBytes`.
  public var sig: String?

  public init(
    sequence: Int, at: Timestamp, actor: String, type: String, version: Int, payload: JSONValue, prev: String,
    key: String? = nil, sig: String? = nil
  ) {
    self.sequence = sequence
    self.at = at
    self.actor = actor
    self.type = type
    self.version = version
    self.payload = payload
    self.prev = prev
    self.key = key
    self.sig = sig
  }

  public static let genesis = String(repeating: "0", count: 64)

  /// The record as one canonical JSON line, without the newline.
  public var line: [UInt8] { canonical(withSignature: true) }

  /// SHA-256 of the line, 64 lowercase hex digits: what the next record's `prev`
  /// holds (and, for record 1, the store's identity).
  public var lineHashHex: String { String(decoding: ChainCursor.hash(line), as: UTF8.self) }

  /// What the signature covers: the canonical line without `sig` (with `key` and
  /// `prev`, so a record cannot be moved, edited or re-chained without breaking it).
  public var signedBytes: [UInt8] { canonical(withSignature: false) }

  private func canonical(withSignature: Bool) -> [UInt8] {
    var members: [JSONValue.Member] = [
      .init("actor", .string(actor)),
      .init("at", .string(at.description)),
    ]
    if let key { members.append(.init("key", .string(key))) }
    members += [
      .init("payload", payload),
      .init("prev", .string(prev)),
      .init("seq", .int(Int64(sequence))),
    ]
    if withSignature, let sig { members.append(.init("sig", .string(sig))) }
    members += [.init("type", .string(type)), .init("v", .int(Int64(version)))]
    return CanonicalJSON.bytes(.object(members))
  }

  /// Reads a record from its line; the reason names the field that is wrong.
  public static func parse(line: UnsafeBufferPointer<UInt8>) throws(RecordError) -> Record {
    let value: JSONValue
    do {
      value = try JSONParser.parse(buffer: line)
    } catch {
      throw RecordError("not valid JSON (\(error))")
    }
    guard case .object = value else { throw RecordError("not a JSON object") }
    guard let seq = value["seq"]?.intValue, seq > 0 else { throw RecordError("missing or invalid 'seq'") }
    guard let atText = value["at"]?.stringValue, let at = Timestamp(atText) else {
      throw RecordError("missing or invalid 'at' (want YYYY-MM-DDTHH:MM:SS.fffZ)")
    }
    guard let actor = value["actor"]?.stringValue else { throw RecordError("missing 'actor'") }
    guard let type = value["type"]?.stringValue, !type.isEmpty else { throw RecordError("missing 'type'") }
    guard let version = value["v"]?.intValue, version > 0 else { throw RecordError("missing or invalid 'v'") }
    guard let payload = value["payload"] else { throw RecordError("missing 'payload'") }
    guard let prev = value["prev"]?.stringValue, prev.utf8.count == 64 else {
      throw RecordError("missing or invalid 'prev' hash")
    }
    let key = value["key"]?.stringValue
    let sig = value["sig"]?.stringValue
    // Lengths only: the digits are checked with the signature (a bad one is a bad
    // signature, named by `sapm verify`), which keeps opening a large store cheap.
    if value["key"] != nil || value["sig"] != nil {
      guard let key, key.utf8.count == 64 else {
        throw RecordError("invalid 'key' (want 64 lowercase hex digits, with 'sig')")
      }
      guard let sig, sig.utf8.count == 128 else {
        throw RecordError("invalid 'sig' (want 128 lowercase hex digits, with 'key')")
      }
    }
    return Record(
      sequence: Int(seq), at: at, actor: actor, type: type, version: Int(version), payload: payload,
      prev: prev, key: key, sig: sig)
  }
}

/// A record to append: the store assigns the sequence number and the chain hash.
public struct RecordDraft: Sendable {
  public var type: String
  public var version: Int
  public var actor: String
  public var payload: JSONValue
  /// When the event happened; nil means now. Imports and the demo give past times.
  public var at: Timestamp?
  /// Signs the record once the store has given it its sequence number and `prev`;
  /// nil leaves it unsigned (older stores, the demo's invented people).
  public var signer: RecordSigner?

  public init(
    type: String, version: Int = 1, actor: String, payload: JSONValue, at: Timestamp? = nil,
    signer: RecordSigner? = nil
  ) {
    self.type = type
    self.version = version
    self.actor = actor
    self.payload = payload
    self.at = at
    self.signer = signer
  }
}

public struct RecordError: Error, Sendable, CustomStringConvertible {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}
