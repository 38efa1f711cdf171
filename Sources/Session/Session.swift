import Basics
import CanonicalJSON
import Foundation
import Portfolio
import PortfolioDemo
import PostgresStore
import Store

/// A store and the portfolio folded from it: the one place where records become
/// events and events become records.
///
/// Every write goes through `record(_:)`, which refuses them all when the session is
/// read-only (kiosk): the check lives here, below every view, so no screen can
/// leak a write by forgetting it.
///
/// `@unchecked Sendable` because its state is unlocked: one thread uses it at a time —
/// `SessionLoader` opens it on a thread of its own and hands it over when that thread
/// has finished; the background checkpoint writer is given values, not the session.
public final class Session: @unchecked Sendable {
  public let location: StoreLocation
  public let log: any RecordLog
  /// Who acts: the OS account of the real uid; on a demo store, `act(as:)` may change it.
  public private(set) var user: String
  public private(set) var portfolio = Portfolio()
  /// Problems met while reading (unknown types, malformed payloads, torn tails).
  public private(set) var notices: [String] = []

  public var isReadOnly: Bool { log.isReadOnly }
  public var isDemo: Bool { location.isDemo || portfolio.isDemo }

  public init(location: StoreLocation, log: any RecordLog, user: String) {
    self.location = location
    self.log = log
    self.user = user
    self.account = user
  }

  /// The OS account this process runs as: only its own records are signed (the
  /// names a demo walkthrough acts as have no keys).
  private let account: String
  /// Where the account's key is; tests give their own.
  public var keyPath = IdentityKey.path() { didSet { key = nil } }
  /// The key, read from `keyPath` at the first signed write, not at every one.
  private var key: RecordSigner?
  /// The store's identity for the seen heads: the hash of record 1, read once.
  private lazy var storeID = log.storeID
  /// Where this account remembers the newest record it saw of each store (rollback
  /// and fork detection); nil checks nothing.
  public var seenHeads: SeenHeads? = SeenHeads()

  /// The key that signs what this session writes as `actor`, or nil: a demo store
  /// and an unsigned (older) store stay unsigned, and only the account signs.
  func signer(for actor: String) throws -> RecordSigner? {
    guard portfolio.isSigned, !isDemo, actor == account else { return nil }
    let key = try self.key ?? IdentityKey.loadOrCreate(path: keyPath)
    self.key = key
    // In a signed store only an enrolled key writes: anything else would be a record
    // `sapm verify` cannot attribute, and a step the fold would not count.
    guard portfolio.roster.key(of: actor) == key.publicKeyHex else {
      let enrolled = portfolio.roster.key(of: actor)
      throw Rejection(
        enrolled == nil
          ? "\(actor) has no signing key enrolled in this signed store; run 'sapm identity --public' and ask an administrator to run 'sapm roles grant \(actor) ROLE --key <that key>'"
          : "your signing key (\(IdentityKey.fingerprint(key.publicKeyHex))) is not the one enrolled for \(actor) (\(IdentityKey.fingerprint(enrolled ?? ""))); use that key's file, or ask an administrator to enrol the new one"
      )
    }
    return key
  }

  /// Why nothing can be written: opened read-only, or (a server store) a login that may
  /// only read, with what to ask for.
  func readOnlyError() -> StoreError {
    if let reason = (log as? PostgresLog)?.readOnlyReason {
      return .server(store: location.path, reason: "nothing was recorded: \(reason)")
    }
    return .readOnly(path: location.path)
  }

  /// Acts as another name for a walkthrough: a demo store only. On a real store
  /// identity is the operating-system account, and nobody acts as another.
  public func act(as name: String) throws {
    guard isDemo else { throw ActingRefused(account: user, name: name) }
    user = name
  }

