import Foundation
import Portfolio
import Store

/// One record as `sapm log` shows it: as stored (`line`) and in words (`summary`).
public struct LogEntry: Sendable {
  public var sequence: Int
  public var at: Timestamp
  public var actor: String
  public var type: String
  /// The record exactly as stored, without its newline.
  public var line: String
  public var summary: String

  init(_ record: Record) {
    sequence = record.sequence
    at = record.at
    actor = record.actor
    type = record.type
    line = String(decoding: record.line, as: UTF8.self)
    switch EventRegistry.decode(type: record.type, version: record.version, payload: record.payload) {
    case .event(let e): summary = e.summary
    case .unknown(let reason), .malformed(let reason): summary = "(kept, not applied: \(reason))"
    }
  }
}

/// Reads a store's records for `sapm log`, read-only, and follows it: to the new
/// file when the store is replaced (saying so), waiting when it is deleted.
public final class LogReader {
  let path: String
  var log: EventLog

  public init(_ location: StoreLocation) throws {
    path = location.path
    log = try EventLog.open(at: path, readOnly: true)
  }

  /// Every record not read yet; with `tail`, only the last `tail` of them.
  public func read(tail: Int? = nil, _ emit: (LogEntry) -> Void) throws {
    guard let tail else {
      try log.readNew { emit(LogEntry($0)) }
      return
    }
    var records: [Record] = []
    try log.readNew {
      records.append($0)
      if records.count > tail * 2 + 1000 { records.removeFirst(records.count - tail) }
    }
    records.suffix(tail).forEach { emit(LogEntry($0)) }
  }

  /// What the reader noticed (an incomplete last record, say).
  public var warnings: [String] { log.warnings.map(\.description) }

  /// Prints what other processes append, for as long as it runs. `notice` hears
  /// about a replaced or deleted store; `flush` runs after each batch.
  public func follow(
    _ emit: (LogEntry) -> Void, notice: (String) -> Void, flush: () throws -> Void
  ) throws -> Never {
    let watcher = ChangeWatcher(path: path)
    var missing = false
    while true {
      _ = watcher.wait(milliseconds: 1000)
      switch log.pathStatus() {
      case .same:
        break
      case .missing:
        if !missing { notice("\(path): the store file was deleted; waiting for it to come back") }
        missing = true
        continue
      case .replaced:
        missing = false
        let next: EventLog
        do {
          next = try EventLog.open(at: path, readOnly: true)
        } catch {
          notice("\(path): the store file was replaced and cannot be read: \(error)")
          continue
        }
        if log.cursor.sequence > 0, try next.resume(at: log.cursor, offsets: log.recordOffsets) {
          notice("\(path): the store file was replaced; following the new file (the same history)")
        } else {
          notice(
            "\(path): the store file was replaced by one with a different history; printing it from the start"
          )
        }
        log = next
      }
      try log.readNew { emit(LogEntry($0)) }
      try flush()
    }
  }
}

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
    let report = try EventLog.open(at: location.path, readOnly: true).verify(progress: progress)
    var outcome = VerifyOutcome(
      records: report.records, bytes: report.bytes, firstBad: report.firstBad,
      incompleteTailBytes: report.incompleteTailBytes)
    if report.isSound {
      let through = full ? nil : seen?.verified(path: location.path)
      let signatures = try SignatureReport.audit(location, verifiedThrough: through)
      if signatures.problemCount == 0, let seen, let head = signatures.head {
        seen.rememberVerified(
          path: location.path,
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

extension Session {
  /// Opens the store to browse it: writable when this account may write it, else
  /// read-only (a shared store this account can only read).
  public static func openForBrowsing(
    _ location: StoreLocation, user: String = Identity.currentUser(), progress: LoadProgress? = nil
  ) throws
    -> Session
  {
    do {
      return try open(location, readOnly: false, user: user, progress: progress, compact: true)
    } catch StoreError.io(_, let operation, _) where operation == "open for writing" {
      return try open(location, readOnly: true, user: user, progress: progress)
    }
  }
}
