import Testing

@testable import Portfolio

/// The approval workflow: transitions, roles and regions, four eyes, the roster's
/// rules and every check, each allowed and refused.
@Suite struct ApprovalTests {
  /// A store by `boss` with an officer and approvers, an FMF program in Poland with
  /// $500M of FY2025 funds and a Ukrainian program with a unit.
  static func office() -> Ledger {
    var l = Ledger()
    l.add(StoreCreated(name: "t", demo: false), on: "2024-01-01", actor: "boss")
    for (user, role, regions) in [
      ("olga", Role.officer, [Region]()), ("anna", .approver, []), ("ben", .approver, []),
      ("eve", .approver, [.ukraine]), ("uma", .officer, [.ukraine]), ("vic", .viewer, []),
    ] {
      l.add(RoleGranted(user: user, role: role, regions: regions), on: "2024-01-01", actor: "boss")
    }
    l.add(PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5), on: "2024-01-01")
    l.add(PartnerRegistered(code: "UA", name: "Ukraine", region: .ukraine, tier: .other), on: "2024-01-01")
    l.add(
      ProgramCreated(
        id: "P1", partner: "PL", kind: .fmf, title: "FMF", start: l.day("2024-10-01"),
        sunset: l.day("2027-09-30")), on: "2024-10-01")
    l.add(
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2025, amount: .million(500), availableUntil: l.day("2026-09-30")),
      on: "2024-10-01")
    // Notified to Congress, and cleared, for more than any request here asks (FAA §634A).
    l.add(
      CNTransmitted(
        number: "CN 25-001", partner: "PL", account: "FMF", fiscalYear: 2025, amount: .billion(1),
        purpose: "FY2025 FMF", on: l.day("2024-10-02")), on: "2024-10-02")
    l.add(
      ProgramCreated(
        id: "U1", partner: "UA", kind: .securityCooperation, title: "Training", start: l.day("2024-10-01"),
        sunset: l.day("2026-03-31")), on: "2024-10-01")
    l.add(UnitRegistered(id: "UA-U-1", partner: "UA", name: "1st Brigade"), on: "2024-10-01")
    return l
  }

  static let today = "2025-06-02"

  @discardableResult
  static func act(_ l: inout Ledger, _ c: any Command, _ actor: String, on day: String = today) -> [String] {
    switch c.decide(l.portfolio, actor: actor, today: l.day(day)) {
    case .reject(let r): return r.reasons
    case .accept(let events):
      for e in events { l.add(e, on: day, actor: actor) }
      return []
    }
  }

  static func release(_ amount: Dollars, fy: Int = 2025) -> RaiseRequest {
    RaiseRequest(program: "P1", kind: .releaseFunds, amount: amount, fiscalYear: fy, justification: "needed")
  }

  @Test func theWholeWayAndEveryTransitionRefusedOutsideIt() {
    var l = Self.office()
    #expect(Self.act(&l, Self.release(.million(50)), "olga").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.state == .draft)
    // A draft cannot be approved, rejected or executed.
    for state in [RequestState.approved, .executed] {
      let reasons = Self.act(&l, StepRequest(id: "RQ-0001", to: state), "anna")
      #expect(
        reasons.contains { $0.contains("it is draft; from draft it can only be submitted") }, "\(reasons)")
    }
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .submitted), "olga").isEmpty)
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .executed), "olga").contains {
        $0.contains("from submitted it can only be approved or rejected or returned")
      })
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved, reason: "ok"), "anna").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.state == .approved)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .executed), "olga").isEmpty)
    // Executing records the effect: an obligation of the released amount.
    #expect(l.portfolio.programs["P1"]?.funding.first?.obligated == .million(50))
    #expect(l.portfolio.requests["RQ-0001"]?.state == .executed)
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .returned, reason: "x"), "anna").contains {
        $0.contains("executed is final")
      })
  }

  @Test func rejectedIsFinalAndRejectAndReturnNeedAReason() {
    var l = Self.office()
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(5), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    for state in [RequestState.rejected, .returned] {
      #expect(
        Self.act(&l, StepRequest(id: "RQ-0001", to: state, reason: "  "), "anna") == [
          "to \(state.verb) a request, give the reason"
        ])
    }
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .rejected, reason: "duplicate of RQ-9"), "anna").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.steps.last?.reason == "duplicate of RQ-9")
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "ben") == [
        "RQ-0001 cannot be approved: it is rejected; rejected is final"
      ])
    // Written by hand, the fold refuses it too: it is kept, not applied.
    l.add(RequestStepTaken(id: "RQ-0001", program: "P1", state: .approved), on: Self.today, actor: "ben")
    #expect(l.portfolio.requests["RQ-0001"]?.state == .rejected)
    #expect(l.portfolio.skipped.last?.reason.contains("rejected is final") == true)
  }

  @Test func returnedGoesBackToSubmittedAndEarlierApprovalsReset() {
    var l = Self.office()
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(150), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.approvals == ["anna"])
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .returned, reason: "attach the LOA"), "ben").isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .submitted), "olga").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.approvals == [])
    #expect(l.portfolio.requests["RQ-0001"]?.state == .submitted)
  }

  @Test(arguments: [(Int64(99_999_999), 1), (Int64(100_000_000), 2)])
  func fourEyesAtThePolicyAmount(amount: Int64, needed: Int) {
    var l = Self.office()
    l.add(RoleGranted(user: "olga", role: .approver), on: "2024-01-02", actor: "boss")
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: Dollars(amount), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    // The requester never approves their own request, even holding the approver role.
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "olga").contains(
        "olga raised RQ-0001 and cannot approve it (four eyes)"))
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna").isEmpty)
    #expect(l.portfolio.requests["RQ-0001"]?.state == (needed == 1 ? .approved : .submitted))
    if needed == 2 {
      // The same person counts once.
      #expect(
        Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna") == [
          "anna has already approved RQ-0001; it needs a different approver"
        ])
      #expect(l.portfolio.requests["RQ-0001"]?.approvalsMissing == 1)
      #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "ben").isEmpty)
      #expect(l.portfolio.requests["RQ-0001"]?.state == .approved)
    }
    // A hand-written approval by the requester is not applied, and not counted.
    var m = Self.office()
    Self.act(
      &m,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: Dollars(amount), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    m.add(RequestStepTaken(id: "RQ-0001", program: "P1", state: .approved), on: Self.today, actor: "olga")
    #expect(m.portfolio.requests["RQ-0001"]?.approvals == [])
  }

  @Test func rolesAndRegions() {
    var l = Self.office()
    // A viewer, someone not on the roster, and an officer of another region cannot raise.
    for actor in ["vic", "mallory", "uma"] {
      let reasons = Self.act(&l, Self.release(.million(5)), actor)
      #expect(
        reasons.contains { $0.hasPrefix("\(actor) may not raise requests in Europe/NATO") }, "\(reasons)")
    }
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(5), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    // An officer may not approve; an approver for Ukraine may not approve in Europe.
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "uma").contains {
        $0.contains("needs an approver")
      })
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "eve") == [
        "eve may not approve requests in Europe/NATO: it needs an approver (or higher) role there; eve holds approver (Ukraine)"
      ])
    // Only the requester submits.
    Self.act(&l, Self.release(.million(1)), "olga")
    l.add(RoleGranted(user: "uma", role: .officer, regions: [.europe]), on: "2024-01-03", actor: "boss")
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0002", to: .submitted), "uma") == [
        "only olga, who raised RQ-0002, may submit it"
      ])
    // The administrator's role includes approving.
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "boss").isEmpty)
  }

  @Test func theRosterIsAnAdministrators() {
    var l = Self.office()
    #expect(
      Self.act(&l, GrantRole(user: "vic", role: .admin), "vic").sorted() == [
        "nobody grants a role to themselves; another administrator must",
        "only an administrator may grant roles; vic holds viewer",
      ])
    #expect(Self.act(&l, GrantRole(user: "anna", role: .admin), "olga").count == 1)
    #expect(
      Self.act(&l, GrantRole(user: "boss", role: .approver), "boss") == [
        "nobody grants a role to themselves; another administrator must"
      ])
    // The last administrator stays.
    #expect(
      Self.act(&l, RevokeRole(user: "boss", role: .admin), "boss") == [
        "boss is the last administrator; grant admin to someone else first"
      ])
    #expect(Self.act(&l, GrantRole(user: "anna", role: .admin), "boss").isEmpty)
    #expect(Self.act(&l, RevokeRole(user: "boss", role: .admin), "anna").isEmpty)
    #expect(l.portfolio.roster.admins == ["anna"])
    // Regions: widen, narrow, and what cannot be narrowed.
    #expect(Self.act(&l, GrantRole(user: "eve", role: .approver, regions: [.europe]), "anna").isEmpty)
    #expect(l.portfolio.roster.describe("eve") == "approver (Europe/NATO, Ukraine)")
    #expect(Self.act(&l, RevokeRole(user: "eve", role: .approver, regions: [.ukraine]), "anna").isEmpty)
    #expect(l.portfolio.roster.describe("eve") == "approver (Europe/NATO)")
    #expect(
      Self.act(&l, RevokeRole(user: "ben", role: .approver, regions: [.ukraine]), "anna") == [
        "ben holds approver for every region; revoke it and grant the regions that should remain"
      ])
    #expect(
      Self.act(&l, RevokeRole(user: "ben", role: .officer), "anna") == [
        "ben does not hold officer (holds: approver)"
      ])
    #expect(
      Self.act(&l, GrantRole(user: "two words", role: .viewer), "anna") == [
        "'two words' is not an account name (one word, at most 64 characters)"
      ])
    // Written as events through `sapm record`, the same rules hold.
    let record = RecordEvents([("line 1", RoleGranted(user: "vic", role: .admin))])
    #expect(record.decide(l.portfolio, actor: "vic", today: l.day(Self.today)).reasons.count == 2)
  }

  @Test func fundsCheck() {
    var l = Self.office()
    // $900M against $500M available is refused at approval, with the figures.
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(900), fiscalYear: 2025, justification: "j",
        submit: true), "olga")
    let reasons = Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna")
    #expect(reasons == ["Funds: $900.0M asked, FY2025 has $500.0M unobligated of $500.0M"])
    // A fiscal year past its availability fails too, even with money left.
    Self.act(
      &l,
      RaiseRequest(
        program: "P1", kind: .releaseFunds, amount: .million(10), fiscalYear: 2025, justification: "j",
        submit: true), "olga", on: "2026-10-01")
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0002", to: .approved), "anna", on: "2026-10-01") == [
        "Funds: FY2025 funds were available for new obligations until 2026-09-30"
      ])
    #expect(Self.act(&l, StepRequest(id: "RQ-0002", to: .approved), "anna", on: "2026-09-30").isEmpty)
  }

  @Test func leahyCheckAndTheBlockedAlert() {
    var l = Self.office()
    Self.act(
      &l, RaiseRequest(program: "U1", kind: .deliver, units: ["UA-U-1"], justification: "kit", submit: true),
      "uma")
    let r = { l.portfolio.requests["RQ-0001"]! }
    #expect(
      l.portfolio.checks(for: r(), on: l.day(Self.today)).first?.line
        == "✘ Leahy vetting: unit UA-U-1 has not been vetted")
    l.add(
      UnitVetted(
        unit: "UA-U-1", status: .approved, certified: l.day("2025-01-01"), expires: l.day("2025-06-02")),
      on: "2025-01-01")
    #expect(
      l.portfolio.failingChecks(for: r(), on: l.day(Self.today)) == [
        "Leahy vetting: unit UA-U-1 vetting expired 2025-06-02"
      ])
    #expect(l.portfolio.failingChecks(for: r(), on: l.day("2025-06-01")).isEmpty)
    l.add(UnitVetted(unit: "UA-U-1", status: .suspended, certified: l.day("2025-05-01")), on: "2025-05-01")
    #expect(
      Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "eve") == [
        "Leahy vetting: unit UA-U-1 vetting suspended"
      ])
    // The request alone (the unit is not assigned to the program) raises leahy-blocked.
    #expect(l.portfolio.programs["U1"]?.units == [])
    #expect(l.rules(on: Self.today).contains(.leahyBlocked))
    l.add(
      UnitVetted(
        unit: "UA-U-1", status: .approved, certified: l.day("2025-05-20"), expires: l.day("2026-05-20")),
      on: "2025-05-20")
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "eve").isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .executed), "uma").isEmpty)
    #expect(l.portfolio.programs["U1"]?.units == ["UA-U-1"])
  }

  @Test func notificationRestrictionAndSunsetChecks() {
    var l = Self.office()
    l.add(
      ProgramCreated(id: "F1", partner: "PL", kind: .fms, title: "Case", start: l.day("2024-10-01")),
      on: "2024-10-01")
    l.add(
      CaseOpened(
        program: "F1", identifier: "PL-D-ABC", caseType: .definedOrder, lorReceived: l.day("2024-10-01")),
      on: "2024-10-01")
    l.add(CaseLineAdded(program: "F1", line: line(1, mde: true, value: .million(30))), on: "2024-10-02")
    Self.act(&l, RaiseRequest(program: "F1", kind: .offerLOA, justification: "offer", submit: true), "olga")
    let r = { l.portfolio.requests["RQ-0001"]! }
    #expect(r().amount == .million(30))
    #expect(
      l.portfolio.failingChecks(for: r(), on: l.day(Self.today)).first?.hasPrefix(
        "§36(b) notification: case PL-D-ABC $30.0M (MDE $30.0M) meets the NATO+5 threshold") == true)
    l.add(CaseNotified(program: "F1", transmittal: "25-01", delivered: l.day("2025-05-25")), on: "2025-05-25")
    #expect(
      l.portfolio.failingChecks(for: r(), on: l.day(Self.today)) == [
        "§36(b) notification: transmittal 25-01 delivered 2025-05-25; review runs until 2025-06-09"
      ])
    #expect(l.portfolio.failingChecks(for: r(), on: l.day("2025-06-09")).isEmpty)
    // A restriction without a waiver fails; a program waiver passes.
    l.add(RestrictionImposed(partner: "PL", kind: .brooke, since: l.day("2025-06-01")), on: "2025-06-01")
    #expect(
      l.portfolio.failingChecks(for: r(), on: l.day("2025-06-09")) == [
        "Country restrictions: Poland under §7012 Brooke since 2025-06-01, no waiver for F1"
      ])
    l.add(
      RestrictionWaived(partner: "PL", kind: .brooke, program: "F1", reason: "national interest"),
      on: "2025-06-05")
    #expect(l.portfolio.failingChecks(for: r(), on: l.day("2025-06-09")).isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .approved), "anna", on: "2025-06-09").isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0001", to: .executed), "olga", on: "2025-06-09").isEmpty)
    #expect(l.portfolio.programs["F1"]?.fmsCase?.loaOffered == l.day("2025-06-09"))
    // Sunset: U1 ends 2026-03-31; a delivery after it fails; an extension passes and executes.
    l.add(
      UnitVetted(
        unit: "UA-U-1", status: .approved, certified: l.day("2026-01-01"), expires: l.day("2027-01-01")),
      on: "2026-01-01")
    Self.act(
      &l, RaiseRequest(program: "U1", kind: .deliver, units: ["UA-U-1"], justification: "kit", submit: true),
      "uma", on: "2026-04-01")
    #expect(
      l.portfolio.failingChecks(for: l.portfolio.requests["RQ-0002"]!, on: l.day("2026-04-01")) == [
        "Sunset: U1 passed its sunset 2026-03-31 without an extension"
      ])
    #expect(
      Self.act(
        &l,
        RaiseRequest(program: "U1", kind: .extendSunset, until: l.day("2026-03-01"), justification: "more"),
        "uma", on: "2026-04-01")
        == ["the new sunset 2026-03-01 is not after the current one, 2026-03-31"])
    Self.act(
      &l,
      RaiseRequest(
        program: "U1", kind: .extendSunset, until: l.day("2027-03-31"), justification: "more", submit: true),
      "uma", on: "2026-04-01")
    #expect(Self.act(&l, StepRequest(id: "RQ-0003", to: .approved), "eve", on: "2026-04-01").isEmpty)
    #expect(Self.act(&l, StepRequest(id: "RQ-0003", to: .executed), "uma", on: "2026-04-01").isEmpty)
    #expect(l.portfolio.failingChecks(for: l.portfolio.requests["RQ-0002"]!, on: l.day("2026-04-01")).isEmpty)
  }

  @Test func eachKindSaysWhatItNeeds() {
    var l = Self.office()
    #expect(
      Self.act(&l, RaiseRequest(program: "U1", kind: .enrollIMET, justification: " "), "uma").sorted() == [
        "a request needs a justification saying why", "enroll-imet needs how many students (1 or more)",
        "enroll-imet needs the course", "enroll-imet needs the units the students come from (Leahy vetting)",
      ])
    #expect(
      Self.act(&l, RaiseRequest(program: "U1", kind: .releaseFunds, justification: "j"), "uma").sorted() == [
        "release-funds needs an amount above $0",
        "release-funds needs the fiscal year whose funds are released",
      ])
    #expect(
      Self.act(&l, RaiseRequest(program: "P1", kind: .offerLOA, justification: "j"), "olga") == [
        "offer-loa needs an FMS case; P1 has none"
      ])
    #expect(
      Self.act(&l, RaiseRequest(program: "U1", kind: .deliver, units: ["PL-U-9"], justification: "j"), "uma")
        == ["no unit 'PL-U-9' is registered for UA"])
  }
}