  /// Opens an existing store and folds every record into the portfolio.
  public static func open(
    _ location: StoreLocation, readOnly: Bool, user: String = Identity.currentUser(),
    checkpointAfter threshold: Int = 20_000, seenHeads: SeenHeads? = SeenHeads(),
    progress: LoadProgress? = nil, checkpoint use: CheckpointUse = .readAndWrite,
    deferCheckpoint: Bool = false
  ) throws -> Session {
    let log = try location.openLog(readOnly: readOnly, mirror: use != .readOnly || !readOnly)
    guard try log.size() > 0 else {
      throw StoreError.notAStore(path: location.path, reason: Session.emptyReason)
    }
    let session = Session(location: location, log: log, user: user)
    session.seenHeads = seenHeads
    session.loadProgress = progress
    if !location.isServer { session.notices += StoreExposure.warnings(for: location.path) }
    session.checkpointPlace = use == .ignore ? nil : session.findCheckpointPlace(create: use == .readAndWrite)
    session.writesCache = use == .readAndWrite
    // The checkpoint's bytes (50 MB at 1M events) are let go before the portfolio is
    // built from what was decoded out of them: the two are never held together.
    var decoded: (PortfolioSnapshot, [[Program]])? = {
      let reading = session.checkpointPlace.map(Checkpoint.load) ?? .none
      if case .rejected(let reason) = reading { session.notices.append(reason) }
      guard let checkpoint = reading.loaded else { return nil }
      // Decoded where the file's bytes are, part by part.
      return checkpoint.withPayload { payload -> (PortfolioSnapshot, [[Program]])? in
        guard let parts = CheckpointPayload.parts(payload), checkpoint.resume(log) else { return nil }
        // This store's checkpoint, nothing appended since: its figures are the store's,
        // and the first frame can show them while the programs are decoded.
        let figures = CheckpointPayload.preview(payload, parts)
        session.checkpointState = (figures?.day, checkpoint.cursor.sequence)
        session.checkpointFigures = figures
        if let progress, (try? log.size()) == checkpoint.cursor.offset, let figures {
          progress.offer(figures)
        }
        guard let decoded = CheckpointPayload.snapshotParts(payload, parts) else {
          log.restart()
          return nil
        }
        return decoded
      }
    }()
    let decodedFromCheckpoint = decoded != nil
    // Taken out (the only reference to the parts): each is freed once its programs are in.
    if let (snapshot, parts) = decoded.take() {
      session.portfolio = Portfolio(snapshot: snapshot, programParts: consume parts)
    }
    let read = try session.refresh()
    if read == 0 { session.checkHead() }  // resumed at the head from a checkpoint
    // The checkpoint's figures are the store's only when nothing came after it.
    if read > 0 { session.checkpointFigures = nil }
    if let reason = (log as? PostgresLog)?.readOnlyReason {
      session.notices.append("\(location.path): \(reason)")
    }
    if case .offline(let since, let reason) = log.availability {
      session.notices.append(
        "\(location.path): offline since \(since.clockTime(seconds: false)) UTC — the server cannot be reached (\(reason)); showing this machine's copy of the store, as of its record \(log.cursor.sequence); nothing can be recorded until the server is back"
      )
    }
    // A large replay is worth saving; the checkpoint is derived and never required. It
    // is this account's own file (its cache), so a read-only session keeps one too.
    // `deferCheckpoint`: the caller writes it on a thread of its own once it has drawn
    // (the TUI: `writeCheckpointInBackground` after the first frame).
    if read >= threshold, !deferCheckpoint, session.writesCache, session.checkpointPlace != nil {
      do {
        try session.writeCheckpoint()
      } catch {
        session.notices.append("could not write the checkpoint: \(error)")
      }
    }
    // A large read leaves the heap with room it no longer needs (parsed records, the
    // checkpoint's bytes): give it back, so that the views built next start from there.
    // So does a checkpoint's decode (its parts, the decoders' scratch).
    if read >= threshold || decodedFromCheckpoint { _ = releaseFreeHeap(0) }
    return session
  }

  /// Where this account keeps this store's checkpoint (its cache, authenticated with a
  /// secret of its own), or nil when there is none to be had (no key, no cache folder).
  public private(set) var checkpointPlace: Checkpoint.Place?

  /// This account's checkpoint place for the store at `location` (benchmarks, tests).
  public static func checkpointPlace(for location: StoreLocation, keyPath: String = IdentityKey.path())
    -> Checkpoint.Place?
  {
    guard let id = (try? location.openLog(readOnly: true))?.storeID,
      let key = try? IdentityKey.loadOrCreate(path: keyPath)
    else { return nil }
    return try? CheckpointPlace.place(storeID: id, storePath: location.path, key: key, create: true)
  }

