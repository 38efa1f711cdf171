import CanonicalJSON
import Dispatch
import Foundation
import Portfolio
import Store

/// `sapm verify`'s signature pass: every record's Ed25519 signature checked against
/// its own bytes (on every core), and its key against the roster as it stood at that
/// record — so an edit, a re-chained log, a record under another person's name or a
/// replaced key's later use is named by its record (docs/security.md).
public struct SignatureReport: Sendable {
  public struct Problem: Sendable, Hashable {
    public var sequence: Int
    public var type: String
    public var actor: String
    public var reason: String
  }

  public var records = 0
  public var signed = 0
  public var unsigned = 0
  /// Unsigned records as ranges of sequence numbers (the first few).
  public var unsignedRanges: [ClosedRange<Int>] = []
  public var problems: [Problem] = []
  public var problemCount = 0
  /// The creator's key from the first record (a signed store has one).
  public var creatorKey: String?
  /// The portfolio folded on the way (for the records not applied).
  public var portfolio = Portfolio()
  /// Records whose signatures an earlier audit found sound (not checked again).
  public var verifiedBefore = 0
  /// The last record audited: its sequence number and hash.
  public var head: (sequence: Int, hash: String)?
  var skip: SeenHeads.Head?
  var skipInvalidated = false

  public var creatorFingerprint: String? { creatorKey.map(IdentityKey.fingerprint) }

  mutating func noteUnsigned(_ seq: Int) {
    unsigned += 1
    if let last = unsignedRanges.last, last.upperBound == seq - 1 {
      unsignedRanges[unsignedRanges.count - 1] = last.lowerBound...seq
    } else if unsignedRanges.count < 20 {
      unsignedRanges.append(seq...seq)
    }
  }

  mutating func note(_ record: Record, _ reason: String) {
    problemCount += 1
    if problems.count < 50 {
      problems.append(
        Problem(sequence: record.sequence, type: record.type, actor: record.actor, reason: reason))
    }
  }

  /// Whether `text` names the creator's key fingerprint (colons and case ignored).
  public func trusts(_ text: String) -> Bool {
    guard let fp = creatorFingerprint else { return false }
    func norm(_ s: String) -> String { s.lowercased().filter { $0.isHexDigit } }
    return norm(fp) == norm(text)
  }
}

extension SignatureReport {
  /// Reads the store at `location` from the start and judges every signature. With
  /// `verifiedThrough` (a record this account's earlier audit found sound, and its
  /// hash) the signatures up to it are not checked again — the chain, re-hashed from
  /// the start, proves those records unchanged; if the hash there differs, every
  /// signature is checked.
  public static func audit(
    _ location: StoreLocation, verifiedThrough: SeenHeads.Head? = nil,
    progress: (Int, Int64) -> Void = { _, _ in }
  ) throws -> SignatureReport {
    var report = try auditOnce(location, skip: verifiedThrough, progress: progress)
    if report.skipInvalidated { report = try auditOnce(location, skip: nil, progress: progress) }
    return report
  }

  static func auditOnce(
    _ location: StoreLocation, skip: SeenHeads.Head?, progress: (Int, Int64) -> Void
  ) throws -> SignatureReport {
    let log = try location.openLog(readOnly: true, mirror: false)
    var report = SignatureReport()
    report.skip = skip
    var batch: [Record] = []
    batch.reserveCapacity(16_384)
    func flush() {
      let skipped = batch.prefix { $0.sequence <= (skip?.sequence ?? 0) }.count
      let checks =
        batch[..<skipped].map { $0.sig == nil ? SignatureCheck.unsigned : .valid(key: $0.key ?? "") }
        + parallelChecks(Array(batch[skipped...]))
      for (record, check) in zip(batch, checks) { report.judge(record, check) }
      progress(report.records, log.cursor.offset)
      batch.removeAll(keepingCapacity: true)
    }
    try log.readNew { record in
      batch.append(record)
      if batch.count == 16_384 { flush() }
    }
    flush()
    if log.cursor.sequence > 0 {
      report.head = (log.cursor.sequence, String(decoding: log.cursor.hashHex, as: UTF8.self))
    }
    return report
  }

  /// `.valid` for a record this process signed and reads back with the very line it
  /// wrote (`known`: line hashes by sequence); nil for any other, which must be checked.
  static func knownCheck(_ record: Record, _ known: [Int: String]) -> SignatureCheck? {
    guard !known.isEmpty, let hash = known[record.sequence], let key = record.key, record.sig != nil,
      hash == record.lineHashHex
    else { return nil }
    return .valid(key: key)
  }

  /// Signature checks of a batch on every core (they are independent of each other).
  public static func parallelChecks(_ records: [Record], known: [Int: String] = [:]) -> [SignatureCheck] {
    var out = [SignatureCheck](repeating: .unsigned, count: records.count)
    // An unsigned store: nothing to check.
    guard records.contains(where: { $0.sig != nil }) else { return out }
    let chunks = max(1, min(records.count / 256, ProcessInfo.processInfo.activeProcessorCount * 4))
    out.withUnsafeMutableBufferPointer { buffer in
      let base = UncheckedBuffer(buffer)
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = records.count * c / chunks
        let hi = records.count * (c + 1) / chunks
        for i in lo..<hi {
          base.buffer[i] = knownCheck(records[i], known) ?? records[i].checkSignature()
        }
      }
    }
    return out
  }

  /// One record: its signature against the roster as it stands before the record.
  mutating func judge(_ record: Record, _ check: SignatureCheck) {
    records += 1
    if let skip, record.sequence <= skip.sequence {
      // Verified sound before, and unchanged since (checked at its last record).
      if record.sequence == skip.sequence, record.lineHashHex != skip.hash { skipInvalidated = true }
      if record.sequence == 1 { creatorKey = record.payload["creatorKey"]?.stringValue }
      if record.sig == nil { noteUnsigned(record.sequence) } else { signed += 1 }
      verifiedBefore += 1
      DecodedRecord(record, check: check).fold(into: &portfolio)
      return
    }
    if record.sequence == 1 {
      creatorKey = record.payload["creatorKey"]?.stringValue
    }
    let expected = record.sequence == 1 ? creatorKey : portfolio.roster.key(of: record.actor)
    switch check {
    case .unsigned:
      noteUnsigned(record.sequence)
    case .invalid:
      note(
        record,
        "the signature does not match the record: it was changed after it was signed (edited, or re-chained after an edit before it)"
      )
    case .valid(let key):
      if key == expected {
        signed += 1
      } else if let expected {
        note(
          record,
          "signed by key \(IdentityKey.fingerprint(key)), but \(record.actor)'s enrolled key at this record is \(IdentityKey.fingerprint(expected)) (a record under another's name, or a replaced key)"
        )
      } else {
        note(
          record,
          "signed by key \(IdentityKey.fingerprint(key)), but \(record.actor) has no enrolled key at this record (not on the roster, revoked, or a forged name)"
        )
      }
    }
    DecodedRecord(record, check: check).fold(into: &portfolio)
  }
}

/// A buffer written by disjoint ranges from several threads.
// @unchecked: each task writes only its own range of the buffer, and the buffer is read
// only after `concurrentPerform` has returned (a lock per check would cost more than it).
private struct UncheckedBuffer: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<SignatureCheck>
  init(_ buffer: UnsafeMutableBufferPointer<SignatureCheck>) { self.buffer = buffer }
}
