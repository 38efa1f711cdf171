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
      try accounts.privateFolder(cli.home + "/config-\(user)", of: user)
    }
    func run(_ user: String?, _ args: [String]) throws -> CLI.Result {
      guard let user else { return try cli.run(args + ["--store", store]) }
      return try cli.run(
        ["-u", user, "--", accounts.binary("sapm")] + args + ["--store", store],
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
    {"type":"cn.transmitted","payload":{"number":"CN 26-001","partner":"PL","account":"FMF","fiscalYear":\(Date().fiscalYear),"amount":500000000,"purpose":"FMF as justified","on":"2024-10-01"}}
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

/// Issue 21 with real OS accounts on a `--group` store: a viewer writes no facts through
/// sapm, and a group member who writes a record into the file by hand — signed with
/// their own enrolled key — gets nothing applied; `sapm verify` fails and the alarm
/// cannot be silenced by the viewer.
@Suite(.serialized) struct SharedStoreAuthorityTests {
  @Test(.enabled(if: getuid() == 0, "needs root to create test accounts (useradd) and run as them (runuser)"))
  func aForgedPolicyChangeAndAViewersFactsDoNotCount() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let accounts = try TestAccounts()
    defer { accounts.tearDown() }
    let store = cli.home + "/shared/portfolio.sapm"
    chmod(cli.home, 0o755)
    let viewer = accounts.approver2
    for user in [accounts.officer, accounts.approver1, viewer] {
      for folder in [cli.home + "/config-\(user)", cli.home + "/cache-\(user)"] {
        try accounts.privateFolder(folder, of: user)
      }
    }
    func run(_ user: String?, _ args: [String], tool: String = "sapm") throws -> CLI.Result {
      guard let user else { return try cli.run(args + ["--store", store]) }
      return try cli.run(
        ["-u", user, "--", accounts.binary(tool)] + args + ["--store", store],
        environment: [
          "XDG_CONFIG_HOME": cli.home + "/config-\(user)", "XDG_CACHE_HOME": cli.home + "/cache-\(user)",
        ],
        executable: "/usr/sbin/runuser")
    }
    #expect(try run(nil, ["init", "--group", accounts.group, "--name", "team"]).status == 0)
    let fy = Date().fiscalYear
    let facts = cli.home + "/facts.jsonl"
    try """
    {"type":"partner.registered","payload":{"code":"PL","name":"Poland","region":"europe","tier":"nato+5"}}
    {"type":"program.created","payload":{"id":"PL-FMF-001","partner":"PL","kind":"FMF","title":"FMF","start":"2024-10-01","status":"active"}}
    {"type":"funds.available","payload":{"program":"PL-FMF-001","fiscalYear":\(fy),"amount":500000000}}
    {"type":"cn.transmitted","payload":{"number":"CN 26-001","partner":"PL","account":"FMF","fiscalYear":\(fy),"amount":500000000,"purpose":"FMF as justified","on":"2024-10-01"}}
    """.write(toFile: facts, atomically: true, encoding: .utf8)
    #expect(try run(nil, ["record", "--json", facts]).status == 0)
    for (user, role) in [(accounts.officer, "officer"), (accounts.approver1, "approver"), (viewer, "viewer")]
    {
      let key = try run(user, ["identity", "--public"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(try run(nil, ["roles", "grant", user, role, "--key", key]).status == 0)
    }

    // 1. The viewer's obligation through sapm: refused, the store byte-identical.
    let obligation = cli.home + "/obligation.jsonl"
    try """
    {"type":"funds.obligated","payload":{"program":"PL-FMF-001","fiscalYear":\(fy),"amount":300000000,"on":"2025-01-02"}}
    """.write(toFile: obligation, atomically: true, encoding: .utf8)
    chmod(obligation, 0o644)
    let before = FileManager.default.contents(atPath: store)
    let refused = try run(viewer, ["record", "--json", obligation])
    #expect(refused.status == 3, "\(refused.err)")
    #expect(refused.err.contains("may not write funds.obligated"), "\(refused.err)")
    #expect(FileManager.default.contents(atPath: store) == before)

    // 2. The officer lifts four eyes by hand: a canonical record, chained, signed with
    //    their own enrolled key, appended to the group-writable file.
    let forged = try run(
      accounts.officer,
      [
        "append-raw", "--type", "policy.changed", "--actor", accounts.officer,
        "--payload", #"{"setting":"approval.two.amount","value":1e12}"#,
        "--sign-with", cli.home + "/config-\(accounts.officer)/sapm/identity/ed25519",
      ], tool: "sapm-bench")
    #expect(forged.status == 0, "\(forged.err)")
    let forgedSeq = (FileManager.default.contents(atPath: store) ?? Data()).filter { $0 == 0x0A }.count

    // $150M still needs two approvers: one approval does not let it execute.
    let raised = try run(
      accounts.officer,
      [
        "request", "new", "PL-FMF-001", "--kind", "release-funds", "--amount", "150000000", "--fy",
        String(fy),
        "--reason", "spares", "--submit",
      ])
    #expect(raised.status == 0, "\(raised.err)")
    #expect(try run(accounts.approver1, ["request", "approve", "RQ-0001"]).status == 0)
    let executed = try run(accounts.officer, ["request", "execute", "RQ-0001"])
    #expect(executed.status == 3, "four eyes still hold: \(executed.out) \(executed.err)")

    // 3. Named: verify fails, the alert is critical and the viewer cannot acknowledge it.
    let verify = try run(nil, ["verify"])
    #expect(verify.status == 1, "\(verify.out) \(verify.err)")
    #expect(verify.out.contains("record \(forgedSeq) (policy.changed): WITHOUT AUTHORITY"), "\(verify.out)")
    let alerts = try run(viewer, ["alerts"])
    #expect(alerts.status == 2, "\(alerts.err)")
    #expect(alerts.out.contains("record-not-authorized/store/\(forgedSeq)"), "\(alerts.out)")
    let ack = try run(
      viewer, ["alerts", "ack", "record-not-authorized/store/\(forgedSeq)", "--note", "fine"])
    #expect(ack.status == 3, "\(ack.err)")
    // Every member's checkpoint is in their own cache, none beside the store.
    #expect(try FileManager.default.contentsOfDirectory(atPath: cli.home + "/shared") == ["portfolio.sapm"])
  }
}

/// Issue 22, item 6: a group store in a folder its group cannot write is said at init
/// and at every open (a member could not set aside a torn record).
@Suite(.serialized) struct GroupFolderTests {
  @Test(.enabled(if: getuid() == 0, "needs root to create a test group (groupadd)"))
  func aGroupStoreInAFolderTheGroupCannotWriteIsSaid() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let accounts = try TestAccounts()
    defer { accounts.tearDown() }
    let dir = cli.home + "/private"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    chmod(dir, 0o755)  // root's own folder: the group cannot write it
    let store = dir + "/team.sapm"
    let created = try cli.run(["init", "--group", accounts.group, "--store", store])
    #expect(created.status == 0, "\(created.err)")
    #expect(created.err.contains("not writable by that group"), "\(created.err)")
    let opened = try cli.run(["alerts", "--store", store])
    #expect(opened.err.contains("chmod 2770 \(dir)"), "\(opened.err)")
    // A folder made by init for the group (2770): nothing to say.
    let shared = cli.home + "/shared/team.sapm"
    let fine = try cli.run(["init", "--group", accounts.group, "--store", shared])
    #expect(fine.status == 0 && !fine.err.contains("not writable by that group"), "\(fine.err)")
  }
}
