import ArgumentParser
import Foundation
import Portfolio
import PostgresStore
import Session

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a new store (never overwrites one).",
    discussion: """
      The store file is created owner-only (0600), its directory 0700. You become its \
      first admin. With --group, the store is shared by that group's members: the file \
      0660 and group-owned, a directory created for it setgid 2770; you must belong to \
      the group. Grant the members their roles with 'sapm roles grant'.

      With --store postgresql://…, the store is kept by a PostgreSQL server \
      (docs/teams.md): sapm creates its schema, function and roles in that database \
      (the login must be allowed to), or --sql prints that SQL for a database \
      administrator to run first.
      """
  )

  @Option(help: "Share the store with the members of this OS group.")
  var group: String?

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Fill the new store with the demo portfolio (marked DEMO).")
  var demo = false

  @Option(help: "A name for the store.")
  var name: String?

  @Flag(help: "Print the SQL that makes a PostgreSQL database a sapm store, and create nothing.")
  var sql = false

  func run() throws {
    if sql {
      print(Schema.sql)
      return
    }
    try failing {
      let location = storeOptions.location(allowDemo: false)
      let gid = try group.map { try Identity.group(named: $0) }
      let session =
        demo
        ? try Session.createDemo(location, today: today(), name: name ?? "demo", group: gid)
        : try Session.create(location, name: name ?? "portfolio", demo: false, group: gid)
      let p = session.portfolio
      printNotices(session)
      say(
        "created \(location.path)\(demo ? " (DEMO)" : ""): \(p.eventCount) events, \(p.partners.count) partners, \(p.programs.count) programs; admin \(session.user)"
          + (group.map { "; shared with group \($0) (0660)" } ?? ""))
      if let key = p.creatorKey {
        say(
          "signed store; creator's key fingerprint \(IdentityKey.fingerprint(key)) — keep it apart from the store (paper, a message to your team) and check with 'sapm verify --trust \(IdentityKey.fingerprint(key))'"
        )
      }
    }
  }
}
