import ArgumentParser
import Foundation
import PostgresStore
import Session
import Store
import TestSupport

/// `sapm-bench postgres`: the PostgreSQL store beside the file store, in one run on one
/// machine (docs/performance.md, "PostgreSQL store"): durable appends, another
/// connection's event, and a 1M-record migration and first read. Starts its own
/// throwaway cluster with fsync on (run as root: `initdb` runs as the postgres account).
struct PostgresBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "postgres", abstract: "The PostgreSQL store beside the file store (build with -c release).")

  @Option(help: "Durable single-record appends to time on each store.")
  var appends = 500

  @Option(help: "Events another connection waits for.")
  var notifies = 200

  @Option(help: "Records in the store that is migrated (0: skip).")
  var events = 1_000_000

  @Option(help: "Scratch directory for the file stores (on the disk being measured).")
  var dir = NSTemporaryDirectory() + "sapm-bench-pg"

  func run() throws {
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cluster = try PostgresCluster.makePrivate(durable: true)
    defer { cluster.stopAndRemove() }
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    print("sapm-bench postgres: PostgreSQL in \(cluster.folder) (fsync on, unix socket), files in \(dir)")

    // 1. Durable appends, one record each, file and server side by side.
    let file = try EventLog.create(at: dir + "/append.sapm")
    try file.append(draft(0))
    let uri = cluster.uri(database: try cluster.createDatabase(owner: user), user: user)
    let location = StoreLocation(serverURI: uri, source: .flag)
    let address = try ServerAddress(uri)
    try PostgresLog.createSchema(address)
    let server = try PostgresLog.open(
      address, mirrorPath: dir + "/mirror.sapm", readOnly: false, allowEmpty: true)
    try server.append(draft(0))
    var onFile: [Double] = []
    var onServer: [Double] = []
    for n in 1...appends {
      onFile.append(try time { try file.append(draft(n)) })
      onServer.append(try time { try server.append(draft(n)) })
    }
    report("durable append, file (flock + fdatasync)", Stats(onFile))
    report("durable append, PostgreSQL (sapm.append, commit)", Stats(onServer))

    // 2. Another connection's event: from the start of the append to the other
    // connection having read it (NOTIFY wakes its watcher, then it fetches).
    let reader = try PostgresLog.open(address, mirrorPath: dir + "/reader.sapm", readOnly: true)
    try reader.readNew { _ in }
    let watcher = reader.makeWatcher()
    var seen: [Double] = []
    for n in 0..<notifies {
      let start = now()
      try server.append(draft(appends + 1 + n))
      var got = 0
      while got == 0 {
        _ = watcher.wait(milliseconds: 100)
        got = try reader.readNew { _ in }
      }
      seen.append(now() - start)
    }
    report("another connection's event, append → read by it", Stats(seen))
    _ = location

    // 3. A 1M-record migration, then a first open that builds the mirror.
    guard events > 0 else { return }
    let big = try EventLog.create(at: dir + "/big.sapm")
    let written = try appendSynthetic(to: big, programs: events / 10, events: events)
    let bytes = try big.size()
    let target = StoreLocation(
      serverURI: cluster.uri(database: try cluster.createDatabase(owner: user), user: user), source: .flag)
    var outcome: Migration.Outcome?
    let migrateTime = try time { outcome = try Migration.migrate(file: dir + "/big.sapm", to: target) }
    print(
      line(
        "migrate \(written) records (\(bytes >> 20) MiB)",
        "\(rate(outcome?.records ?? 0, migrateTime)) records/s",
        secs(migrateTime)))
    let mirror = dir + "/big-mirror.sapm"
    let fresh = try PostgresLog.open(
      try ServerAddress(target.serverURI ?? ""), mirrorPath: mirror, readOnly: true)
    var read = 0
    let readTime = try time { read = try fresh.readNew { _ in } }
    print(
      line(
        "first read of it (server → mirror, verified)", "\(rate(read, readTime)) records/s", secs(readTime)))
    let again = try PostgresLog.open(
      try ServerAddress(target.serverURI ?? ""), mirrorPath: mirror, readOnly: true)
    let againTime = try time { read = try again.readNew { _ in } }
    print(
      line("a later read (the mirror, head checked)", "\(rate(read, againTime)) records/s", secs(againTime)))
    let verifyTime = try time { _ = try fresh.verify() }
    print(
      line("verify, read straight from the server", "\(rate(read, verifyTime)) records/s", secs(verifyTime)))
  }

  func draft(_ n: Int) -> RecordDraft {
    RecordDraft(
      type: "alert.acknowledged", actor: String(cString: getpwuid(getuid()).pointee.pw_name),
      payload: .object([.init("alert", .string("sunset-passed/B\(n)")), .init("note", .string("benchmark"))]))
  }
}
