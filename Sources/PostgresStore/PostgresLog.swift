import Basics
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// The log kept by a PostgreSQL server (docs/teams.md): the same canonical lines as
/// the file, one row each, appended only through the schema's `sapm.append`.
///
/// A reader keeps a **mirror**: a copy of the log in this account's cache, extended
/// with what the server has and read like any store file — so a checkpoint, history
/// views and `--as-of` work unchanged, a later open fetches only what is new, and the
/// store opens from the mirror when the server cannot be reached. A reader with no
/// mirror (the kiosk, `sapm verify`) reads the server straight.
///
/// A write is optimistic: catch up, decide, sign, and `append` given the head the
/// decision saw; when the server says the head moved (SQLSTATE 40001) the writer
/// catches up and decides again. An unknown commit outcome (the connection lost
/// mid-call) is settled by reconnecting and reading, never by appending twice.
///
/// `@unchecked Sendable` for the same reason as `EventLog`: one thread uses it at a time.
public final class PostgresLog: RecordLog, @unchecked Sendable {
  public let address: ServerAddress
  /// Opened read-only, or the database login may not call `sapm.append` (a reader's
  /// login, the kiosk's): nothing is written through it, and screens say READ-ONLY.
  public private(set) var isReadOnly: Bool
  /// Why a writable open is read-only after all (the login lacks `sapm_writer`).
  public private(set) var readOnlyReason: String?
  /// This account's copy of the log (nil: read the server straight).
  let mirror: EventLog?
  private var connection: Connection?

  // Reading without a mirror: the reader's own position.
  private var directCursor = ChainCursor()
  private var directOffsets: [Int64] = []

  /// The server's head as last asked, and when (monotonic seconds).
  private var serverHead: (sequence: Int, hash: String, bytes: Int64)?
  private var headCheckedAt = 0.0
  /// A NOTIFY came: the head is worth asking for now.
  private var notified = true
  /// While the server is lost: since when, why, and a reconnect under way.
  private var lostSince: Timestamp?
  private var lostReason = ""
  private var reconnecting: Connection?
  private var lastAttempt = 0.0
  private var reported: [StoreWarning] = []

  /// How often the head is asked for when no NOTIFY came (a fallback: a notification
  /// can be lost with a connection).
  public var headPollInterval = 2.0
  /// How long between reconnect attempts while offline.
  public var reconnectInterval = 1.0
  /// Lines fetched per query.
  static let batch = 10_000

  public var name: String { address.display }

  /// This account's copy of the log, if it keeps one.
  public var mirrorPath: String? { mirror?.path }

  private init(address: ServerAddress, connection: Connection?, mirror: EventLog?, readOnly: Bool) {
    self.address = address
    self.connection = connection
    self.mirror = mirror
    self.isReadOnly = readOnly
  }

  deinit { connection?.close() }

  /// Opens a server store. `mirrorPath`: where this account keeps its copy (made
  /// 0600 if missing); nil reads the server straight. With the server unreachable and
  /// a mirror there, the store opens offline from the mirror.
  public static func open(
    _ address: ServerAddress, mirrorPath: String?, readOnly: Bool, allowEmpty: Bool = false
  ) throws -> PostgresLog {
    var connection: Connection?
    var lost: PostgresError?
    do {
      connection = try Connection.connect(address.conninfo)
    } catch {
      lost = error
    }
    var mirror: EventLog?
    if let mirrorPath {
      if access(mirrorPath, F_OK) == 0 {
        mirror = try EventLog.open(at: mirrorPath, readOnly: false)
      } else if connection != nil {
        mirror = try EventLog.create(at: mirrorPath)
      }
    }
    if let lost {
      let copied = try mirror?.size() ?? 0
      guard let mirror, copied > 0 else {
        throw StoreError.server(
          store: address.display,
          reason: "cannot connect: \(lost.message); no copy of it is kept on this machine")
      }
      let log = PostgresLog(address: address, connection: nil, mirror: mirror, readOnly: readOnly)
      log.goOffline(lost.message)
      return log
    }
    let log = PostgresLog(address: address, connection: connection, mirror: mirror, readOnly: readOnly)
    try log.listen()
    if !readOnly, let connection {
      // A login without sapm_writer reads only: said at open, not after a form is filled in.
      let may = try? connection.execute(
        "SELECT has_function_privilege('sapm.append(bigint, text, bytea[])', 'EXECUTE')")
      if may?.count == 1, may?.text(0, 0) == "f" {
        log.isReadOnly = true
        log.readOnlyReason =
          "the database login \(connection.user) may only read this store; an administrator grants writing with GRANT sapm_writer TO \"\(connection.user)\""
      }
    }
    let head = try log.askHead()
    guard head.sequence > 0 || allowEmpty else {
      throw StoreError.notAStore(
        path: address.display,
        reason:
          "the database has the schema but no record (an interrupted 'sapm init'?); drop the schema sapm and run 'sapm init --store' again"
      )
    }
    log.notified = true  // the first read fetches what the mirror lacks
    return log
  }

