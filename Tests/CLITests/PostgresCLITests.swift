import Foundation
import TestSupport
import Testing

/// The commands of a team's PostgreSQL store (docs/teams.md), through the binary, on a
/// throwaway cluster the tests start themselves.
@Suite struct PostgresCLITests {
  /// A database owned by this OS account's login (the tests run as root: `root`).
  func database() throws -> (PostgresCluster, String) {
    let cluster = try PostgresCluster.shared()
    let user = String(cString: getpwuid(getuid()).pointee.pw_name)
    return (cluster, cluster.uri(database: try cluster.createDatabase(owner: user), user: user))
  }

  @Test func initSQLPrintsTheSchemaForAnAdministrator() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.run(["init", "--sql"])
    #expect(r.status == 0)
    for part in [
      "CREATE TABLE sapm.records", "line bytea NOT NULL", "FOR UPDATE", "SECURITY DEFINER",
      "ERRCODE = '40001'", "session_user", "pg_notify", "BEFORE UPDATE OR DELETE ON sapm.records",
      "GRANT EXECUTE ON FUNCTION sapm.append(bigint, text, bytea[]) TO sapm_writer",
    ] {
      #expect(r.out.contains(part), "\(part)")
    }
  }

  @Test func initOpenAndRefuseASecondInit() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let (_, uri) = try database()
    let made = try cli.run(["init", "--store", uri, "--name", "team"])
    #expect(made.status == 0, "\(made.err)")
    #expect(made.out.contains("created postgresql://"))
    #expect(made.out.contains("signed store"))
    let overview = try cli.run(["overview", "--store", uri])
    #expect(overview.status == 0, "\(overview.err)")
    #expect(overview.out.contains("team"))
    let again = try cli.run(["init", "--store", uri])
    #expect(again.status == 1)
    #expect(again.err.contains("a store already exists"))
  }

  /// A password in --store would sit in the process list: refused, and never echoed.
  @Test func aPasswordOnTheCommandLineIsRefusedAndNeverPrinted() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.run(["overview", "--store", "postgresql://someone:hunter2secret@localhost/sapm"])
    #expect(r.status == 1)
    #expect(r.err.contains("~/.pgpass"))
    #expect(!(r.err + r.out).contains("hunter2secret"))
  }

  /// The demo store and a signed store, migrated then written back with `log --raw`:
  /// the same bytes (cmp), and `sapm verify` says the same of both.
  @Test func migrateThenRawIsByteForByteAndVerifiesAlike() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    for demo in [true, false] {
      let (_, uri) = try database()
      let file = cli.home + "/\(demo ? "demo" : "signed").sapm"
      var made = try cli.run(["init", "--store", file] + (demo ? ["--demo"] : []))
      #expect(made.status == 0, "\(made.err)")
      if !demo {
        made = try cli.run(["roles", "grant", "someone", "viewer", "--store", file])
        #expect(made.status == 0, "\(made.err)")
      }
      let migrated = try cli.run(["migrate", file, uri])
      #expect(migrated.status == 0, "\(migrated.err)")
      #expect(migrated.out.contains("copied"))
      let back = cli.home + "/back.sapm"
      let raw = try cli.shell(
        "\"$SAPM\" log --raw --store '\(uri)' > '\(back)' && cmp '\(back)' '\(file)' && echo SAME")
      #expect(raw.out.contains("SAME"), "\(raw.err)")
      // --full: the file and the server copy are one store (one ID), so a second verify
      // would otherwise build on the first's.
      let flags = ["--full"] + (demo ? [] : ["--require-signatures"])
      let onFile = try cli.run(["verify", "--store", file] + flags)
      let onServer = try cli.run(["verify", "--store", uri] + flags)
      #expect(onFile.status == 0 && onServer.status == 0, "\(onFile.err) \(onServer.err)")
      // The same findings, but for the name of the store.
      let strip = { (text: String) in
        text.split(separator: "\n").map {
          $0.replacingOccurrences(of: #"^\S+: sound"#, with: "STORE: sound", options: .regularExpression)
            .replacingOccurrences(of: #"in [0-9.]+ s"#, with: "", options: .regularExpression)
        }
      }
      #expect(strip(onFile.out) == strip(onServer.out), "\(onFile.out)\n\(onServer.out)")
      try? FileManager.default.removeItem(atPath: back)
    }
  }

  @Test func theRawLogIsNeverWrittenToATerminal() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.shell("script -qec '\"$SAPM\" log --raw' /dev/null")
    #expect(r.out.contains("redirect it to a file"))
  }
}
