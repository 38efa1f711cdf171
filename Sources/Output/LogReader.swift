import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
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
  let location: StoreLocation
  let path: String
  var log: any RecordLog

  public init(_ location: StoreLocation) throws {
    self.location = location
    path = location.path
    log = try location.openLog(readOnly: true)
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

  /// Every record not read yet, each line exactly as stored with its newline: a copy
  /// of the store that `sapm verify` accepts, byte for byte (`sapm log --raw`).
  public func readRaw(_ emit: ([UInt8]) throws -> Void) throws {
    var chunk: [UInt8] = []
    chunk.reserveCapacity(1 << 20)
    try log.readNewLines { _, line in
      chunk.append(contentsOf: line)
      chunk.append(0x0A)
      if chunk.count >= 1 << 20 {
        try emit(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if !chunk.isEmpty { try emit(chunk) }
  }

  /// What the reader noticed (an incomplete last record, say).
  public var warnings: [String] { log.warnings.map(\.description) }

  /// Prints what other processes append, for as long as it runs. `notice` hears
  /// about a replaced or deleted store, or a server lost and back; `flush` runs after
  /// each batch.
  public func follow(
    _ emit: (LogEntry) -> Void, notice: (String) -> Void, flush: () throws -> Void
  ) throws -> Never {
    let watcher = log.makeWatcher()
    var missing = false
    var offline = false
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
        let next: any RecordLog
        do {
          next = try location.openLog(readOnly: true)
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
      switch log.availability {
      case .available:
        if offline { notice("\(path): the server is back; following it again") }
        offline = false
      case .offline(_, let reason):
        if !offline { notice("\(path): the server cannot be reached (\(reason)); waiting for it") }
        offline = true
      }
      try flush()
    }
  }
}