  /// Creates the schema in an empty database (the login must be allowed to create a
  /// schema and roles; else `sapm init --sql` gives a database administrator the SQL).
  /// `allowExisting`: a store already there is no error (a migration taken up again).
  public static func createSchema(_ address: ServerAddress, allowExisting: Bool = false) throws {
    let connection: Connection
    do {
      connection = try Connection.connect(address.conninfo)
    } catch {
      throw StoreError.server(store: address.display, reason: "cannot connect: \(error.message)")
    }
    defer { connection.close() }
    let exists = try connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'sapm'")
    if exists.count > 0 {
      let head = try? connection.execute("SELECT seq FROM sapm.head")
      if !allowExisting, let head, head.count == 1, head.text(0, 0) != "0" {
        throw StoreError.alreadyExists(path: address.display)
      }
      return  // made by the administrator, still empty: sapm init writes its first record
    }
    do {
      try connection.executeScript("BEGIN;\n" + Schema.sql + "\nCOMMIT;")
    } catch {
      _ = try? connection.execute("ROLLBACK")
      throw StoreError.server(
        store: address.display,
        reason:
          "cannot create the store's schema: \(error.message); ask the database administrator to run the SQL of 'sapm init --sql' as the schema's owner, then run 'sapm init --store' again"
      )
    }
  }

  // MARK: The server

  private func server() throws -> Connection {
    if let connection, connection.isOK { return connection }
    throw offlineError()
  }

  private func offlineError() -> StoreError {
    .offline(
      store: address.display, since: lostSince.map { $0.clockTime(seconds: false) + " UTC" } ?? "now",
      reason: lostReason)
  }

  private func listen() throws {
    try server().executeScript("LISTEN \(Schema.channel)")
  }

  /// Runs a statement; a lost connection makes the log offline.
  private func run(_ body: (Connection) throws(PostgresError) -> ResultSet) throws -> ResultSet {
    let connection = try server()
    do {
      return try body(connection)
    } catch {
      if error.connectionLost || !connection.isOK {
        goOffline(error.message)
        throw offlineError()
      }
      if error.sqlState == "3F000" || error.sqlState == "42P01" {
        throw StoreError.notFound(path: address.display)
      }
      throw StoreError.server(store: address.display, reason: error.description)
    }
  }

  private func goOffline(_ reason: String) {
    if lostSince == nil { lostSince = Timestamp.now() }
    lostReason = reason
    connection?.close()
    connection = nil
  }

  /// One step of getting the server back, never waiting on it: a reconnect attempt
  /// started at most every `reconnectInterval`, moved on when its socket is ready.
  private func tryReconnect() {
    guard lostSince != nil else { return }
    if reconnecting == nil {
      guard monotonic() - lastAttempt >= reconnectInterval else { return }
      lastAttempt = monotonic()
      reconnecting = Connection.start(address.conninfo)
    }
    guard let pending = reconnecting else { return }
    switch pending.advance() {
    case .waiting:
      return
    case .failed(let why):
      lostReason = why
      pending.close()
      reconnecting = nil
    case .ready:
      reconnecting = nil
      connection = pending
      lostSince = nil
      lostReason = ""
      notified = true
      do { try listen() } catch { goOffline("\(error)") }
    }
  }

  public var storeID: String? {
    if let id = mirror?.storeID { return id }
    // Record 1, from the server (the mirror has none yet, or there is no mirror).
    guard lostSince == nil,
      let r = try? run({ c throws(PostgresError) in
        try c.execute("SELECT line FROM sapm.records WHERE seq = 1", binary: true)
      }), r.count == 1
    else { return nil }
    return try? r.withBytes(0, 0) { b in try Record.parse(line: b) }.lineHashHex
  }

  public var availability: StoreAvailability {
    lostSince.map { .offline(since: $0, reason: lostReason) } ?? .available
  }

  @discardableResult
  private func askHead() throws -> (sequence: Int, hash: String, bytes: Int64) {
    let r = try run { c throws(PostgresError) in try c.execute("SELECT seq, hash, bytes FROM sapm.head") }
    guard r.count == 1, let seq = Int(r.text(0, 0)), let bytes = Int64(r.text(0, 2)) else {
      throw StoreError.notAStore(path: address.display, reason: "its head row is missing")
    }
    let head = (seq, r.text(0, 1), bytes)
    serverHead = head
    headCheckedAt = monotonic()
    notified = false
    return head
  }

