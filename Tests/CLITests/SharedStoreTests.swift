import Foundation
import TestSupport
import Testing

/// Several OS accounts on one `--group` store, for real: test accounts and a group
/// are created (and removed afterwards), and the built binary runs as each of them.
/// Needs root for useradd and runuser; anyone else skips with the reason.
@Suite(.serialized) struct SharedStoreTests {
  static let isRoot = getuid() == 0

  @Test(.enabled(if: isRoot, "needs root to create test accounts (useradd) and run as them (runuser)"))
  func anOfficerRaisesTwoApproversApproveAndOutsidersCannotWrite() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let accounts = try TestAccounts()
    defer { accounts.tearDown() }
    let dir = cli.home + "/shared"
    let store = dir + "/portfolio.sapm"
    chmod(cli.home, 0o755)
    // Each account keeps its own signing key, in its own private directory.
    for user in [accounts.officer, accounts.approver1, accounts.approver2, accounts.outsider] {
      let config = cli.home + "/config-\(user)"
      try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
      if let pw = getpwnam(user) { chown(config, pw.pointee.pw_uid, pw.pointee.pw_gid) }
      chmod(config, 0o700)
    }
    func run(_ user: String?, _ args: [String]) throws -> CLI.Result {
      guard let user else { return try cli.run(args + ["--store", store]) }
      return try cli.run(
        ["-u", user, "--", CLI.binary] + args + ["--store", store],
        environment: ["XDG_CONFIG_HOME": cli.home + "/config-\(user)"],
        executable: "/usr/sbin/runuser")
    }

    // root creates the store for the group and is its first admin.
    let created = try run(nil, ["init", "--group", accounts.group, "--name", "team"])
    #expect(created.status == 0, "\(created.err)")
    var st = stat()
    #expect(stat(store, &st) == 0)
    #expect(st.st_mode & 0o7777 == 0o660)
    #expect(st.st_gid == (getgrnam(accounts.group)?.pointee.gr_gid ?? 0))
    #expect(stat(dir, &st) == 0)
    #expect(st.st_mode & 0o7777 == 0o2770)

    // Facts to work on, then the roster.
    let facts = cli.home + "/facts.jsonl"
    try """
    {"type":"partner.registered","payload":{"code":"PL","name":"Poland","region":"europe","tier":"nato+5"}}
    {"type":"program.created","payload":{"id":"PL-FMF-001","partner":"PL","kind":"FMF","title":"FMF","start":"2024-10-01","status":"active"}}
    {"type":"funds.available","payload":{"program":"PL-FMF-001","fiscalYear":\(Date().fiscalYear),"amount":500000000}}
    """.write(toFile: facts, atomically: true, encoding: .utf8)
    let recorded = try run(nil, ["record", "--json", facts])
    #expect(recorded.status == 0, "\(recorded.err)")
    #expect(created.out.contains("signed store; creator's key fingerprint"))
    // Granted a role but no key: the officer cannot write to the signed store yet,
    // and both sides are told what to do.
    let keyless = try run(nil, ["roles", "grant", accounts.officer, "officer"])
    #expect(keyless.status == 0)
    #expect(keyless.err.contains("has no enrolled key"), "\(keyless.err)")
    let early = try run(
      accounts.officer,
      [
        "request", "new", "PL-FMF-001", "--kind", "release-funds", "--amount", "1", "--fy", "2025",
        "--reason", "x",
      ])
    #expect(early.status == 3)
    #expect(early.err.contains("has no signing key enrolled in this signed store"), "\(early.err)")
    for (user, role) in [
      (accounts.officer, "officer"), (accounts.approver1, "approver"), (accounts.approver2, "approver"),
    ] {
      let key = try run(user, ["identity", "--public"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(key.count == 64, "\(key)")
      let granted = try run(nil, ["roles", "grant", user, role, "--key", key])
      #expect(granted.status == 0, "\(granted.err)")
      #expect(granted.out.contains("\(user)'s signing key:"))
    }
    // The key file is the account's own, 0600 in a 0700 directory.
    var kst = stat()
    #expect(stat(cli.home + "/config-\(accounts.officer)/sapm/identity/ed25519", &kst) == 0)
    #expect(kst.st_mode & 0o777 == 0o600 && kst.st_uid == getpwnam(accounts.officer)?.pointee.pw_uid)
    // An officer cannot grant, even to themselves.
    let selfGrant = try run(accounts.officer, ["roles", "grant", accounts.officer, "admin"])
    #expect(selfGrant.status == 3)

    // The officer raises $150M (two approvers needed) and submits it.
    let raised = try run(
      accounts.officer,
      [
        "request", "new", "PL-FMF-001", "--kind", "release-funds", "--amount", "150000000", "--fy",
        String(Date().fiscalYear), "--reason", "spares", "--submit",
      ])
    #expect(raised.status == 0, "\(raised.err)")
    let id = raised.out.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(id == "RQ-0001")
    // The requester cannot approve it; nor can anyone act as someone else on a real store.
    let own = try run(accounts.officer, ["request", "approve", id])
    #expect(own.status == 3)
    #expect(own.err.contains("needs an approver"))
    let disguised = try run(accounts.officer, ["request", "approve", id, "--as", accounts.approver1])
    #expect(disguised.status == 1)
    #expect(disguised.err.contains("--as \(accounts.approver1) works only on a demo store"))
    // Two approvers, the same one twice counting once.
    #expect(try run(accounts.approver1, ["request", "approve", id]).status == 0)
    let twice = try run(accounts.approver1, ["request", "approve", id])
    #expect(twice.status == 3)
    #expect(try run(accounts.officer, ["request", "execute", id]).status == 3)  // not yet approved
    let second = try run(accounts.approver2, ["request", "approve", id])
    #expect(second.status == 0, "\(second.err)")
    #expect(second.out.contains("approved \(id) as \(accounts.approver2) — approved: an officer executes it"))
    let executed = try run(accounts.officer, ["request", "execute", id])
    #expect(executed.status == 0, "\(executed.err)")

    // An account outside the group can neither read nor write it.
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let outside = try run(
      accounts.outsider,
      [
        "request", "new", "PL-FMF-001", "--kind", "release-funds", "--amount", "1", "--fy", "2025",
        "--reason", "x",
      ])
    #expect(outside.status == 1)
    #expect(outside.err.contains("ermission denied"), "\(outside.err)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)

    // The log says who did each step: the OS accounts, not names anyone typed.
    let shown = try run(accounts.approver2, ["request", "show", id, "--json"])
    for user in [accounts.officer, accounts.approver1, accounts.approver2] {
      #expect(shown.out.contains("\"by\":\"\(user)\""))
    }
    #expect(shown.out.contains("\"state\":\"executed\""))
    #expect(!shown.out.contains("\"signed\":false"))  // every step signed by its actor's key
    let verified = try run(accounts.approver1, ["verify", "--require-signatures"])
    #expect(verified.status == 0, "\(verified.err)")
    // Every record, by four accounts, signed by its actor's enrolled key.
    #expect(verified.out.contains("records signed by their actor's enrolled key"), "\(verified.out)")
    #expect(!verified.out.contains("unsigned"))
    #expect(stat(store, &st) == 0 && st.st_mode & 0o7777 == 0o660)
  }
}

extension Date {
  /// The U.S. fiscal year of today (FY starts 1 October).
  var fiscalYear: Int {
    let c = Calendar(identifier: .gregorian).dateComponents(
      in: TimeZone(identifier: "UTC") ?? .current, from: self)
    return (c.year ?? 2026) + ((c.month ?? 1) >= 10 ? 1 : 0)
  }
}