  /// How an open uses this account's checkpoint.
  public enum CheckpointUse: Sendable {
    /// Read it, and write one after a large read (makes the key and folder if missing).
    case readAndWrite
    /// Read it if there is one; make and write nothing (the kiosk).
    case readOnly
    /// Neither: read the log from its start (benchmarks of the replay).
    case ignore
  }

  /// Whether this session may write its account's checkpoint (not the kiosk's, which
  /// creates and writes no file at all: docs/kiosk.md).
  public private(set) var writesCache = true

  /// `create`: the key and the cache folder are made when missing; else only an
  /// existing key is used (the kiosk reads its account's checkpoint, never makes one).
  /// The key read here is the one the session signs with: the file is read once.
  func findCheckpointPlace(create: Bool) -> Checkpoint.Place? {
    guard let id = storeID else { return nil }
    do {
      let loaded =
        try key ?? (create ? IdentityKey.loadOrCreate(path: keyPath) : IdentityKey.load(path: keyPath))
      guard let loaded else { return nil }  // no key, and none to be made: no checkpoint
      key = loaded
      return try CheckpointPlace.place(storeID: id, storePath: location.path, key: loaded, create: create)
    } catch {
      if create { notices.append("no checkpoint is kept (a large store opens by reading it all): \(error)") }
      return nil
    }
  }

  /// Why a zero-byte file is no store: a store always starts with its first record.
  public static let emptyReason =
    "empty (0 bytes: an interrupted 'sapm init'?); remove it and run 'sapm init' again"

  /// Saves the folded portfolio at the log's current position (`PATH.checkpoint`),
  /// with the overview's figures on `day` (given by a caller that has them, or computed).
  /// The checkpoint this session opened from or wrote: its first-frame day and the
  /// last record it holds (nil: none).
  public private(set) var checkpointState: (day: Day?, sequence: Int)?
  /// The overview's figures the checkpoint this session opened from carries, when it was
  /// at the head of the log (nothing read after it): of `day`, to the record.
  public private(set) var checkpointFigures: CheckpointPreview?

  /// Whether a fresh checkpoint would let the next open draw its first frame at once:
  /// a large store whose checkpoint is missing, of another day, or 1,000 records behind.
  public func checkpointIsStale(today: Day, largeFrom: Int = 20_000) -> Bool {
    guard writesCache, checkpointPlace != nil, portfolio.eventCount >= largeFrom else { return false }
    guard let state = checkpointState else { return true }
    return state.day != today || log.cursor.sequence - state.sequence >= 1_000
  }

  /// Writes a checkpoint of the session as it stands now, with `summary` (the overview's
  /// figures on `day`), on a thread of its own: encoding a large portfolio takes
  /// seconds. The state is taken here; the session moves on meanwhile.
  public func writeCheckpointInBackground(day: Day, summary: PortfolioSummary) -> Thread {
    // Values only: the writer holds neither the session nor its log.
    let portfolio = self.portfolio
    let cursor = log.cursor
    let offsets = log.recordOffsets
    let place = checkpointPlace
    checkpointState = (day, cursor.sequence)
    let thread = Thread {
      guard let place else { return }
      try? Session.writeCheckpoint(
        portfolio, day: day, summary: summary, to: place, at: cursor, offsets: offsets)
    }
    thread.start()
    return thread
  }

  public func writeCheckpoint(
    day: Day = Day(ordinal: Timestamp.now().dayOrdinal), summary: PortfolioSummary? = nil
  )
    throws
  {
    guard writesCache, let place = checkpointPlace else { return }
    try Session.writeCheckpoint(
      portfolio, day: day, summary: summary ?? PortfolioSummary(portfolio, day: day), to: place,
      at: log.cursor,
      offsets: log.recordOffsets)
    checkpointState = (day, log.cursor.sequence)
  }

  /// The checkpoint of `portfolio` at `cursor`, with its first frame's figures.
  static func writeCheckpoint(
    _ portfolio: Portfolio, day: Day, summary: PortfolioSummary, to place: Checkpoint.Place,
    at cursor: ChainCursor, offsets: [Int64]
  ) throws {
    let preview = CheckpointPreview(day: day, portfolio: portfolio, summary: summary)
    try Checkpoint.write(
      to: place, at: cursor, offsets: offsets,
      payload: try CheckpointPayload.encode(portfolio, preview: preview))
  }