  /// Whether the server is worth asking now: a NOTIFY came, or the fallback interval passed.
  private func headIsDue() -> Bool {
    if let connection, connection.readable(), connection.drainNotifications(channel: Schema.channel) {
      notified = true
    }
    if let connection, !connection.isOK { goOffline(connection.lastMessage) }
    return notified || monotonic() - headCheckedAt >= headPollInterval
  }

  /// Up to `batch` lines after `sequence`, as the server holds them.
  private func fetch(after sequence: Int, limit: Int = PostgresLog.batch) throws -> [[UInt8]] {
    let r = try run { c throws(PostgresError) in
      try c.execute(
        "SELECT line FROM sapm.records WHERE seq > $1 ORDER BY seq LIMIT $2",
        [.int(Int64(sequence)), .int(Int64(limit))], binary: true)
    }
    return (0..<r.count).map { r.bytes($0, 0) }
  }

  // MARK: Reading

  public var cursor: ChainCursor { mirror?.cursor ?? directCursor }
  public var recordOffsets: [Int64] { mirror?.recordOffsets ?? directOffsets }
  public var lastRecordOffset: Int64 { mirror?.lastRecordOffset ?? directOffsets.last ?? 0 }
  public var warnings: [StoreWarning] { (mirror?.warnings ?? []) + reported }

  public func size() throws -> Int64 {
    let local = try mirror?.size() ?? directCursor.offset
    return max(local, serverHead?.bytes ?? 0)
  }

  /// What the server has beyond this reader, fetched and verified (into the mirror
  /// first when there is one) and handed to `body`. Offline, it reads what the mirror
  /// holds and tries to reconnect, without waiting on the server.
  @discardableResult
  public func readNew(_ body: (Record) throws -> Void) throws -> Int {
    try readNewLines { record, _ in try body(record) }
  }

  @discardableResult
  public func readNewLines(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
    if lostSince != nil { tryReconnect() }
    guard let mirror else { return try readDirect(body) }
    var count = try mirror.readNewLines(body)
    guard lostSince == nil, headIsDue() else { return count }
    do {
      try askHead()
      while try pullIntoMirror() > 0 { count += try mirror.readNewLines(body) }
    } catch StoreError.offline {
      return count  // the last good view stays; `availability` says why
    }
    return count
  }

  /// One batch from the server into the mirror; returns how many lines came.
  private func pullIntoMirror() throws -> Int {
    guard let mirror, let head = serverHead else { return 0 }
    let (_, local) = try mirror.lastRecord()
    let localHash = String(decoding: local.hashHex, as: UTF8.self)
    if head.sequence < local.sequence {
      throw StoreError.server(
        store: address.display,
        reason:
          "the server's log ends at record \(head.sequence), but this machine's copy holds \(local.sequence): records were cut off on the server, or an older backup was restored; the copy (\(mirror.path)) is kept; if the store was replaced on purpose, remove that file and open it again"
      )
    }
    if head.sequence == local.sequence {
      guard head.hash == localHash else { throw forked(at: local.sequence) }
      return 0
    }
    let lines = try fetch(after: local.sequence)
    guard !lines.isEmpty else { return 0 }
    do {
      try mirror.appendVerbatim(lines, firstSequence: local.sequence + 1)
    } catch StoreError.damaged(_, let line, _) where line == local.sequence + 1 {
      throw forked(at: local.sequence)
    }
    return lines.count
  }

  private func forked(at sequence: Int) -> StoreError {
    .server(
      store: address.display,
      reason:
        "the server's record \(sequence) is not the one this machine's copy holds: the server holds a different history from there or before (restored from another store, or rewritten); the copy (\(mirror?.path ?? "")) is kept — compare with 'sapm verify'; if the store was replaced on purpose, remove that file and open it again"
    )
  }

  /// Without a mirror: straight from the server, verified against the chain.
  private func readDirect(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
    guard lostSince == nil, directCursor.sequence == 0 || headIsDue() else { return 0 }
    var count = 0
    do {
      try askHead()
      while true {
        let lines = try fetch(after: directCursor.sequence)
        if lines.isEmpty { break }
        for line in lines {
          let offset = directCursor.offset
          let record: Record
          do {
            record = try line.withUnsafeBufferPointer { (b) throws(RecordError) in
              try directCursor.accept(line: b)
            }
          } catch {
            throw StoreError.damaged(
              path: address.display, line: directCursor.sequence + 1, reason: error.reason)
          }
          directOffsets.append(offset)
          count += 1
          try line.withUnsafeBufferPointer { try body(record, $0) }
        }
      }
    } catch StoreError.offline {
      return count
    }
    return count
  }

