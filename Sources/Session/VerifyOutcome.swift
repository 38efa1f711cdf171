import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store

/// The outcome of re-hashing a whole store (`sapm verify`).
public struct VerifyOutcome: Sendable {
  public var records: Int
  public var bytes: Int64
  /// The first bad record: its line number and why.
  public var firstBad: (line: Int, reason: String)?
  /// Bytes after the last complete record (a torn or in-progress write).
  public var incompleteTailBytes: Int
  /// Records the fold could not apply (unknown types, amounts that would overflow, a
  /// policy value out of range …): in the log, verified, but not in the portfolio.
  public var notApplied: [Portfolio.SkippedEvent] = []
  public var notAppliedCount = 0
  /// Of those, the records of a signed store that were not applied because their
  /// signer may not write them (forged, unsigned, under another's name, beyond a
  /// role): `sapm verify` fails while there is any.
  public var unauthorizedCount = 0
  /// Every record's signature, judged against the roster as it stood (nil when the
  /// chain itself is broken: there is nothing sound to attribute).
  public var signatures: SignatureReport?
  public var isSound: Bool { firstBad == nil && (signatures?.problemCount ?? 0) == 0 }

  /// Re-reads and re-hashes every record of the store at `location`.
  public static func verify(
    _ location: StoreLocation, seen: SeenHeads? = SeenHeads(), full: Bool = false,
    progress: (Int64, Int64) -> Void = { _, _ in }
  ) throws
    -> VerifyOutcome
  {
    let log = try location.openLog(readOnly: true, mirror: false)
    let report = try log.verify(progress: progress)
    var outcome = VerifyOutcome(
      records: report.records, bytes: report.bytes, firstBad: report.firstBad,
      incompleteTailBytes: report.incompleteTailBytes)
    if report.isSound {
      let id = log.storeID
      let through = full ? nil : id.flatMap { seen?.verified(id: $0) }
      let signatures = try SignatureReport.audit(location, verifiedThrough: through)
      if signatures.problemCount == 0, let seen, let head = signatures.head, let id {
        seen.rememberVerified(
          id: id,
          through: SeenHeads.Head(
            sequence: head.sequence, hash: head.hash, seenOn: Day(ordinal: Timestamp.now().dayOrdinal)))
      }
      outcome.notApplied = signatures.portfolio.skipped
      outcome.notAppliedCount = signatures.portfolio.skippedCount
      outcome.unauthorizedCount = signatures.portfolio.unauthorizedCount
      outcome.signatures = signatures
    }
    return outcome
  }
}
