import CSodium
import Crypto

/// An Ed25519 key that signs records as they are appended. The store knows nothing of
/// who holds it: the caller decides which records are signed and by whom, and the
/// domain decides whose keys count (docs/store-format.md, "Signatures").
public struct RecordSigner: Sendable {
  /// The private key's 32 bytes (the swift-crypto key type is not Sendable).
  private let raw: [UInt8]
  /// libsodium's expanded secret key (seed and public key), made once: signing then
  /// costs one Ed25519 signature, not a key derivation as well (an import signs 379,384
  /// records in chain order).
  private let expanded: [UInt8]
  /// The public key, 64 lowercase hex digits, as it appears in a record's `key`.
  public let publicKeyHex: String

  public init(privateKey raw: [UInt8]) throws(StoreError) {
    guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
      throw StoreError.notAStore(path: "(signing key)", reason: "not a 32-byte Ed25519 private key")
    }
    self.raw = raw
    publicKeyHex = Hex.encode(Array(key.publicKey.rawRepresentation))
    var publicKey = [UInt8](repeating: 0, count: 32)
    var secret = [UInt8](repeating: 0, count: 64)
    guard Sodium.ready, crypto_sign_seed_keypair(&publicKey, &secret, raw) == 0,
      Hex.encode(publicKey) == publicKeyHex
    else {
      throw StoreError.notAStore(path: "(signing key)", reason: "libsodium could not load the Ed25519 key")
    }
    expanded = secret
  }

  /// A new random key.
  public static func generate() throws(StoreError) -> (signer: RecordSigner, privateKey: [UInt8]) {
    let raw = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
    return (try RecordSigner(privateKey: raw), raw)
  }

  /// A secret derived from the private key for one purpose (`label`): SHA-256 of the
  /// label and the key. What only this key's holder can compute — a checkpoint's MAC
  /// key, say — without handing the signing key itself to another use.
  public func secret(for label: String) -> [UInt8] {
    var hash = SHA256()
    hash.update(data: Array(label.utf8) + [0])
    hash.update(data: raw)
    return Array(hash.finalize())
  }

  /// The signature of `bytes`, 128 lowercase hex digits (Ed25519 is deterministic:
  /// libsodium and swift-crypto give the same bytes, and a test holds them equal).
  public func sign(_ bytes: [UInt8]) throws(StoreError) -> String {
    var signature = [UInt8](repeating: 0, count: 64)
    guard crypto_sign_detached(&signature, nil, bytes, UInt64(bytes.count), expanded) == 0 else {
      throw StoreError.io(path: "(signing key)", operation: "sign", errno: 5)
    }
    return Hex.encode(signature)
  }

  /// The same with swift-crypto, for the test that holds the two equal.
  public func signWithSwiftCrypto(_ bytes: [UInt8]) throws -> String {
    let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    return Hex.encode(Array(try key.signature(for: bytes)))
  }

  /// The record with `key` set and signed over its `signedBytes`.
  public func signed(_ record: Record) throws(StoreError) -> Record {
    var r = record
    r.key = publicKeyHex
    r.sig = nil
    r.sig = try sign(r.signedBytes)
    return r
  }
}

/// What a record's signature says, checked against its own bytes only (whose key
/// it must be is the domain's question: the roster as it stood at the record).
public enum SignatureCheck: Sendable, Hashable {
  case unsigned
  /// Valid for the record's bytes under the key it names.
  case valid(key: String)
  /// Present but not valid: the record was changed after it was signed.
  case invalid

  public var validKey: String? {
    if case .valid(let key) = self { return key }
    return nil
  }
}

extension Record {
  /// Checks the signature against `signedBytes` and the key the record names, with
  /// libsodium's Ed25519 (34 µs a check here against swift-crypto's 49: every signed
  /// record is checked once per account, a million on a large store's first open).
  public func checkSignature() -> SignatureCheck {
    guard let key, let sig else { return .unsigned }
    guard Sodium.ready, let keyBytes = Hex.decode(key), keyBytes.count == 32, let sigBytes = Hex.decode(sig),
      sigBytes.count == 64
    else { return .invalid }
    let message = signedBytes
    let ok = crypto_sign_verify_detached(sigBytes, message, UInt64(message.count), keyBytes) == 0
    return ok ? .valid(key: key) : .invalid
  }

  /// The same check with swift-crypto (BoringSSL), kept for the benchmark's comparison.
  public func checkSignatureWithSwiftCrypto() -> SignatureCheck {
    guard let key, let sig else { return .unsigned }
    guard let keyBytes = Hex.decode(key), let sigBytes = Hex.decode(sig),
      let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
    else { return .invalid }
    return publicKey.isValidSignature(sigBytes, for: signedBytes) ? .valid(key: key) : .invalid
  }
}

/// libsodium, initialised once (thread-safe and idempotent, as its docs require before use).
enum Sodium {
  static let ready: Bool = sodium_init() >= 0
}

/// A public key's fingerprint: the first 16 bytes of its SHA-256, 32 hex digits in
/// groups of four (what `sapm init` prints and `sapm verify --trust` takes).
public func keyFingerprint(_ publicKeyHex: String) -> String {
  guard let raw = Hex.decode(publicKeyHex) else { return "invalid key" }
  let hex = Hex.encode(Array(SHA256.hash(data: raw).prefix(16)))
  var out = ""
  for (i, c) in hex.enumerated() {
    if i > 0, i % 4 == 0 { out.append(":") }
    out.append(c)
  }
  return out
}

/// Lowercase hexadecimal, the only form keys, signatures and hashes take in a record.
public enum Hex {
  public static func encode(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(ChainCursor.digits[Int(b >> 4)])
      out.append(ChainCursor.digits[Int(b & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    let u = Array(text.utf8)
    guard u.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case 0x30...0x39: return c - 0x30
      case 0x61...0x66: return c - 0x61 + 10
      default: return nil
      }
    }
    var out = [UInt8]()
    out.reserveCapacity(u.count / 2)
    var i = 0
    while i < u.count {
      guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
      out.append(hi << 4 | lo)
      i += 2
    }
    return out
  }
}