  public func record(sequence: Int) throws -> Record? {
    if let mirror { return try mirror.record(sequence: sequence) }
    // Straight from the server: any record it holds (record 1 names the store).
    guard sequence >= 1, sequence <= max(directCursor.sequence, serverHead?.sequence ?? 0) else { return nil }
    let r = try run { c throws(PostgresError) in
      try c.execute("SELECT line FROM sapm.records WHERE seq = $1", [.int(Int64(sequence))], binary: true)
    }
    guard r.count == 1 else { return nil }
    return try r.withBytes(0, 0) { b in try Record.parse(line: b) }
  }

  public func resume(at checkpoint: ChainCursor, offsets known: [Int64]) throws -> Bool {
    try mirror?.resume(at: checkpoint, offsets: known) ?? false
  }

  public func restart() {
    mirror?.restart()
    directCursor = ChainCursor()
    directOffsets = []
  }

  public func pathStatus() -> StorePathStatus { .same }

  public func relinquish() {
    connection?.close()
    connection = nil
    mirror?.relinquish()
  }

  public func makeWatcher() -> any StoreWatcher { ServerWatcher(self) }

  /// Whether the loop should look at the store now (a NOTIFY, the fallback interval,
  /// a reconnect due), without waiting.
  func hasNews() -> Bool {
    if lostSince != nil { return monotonic() - lastAttempt >= reconnectInterval || reconnecting != nil }
    return headIsDue()
  }

  var socket: Int32 { connection?.socket ?? -1 }

  // MARK: Writing

  @discardableResult
  public func append(
    catchingUp consume: (Record) throws -> Void, _ makeDrafts: () throws -> [RecordDraft]
  ) throws -> [Record] {
    try withoutActuallyEscaping(consume) { consume in try append(consume: consume, makeDrafts) }
  }

  @discardableResult
  public func append(_ drafts: [RecordDraft]) throws -> [Record] {
    try append(consume: nil, { drafts })
  }

  /// How many times a writer decides again after losing a race before it gives up.
  static let attempts = 50

  private func append(consume: ((Record) throws -> Void)?, _ makeDrafts: () throws -> [RecordDraft]) throws
    -> [Record]
  {
    if let readOnlyReason {
      throw StoreError.server(store: address.display, reason: "nothing was recorded: \(readOnlyReason)")
    }
    guard !isReadOnly, let mirror else { throw StoreError.readOnly(path: address.display) }
    if lostSince != nil { tryReconnect() }
    guard lostSince == nil else { throw offlineError() }
    var reconnected = false
    for _ in 0..<Self.attempts {
      // Catch up with everything the server has. A connection found dead here (the
      // server restarted since the last read) is worth one reconnect, as a command would.
      do {
        try askHead()
      } catch StoreError.offline {
        guard !reconnected, reconnectNow() else { throw offlineError() }
        reconnected = true
        try askHead()
      }
      while try pullIntoMirror() > 0 {}
      let chain: ChainCursor
      if let consume {
        try mirror.readNew(consume)
        chain = mirror.cursor
      } else {
        chain = try mirror.lastRecord().cursor
      }
      let drafts = try makeDrafts()
      guard !drafts.isEmpty else { return [] }
      var sequence = chain.sequence
      var hash = String(decoding: chain.hashHex, as: UTF8.self)
      let now = Timestamp.now()
      var records: [Record] = []
      var lines: [[UInt8]] = []
      records.reserveCapacity(drafts.count)
      lines.reserveCapacity(drafts.count)
      for draft in drafts {
        sequence += 1
        var record = Record(
          sequence: sequence, at: draft.at ?? now, actor: draft.actor, type: draft.type,
          version: draft.version, payload: draft.payload, prev: hash)
        if let signer = draft.signer { record = try signer.signed(record) }
        let line = record.line
        hash = String(decoding: ChainCursor.hash(line), as: UTF8.self)
        lines.append(line)
        records.append(record)
      }
      // Records in the login's own name go through `sapm.append`; records in other
      // names (a demo store's history and walkthrough names, an import's) through
      // `sapm.migrate`, which only the schema's owner may call: the database decides.
      let own = records.allSatisfy { $0.actor == connection?.user }
      switch try send(lines, after: chain, function: own ? "sapm.append" : "sapm.migrate") {
      case .committed:
        try mirror.appendVerbatim(lines, firstSequence: chain.sequence + 1)
        return records
      case .headMoved:
        notified = true
        continue
      }
    }
    throw StoreError.server(
      store: address.display,
      reason:
        "nothing was recorded: other writers kept moving the log on (\(Self.attempts) attempts); try again")
  }