/// Issue 22: a restriction waiver is a gated fact — a waive-restriction request,
/// approved in the region, carried out by an administrator.
@Suite struct WaiverRequestTests {
  static func judge(_ l: inout Ledger, _ c: any Command, _ actor: String) -> [String] {
    switch c.judge(l.portfolio, actor: actor, today: l.day(ApprovalTests.today)) {
    case .reject(let r): return r.reasons
    case .accept(let events):
      for e in events { l.add(e, on: ApprovalTests.today, actor: actor) }
      return []
    }
  }

  @Test func aWaiverIsApprovedThenCarriedOutByAnAdministrator() throws {
    var l = ApprovalTests.office()
    l.add(
      RestrictionImposed(partner: "PL", kind: .coup, since: l.day("2025-01-01")), on: "2025-01-01",
      actor: "boss")
    // Directly, even the administrator is refused and told which request to raise.
    let direct = Self.judge(
      &l, RecordEvents([("", RestrictionWaived(partner: "PL", kind: .coup, program: "P1", reason: "x"))]),
      "boss")
    #expect(direct.contains { $0.contains("--kind waive-restriction --restriction 7008") }, "\(direct)")
    var raise = RaiseRequest(
      program: "P1", kind: .waiveRestriction, justification: "national security", submit: true)
    raise.restriction = .coup
    #expect(Self.judge(&l, raise, "olga").isEmpty)
    let id = try #require(l.portfolio.requests.values.first { $0.kind == .waiveRestriction }?.id)
    // Its own restriction does not block its approval.
    #expect(Self.judge(&l, StepRequest(id: id, to: .approved), "anna").isEmpty)
    // An officer may not carry it out: restrictions are an administrator's.
    #expect(
      Self.judge(&l, StepRequest(id: id, to: .executed), "olga").contains {
        $0.contains("only an administrator may write restriction.waived")
      })
    #expect(Self.judge(&l, StepRequest(id: id, to: .executed), "boss").isEmpty)
    let restriction = try #require(l.portfolio.partners["PL"]?.restrictions.first)
    #expect(restriction.waivedPrograms == ["P1"])
  }
}
