import Foundation
import Synchronization

/// A throwaway PostgreSQL cluster for the tests: `initdb` as the `postgres` account with
/// `--auth=trust` on a unix socket in a temporary folder (no TCP port), started once per
/// test process and stopped when it exits. Any login name works (trust), so a test
/// connects as the OS account whose records it writes. Never mocked, never skipped:
/// when it cannot start, the tests that need it fail and say why.
public final class PostgresCluster: Sendable {
  public let folder: String
  public let binaries: String
  /// fsync on (a benchmark's durable figures); the tests run with it off.
  public let durable: Bool
  private let databases = Mutex(0)

  /// The process's cluster, started at first use.
  public static func shared() throws -> PostgresCluster {
    try started.withLock { state in
      if let cluster = state.cluster { return cluster }
      if let failure = state.failure { throw ClusterError(message: failure) }
      do {
        let cluster = try PostgresCluster()
        state.cluster = cluster
        atexit { PostgresCluster.stopShared() }
        return cluster
      } catch {
        state.failure = "\(error)"
        throw error
      }
    }
  }

  private struct State: ~Copyable {
    var cluster: PostgresCluster?
    var failure: String?
  }
  private static let started = Mutex(State())

  /// A cluster of the caller's own (a test that stops and starts its server), removed
  /// with `stopAndRemove()`.
  public static func makePrivate(durable: Bool = false) throws -> PostgresCluster {
    try PostgresCluster(durable: durable)
  }

  public func stopAndRemove() {
    stop(immediate: true)
    if ProcessInfo.processInfo.environment["SAPM_KEEP_PG"] == nil {
      try? FileManager.default.removeItem(atPath: folder)
    }
  }

  private static func stopShared() {
    started.withLock { $0.cluster?.stopAndRemove() }
  }

  public struct ClusterError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  private init(durable: Bool = false) throws {
    self.durable = durable
    guard getuid() == 0 else {
      throw ClusterError(
        message: "the PostgreSQL tests start a cluster as the postgres account: run them as root")
    }
    let found = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?
      .sorted().last.map { "/usr/lib/postgresql/\($0)/bin" }
    guard let found, FileManager.default.isExecutableFile(atPath: found + "/initdb") else {
      throw ClusterError(message: "no PostgreSQL server here (apt-get install postgresql)")
    }
    binaries = found
    var template = Array("/tmp/sapm-pg-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw ClusterError(message: "mkdtemp failed") }
    folder = String(cString: made)
    guard let pw = getpwnam("postgres") else { throw ClusterError(message: "no postgres account") }
    chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
    try runAsPostgres(
      [binaries + "/initdb", "-D", folder + "/data", "--auth=trust", "-U", "postgres", "--no-sync"])
    try start()
    // The roles every store's schema grants to, made once (roles are cluster-wide).
    try sql("CREATE ROLE sapm_reader NOLOGIN; CREATE ROLE sapm_writer NOLOGIN IN ROLE sapm_reader;")
  }

  /// Starts the server (again, after `stop`).
  public func start() throws {
    try runAsPostgres([
      binaries + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o",
      "-k \(folder) -c listen_addresses='' -c max_connections=200" + (durable ? "" : " -c fsync=off"),
      "start",
    ])
  }

  /// Stops the server at once (`-m immediate`: as a crash or a pulled cable would).
  public func stop(immediate: Bool = false) {
    _ = try? runAsPostgres([
      binaries + "/pg_ctl", "-D", folder + "/data", "-w", "-m", immediate ? "immediate" : "fast", "stop",
    ])
  }

  /// A new, empty database owned by the login `owner` (made if missing, allowed to
  /// create schemas there); returns its name.
  public func createDatabase(owner: String) throws -> String {
    let n = databases.withLock {
      $0 += 1
      return $0
    }
    let name = "t\(getpid())_\(n)"
    try createLogin(owner, writer: true)
    try sql("CREATE DATABASE \(name) OWNER \"\(owner)\"")
    return name
  }

  /// A login role named like the OS account whose records it writes; `writer` grants
  /// `sapm_writer`, else it may only read (`sapm_reader`).
  public func createLogin(_ name: String, writer: Bool) throws {
    // One at a time, once per name: concurrent GRANTs on one role collide in the catalog.
    try logins.withLock { made in
      guard !made.contains(name) else { return }
      try makeLogin(name, writer: writer)
      made.insert(name)
    }
  }

  private let logins = Mutex(Set<String>())

  private func makeLogin(_ name: String, writer: Bool) throws {
    try sql(
      """
      DO $$ BEGIN
        CREATE ROLE "\(name)" LOGIN;
      EXCEPTION WHEN duplicate_object THEN NULL;
      END $$;
      GRANT \(writer ? "sapm_writer" : "sapm_reader") TO "\(name)";
      """)
  }

  /// The store address of `database` for the login `user`.
  public func uri(database: String, user: String) -> String {
    "postgresql:///\(database)?host=\(folder)&user=\(user)"
  }

  /// Runs SQL as the cluster's superuser (or `user`) with psql; returns its output.
  @discardableResult
  public func sql(_ text: String, database: String = "postgres", user: String = "postgres") throws -> String {
    try run(
      binaries + "/psql",
      ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", folder, "-U", user, "-d", database, "-c", text])
  }

  /// The same, returning the error text instead of throwing (for refusals).
  public func sqlFailure(_ text: String, database: String, user: String) -> String? {
    do {
      try sql(text, database: database, user: user)
      return nil
    } catch {
      return "\(error)"
    }
  }

  private func runAsPostgres(_ arguments: [String]) throws {
    try run("/usr/sbin/runuser", ["-u", "postgres", "--"] + arguments)
  }

  /// Runs a program to its end with posix_spawn and waitpid (Foundation's Process
  /// missed the exit of `runuser` here), its output through a temporary file: a server
  /// that `pg_ctl` leaves running holds no pipe of ours open.
  @discardableResult
  private func run(_ executable: String, _ arguments: [String]) throws -> String {
    let outPath = folder.isEmpty ? "/tmp/sapm-pg-out-\(getpid())" : "\(folder)/out-\(UUID().uuidString)"
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw ClusterError(message: "cannot run \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    guard exited == 0 else {
      throw ClusterError(
        message:
          "\((executable as NSString).lastPathComponent) \(arguments.suffix(3).joined(separator: " ")): \(output)"
      )
    }
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
