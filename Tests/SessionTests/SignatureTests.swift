import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store
import Testing

@testable import Session

/// Signed events: every forgery of issue 14 is tried and must be named — by
/// `sapm verify`'s signature pass, by the fold (a step that does not count), or at open
/// (rollback, fork) — and a third party's verifier, written from the docs with another
/// Ed25519 implementation, must agree.
@Suite(.serialized) struct SignatureTests {
  /// A signed store with an admin, an officer and two approvers, each with a key.
  struct Team {
    let dir: String
    let location: StoreLocation
    let today = Day(ordinal: Timestamp.now().dayOrdinal)

    init() throws {
      dir = NSTemporaryDirectory() + "sapm-sig-\(UUID().uuidString)"
      location = StoreLocation(path: dir + "/team.sapm", source: .flag)
      let admin = try Session.create(
        location, name: "team", demo: false, user: "admin", keyPath: keyPath("admin"))
      admin.seenHeads = nil
      try admin.perform(
        RecordEvents([
          ("", PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)),
          (
            "",
            ProgramCreated(
              id: "P1", partner: "PL", kind: .fmf, title: "FMF", start: today.adding(days: -100), sunset: nil)
          ),
          ("", FundsMadeAvailable(program: "P1", fiscalYear: today.fiscalYear, amount: .million(500))),
          (
            "",
            CNTransmitted(
              number: "CN 1", partner: "PL", account: "FMF", fiscalYear: today.fiscalYear,
              amount: .million(500),
              purpose: "FMF as justified", on: today.adding(days: -100))
          ),
        ]), today: today)
      for (user, role) in [("olga", Role.officer), ("alice", .approver), ("bob", .approver)] {
        let key = try IdentityKey.loadOrCreate(path: keyPath(user)).publicKeyHex
        try admin.perform(GrantRole(user: user, role: role, key: key), today: today)
      }
    }

    func keyPath(_ user: String) -> String { dir + "/keys/\(user)/ed25519" }

    func session(_ user: String, seen: Bool = false) throws -> Session {
      let s = try Session.open(
        location, readOnly: false, user: user,
        seenHeads: seen ? SeenHeads(directory: dir + "/state/\(user)") : nil)
      s.keyPath = keyPath(user)
      return s
    }

    func raise(_ amount: Dollars = .million(150)) throws {
      try session("olga").perform(
        RaiseRequest(
          program: "P1", kind: .releaseFunds, amount: amount, fiscalYear: today.fiscalYear,
          justification: "spares", submit: true), today: today)
    }

