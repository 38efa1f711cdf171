import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store
import Testing

@testable import Session

/// The seven attacks of issue 21 ("authority where the portfolio is decided"), each
/// written the way a group member with write access to the file would: a canonical
/// record with the right `seq` and `prev`, unsigned or signed with their own enrolled
/// key. Each must leave the portfolio as it was, raise a critical alert, and make
/// `sapm verify` fail. (The checkpoint attack is in CheckpointTests.)
@Suite(.serialized) struct AuthorityAttackTests {
  typealias Team = SignatureTests.Team

  /// The team plus a viewer and an approver for Ukraine only, with keys.
  func team() throws -> Team {
    let team = try Team()
    let admin = try team.session("admin")
    admin.keyPath = team.keyPath("admin")
    for (user, role, regions) in [("vic", Role.viewer, [Region]()), ("uma", .approver, [.ukraine])] {
      let key = try IdentityKey.loadOrCreate(path: team.keyPath(user)).publicKeyHex
      try admin.perform(GrantRole(user: user, role: role, regions: regions, key: key), today: team.today)
    }
    return team
  }

  func key(_ team: Team, _ user: String) throws -> RecordSigner {
    try #require(try IdentityKey.load(path: team.keyPath(user)))
  }

  func bytes(_ team: Team) -> Data { FileManager.default.contents(atPath: team.location.path) ?? Data() }

  /// Verify fails and names the record as written without authority.
  func expectVerifyFails(_ team: Team, naming sequence: Int) throws {
    let outcome = try team.verify()
    #expect(outcome.unauthorizedCount >= 1)
    #expect(outcome.notApplied.contains { $0.sequence == sequence && $0.unauthorized })
  }