  /// Creates a new store whose first record names it (and its creator as admin).
  public static func create(
    _ location: StoreLocation, name: String, demo: Bool, user: String = Identity.currentUser(),
    group: gid_t? = nil, keyPath: String = IdentityKey.path(), signed: Bool = true
  ) throws -> Session {
    // A real store is signed from its first record: the creator's key is in it.
    // (`signed: false` makes a store as older versions did, for tests of the rest.)
    let key = demo || !signed ? nil : try IdentityKey.loadOrCreate(path: keyPath)
    let log: any RecordLog
    if let address = try location.serverAddress() {
      try PostgresLog.createSchema(address)
      log = try PostgresLog.open(
        address, mirrorPath: location.mirrorPath(address), readOnly: false, allowEmpty: true)
    } else {
      log = try EventLog.create(at: location.path, group: group)
    }
    let session = Session(location: location, log: log, user: user)
    session.keyPath = keyPath
    session.key = key
    do {
      let first = try Session.draft(
        StoreCreated(name: name, demo: demo, creatorKey: key?.publicKeyHex), actor: user, signer: key)
      try session.append { [first] }
    } catch {
      // A store that could not get its first record is no store: leave nothing behind.
      if !location.isServer { unlink(location.path) }
      throw error
    }
    if !location.isServer { session.notices += StoreExposure.warnings(for: location.path) }
    return session
  }

  /// Files an export must never replace: the store and its checkpoint.
  public var protectedPaths: [String] {
    [location.path] + (checkpointPlace.map { [$0.path] } ?? [])
      + ((log as? PostgresLog)?.mirrorPath.map { [$0] } ?? [])
  }

  /// Opens the store afresh at the same path: after another process replaced the file.
  public func reopened() throws -> Session {
    try Session.open(location, readOnly: isReadOnly, user: user)
  }

  /// Lets go of the store's file (this session is done with it: replaced by
  /// `reopened()`); whoever still holds the session reaches nothing through it.
  public func close() { log.relinquish() }

  /// Folds records appended since the last read (by this or another process).
  /// Returns how many were read.
  @discardableResult
  public func refresh() throws -> Int {
    let n = try readAndFold()
    if n > 0 { checkHead() }
    // Also what an append's catch-up found (a torn tail it set aside, say).
    for warning in log.warnings.dropFirst(warningsReported) { notices.append(warning.description) }
    warningsReported = log.warnings.count
    return n
  }

  /// Compares the head with the one this account remembers (rollback, fork).
  func checkHead() {
    guard let id = storeID else { return }
    var problem: String?
    if let finding = seenHeads?.check(
      log, id: id, today: Day(ordinal: Timestamp.now().dayOrdinal), problem: &problem)
    {
      portfolio.noteIntegrity(finding)
    }
    if let problem, !notices.contains(problem) { notices.append(problem) }
  }

  /// Told how a large read is going (records folded, bytes read, bytes in all).
  var loadProgress: LoadProgress?

  /// How many of the log's warnings are already in `notices`.
  private var warningsReported = 0

  /// Reads new records and folds them. Large catch-ups (opening a big store) run as
  /// a two-stage pipeline: one thread parses and verifies the chain while this one
  /// decodes and folds, which is what the two cores of a desk officer's machine can give.
  private func readAndFold() throws -> Int {
    let remaining = try log.size() - log.cursor.offset
    guard remaining > 4 << 20 else {
      return try log.readNew { record in
        DecodedRecord(record, check: knownCheck(record)).fold(into: &portfolio)
      }
    }
    let known = justSigned
    // Batches of records read, their signatures checked (on every core) and their
    // payloads decoded on the reading thread, with the offset they end at (for
    // progress): the folding thread only folds — it was the pipeline's slower stage.
    let pipe = BatchPipe<(records: [DecodedRecord], end: Int64)>(capacity: 8)
    let log = self.log
    let total = try log.size()
    let reader = Thread {
      var batch: [Record] = []
      batch.reserveCapacity(2048)
      func send(endingAt end: Int64) {
        let checks = SignatureReport.parallelChecks(batch, known: known)
        let decoded = batch.indices.map { DecodedRecord(batch[$0], check: checks[$0]) }
        pipe.put([(decoded, end)])
        batch.removeAll(keepingCapacity: true)
      }
      do {
        try log.readNew { record in
          batch.append(record)
          if batch.count == 2048 { send(endingAt: log.lastRecordOffset) }
        }
        send(endingAt: total)
        pipe.finish(error: nil)
      } catch {
        send(endingAt: total)
        pipe.finish(error: error)
      }
    }
    reader.stackSize = 1 << 22
    reader.start()
    var count = 0
    while let batches = pipe.take() {
      for batch in batches {
        // Each record folded where it is (no copy of its strings and payload).
        batch.records.withUnsafeBufferPointer { records in
          for i in records.indices { records[i].fold(into: &portfolio) }
        }
        count += batch.records.count
        loadProgress?.report(records: count, bytes: batch.end, total: total)
      }
    }
    if let error = pipe.error { throw error }
    return count
  }

