import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store
import Testing

@testable import Session

/// Issue 22: approvals govern the money. On a signed store with real keys, no
/// obligation is written without the approvals it needs — not through sapm, not by hand.
@Suite(.serialized) struct GatedFactTests {
  typealias Team = SignatureTests.Team

  func bytes(_ team: Team) -> Data { FileManager.default.contents(atPath: team.location.path) ?? Data() }

  @Test func anOfficersDirectObligationIsRefusedAndAnExecutedRequestWritesIt() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let fy = team.today.fiscalYear
    let olga = try team.session("olga")
    let before = bytes(team)
    for command in [
      ObligateFunds(program: "P1", fiscalYear: fy, amount: .million(200), on: team.today) as any Command,
      RecordEvents([
        ("", FundsObligated(program: "P1", fiscalYear: fy, amount: .million(200), on: team.today))
      ]),
    ] {
      #expect {
        try olga.perform(command, today: team.today)
      } throws: { error in
        "\(error)".contains("written only by executing an approved release-funds request")
          && "\(error)".contains("sapm request new P1 --kind release-funds --amount 200000000 --fy \(fy)")
      }
    }
    #expect(bytes(team) == before, "refused: the store byte-identical")

    try team.raise()  // $150M, submitted
    try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    #expect(throws: Rejection.self) {
      try team.session("olga").perform(StepRequest(id: "RQ-0001", to: .executed), today: team.today)
    }
    try team.session("bob").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    let executed = try team.session("olga").perform(
      StepRequest(id: "RQ-0001", to: .executed), today: team.today)
    let obligation = try #require(executed.last)
    #expect(obligation.type == "funds.obligated")
    #expect(obligation.payload["request"]?.stringValue == "RQ-0001")
    let p = try team.session("admin").portfolio
    #expect(p.programs["P1"]?.obligated == .million(150))
    #expect(p.requests["RQ-0001"]?.carriedOutBy == obligation.sequence)
    #expect(p.unauthorizedCount == 0)
  }

  @Test func aHandWrittenObligationSignedWithTheOfficersOwnKeyDoesNotCount() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let fy = team.today.fiscalYear
    let olga = try #require(try IdentityKey.load(path: team.keyPath("olga")))
    try team.forge(
      FundsObligated(program: "P1", fiscalYear: fy, amount: .million(200), on: team.today), actor: "olga",
      signer: olga)
    let forged = team.lines.count
    var p = try team.session("admin").portfolio
    #expect(p.programs["P1"]?.obligated == .zero)
    let alert = try #require(p.alerts(on: team.today).first { $0.rule == .unapprovedFact })
    #expect(alert.severity == .critical && alert.id.description == "unapproved-fact/P1/\(forged)")
    let outcome = try team.verify()
    #expect(outcome.unauthorizedCount == 1)
    #expect(outcome.notApplied.contains { $0.sequence == forged && $0.unapproved })

    // Naming an executed request does not let it count twice.
    try team.raise(.million(50))
    try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    try team.session("olga").perform(StepRequest(id: "RQ-0001", to: .executed), today: team.today)
    try team.forge(
      FundsObligated(program: "P1", fiscalYear: fy, amount: .million(50), on: team.today, request: "RQ-0001"),
      actor: "olga", signer: olga)
    p = try team.session("admin").portfolio
    #expect(p.programs["P1"]?.obligated == .million(50), "the request's own obligation, once")
    #expect(
      p.skipped.last?.reason.contains("already carried it out") == true, "\(p.skipped.last?.reason ?? "")")
  }

  @Test func anAdministratorCannotApproveTheirOwnRequest() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let admin = try team.session("admin")
    admin.keyPath = team.keyPath("admin")
    try admin.perform(
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(5), fiscalYear: team.today.fiscalYear,
        justification: "x", submit: true), today: team.today)
    #expect(throws: Rejection.self) {
      try admin.perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    }
  }
}

/// A change of a policy value is itself gated: an administrator raises it, another
/// approves it, and only then is it executed — nobody lifts four eyes alone.
@Suite(.serialized) struct PolicyChangeRequestTests {
  typealias Team = SignatureTests.Team

  @Test func anAdministratorCannotApproveTheirOwnPolicyChange() throws {
    let team = try Team()
    defer { team.cleanUp() }
    let admin = try team.session("admin")
    admin.keyPath = team.keyPath("admin")
    // Directly, even an administrator is refused, and told which request to raise.
    #expect {
      try admin.perform(
        RecordEvents([("", PolicyChanged(setting: "approval.two.amount", value: 1e12))]), today: team.today)
    } throws: { error in
      "\(error)".contains("--kind change-policy --setting approval.two.amount --value 1000000000000.0")
    }
    try admin.perform(
      RaiseRequest(
        program: Request.policyProgram, kind: .changePolicy, justification: "raise the threshold",
        submit: true,
        setting: "approval.two.amount", value: 2e8), today: team.today)
    #expect {
      try admin.perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    } throws: { error in
      "\(error)".contains("raised RQ-0001 and cannot approve it (four eyes)")
    }
    // Approvers of a region may not decide a change of policy.
    #expect(throws: Rejection.self) {
      try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    }
    // A second administrator, with a key.
    let key = try IdentityKey.loadOrCreate(path: team.keyPath("ada")).publicKeyHex
    try admin.perform(GrantRole(user: "ada", role: .admin, key: key), today: team.today)
    let ada = try team.session("ada")
    try ada.perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    let executor = try team.session("admin")  // one that has read ada's approval
    executor.keyPath = team.keyPath("admin")
    let executed = try executor.perform(StepRequest(id: "RQ-0001", to: .executed), today: team.today)
    #expect(executed.last?.payload["request"]?.stringValue == "RQ-0001")
    let p = try team.session("olga").portfolio
    #expect(p.policy.twoApproverAmount == .million(200))
    #expect(p.unauthorizedCount == 0)
  }
}

/// A record this process just signed is not checked a second time when read back — but
/// only when it is the very line written: the same signature on other content is checked.
@Suite struct JustSignedTests {
  @Test func onlyTheVeryLineWrittenIsKnownGood() throws {
    let (signer, _) = try RecordSigner.generate()
    var record = Record(
      sequence: 7, at: Timestamp(dayOrdinal: 20_000), actor: "olga", type: "funds.disbursed", version: 1,
      payload: .object([.init("amount", .int(5))]), prev: Record.genesis)
    record.key = signer.publicKeyHex
    record.sig = try signer.sign(record.signedBytes)
    let known = [7: record.lineHashHex]
    #expect(SignatureReport.knownCheck(record, known) == .valid(key: signer.publicKeyHex))
    var forged = record
    forged.payload = .object([.init("amount", .int(500_000_000))])
    #expect(SignatureReport.knownCheck(forged, known) == nil)
    #expect(forged.checkSignature() == .invalid)
    #expect(SignatureReport.parallelChecks([forged], known: known) == [.invalid])
  }
}

/// Signing with libsodium gives the very bytes swift-crypto gives (Ed25519 is
/// deterministic), so stores signed before and after read the same.
@Suite struct SigningImplementationsTests {
  @Test func libsodiumAndSwiftCryptoSignAlike() throws {
    let (signer, _) = try RecordSigner.generate()
    for message in [[UInt8](), Array("record".utf8), [UInt8](repeating: 7, count: 5000)] {
      #expect(try signer.sign(message) == signer.signWithSwiftCrypto(message))
    }
  }
}