  @Test func liftingFourEyesWithAForgedPolicyChangeDoesNotCount() throws {
    let team = try team()
    defer { team.cleanUp() }
    let before = try team.session("admin").portfolio.policy
    // Unsigned, and signed with the officer's own enrolled key.
    try team.forge(PolicyChanged(setting: "approval.two.amount", value: 1e12), actor: "olga", signer: nil)
    try team.forge(
      PolicyChanged(setting: "approval.two.amount", value: 1e12), actor: "olga", signer: try key(team, "olga")
    )
    let forged = team.lines.count
    try team.raise()  // $150M
    try team.session("alice").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    let p = try team.session("admin").portfolio
    #expect(p.policy == before)
    #expect(p.requests["RQ-0001"]?.state == .submitted, "one approval is not enough for $150M")
    #expect(p.requests["RQ-0001"]?.approvalsNeeded == 2)
    let alerts = p.alerts(on: team.today).filter { $0.rule == .recordNotAuthorized }
    #expect(
      alerts.map(\.id.description).sorted() == [
        "record-not-authorized/store/\(forged - 1)", "record-not-authorized/store/\(forged)",
      ])
    #expect(alerts.allSatisfy { $0.severity == .critical })
    try expectVerifyFails(team, naming: forged)
  }

  @Test func aViewerWritesNoFactsThroughSapmNorIntoTheFile() throws {
    let team = try team()
    defer { team.cleanUp() }
    let vic = try team.session("vic")
    let before = bytes(team)
    let facts: [any EventPayload] = [
      FundsObligated(program: "P1", fiscalYear: team.today.fiscalYear, amount: .million(300), on: team.today),
      FundsMadeAvailable(program: "P1", fiscalYear: team.today.fiscalYear + 1, amount: .million(300)),
      ProgramSunsetChanged(program: "P1", sunset: try #require(Day("2099-01-01"))),
    ]
    for fact in facts {
      #expect(throws: Rejection.self) { try vic.perform(RecordEvents([("line 1", fact)]), today: team.today) }
    }
    #expect(bytes(team) == before, "a refused command leaves the store byte-identical")
    // The same obligation written into the file, signed with the viewer's enrolled key.
    try team.forge(facts[0], actor: "vic", signer: try key(team, "vic"))
    let p = try team.session("admin").portfolio
    #expect(p.programs["P1"]?.obligated == .zero)
    let alert = try #require(p.alerts(on: team.today).first { $0.rule == .recordNotAuthorized })
    #expect(alert.id.program == "P1" && alert.severity == .critical)
    #expect(alert.message.contains("vic may not write funds.obligated"), "\(alert.message)")
    try expectVerifyFails(team, naming: team.lines.count)
  }

  @Test func aLaterStoreCreatedRecordDoesNotMakeADemo() throws {
    let team = try team()
    defer { team.cleanUp() }
    try team.forge(StoreCreated(name: "demo", demo: true), actor: "olga", signer: nil)
    let olga = try team.session("olga")
    #expect(!olga.portfolio.isDemo)
    #expect(olga.portfolio.name == "team")
    #expect(throws: ActingRefused.self) { try olga.act(as: "alice") }
    try expectVerifyFails(team, naming: team.lines.count)
  }

  @Test func anApproverForOneRegionCannotMoveAPartnerIntoIt() throws {
    let team = try team()
    defer { team.cleanUp() }
    try team.raise()
    let uma = try team.session("uma")
    #expect(throws: Rejection.self) {
      try uma.perform(
        RecordEvents([("", PartnerRegistered(code: "PL", name: "Poland", region: .ukraine, tier: .natoPlus5))]
        ),
        today: team.today)
    }
    try team.forge(
      PartnerRegistered(code: "PL", name: "Poland", region: .ukraine, tier: .natoPlus5), actor: "uma",
      signer: try key(team, "uma"))
    let moved = team.lines.count
    #expect(try team.session("admin").portfolio.partners["PL"]?.region == .europe)
    #expect(throws: Rejection.self) {
      try team.session("uma").perform(StepRequest(id: "RQ-0001", to: .approved), today: team.today)
    }
    // Her approval of the Europe request written by hand: not counted either.
    try team.forge(
      RequestStepTaken(id: "RQ-0001", program: "P1", state: .approved), actor: "uma",
      signer: try key(team, "uma"))
    let p = try team.session("admin").portfolio
    #expect(p.requests["RQ-0001"]?.approvals == [])
    try expectVerifyFails(team, naming: moved)
  }

  @Test func aRecordInAnothersNameOrUnsignedDoesNotCount() throws {
    let team = try team()
    defer { team.cleanUp() }
    let obligation = FundsObligated(
      program: "P1", fiscalYear: team.today.fiscalYear, amount: .million(10), on: team.today)
    try team.forge(obligation, actor: "alice", signer: try key(team, "olga"))
    try team.forge(obligation, actor: "olga", signer: nil)
    let p = try team.session("admin").portfolio
    #expect(p.programs["P1"]?.obligated == .zero)
    let reasons = p.skipped.filter(\.unauthorized).map(\.reason)
    #expect(reasons.contains { $0.contains("names alice but is signed by another key") }, "\(reasons)")
    #expect(reasons.contains { $0.contains("by olga is not signed by a valid key") }, "\(reasons)")
    try expectVerifyFails(team, naming: team.lines.count)
  }

  @Test func aViewerCannotSilenceTheAlarm() throws {
    let team = try team()
    defer { team.cleanUp() }
    try team.forge(PolicyChanged(setting: "approval.two.amount", value: 1e12), actor: "vic", signer: nil)
    let forgery = "record-not-authorized/store/\(team.lines.count)"
    // The store's alert and a program's critical alert: both refused to a viewer.
    #expect(throws: Rejection.self) {
      try team.session("vic").perform(AcknowledgeAlert(alert: forgery, note: "fine"), today: team.today)
    }
    try team.forge(
      FundsObligated(program: "P1", fiscalYear: team.today.fiscalYear, amount: .million(1), on: team.today),
      actor: "vic", signer: try key(team, "vic"))
    let onProgram = "record-not-authorized/P1/\(team.lines.count)"
    let snapshot = bytes(team)
    #expect(throws: Rejection.self) {
      try team.session("vic").perform(AcknowledgeAlert(alert: onProgram, note: "fine"), today: team.today)
    }
    #expect(bytes(team) == snapshot)
    // An officer may not acknowledge the store's own alert; a viewer's forged
    // acknowledgement does not count.
    #expect(throws: Rejection.self) {
      try team.session("olga").perform(AcknowledgeAlert(alert: forgery, note: "fine"), today: team.today)
    }
    try team.forge(
      AlertAcknowledged(alert: forgery, note: "fine"), actor: "vic", signer: try key(team, "vic"))
    var p = try team.session("admin").portfolio
    #expect(p.acknowledgements[forgery] == nil)
    // An administrator acknowledges it with a note: it stays listed.
    let admin = try team.session("admin")
    admin.keyPath = team.keyPath("admin")
    try admin.perform(
      AcknowledgeAlert(alert: forgery, note: "olga's laptop; keys replaced"), today: team.today)
    p = try team.session("admin").portfolio
    let alert = try #require(p.alerts(on: team.today).first { $0.id.description == forgery })
    #expect(!alert.isOpen && alert.isListed)
  }

  /// The table the commands and the fold share: viewers author nothing.
  @Test func viewersAuthorNothingInTheTable() throws {
    let team = try team()
    defer { team.cleanUp() }
    let p = try team.session("admin").portfolio
    #expect(WriteAuthority.rows.count == EventRegistry.types.count)
    let samples: [any EventPayload] = [
      FundsObligated(program: "P1", fiscalYear: 2027, amount: .million(1), on: team.today),
      PolicyChanged(setting: "approval.two.amount", value: 1),
      RequestStepTaken(id: "RQ-0001", program: "P1", state: .approved),
      AlertAcknowledged(alert: "approval-stale/P1/RQ-0001", note: "x"),
      UnitRegistered(id: "U1", partner: "PL", name: "unit"),
    ]
    for event in samples {
      #expect(WriteAuthority.problem(writing: event, as: "vic", sequence: 99, in: p) != nil)
    }
    #expect(WriteAuthority.problem(writing: samples[0], as: "olga", sequence: 99, in: p) == nil)
    #expect(WriteAuthority.problem(writing: samples[1], as: "olga", sequence: 99, in: p) != nil)
    #expect(WriteAuthority.problem(writing: samples[2], as: "alice", sequence: 99, in: p) == nil)
    #expect(WriteAuthority.problem(writing: samples[2], as: "uma", sequence: 99, in: p) != nil)
  }
}