  enum Sent { case committed, headMoved }

  /// Calls the append function once. A lost connection leaves the outcome unknown: it
  /// is settled by reconnecting and looking at the record after `after` — ours, or not.
  private func send(_ lines: [[UInt8]], after chain: ChainCursor, function: String) throws -> Sent {
    let connection = try server()
    do {
      try connection.execute(
        "SELECT \(function)($1, $2, $3)",
        [
          .int(Int64(chain.sequence)), .text(String(decoding: chain.hashHex, as: UTF8.self)),
          .byteaArray(lines),
        ])
      return .committed
    } catch {
      if error.sqlState == "40001" { return .headMoved }
      if error.connectionLost || !connection.isOK {
        return try settle(lines, after: chain, error: error)
      }
      throw StoreError.server(store: address.display, reason: "nothing was recorded: \(error.message)")
    }
  }

  /// The connection went while the append was in flight: it committed or it did not.
  /// One reconnect (waiting, as a command would) and a look at the record that would be ours.
  private func settle(_ lines: [[UInt8]], after chain: ChainCursor, error: PostgresError) throws -> Sent {
    goOffline(error.message)
    guard reconnectNow() else { throw offlineError() }
    let there = try fetch(after: chain.sequence, limit: 1)
    if let first = there.first {
      if first == lines[0] { return .committed }  // it had committed: never append twice
      return .headMoved  // someone else's record is there: decide again
    }
    return .headMoved  // nothing committed: decide again on the log as it is
  }

  /// Connects again, waiting for the answer (a write in progress, not the screen's
  /// loop); true when the server is back and listened to.
  private func reconnectNow() -> Bool {
    goOffline(lostReason.isEmpty ? "the connection was lost" : lostReason)
    do {
      connection = try Connection.connect(address.conninfo)
      lostSince = nil
      lostReason = ""
      try listen()
      notified = true
      return true
    } catch {
      goOffline("\(error)")
      return false
    }
  }

  /// Copies records as they are, from another store (`sapm migrate`; the schema's
  /// owner only). `lines` must follow the server's head.
  public func copyVerbatim(_ lines: [[UInt8]], after chain: ChainCursor) throws {
    switch try send(lines, after: chain, function: "sapm.migrate") {
    case .committed: return
    case .headMoved:
      throw StoreError.server(
        store: address.display, reason: "the store changed while it was being filled; nothing more was copied"
      )
    }
  }

  // MARK: Verify

  public func verify(progress: (Int64, Int64) -> Void) throws -> VerifyReport {
    let fresh = try PostgresLog.open(address, mirrorPath: nil, readOnly: true)
    defer { fresh.relinquish() }
    guard fresh.lostSince == nil else { throw fresh.offlineError() }
    let total = fresh.serverHead?.bytes ?? 0
    var count = 0
    var lastReport: Int64 = 0
    do {
      try fresh.readDirect { _, _ in
        count += 1
        if fresh.directCursor.offset - lastReport >= 8 << 20 {
          lastReport = fresh.directCursor.offset
          progress(lastReport, total)
        }
      }
      progress(fresh.directCursor.offset, total)
      return VerifyReport(
        records: count, bytes: fresh.directCursor.offset, firstBad: nil, incompleteTailBytes: 0)
    } catch let StoreError.damaged(_, line, reason) {
      return VerifyReport(
        records: count, bytes: fresh.directCursor.offset, firstBad: (line, reason), incompleteTailBytes: 0)
    }
  }

  /// The server's head: sequence and hash of its last record (tests, `sapm migrate`).
  public func head() throws -> ChainCursor {
    let h = try askHead()
    return ChainCursor(offset: h.bytes, sequence: h.sequence, hashHex: Array(h.hash.utf8))
  }
}

/// Wakes the loop on a NOTIFY from the server, on the fallback head poll, or when a
/// reconnect is due.
final class ServerWatcher: StoreWatcher {
  private weak var log: PostgresLog?

  init(_ log: PostgresLog) { self.log = log }

  func wait(milliseconds: Int32) -> Bool {
    guard let log else { return false }
    if log.hasNews() { return true }
    let fd = log.socket
    if fd >= 0 {
      var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      _ = poll(&pfd, 1, milliseconds)
    } else {
      usleep(UInt32(milliseconds) * 1000)
    }
    return log.hasNews()
  }

  func drainIfReadable() -> Bool { log?.hasNews() ?? false }
}

/// Seconds on a clock that never jumps.
func monotonic() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