    var lines: [[UInt8]] {
      let data = FileManager.default.contents(atPath: location.path) ?? Data()
      return data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    func write(_ lines: [[UInt8]]) {
      let bytes: [UInt8] = lines.flatMap { $0 + [UInt8(0x0A)] }
      FileManager.default.createFile(atPath: location.path, contents: Data(bytes))
    }

    func record(_ line: [UInt8]) throws -> Record {
      try line.withUnsafeBufferPointer { (b) throws(RecordError) in try Record.parse(line: b) }
    }

    /// Appends a record written straight into the file: chained correctly, signed by
    /// `signer` (or not), in the name of `actor` — what anyone who can write the file
    /// can do without sapm.
    func forge(_ event: any EventPayload, actor: String, signer: RecordSigner?) throws {
      let log = try EventLog.open(at: location.path, readOnly: false)
      try log.append(
        RecordDraft(
          type: type(of: event).type, actor: actor, payload: try EventRegistry.encode(event), signer: signer))
    }

    func verify() throws -> VerifyOutcome {
      try VerifyOutcome.verify(location, seen: SeenHeads(directory: dir + "/state/verify"))
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: dir) }
  }

  @Test func aSignedStoreVerifiesAndTheThirdPartyAgrees() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()
    try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    let outcome = try team.verify()
    #expect(outcome.isSound)
    let sig = try #require(outcome.signatures)
    #expect(sig.unsigned == 0 && sig.problemCount == 0 && sig.signed == sig.records)
    #expect(sig.trusts(IdentityKey.fingerprint(try #require(sig.creatorKey))))
    #expect(!sig.trusts("0000:0000:0000:0000:0000:0000:0000:0000"))
    let third = try thirdParty(team.location.path)
    #expect(third.status == 0, "\(third.out)")
    #expect(
      third.out.contains("records \(sig.records) signed \(sig.records) unsigned 0 problems 0"), "\(third.out)"
    )
    // The approval counts, and says it was signed.
    let r = try team.session("olga").portfolio.requests["RQ-0001"]
    #expect(r?.approvals == ["alice"])
    #expect(r?.steps.last?.signed == true)
  }

  @Test func anEditedRecordReChainedBreaksEverySignatureAfterIt() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()
    var lines = team.lines
    // Record 4 (funds made available, $500M) becomes $999M; every later prev recomputed.
    var edited = try team.record(lines[3])
    #expect(edited.type == "funds.available")
    guard case .object(let members) = edited.payload else { return }
    edited.payload = .object(members.map { $0.key == "amount" ? .init("amount", .int(999_000_000)) : $0 })
    lines[3] = edited.line
    for i in 4..<lines.count {
      var r = try team.record(lines[i])
      r.prev = try team.record(lines[i - 1]).lineHashHex
      lines[i] = r.line
    }
    team.write(lines)
    let outcome = try team.verify()
    #expect(outcome.firstBad == nil)  // the chain alone is fooled …
    let sig = try #require(outcome.signatures)
    #expect(!outcome.isSound)  // … the signatures are not
    #expect(sig.problems.first?.sequence == 4)
    #expect(sig.problems.first?.reason.contains("changed after it was signed") == true)
    #expect(sig.problemCount == lines.count - 3, "every record from 4 on")
    let third = try thirdParty(team.location.path)
    #expect(third.status == 1)
    #expect(third.out.contains("record 4: bad signature"))
    #expect(third.out.contains("problems \(lines.count - 3)"), "\(third.out)")
  }

  @Test func verifyingAgainChecksOnlyWhatCameAfterUnlessThePastChanged() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let first = try #require(try team.verify().signatures)
    #expect(first.verifiedBefore == 0 && first.problemCount == 0)
    try team.raise()
    let second = try #require(try team.verify().signatures)
    #expect(second.verifiedBefore == first.records)
    #expect(second.signed == second.records)
    // An edit before the verified position, re-chained: the hash there differs, so
    // every signature is checked again and the edit is named.
    var lines = team.lines
    var r = try team.record(lines[1])
    r.actor = "mallory"
    lines[1] = r.line
    for i in 2..<lines.count {
      var next = try team.record(lines[i])
      next.prev = try team.record(lines[i - 1]).lineHashHex
      lines[i] = next.line
    }
    team.write(lines)
    let third = try #require(try team.verify().signatures)
    #expect(third.verifiedBefore == 0)
    #expect(third.problems.first?.sequence == 2)
  }

  @Test func anApprovalUnderAnotherNameNeitherCountsNorVerifies() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()  // $150M: two approvers needed
    try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    // Alice writes a second approval into the file in Bob's name, signed with her own
    // key; and one unsigned.
    let alice = try #require(try IdentityKey.load(path: team.keyPath("alice")))
    let step = RequestStepTaken(id: "RQ-0001", program: "P1", state: .approved)
    try team.forge(step, actor: "bob", signer: alice)
    try team.forge(step, actor: "bob", signer: nil)
    let p = try team.session("olga").portfolio
    #expect(p.requests["RQ-0001"]?.state == .submitted)  // still one approval short
    #expect(p.requests["RQ-0001"]?.approvals == ["alice"])
    let reasons = p.skipped.map(\.reason)
    #expect(reasons.contains { $0.contains("signed by another key than bob's enrolled one") }, "\(reasons)")
    #expect(reasons.contains { $0.contains("by bob is not signed by a valid key") })
    #expect(p.alerts(on: team.today).contains { $0.rule == .recordNotAuthorized && $0.severity == .critical })
    let outcome = try team.verify()
    let sig = try #require(outcome.signatures)
    #expect(!outcome.isSound)
    let last = team.lines.count
    #expect(sig.problems.map(\.sequence) == [last - 1])
    #expect(sig.problems.first?.reason.contains("bob's enrolled key at this record is") == true)
    #expect(sig.unsignedRanges == [last...last])
    #expect(try thirdParty(team.location.path).out.contains("record \(last - 1): key not enrolled for bob"))
  }

  @Test func aRevokedKeyStillVerifiesItsPastButNotItsFuture() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()
    try team.session("bob").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    let before = team.lines.count
    try team.session("admin").perform(RevokeRole(user: "bob", role: .approver), today: team.today)
    // Bob keeps his key file and writes on: refused by sapm …
    #expect(throws: Rejection.self) {
      try team.session("bob").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    }
    // … and by hand, signed with the revoked key, named and not counted.
    let bob = try #require(try IdentityKey.load(path: team.keyPath("bob")))
    try team.forge(
      AlertAcknowledged(alert: "approval-stale/P1/RQ-0001", note: "x"), actor: "bob", signer: bob)
    let sig = try #require(try team.verify().signatures)
    #expect(sig.problems.map(\.sequence) == [before + 2])
    #expect(sig.problems.first?.reason.contains("bob has no enrolled key at this record") == true)
    #expect(sig.signed == before + 1)  // his approval before the revocation still verifies
  }

  @Test func aRoleGrantedByAnOfficerInTheFileDoesNotCount() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let olga = try #require(try IdentityKey.load(path: team.keyPath("olga")))
    try team.forge(RoleGranted(user: "olga", role: .admin), actor: "olga", signer: olga)
    let p = try team.session("admin").portfolio
    #expect(p.roster.highestRole(of: "olga") == .officer)
    #expect(p.skipped.last?.reason.contains("only an administrator may write role.granted") == true)
  }

  @Test func cuttingOffTheNewestRecordsIsSeenAsARollback() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()
    _ = try team.session("alice", seen: true)  // Alice has seen every record
    let all = team.lines
    team.write(Array(all.dropLast(2)))
    let reopened = try team.session("alice", seen: true)
    let alert = try #require(reopened.portfolio.alerts(on: team.today).first { $0.rule == .storeRollback })
    #expect(alert.severity == .critical)
    #expect(alert.id.description == "store-rollback/store/\(all.count)")
    #expect(
      alert.message.contains("ends at record \(all.count - 2), but this account saw record \(all.count)"))
    // Someone who never saw them cannot tell: only the people who did.
    #expect(try team.session("bob", seen: true).portfolio.integrity.isEmpty)
    // `sapm alerts`' exit code: a critical alert.
    #expect(reopened.portfolio.alerts(on: team.today).contains { $0.isOpen && $0.severity == .critical })
  }

  @Test func aDifferentHistoryIsSeenAsAFork() throws {
    let team = try Team()
    defer { team.cleanUp() }
    try team.raise()
    _ = try team.session("alice", seen: true)
    let n = team.lines.count
    // Replace the last request (raised and submitted: two records) by another,
    // properly chained and signed by its author.
    team.write(Array(team.lines.dropLast(2)))
    try team.raise(.million(1))
    #expect(team.lines.count == n)
    let reopened = try team.session("alice", seen: true)
    let fork = try #require(reopened.portfolio.integrity.first)
    #expect(fork.kind == .fork && fork.sequence == n)
    #expect(
      reopened.portfolio.alerts(on: team.today).contains { $0.id.description == "store-fork/store/\(n)" })
  }

  @Test func keyFilesOthersCanReadAreRefused() throws {
    let dir = NSTemporaryDirectory() + "sapm-key-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/identity/ed25519"
    _ = try IdentityKey.loadOrCreate(path: path)
    var st = stat()
    #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
    #expect(stat(dir + "/identity", &st) == 0 && st.st_mode & 0o777 == 0o700)
    chmod(path, 0o644)
    #expect {
      _ = try IdentityKey.load(path: path)
    } throws: { "\($0)".contains("has mode 644") && "\($0)".contains("chmod 600") }
    chmod(path, 0o600)
    chmod(dir + "/identity", 0o755)
    #expect {
      _ = try IdentityKey.load(path: path)
    } throws: { "\($0)".contains("has mode 755") }
    chmod(dir + "/identity", 0o700)
    try "sapm ed25519 private key v1\nnot hex\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect {
      _ = try IdentityKey.load(path: path)
    } throws: { "\($0)".contains("is not a sapm signing key") }
  }

  /// Runs the Python verifier of Tests/Fixtures (the `cryptography` package).
  func thirdParty(_ store: String) throws -> (status: Int32, out: String) {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/verify-signatures.py").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, store]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
