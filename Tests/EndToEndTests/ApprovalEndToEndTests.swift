import Foundation
import TestSupport
import Testing

/// Two terminals, two OS accounts, one group-shared store: the officer raises a
/// request through the form, the approver sees it appear and approves it through
/// the dialog. Root creates the accounts; anyone else skips with the reason.
@Suite struct ApprovalEndToEndTests {
  @Test(
    .enabled(
      if: TestAccounts.canCreate, "needs root to create test accounts (useradd) and run as them (runuser)"))
  func oneRaisesTheOtherSeesItAndApproves() throws {
    let accounts = try TestAccounts()
    defer { accounts.tearDown() }
    let officer = try Tmux(width: 160, height: 45, term: "xterm-256color")
    let approver = try Tmux(width: 160, height: 45, term: "xterm-256color")
    chmod(officer.home, 0o755)
    let store = officer.home + "/team/portfolio.sapm"
    func sapm(_ args: [String]) throws -> Int32 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Tmux.binary)
      p.arguments = args + ["--store", store]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      return p.terminationStatus
    }
    #expect(try sapm(["init", "--group", accounts.group]) == 0)
    let facts = officer.home + "/facts.jsonl"
    try """
    {"type":"partner.registered","payload":{"code":"PL","name":"Poland","region":"europe","tier":"nato+5"}}
    {"type":"program.created","payload":{"id":"PL-FMF-001","partner":"PL","kind":"FMF","title":"Loan-financed FMF","start":"2024-10-01","status":"active"}}
    {"type":"funds.available","payload":{"program":"PL-FMF-001","fiscalYear":2026,"amount":500000000,"availableUntil":"2030-09-30"}}
    {"type":"cn.transmitted","payload":{"number":"CN 26-001","partner":"PL","account":"FMF","fiscalYear":2026,"amount":500000000,"purpose":"FMF as justified","on":"2024-10-01"}}
    """.write(toFile: facts, atomically: true, encoding: .utf8)
    #expect(try sapm(["record", "--json", facts]) == 0)
    // Each account's own signing key, enrolled with its role (the store is signed).
    func config(_ user: String) throws -> String {
      let dir = officer.home + "/config-\(user)"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      if let pw = getpwnam(user) { chown(dir, pw.pointee.pw_uid, pw.pointee.pw_gid) }
      chmod(dir, 0o700)
      return dir
    }
    func publicKey(_ user: String) throws -> String {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
      p.arguments = [
        "-u", user, "--", "/usr/bin/env", "XDG_CONFIG_HOME=\(try config(user))", accounts.binary("sapm"),
        "identity",
        "--public",
      ]
      let out = Pipe()
      p.standardOutput = out
      p.standardError = FileHandle.nullDevice
      try p.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(
      try sapm(["roles", "grant", accounts.officer, "officer", "--key", publicKey(accounts.officer)]) == 0)
    #expect(
      try sapm([
        "roles", "grant", accounts.approver1, "approver", "--region", "europe", "--key",
        publicKey(accounts.approver1),
      ]) == 0)

    for (tmux, user) in [(officer, accounts.officer), (approver, accounts.approver1)] {
      try tmux.type(
        "runuser -u \(user) -- env XDG_CONFIG_HOME=\(try config(user)) \(accounts.binary("sapm")) --store \(store)"
      )
      try tmux.keys("Enter")
      try tmux.waitFor("[4] Ukraine")
    }
    try approver.type("p")
    try approver.waitFor("Waiting on me (0)")

    // The officer: Poland → its program → N → the form.
    try officer.keys("Enter")
    try officer.waitFor("PL-FMF-001")
    try officer.keys("Enter")
    try officer.waitFor("PL-FMF-001 · Summary")
    try officer.type("N")
    try officer.waitFor("Raise a request — PL-FMF-001")
    try officer.keys("Down")
    try officer.type("25M")
    // Only release-funds' fields are shown: Amount, Fiscal year, then the justification.
    for _ in 0..<2 { try officer.keys("Down") }
    try officer.type("Spares for the F-16 fleet")
    try officer.keys("Enter")
    try officer.waitFor(
      "recorded: raise a release-funds request on PL-FMF-001: RQ-0001 as \(accounts.officer)")

    // The approver sees it within a second, opens it and approves through the dialog.
    let (_, waited) = try approver.waitFor("Waiting on me (1)", timeout: 5)
    #expect(waited < 1.0, "took \(waited) s")
    try approver.keys("Enter")
    try approver.waitFor("✔ Funds")
    try approver.type("A")
    try approver.waitFor(
      "Approve RQ-0001 · Release funds · Poland · $25.0M (checks pass)? (y/n, m adds a note)")
    try approver.type("y")
    try approver.waitFor("recorded: approve RQ-0001 as \(accounts.approver1)")
    // And the officer's own screen follows: the request is approved.
    try officer.keys("]", "]", "]", "]", "]", "]")
    try officer.waitFor("approved")
    // The officer cannot approve it, and says why.
    try officer.quit()
    try approver.quit()
  }
}
