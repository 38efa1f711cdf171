import Basics

/// What a session needs of a store, whatever keeps it: the log file on this machine
/// (`EventLog`) or a PostgreSQL server (`PostgresLog`, docs/teams.md). Both hold the
/// same canonical lines, chained and signed alike, so everything above this — the
/// domain's checks, signatures, the roster, seen heads, the checkpoint, the kiosk's
/// read-only guarantee — is written once.
///
/// Positions are those of the file: `cursor.offset` counts the bytes of the lines read
/// so far, each with its newline, so a server's log and its file form agree.
public protocol RecordLog: AnyObject, Sendable {
  /// How the store is named in messages: a path, or a server address without password.
  var name: String { get }
  /// Opened so that nothing can be written through it (the kiosk).
  var isReadOnly: Bool { get }
  /// What this reader has consumed and verified.
  var cursor: ChainCursor { get }
  /// What the reader noticed and handled (a torn tail set aside, say).
  var warnings: [StoreWarning] { get }
  /// Where each record read so far starts, by sequence number − 1 (for a checkpoint).
  var recordOffsets: [Int64] { get }
  /// Where the last record read so far starts (for progress, from the reading thread).
  var lastRecordOffset: Int64 { get }
  /// Bytes in the log as far as this reader knows (for progress and for the choice of
  /// a threaded read).
  func size() throws -> Int64
  /// Reads every record after the cursor, verified against the chain, in order.
  @discardableResult
  func readNew(_ body: (Record) throws -> Void) throws -> Int
  /// The same, with each record's line exactly as stored (without its newline), valid
  /// during the call: for copies that must be byte for byte (`sapm migrate`, `log --raw`).
  @discardableResult
  func readNewLines(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int
  /// A record already read by this reader.
  func record(sequence: Int) throws -> Record?
  /// Positions the reader after a record known to be good (a checkpoint's), if the
  /// record there still has the expected sequence and hash.
  func resume(at checkpoint: ChainCursor, offsets known: [Int64]) throws -> Bool
  /// Back to before the first record.
  func restart()
  /// Appends what `makeDrafts` decides on the log as it stands after catching up
  /// (`consume` gets every record others appended first), under the store's own
  /// serialisation; returns only once the records are durable. The reader's cursor
  /// does not move past the appended records: the next `readNew` reads them back.
  @discardableResult
  func append(catchingUp consume: (Record) throws -> Void, _ makeDrafts: () throws -> [RecordDraft]) throws
    -> [Record]
  /// Appends records after verifying what others appended; the cursor does not move.
  @discardableResult
  func append(_ drafts: [RecordDraft]) throws -> [Record]
  /// Whether the name still reaches the store this reader has open.
  func pathStatus() -> StorePathStatus
  /// Lets go of the store (a replaced file's old session): nothing reaches it after.
  func relinquish()
  /// Tells a reader promptly that the store may have changed.
  func makeWatcher() -> any StoreWatcher
  /// Re-reads and re-hashes every record from the start, independent of this reader.
  func verify(progress: (Int64, Int64) -> Void) throws -> VerifyReport
  /// Whether the store can be reached now (a server can be lost; a file cannot).
  var availability: StoreAvailability { get }
  /// The store's identity: the SHA-256 of record 1 (its name, creator, time and key),
  /// the same in every copy of it — a file, a server, a migrated copy. Known before
  /// anything is read (it names the checkpoint and the seen head).
  var storeID: String? { get }
}

/// Whether the name a reader opened still reaches the store it has open.
public enum StorePathStatus: Sendable, Hashable {
  /// The path names the open file (a server: always).
  case same
  /// Another file now has the store's name (a copy renamed over it, say).
  case replaced
  /// Nothing has the store's name any more.
  case missing
}

/// Whether a store can be reached: a server store is `offline` while its server is
/// lost, and shows the last good view meanwhile.
public enum StoreAvailability: Sendable, Hashable {
  case available
  case offline(since: Timestamp, reason: String)
}

/// Wakes a reader's loop when its store may have changed.
public protocol StoreWatcher: AnyObject {
  /// Waits up to `milliseconds` for a change; true when there may be one.
  func wait(milliseconds: Int32) -> Bool
  /// Without waiting: true when a change was reported.
  func drainIfReadable() -> Bool
}

extension RecordLog {
  /// Appends one record (see `append(_:)` for a batch).
  @discardableResult
  public func append(_ draft: RecordDraft) throws -> Record {
    let records = try append([draft])
    guard let first = records.first else {
      throw StoreError.server(store: name, reason: "the record was not appended")
    }
    return first
  }
}
