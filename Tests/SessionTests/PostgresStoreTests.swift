import Basics
import CanonicalJSON
import Crypto
import Foundation
import Output
import Portfolio
import PostgresStore
import Store
import Synchronization
import TestSupport
import Testing

@testable import Session

/// The PostgreSQL store keeps the log's guarantees (docs/teams.md): one winner among
/// racing writers, no gap, a sound chain; nothing but `sapm.append` writes; records
/// only in the login's own name; the same bytes as the file; live and offline.
@Suite struct PostgresStoreTests {
  let day = Day(ordinal: Day("2025-01-10")?.ordinal ?? 0)

  /// A store with Poland's FMF program, $100M available, $100M obligated, and `officers`.
  func fundedStore(officers: [String]) throws -> TestStore {
    let store = try TestStore(.postgres)
    try fund(try store.location(for: "admin"), officers: officers)
    for officer in officers { _ = try store.location(for: officer) }  // their logins
    return store
  }

  func fund(_ admin: StoreLocation, officers: [String]) throws {
    let s = try Session.create(admin, name: "t", demo: false, user: "admin", signed: false)
    let at = Timestamp(dayOrdinal: day.ordinal - 100, hour: 9)
    var history: [(at: Timestamp, actor: String, event: any EventPayload)] = [
      (at, "admin", PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)),
      (
        at, "admin",
        ProgramCreated(id: "P1", partner: "PL", kind: .fmf, title: "FMF", start: day, sunset: nil)
      ),
      (
        at, "admin",
        FundsMadeAvailable(
          program: "P1", fiscalYear: 2025, amount: .million(100), availableUntil: Day("2026-09-30"))
      ),
      (at, "admin", FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(100), on: day)),
    ]
    for officer in officers { history.append((at, "admin", RoleGranted(user: officer, role: .officer))) }
    try s.recordHistory(history)
  }

  /// Eight sessions, each its own connection, all judge $60M of a $100M obligation
  /// disbursable and append at once: the head row lets one through; the others catch
  /// up, decide again, and are refused. No gap, a sound chain.
  @Test func eightWritersRacingForTheSameFundsLeaveOneWinner() throws {
    let racers = (0..<8).map { "racer\($0)" }
    let store = try fundedStore(officers: racers)
    defer { store.remove() }
    let sessions = try racers.map { try Session.open(try store.location(for: $0), readOnly: false, user: $0) }
    let before = try store.count()
    let outcomes = Mutex([String]())
    let command = DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(60), on: day)
    DispatchQueue.concurrentPerform(iterations: sessions.count) { i in
      let outcome: String
      do {
        try sessions[i].perform(command, today: day)
        outcome = "won"
      } catch is Rejection {
        outcome = "refused"
      } catch {
        outcome = "error: \(error)"
      }
      outcomes.withLock { $0.append(outcome) }
    }
    let all = outcomes.withLock { $0 }
    #expect(all.filter { $0 == "won" }.count == 1, "\(all)")
    #expect(all.filter { $0 == "refused" }.count == 7, "\(all)")
    #expect(try store.count() == before + 1)
    let verified = try VerifyOutcome.verify(try store.location(for: "admin"), seen: nil)
    #expect(verified.isSound)
    #expect(verified.records == before + 1)
    let check = try Session.open(try store.location(for: "admin"), readOnly: true, seenHeads: nil)
    #expect(check.portfolio.programs["P1"]?.disbursed == .million(60))
  }

  /// A writer's login may call `sapm.append` and nothing else: a direct INSERT, UPDATE,
  /// DELETE or TRUNCATE is refused by the database; the owner's UPDATE and DELETE by
  /// the triggers. The log is unchanged after every attempt.
  @Test func directWritesAreRefusedByTheDatabase() throws {
    let store = try fundedStore(officers: ["officer"])
    defer { store.remove() }
    let cluster = try PostgresCluster.shared()
    let database = try #require(store.database)
    let before = try store.digest()
    for sql in [
      "INSERT INTO sapm.records VALUES (999, '\\x7b7d')",
      "UPDATE sapm.records SET line = '\\x7b7d' WHERE seq = 2",
      "DELETE FROM sapm.records WHERE seq = 2",
      "TRUNCATE sapm.records",
      "UPDATE sapm.head SET seq = 1",
      "SELECT sapm.migrate(0, repeat('0', 64), ARRAY['\\x7b7d'::bytea])",
    ] {
      let failure = cluster.sqlFailure(sql, database: database, user: "officer")
      #expect(failure?.contains("permission denied") == true, "\(sql): \(failure ?? "accepted")")
    }
    for sql in ["UPDATE sapm.records SET line = '\\x7b7d' WHERE seq = 2", "DELETE FROM sapm.records"] {
      let failure = cluster.sqlFailure(sql, database: database, user: "admin")
      #expect(failure?.contains("append-only") == true, "\(sql): \(failure ?? "accepted")")
    }
    #expect(try store.digest() == before)
  }

  /// A record in another's name is refused by `sapm.append` itself, whatever a client
  /// sends: the actor must be the database login.
  @Test func aRecordInAnothersNameIsRefused() throws {
    let store = try fundedStore(officers: ["officer"])
    defer { store.remove() }
    let before = try store.digest()
    let log = try store.location(for: "officer").openLog(readOnly: false)
    // Through sapm: a record in another's name goes to `sapm.migrate`, the owner's.
    #expect {
      try log.append(RecordDraft(type: "alert.acknowledged", actor: "admin", payload: .object([])))
    } throws: { error in
      "\(error)".contains("permission denied for function migrate")
    }
    // Straight to `sapm.append`, chained right: the function itself refuses it.
    let failure = try PostgresCluster.shared().sqlFailure(
      """
      SELECT sapm.append(h.seq, h.hash, ARRAY[convert_to(json_build_object(
        'actor', 'admin', 'seq', h.seq + 1, 'prev', h.hash)::text, 'UTF8')]) FROM sapm.head h
      """, database: try #require(store.database), user: "officer")
    #expect(
      failure?.contains("is written as admin, but the database login is officer") == true, "\(failure ?? "")")
    #expect(try store.digest() == before)
    // In its own name it goes through (the fold judges what it may do).
    try log.append(RecordDraft(type: "test.note", actor: "officer", payload: .object([])))
    #expect(try store.count() > 0)
  }

  /// Two processes' worth of sessions: each sees the other's events on refresh, and the
  /// other's NOTIFY wakes the watcher at once.
  @Test func twoConnectionsSeeEachOthersEvents() throws {
    let store = try fundedStore(officers: ["officer-a", "officer-b"])
    defer { store.remove() }
    let a = try Session.open(try store.location(for: "officer-a"), readOnly: false, user: "officer-a")
    let b = try Session.open(try store.location(for: "officer-b"), readOnly: false, user: "officer-b")
    let watcher = b.log.makeWatcher()
    _ = watcher.wait(milliseconds: 0)
    try b.refresh()
    let started = Date()
    try a.perform(DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(5), on: day), today: day)
    var woke = false
    while !woke, Date().timeIntervalSince(started) < 1.5 { woke = watcher.wait(milliseconds: 50) }
    let waited = Date().timeIntervalSince(started)
    #expect(woke)
    #expect(waited < 0.25, "NOTIFY took \(waited) s")
    #expect(try b.refresh() == 1)
    #expect(b.portfolio.programs["P1"]?.disbursed == .million(5))
    let aWatcher = a.log.makeWatcher()
    try b.perform(DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(7), on: day), today: day)
    // Told by NOTIFY, not by asking: a refresh asks the server only when told (or every 2 s).
    #expect(aWatcher.wait(milliseconds: 1000))
    try a.refresh()
    #expect(a.portfolio.programs["P1"]?.disbursed == .million(12))
  }

  /// A signed file store migrated into PostgreSQL and written back with `log --raw`
  /// is the same bytes; `sapm verify` (chain and signatures) agrees on both.
  @Test func migrateThenRawGivesTheSameBytes() throws {
    let dir = NSTemporaryDirectory() + "sapm-migrate-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    chmod(dir, 0o700)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = StoreLocation(path: dir + "/s.sapm", source: .flag)
    let user = Identity.currentUser()
    let made = try Session.create(file, name: "signed", demo: false, user: user, keyPath: dir + "/key")
    made.keyPath = dir + "/key"
    try made.perform(
      RecordEvents([
        ("test", PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5))
      ]),
      today: day)
    let store = try TestStore(.postgres, owner: user)
    defer { store.remove() }
    let target = try store.location(for: user)
    let outcome = try Migration.migrate(file: file.path, to: target)
    #expect(outcome.records == 2)
    var back: [UInt8] = []
    try LogReaderBytes.raw(target) { back += $0 }
    let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path)))
    #expect(back == original)
    let onFile = try VerifyOutcome.verify(file, seen: nil)
    let onServer = try VerifyOutcome.verify(target, seen: nil)
    #expect(onFile.isSound && onServer.isSound)
    #expect(onFile.records == onServer.records && onFile.bytes == onServer.bytes)
    #expect(onServer.signatures?.signed == 2)
    #expect(onFile.signatures?.signed == onServer.signatures?.signed)
    // Taken up again, it copies nothing twice.
    #expect(try Migration.migrate(file: file.path, to: target).already == 2)
  }

  /// The server stopped under an open session: reads keep the last good view and say
  /// offline, writes are refused with the reason, and once the server is back the
  /// session reconnects by itself and sees what others wrote. A new open while the
  /// server is down opens this account's mirror.
  @Test func aLostServerIsOfflineThenCaughtUp() throws {
    let cluster = try PostgresCluster.makePrivate()
    defer { cluster.stopAndRemove() }
    let database = try cluster.createDatabase(owner: "admin")
    try cluster.createLogin("officer-a", writer: true)
    try cluster.createLogin("officer-b", writer: true)
    let admin = StoreLocation(serverURI: cluster.uri(database: database, user: "admin"), source: .flag)
    let a = StoreLocation(serverURI: cluster.uri(database: database, user: "officer-a"), source: .flag)
    let b = StoreLocation(serverURI: cluster.uri(database: database, user: "officer-b"), source: .flag)
    defer {
      for location in [admin, a, b] {
        if let copy = location.localCopy() { unlink(copy) }
      }
    }
    try fund(admin, officers: ["officer-a", "officer-b"])
    let first = try Session.open(a, readOnly: false, user: "officer-a", seenHeads: nil)
    let events = first.portfolio.eventCount
    cluster.stop(immediate: true)
    (first.log as? PostgresLog)?.headPollInterval = 0
    try first.refresh()
    guard case .offline = first.log.availability else {
      Issue.record("not offline: \(first.log.availability)")
      return
    }
    #expect(first.portfolio.eventCount == events)
    let disburse = DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(5), on: day)
    #expect {
      try first.perform(disburse, today: day)
    } throws: { error in
      "\(error)".contains("offline since")
    }
    // Opened while the server is down: from this account's mirror, offline.
    let again = try Session.open(a, readOnly: false, user: "officer-a", seenHeads: nil)
    #expect(again.portfolio.eventCount == events)
    #expect(again.log.availability != .available)
    try cluster.start()
    let other = try Session.open(b, readOnly: false, user: "officer-b", seenHeads: nil)
    try other.perform(disburse, today: day)
    (first.log as? PostgresLog)?.reconnectInterval = 0
    let deadline = Date().addingTimeInterval(5)
    while first.portfolio.programs["P1"]?.disbursed == .zero, Date() < deadline {
      try first.refresh()
      usleep(20_000)
    }
    #expect(first.log.availability == .available)
    #expect(first.portfolio.programs["P1"]?.disbursed == .million(5))
  }

  /// The writer's connection is cut just before it appends (the server ended its
  /// backend): the outcome is settled by reconnecting and reading, and the command is
  /// recorded exactly once.
  @Test func aConnectionLostBeforeTheAppendIsSettledWithoutADuplicate() throws {
    let store = try fundedStore(officers: ["officer"])
    defer { store.remove() }
    let cluster = try PostgresCluster.shared()
    let database = try #require(store.database)
    let s = try Session.open(
      try store.location(for: "officer"), readOnly: false, user: "officer", seenHeads: nil)
    let before = try store.count()
    try cluster.sql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(database)' AND usename = 'officer'"
    )
    try s.perform(DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(5), on: day), today: day)
    #expect(try store.count() == before + 1)
    #expect(s.portfolio.programs["P1"]?.disbursed == .million(5))
    #expect(s.log.availability == .available)
    #expect(try VerifyOutcome.verify(try store.location(for: "admin"), seen: nil).isSound)
  }

  /// Records cut off on the server (an owner who dropped the trigger, an older backup
  /// restored): an account whose mirror holds more refuses to go on and says so.
  @Test func recordsCutOffOnTheServerAreNamed() throws {
    let store = try fundedStore(officers: ["officer"])
    defer { store.remove() }
    let cluster = try PostgresCluster.shared()
    let database = try #require(store.database)
    let location = try store.location(for: "officer")
    let seen = try Session.open(location, readOnly: false, user: "officer", seenHeads: nil)
    let head = seen.portfolio.lastSequence
    try cluster.sql(
      """
      ALTER TABLE sapm.records DISABLE TRIGGER USER; ALTER TABLE sapm.head DISABLE TRIGGER USER;
      DELETE FROM sapm.records WHERE seq = \(head);
      UPDATE sapm.head SET seq = \(head - 1),
        hash = (SELECT encode(sha256(line), 'hex') FROM sapm.records WHERE seq = \(head - 1));
      """, database: database)
    #expect {
      _ = try Session.open(location, readOnly: false, user: "officer", seenHeads: nil)
    } throws: { error in
      "\(error)".contains(
        "the server's log ends at record \(head - 1), but this machine's copy holds \(head)")
    }
  }

  /// A login that may not create the schema is told what to ask for.
  @Test func initWithoutTheRightToCreateTheSchemaSaysWhatToAsk() throws {
    let store = try TestStore(.postgres)
    defer { store.remove() }
    let cluster = try PostgresCluster.shared()
    try cluster.createLogin("newcomer", writer: true)
    let database = try #require(store.database)
    let location = StoreLocation(serverURI: cluster.uri(database: database, user: "newcomer"), source: .flag)
    #expect {
      _ = try Session.create(location, name: "t", demo: false, user: "newcomer", signed: false)
    } throws: { error in
      "\(error)".contains("sapm init --sql")
    }
  }

  /// A server store keeps this account's checkpoint as a file store does (in its cache,
  /// at a position of its mirror): the next open starts from it.
  @Test func aServerStoreOpensFromThisAccountsCheckpoint() throws {
    let store = try fundedStore(officers: ["officer"])
    defer { store.remove() }
    let location = try store.location(for: "officer")
    let first = try Session.open(
      location, readOnly: false, user: "officer", checkpointAfter: 1, seenHeads: nil)
    #expect(first.checkpointState != nil)
    defer { if let place = first.checkpointPlace { unlink(place.path) } }
    // Writes none of its own: a state means it resumed from the first one's.
    let second = try Session.open(
      location, readOnly: false, user: "officer", checkpointAfter: .max, seenHeads: nil)
    #expect(second.checkpointState?.sequence == first.portfolio.lastSequence)
    #expect(second.portfolio.programs["P1"]?.obligated == .million(100))
  }

  /// A login that may only read (sapm_reader, the kiosk's, a viewer's workstation) opens
  /// the store read-only, says why at open, and a write names the GRANT to ask for.
  @Test func aReadersLoginOpensReadOnlyAndSaysWhatToAskFor() throws {
    let store = try fundedStore(officers: [])
    defer { store.remove() }
    let cluster = try PostgresCluster.shared()
    try cluster.createLogin("reader1", writer: false)
    let database = try #require(store.database)
    let location = StoreLocation(serverURI: cluster.uri(database: database, user: "reader1"), source: .flag)
    defer { if let copy = location.localCopy() { unlink(copy) } }
    let s = try Session.open(location, readOnly: false, user: "reader1", seenHeads: nil)
    #expect(s.isReadOnly)
    #expect(s.notices.contains { $0.contains("GRANT sapm_writer TO \"reader1\"") }, "\(s.notices)")
    let before = try store.digest()
    #expect {
      try s.perform(DisburseFunds(program: "P1", fiscalYear: 2025, amount: .million(1), on: day), today: day)
    } throws: { error in
      "\(error)".contains("may only read this store")
    }
    #expect(try store.digest() == before)
  }
}

/// `sapm log --raw`'s bytes, through the Output target's reader.
enum LogReaderBytes {
  static func raw(_ location: StoreLocation, _ emit: ([UInt8]) -> Void) throws {
    try Output.LogReader(location).readRaw { emit($0) }
  }
}