  /// Decodes one record and folds it in; unknown or malformed events are kept in
  /// the log and listed in `portfolio.skipped`, never applied, never fatal.
  public static func fold(_ record: Record, into portfolio: inout Portfolio) {
    DecodedRecord(record).fold(into: &portfolio)
  }

  /// The one door for a user's writes: the domain checks the command on what this
  /// session has read, then again under the store's lock after catching up with the
  /// log, and only what it accepts is appended (durably) and folded in. A refusal
  /// throws the domain's `Rejection` and leaves the store byte-identical.
  @discardableResult
  public func perform(_ command: any Command, today: Day) throws -> [Record] {
    guard !log.isReadOnly else { throw readOnlyError() }
    var checked: [any EventPayload]
    switch command.judge(portfolio, actor: user, today: today) {
    case .reject(let rejection): throw rejection
    case .accept(let events): checked = events
    }
    let seen = (portfolio.lastSequence, portfolio.eventCount, portfolio.skippedCount)
    return try append {
      // Under the lock, after catching up: the check again — unless nothing came in
      // since the first, when it would decide the same (an import of 379,384 events
      // is checked once, not twice).
      let events: [any EventPayload]
      if (self.portfolio.lastSequence, self.portfolio.eventCount, self.portfolio.skippedCount) == seen {
        events = checked
      } else {
        switch command.judge(self.portfolio, actor: self.user, today: today) {
        case .reject(let rejection): throw rejection
        case .accept(let again): events = again
        }
      }
      let signer = try self.signer(for: self.user)
      checked = []  // once drafted, the events are not needed while the batch is written and folded
      return try events.map { try Session.draft($0, actor: self.user, signer: signer) }
    }
  }

  /// Writes events as the session's user, durably, then folds them in. For events
  /// that are not a user's command (a new store's first record); a user's writes go
  /// through `perform`.
  func record(_ events: [any EventPayload], at: Timestamp? = nil) throws {
    guard !log.isReadOnly else { throw readOnlyError() }
    let signer = try self.signer(for: user)
    let drafts = try events.map { try Session.draft($0, actor: user, at: at, signer: signer) }
    try append { drafts }
  }

  /// Appends under the lock after folding whatever other processes appended first;
  /// `makeDrafts` decides what to write on the log as it then stands.
  @discardableResult
  private func append(_ makeDrafts: () throws -> [RecordDraft]) throws -> [Record] {
    let records = try log.append(
      catchingUp: { record in Session.fold(record, into: &self.portfolio) }, makeDrafts)
    // What this process just signed is read back below: a record read back whose line
    // hashes to the line signed here is that record, and its signature needs no second
    // check (379,384 imported events: the verification of each, ~7 s, saved). Anything
    // else at those positions (another writer's rewrite) is checked as usual.
    justSigned = Dictionary(
      records.compactMap { r in r.sig == nil ? nil : (r.sequence, r.lineHashHex) },
      uniquingKeysWith: { a, _ in a })
    defer { justSigned = [:] }
    try refresh()
    return records
  }

  /// The line hashes of the signed records this session has just appended, by sequence.
  private var justSigned: [Int: String] = [:]

  /// A record's check when it is one this session has just signed (known good); nil:
  /// it must be checked.
  func knownCheck(_ record: Record) -> SignatureCheck? {
    SignatureReport.knownCheck(record, justSigned)
  }

  /// An event as the record the store writes.
  static func draft(
    _ event: any EventPayload, actor: String, at: Timestamp? = nil, signer: RecordSigner? = nil
  ) throws -> RecordDraft {
    RecordDraft(
      type: type(of: event).type, version: type(of: event).version, actor: actor,
      payload: try EventRegistry.encode(event), at: at, signer: signer)
  }

  /// Creates a store filled with the demo portfolio as of `today` (marked DEMO).
  public static func createDemo(
    _ location: StoreLocation, today: Day, name: String = "demo", user: String = Identity.currentUser(),
    group: gid_t? = nil
  ) throws -> Session {
    let session = try create(location, name: name, demo: true, user: user, group: group)
    do {
      try session.recordHistory(DemoPortfolio.events(today: today).map { ($0.at, $0.actor, $0.event) })
    } catch {
      if !location.isServer { unlink(location.path) }
      throw error
    }
    return session
  }

  /// Writes events with their own times and actors (the demo portfolio, imports).
  func recordHistory(_ events: [(at: Timestamp, actor: String, event: any EventPayload)]) throws {
    guard !log.isReadOnly else { throw readOnlyError() }
    let signer = try self.signer(for: user)
    let drafts = try events.map {
      try Session.draft($0.event, actor: $0.actor, at: $0.at, signer: $0.actor == user ? signer : nil)
    }
    try append { drafts }
  }

  /// The events about one program, oldest first, read back from the log.
  public func history(ofProgram id: String) -> [HistoryEntry] {
    (portfolio.history[id] ?? []).compactMap { seq in
      guard let record = try? log.record(sequence: seq) else { return nil }
      return HistoryEntry(record: record)
    }
  }

  /// The portfolio as it stood at the end of `day`, re-read from the log.
  public func portfolio(asOf day: Day) throws -> Portfolio {
    // This machine's copy of the records: the file, or the server store's mirror.
    let reader: any RecordLog =
      try (log as? PostgresLog)?.mirrorPath.map { try EventLog.open(at: $0, readOnly: true) }
      ?? location.openLog(readOnly: true)
    var past = Portfolio()
    let end = Timestamp(dayOrdinal: day.ordinal + 1)
    try reader.readNew { record in
      if record.at < end {
        Session.fold(record, into: &past)
        return
      }
      // Recorded later, but history a source reports as of an earlier day (an import).
      guard typesWithEffectiveDays.contains(record.type) else { return }
      let decoded = DecodedRecord(record)
      if case .event(let event) = decoded.decoded, let effective = event.effectiveDay, effective <= day {
        decoded.fold(into: &past)
      }
    }
    return past
  }
}

/// One line of a program's history.
public struct HistoryEntry: Sendable, Hashable {
  public var sequence: Int
  public var at: Timestamp
  public var actor: String
  public var type: String
  public var summary: String

  public init(record: Record) {
    sequence = record.sequence
    at = record.at
    actor = record.actor
    type = record.type
    switch EventRegistry.decode(type: record.type, version: record.version, payload: record.payload) {
    case .event(let e): summary = e.summary
    case .unknown(let reason), .malformed(let reason): summary = "(not shown: \(reason))"
    }
  }
}

/// `--as` on a real store.
public struct ActingRefused: Error, CustomStringConvertible {
  public var account: String
  public var name: String
  public var description: String {
    "--as \(name) works only on a demo store; on a real store you act as your OS account (\(account))"
  }
}

/// glibc's `malloc_trim`: returns the heap's free pages to the system (not in the
/// module map's headers).
@_silgen_name("malloc_trim")
private func releaseFreeHeap(_ pad: Int) -> Int32

extension Session {
  /// Gives the heap's free pages back to the system (after a large piece of work whose
  /// scratch is freed: the TUI's alerts computed on another thread).
  public static func releaseFreeMemory() { _ = releaseFreeHeap(0) }
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
      // The checkpoint is written after the first frame, from the TUI's own figures: a
      // first open shows the portfolio seconds sooner, and its alerts are made once.
      return try open(location, readOnly: false, user: user, progress: progress, deferCheckpoint: true)
    } catch StoreError.io(_, let operation, _) where operation == "open for writing" {
      return try open(location, readOnly: true, user: user, progress: progress)
    }
  }
}
