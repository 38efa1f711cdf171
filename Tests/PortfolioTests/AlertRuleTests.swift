import Testing

@testable import Portfolio

@Suite struct LeahyRuleTests {
  func unitLedger(expires: String, status: VettingStatus = .approved, funded: Bool = true) -> Ledger {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .securityCooperation)
    if funded {
      l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(10)), on: "2024-10-01")
    }
    l.add(UnitRegistered(id: "U1", partner: "UA", name: "47th Brigade"), on: "2024-01-02")
    l.add(
      UnitVetted(unit: "U1", status: status, certified: l.day("2024-01-05"), expires: l.day(expires)),
      on: "2024-01-05")
    l.add(UnitAssigned(program: "P1", unit: "U1"), on: "2024-01-06")
    return l
  }

  @Test func expiringTomorrowWarns() {
    let l = unitLedger(expires: "2025-03-02")
    let alerts = l.alerts(on: "2025-03-01").filter { $0.subject.unit == "U1" }
    #expect(alerts.map(\.rule) == [.leahyExpiring])
    #expect(alerts.first?.severity == .warning)
    #expect(alerts.first?.message.contains("in 1 day") == true)
  }

  @Test func expiredYesterdayIsCritical() {
    let l = unitLedger(expires: "2025-02-28")
    let alerts = l.alerts(on: "2025-03-01").filter { $0.subject.unit == "U1" }
    #expect(alerts.map(\.rule) == [.leahyExpired])
    #expect(alerts.first?.severity == .critical)
    #expect(alerts.first?.began.description == "2025-02-28")
  }

  @Test func expiresTodayHasExpired() {
    #expect(unitLedger(expires: "2025-03-01").rules(on: "2025-03-01").contains(.leahyExpired))
  }

  @Test func leadTimeEdge() {
    // 30 days ahead: warns at exactly 30 days, not at 31.
    let l = unitLedger(expires: "2025-03-31")
    #expect(l.rules(on: "2025-03-01").contains(.leahyExpiring))
    #expect(!l.rules(on: "2025-02-28").contains(.leahyExpiring))
  }

  @Test func unfundedUnitDoesNotWarn() {
    #expect(!unitLedger(expires: "2025-02-28", funded: false).rules(on: "2025-03-01").contains(.leahyExpired))
  }

  @Test(arguments: [VettingStatus.suspended, .denied])
  func blockedUnitIsCriticalEvenUnfunded(status: VettingStatus) {
    let l = unitLedger(expires: "2026-01-01", status: status, funded: false)
    let alert = l.alerts(on: "2025-03-01").first { $0.rule == .leahyBlocked }
    #expect(alert?.severity == .critical)
    #expect(alert?.message.contains(status.rawValue) == true)
  }

  @Test func defaultValidityIsOneYearFromCertification() {
    var l = Ledger.withProgram(partner: "UA", tier: .other)
    l.add(UnitRegistered(id: "U2", partner: "UA", name: "Unit"), on: "2024-01-02")
    l.add(UnitVetted(unit: "U2", status: .approved, certified: l.day("2024-03-01")), on: "2024-03-01")
    #expect(l.portfolio.units["U2"]?.vetting?.expires?.description == "2025-03-01")
  }

  @Test func unitOfAnotherPartnerCannotBeAssigned() {
    var l = Ledger.withProgram(partner: "UA", tier: .other)
    l.add(PartnerRegistered(code: "GE", name: "Georgia", region: .europe, tier: .other), on: "2024-01-01")
    l.add(UnitRegistered(id: "G1", partner: "GE", name: "Unit"), on: "2024-01-02")
    l.add(UnitAssigned(program: "P1", unit: "G1"), on: "2024-01-03")
    #expect(l.portfolio.programs["P1"]?.units.isEmpty == true)
    #expect(l.portfolio.skipped.last?.reason.contains("belongs to GE") == true)
  }
}

@Suite struct FundsRuleTests {
  func fundsLedger() -> Ledger {
    var l = Ledger.withProgram(kind: .fmf)
    l.add(
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2025, amount: .million(100), availableUntil: l.day("2025-09-30")),
      on: "2024-10-01")
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(60), on: l.day("2024-11-01")),
      on: "2024-11-01")
    return l
  }

  @Test func unobligatedOnTheLastDayOfAvailabilityStillWarns() {
    let l = fundsLedger()
    let alert = l.alerts(on: "2025-09-30").first { $0.rule == .fundsExpiring }
    #expect(alert != nil)
    #expect(alert?.message.contains("$40.0M unobligated") == true)
    #expect(alert?.message.contains("in 0 days") == true)
    #expect(!l.rules(on: "2025-10-01").contains(.fundsExpiring))
    #expect(l.rules(on: "2025-07-02").contains(.fundsExpiring))  // 90 days ahead
    #expect(!l.rules(on: "2025-07-01").contains(.fundsExpiring))
  }

  @Test func fullyObligatedFundsDoNotWarn() {
    var l = fundsLedger()
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(40), on: l.day("2025-08-01")),
      on: "2025-08-01")
    #expect(!l.rules(on: "2025-09-30").contains(.fundsExpiring))
  }

  @Test func overObligationIsCritical() {
    var l = fundsLedger()
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2025, amount: .million(41), on: l.day("2025-08-01")),
      on: "2025-08-01")
    let alert = l.alerts(on: "2025-08-02").first { $0.rule == .overObligation }
    #expect(alert?.severity == .critical)
    #expect(alert?.message.contains("by $1.0M") == true)
  }

  @Test func disbursementLagAfter180DaysUnder25Percent() {
    var l = fundsLedger()
    // First obligation 2024-11-01; 180 days later is 2025-04-30.
    #expect(!l.rules(on: "2025-04-30").contains(.disbursementLag))
    #expect(l.rules(on: "2025-05-01").contains(.disbursementLag))
    l.add(FundsDisbursed(program: "P1", fiscalYear: 2025, amount: .million(15)), on: "2025-05-01")  // 25%
    #expect(!l.rules(on: "2025-05-02").contains(.disbursementLag))
  }

  @Test func fundsForAnUnknownYearAreRejected() {
    var l = fundsLedger()
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2019, amount: .million(1), on: l.day("2025-01-01")),
      on: "2025-01-01")
    #expect(l.portfolio.programs["P1"]?.obligated == .million(60))
    #expect(l.portfolio.skippedCount == 1)
  }
}

@Suite struct CaseTimelineRuleTests {
  func caseLedger(bpc: Bool = false) -> Ledger {
    var l = Ledger.withProgram(tier: .other)
    l.add(
      CaseOpened(
        program: "P1", identifier: "KE-B-AAA", caseType: .definedOrder, buildingPartnerCapacity: bpc,
        lorReceived: l.day("2025-01-10")), on: "2025-01-10")
    l.add(CaseLineAdded(program: "P1", line: line(1, mde: false, value: .million(5))), on: "2025-01-10")
    return l
  }

  @Test func lorValidationGoalIsFiveDays() {
    var l = caseLedger()
    #expect(!l.rules(on: "2025-01-15").contains(.lorNotValidated))
    #expect(l.rules(on: "2025-01-16").contains(.lorNotValidated))
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .lorValidated, on: l.day("2025-01-16")), on: "2025-01-16"
    )
    #expect(!l.rules(on: "2025-01-17").contains(.lorNotValidated))
  }

  @Test func offerExpirationDefaultsTo85DaysAnd30ForBPC() {
    var l = caseLedger()
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: l.day("2025-03-01")), on: "2025-03-01")
    #expect(l.portfolio.programs["P1"]?.fmsCase?.offerExpiration?.description == "2025-05-25")
    var b = caseLedger(bpc: true)
    b.add(
      CaseMilestoneReached(program: "P1", milestone: .loaOffered, on: b.day("2025-03-01")), on: "2025-03-01")
    #expect(b.portfolio.programs["P1"]?.fmsCase?.offerExpiration?.description == "2025-03-31")
  }

  @Test func offerExpiringThenLapsed() {
    var l = caseLedger()
    l.add(
      CaseMilestoneReached(
        program: "P1", milestone: .loaOffered, on: l.day("2025-03-01"), offerExpiration: l.day("2025-05-25")),
      on: "2025-03-01")
    #expect(!l.rules(on: "2025-05-14").contains(.offerExpiring))
    #expect(l.rules(on: "2025-05-15").contains(.offerExpiring))
    #expect(l.rules(on: "2025-05-25").contains(.offerExpiring))
    #expect(l.rules(on: "2025-05-26").contains(.offerLapsed))
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .accepted, on: l.day("2025-05-20")), on: "2025-05-20")
    #expect(l.rules(on: "2025-05-26").isDisjoint(with: [.offerLapsed, .offerExpiring]))
  }

  @Test func closureTargetIs24MonthsOr36ForTraining() {
    var l = caseLedger()
    l.add(
      CaseMilestoneReached(program: "P1", milestone: .supplyComplete, on: l.day("2025-02-15")),
      on: "2025-02-15")
    #expect(!l.rules(on: "2027-02-15").contains(.closureOverdue))
    #expect(l.rules(on: "2027-02-16").contains(.closureOverdue))
    l.add(CaseMilestoneReached(program: "P1", milestone: .closed, on: l.day("2027-03-01")), on: "2027-03-01")
    #expect(!l.rules(on: "2027-03-02").contains(.closureOverdue))

    var t = Ledger.withProgram(tier: .other)
    t.add(
      CaseOpened(
        program: "P1", identifier: "T", caseType: .definedOrder, training: true,
        lorReceived: t.day("2024-01-10")), on: "2024-01-10")
    t.add(
      CaseMilestoneReached(program: "P1", milestone: .supplyComplete, on: t.day("2025-02-15")),
      on: "2025-02-15")
    #expect(!t.rules(on: "2027-03-01").contains(.closureOverdue))
    #expect(t.rules(on: "2028-02-16").contains(.closureOverdue))
  }
}

@Suite struct OversightRuleTests {
  @Test func enhancedEUMInitialInventoryDue90DaysAfterArrival() {
    var l = Ledger.withProgram(partner: "UA", tier: .other)
    l.add(
      EUMItemReceived(
        program: "P1", id: "J1", description: "Javelin CLU", enhanced: true, quantity: 10,
        arrival: l.day("2025-01-01")), on: "2025-01-01")
    l.add(
      EUMItemReceived(
        program: "P1", id: "V1", description: "Trucks", enhanced: false, quantity: 10,
        arrival: l.day("2024-01-01")), on: "2025-01-01")
    #expect(!l.rules(on: "2025-04-01").contains(.eumOverdue))
    #expect(l.rules(on: "2025-04-02").contains(.eumOverdue))
    #expect(l.alerts(on: "2025-04-02").filter { $0.rule == .eumOverdue }.count == 1)  // routine items never
    l.add(EUMInventoried(program: "P1", id: "J1", on: l.day("2025-04-03")), on: "2025-04-03")
    #expect(!l.rules(on: "2026-04-03").contains(.eumOverdue))
    #expect(l.rules(on: "2026-04-04").contains(.eumOverdue))  // annual thereafter
  }

  @Test func sunsetApproachingAndPassed() {
    var l = Ledger.withProgram(sunset: "2025-06-30")
    #expect(!l.rules(on: "2025-03-31").contains(.sunsetApproaching))
    #expect(l.rules(on: "2025-04-01").contains(.sunsetApproaching))
    #expect(l.rules(on: "2025-06-30").contains(.sunsetApproaching))
    #expect(l.rules(on: "2025-07-01").contains(.sunsetPassed))
    l.add(
      ProgramSunsetChanged(program: "P1", sunset: l.day("2026-06-30"), reason: "extended"), on: "2025-07-02")
    #expect(!l.rules(on: "2025-07-03").contains(.sunsetPassed))
    l.add(ProgramStatusChanged(program: "P1", status: .completed), on: "2026-07-01")
    #expect(!l.rules(on: "2026-08-01").contains(.sunsetPassed))
  }

  @Test func restrictionActiveUntilLiftedUnlessWaived() {
    var l = Ledger.withProgram(partner: "NE", tier: .other)
    l.add(
      ProgramCreated(id: "P2", partner: "NE", kind: .ssr, title: "Democracy", start: l.day("2024-01-01")),
      on: "2024-01-01")
    l.add(RestrictionImposed(partner: "NE", kind: .coup, since: l.day("2024-05-01")), on: "2024-05-01")
    l.add(
      RestrictionWaived(partner: "NE", kind: .coup, program: "P2", reason: "democracy aid exempt"),
      on: "2024-05-02")
    #expect(!l.rules(on: "2024-04-30").contains(.restrictionActive))
    let alerts = l.alerts(on: "2024-05-03").filter { $0.rule == .restrictionActive }
    #expect(alerts.map(\.subject.program) == ["P1"])
    #expect(alerts.first?.severity == .critical)
    l.add(RestrictionLifted(partner: "NE", kind: .coup, on: l.day("2025-01-01")), on: "2025-01-01")
    #expect(!l.rules(on: "2025-01-01").contains(.restrictionActive))
    #expect(l.rules(on: "2024-12-31").contains(.restrictionActive))
  }

  @Test func conditionFiresOnItsDueDateUntilMetOrWaived() {
    var l = Ledger.withProgram()
    l.add(ConditionSet(program: "P1", id: "C1", text: "certify", due: l.day("2025-03-01")), on: "2025-01-01")
    #expect(!l.rules(on: "2025-02-28").contains(.conditionUnmet))
    #expect(l.rules(on: "2025-03-01").contains(.conditionUnmet))
    l.add(
      ConditionWaived(program: "P1", id: "C1", on: l.day("2025-03-05"), reason: "national security waiver"),
      on: "2025-03-05")
    #expect(!l.rules(on: "2025-03-06").contains(.conditionUnmet))
  }

  @Test func staleRequestAfter14Days() {
    var l = Ledger.withProgram()
    l.add(
      RequestRaised(id: "R1", program: "P1", kind: .offerLOA, amount: .million(5), summary: "offer"),
      on: "2025-01-01", actor: "officer")
    l.add(RequestStepTaken(id: "R1", program: "P1", state: .submitted), on: "2025-01-02", actor: "officer")
    #expect(!l.rules(on: "2025-01-16").contains(.approvalStale))
    #expect(l.rules(on: "2025-01-17").contains(.approvalStale))
  }

  @Test func twoApproversAtOrAboveThePolicyAmount() {
    var l = Ledger.withProgram()
    l.add(
      RequestRaised(id: "R1", program: "P1", kind: .releaseFunds, amount: .million(100), summary: "big"),
      on: "2025-01-01", actor: "officer")
    l.add(RequestStepTaken(id: "R1", program: "P1", state: .submitted), on: "2025-01-01", actor: "officer")
    l.add(RequestStepTaken(id: "R1", program: "P1", state: .approved), on: "2025-01-02", actor: "a1")
    #expect(l.portfolio.requests["R1"]?.state == .submitted)
    l.add(RequestStepTaken(id: "R1", program: "P1", state: .approved), on: "2025-01-02", actor: "a1")
    #expect(l.portfolio.requests["R1"]?.state == .submitted)  // the same approver twice is one approval
    l.add(RequestStepTaken(id: "R1", program: "P1", state: .approved), on: "2025-01-03", actor: "a2")
    #expect(l.portfolio.requests["R1"]?.state == .approved)
  }

  @Test func acknowledgementClosesTheAlertAndKeepsItsNote() throws {
    var l = Ledger.withProgram(sunset: "2025-06-30")
    let alert = try #require(l.alerts(on: "2025-07-01").first { $0.rule == .sunsetPassed })
    #expect(alert.id.description == "sunset-passed/P1")
    l.add(
      AlertAcknowledged(alert: alert.id.description, note: "extension requested"), on: "2025-07-01",
      actor: "desk")
    let after = try #require(l.alerts(on: "2025-07-02").first { $0.rule == .sunsetPassed })
    #expect(!after.isOpen)
    #expect(after.acknowledgement?.by == "desk")
    #expect(after.acknowledgement?.note == "extension requested")
  }

  @Test func alertsSortMostSevereFirst() throws {
    let d = try #require(Day("2025-01-01"))
    var l = Ledger.withProgram(partner: "NE", tier: .other, sunset: "2025-01-15")
    l.add(RestrictionImposed(partner: "NE", kind: .coup, since: d), on: "2025-01-01")
    let severities = l.portfolio.alerts(on: d).map(\.severity)
    #expect(severities == severities.sorted(by: >))
    #expect(severities.first == .critical)
  }
}

@Suite struct RemediationTests {
  /// A denied unit blocks assistance until remediation is recorded.
  @Test func remediationLiftsTheBlock() {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .securityCooperation)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2025, amount: .million(10)), on: "2024-10-01")
    l.add(UnitRegistered(id: "U1", partner: "UA", name: "Brigade"), on: "2024-01-02")
    l.add(UnitAssigned(program: "P1", unit: "U1"), on: "2024-01-03")
    l.add(UnitVetted(unit: "U1", status: .denied, certified: l.day("2024-01-05")), on: "2024-01-05")
    #expect(l.rules(on: "2024-02-01").contains(.leahyBlocked))
    l.add(UnitVetted(unit: "U1", status: .remediated, certified: l.day("2024-03-01")), on: "2024-03-01")
    #expect(!l.rules(on: "2024-03-02").contains(.leahyBlocked))
  }
}

/// Rules corrected or added by the domain review (issue "Domain depth").
@Suite struct ReviewedRuleTests {
  @Test func aRestrictionOnASuspendedProgramIsInfoNotCritical() {
    var l = Ledger.withProgram(partner: "NE", tier: .other, kind: .securityCooperation)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2024, amount: .million(5)), on: "2024-01-02")
    l.add(RestrictionImposed(partner: "NE", kind: .coup, since: l.day("2024-03-01")), on: "2024-03-01")
    #expect(l.alerts(on: "2024-03-02").first { $0.rule == .restrictionActive }?.severity == .critical)
    l.add(ProgramStatusChanged(program: "P1", status: .suspended, reason: "coup"), on: "2024-03-03")
    #expect(l.alerts(on: "2024-03-04").first { $0.rule == .restrictionActive }?.severity == .info)
  }

  @Test func designAndConstructionQuotesItsOwnThreshold() {
    var l = Ledger.withProgram(tier: .natoPlus5)
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-D-DNC", caseType: .definedOrder, lorReceived: l.day("2024-02-01")),
      on: "2024-02-01")
    l.add(
      CaseLineAdded(program: "P1", line: line(1, mde: false, value: .million(300), construction: true)),
      on: "2024-02-02")
    let alert = l.alerts(on: "2024-02-03").first { $0.rule == .notificationRequired }
    #expect(
      alert?.message.contains("of design and construction, at or over the NATO+5 §36(b) threshold for it")
        == true, "\(String(describing: alert?.message))")
  }

  @Test func aFundedUnitNeverVettedOrOnlySubmittedIsNotCleared() {
    var l = Ledger.withProgram(partner: "UA", tier: .other, kind: .securityCooperation)
    l.add(FundsMadeAvailable(program: "P1", fiscalYear: 2024, amount: .million(5)), on: "2024-01-02")
    l.add(UnitRegistered(id: "U1", partner: "UA", name: "1st Brigade"), on: "2024-01-02")
    l.add(UnitAssigned(program: "P1", unit: "U1"), on: "2024-01-03")
    #expect(
      l.alerts(on: "2024-01-04").first { $0.rule == .leahyNotCleared }?.message.contains("never vetted")
        == true)
    l.add(UnitVetted(unit: "U1", status: .submitted), on: "2024-01-05")
    #expect(l.rules(on: "2024-01-06").contains(.leahyNotCleared))
    l.add(
      UnitVetted(unit: "U1", status: .approved, certified: l.day("2024-01-07"), expires: l.day("2025-01-07")),
      on: "2024-01-07")
    #expect(!l.rules(on: "2024-01-08").contains(.leahyNotCleared))
  }

  @Test func aCaseGrownPastWhatWasNotifiedNeedsReNotification() {
    var l = Ledger.withProgram(tier: .natoPlus5)
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-D-GRO", caseType: .definedOrder, lorReceived: l.day("2024-02-01")),
      on: "2024-02-01")
    l.add(CaseLineAdded(program: "P1", line: line(1, mde: true, value: .million(30))), on: "2024-02-02")
    l.add(CaseNotified(program: "P1", transmittal: "24-99", delivered: l.day("2024-03-01")), on: "2024-03-01")
    #expect(!l.rules(on: "2024-04-01").contains(.renotificationRequired))
    // One dollar more of articles than notified: flagged.
    l.add(CaseLineAdded(program: "P1", line: line(2, mde: false, value: Dollars(1))), on: "2024-04-02")
    let alert = l.alerts(on: "2024-04-03").first { $0.rule == .renotificationRequired }
    #expect(
      alert?.message.contains("notified at $30.0M (MDE $30.0M) by transmittal 24-99") == true,
      "\(String(describing: alert))")
    // A new transmittal at the new values clears it.
    l.add(
      CaseNotified(program: "P1", transmittal: "24-100", delivered: l.day("2024-04-10")), on: "2024-04-10")
    #expect(!l.rules(on: "2024-05-01").contains(.renotificationRequired))
  }

  @Test(arguments: [(Int64(1_000_000), true), (Int64(999_999), false)])
  func firearmsHaveTheirOwnThreshold(value: Int64, required: Bool) {
    var l = Ledger.withProgram(tier: .other)
    l.add(
      CaseOpened(
        program: "P1", identifier: "PL-D-FIR", caseType: .definedOrder, lorReceived: l.day("2024-02-01")),
      on: "2024-02-01")
    let rifles = CaseLine(
      number: 1, description: "Rifles", usml: USMLCategory(1) ?? .notOtherwiseEnumerated, mde: false,
      quantity: 500,
      value: Dollars(value))
    l.add(CaseLineAdded(program: "P1", line: rifles), on: "2024-02-02")
    let alert = l.alerts(on: "2024-02-03").first { $0.rule == .notificationRequired }
    #expect((alert != nil) == required)
    if required {
      #expect(
        alert?.message.contains("§36(c) threshold ($1.0M)") == true, "\(String(describing: alert?.message))")
    }
  }

  @Test func fundsExpireThenCancelFiveYearsLater() {
    var l = Ledger.withProgram(kind: .fmf, start: "2019-10-01")
    l.add(
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2020, amount: .million(10), availableUntil: l.day("2021-09-30")),
      on: "2019-10-01")
    l.add(
      FundsObligated(program: "P1", fiscalYear: 2020, amount: .million(8), on: l.day("2020-06-01")),
      on: "2020-06-01")
    let funds = l.portfolio.programs["P1"]?.funding.first
    #expect(funds?.cancels(policy: l.portfolio.policy) == l.day("2026-09-30"))
    #expect(funds?.phase(on: l.day("2021-09-30"), policy: l.portfolio.policy) == .current)
    #expect(funds?.phase(on: l.day("2021-10-01"), policy: l.portfolio.policy) == .expired)
    #expect(funds?.phase(on: l.day("2026-10-01"), policy: l.portfolio.policy) == .cancelled)
    func reasons(_ c: any Command, _ today: String) -> [String] {
      if case .reject(let r) = c.decide(l.portfolio, actor: "tester", today: l.day(today)) {
        return r.reasons
      }
      return []
    }
    // Expired: no new obligation; a de-obligation and a disbursement still may.
    #expect(
      !reasons(
        ObligateFunds(program: "P1", fiscalYear: 2020, amount: .million(1), on: l.day("2021-10-01")),
        "2021-10-01"
      ).isEmpty)
    #expect(
      reasons(
        DeobligateFunds(program: "P1", fiscalYear: 2020, amount: .million(1), on: l.day("2026-09-30")),
        "2026-09-30"
      ).isEmpty)
    #expect(
      reasons(DisburseFunds(program: "P1", fiscalYear: 2020, amount: .million(1)), "2026-09-30").isEmpty)
    // Cancelled: nothing moves.
    #expect(
      reasons(
        DeobligateFunds(program: "P1", fiscalYear: 2020, amount: .million(1), on: l.day("2026-10-01")),
        "2026-10-01"
      ).contains { $0.contains("were cancelled after 2026-09-30") })
    #expect(
      reasons(DisburseFunds(program: "P1", fiscalYear: 2020, amount: .million(1)), "2026-10-01").contains {
        $0.contains("were cancelled")
      })
  }

  @Test func anApprovalRecordedWithoutItsDateCountsFromTheRecording() {
    var l = Ledger.withProgram(partner: "UA", tier: .other)
    l.add(UnitRegistered(id: "U1", partner: "UA", name: "1st"), on: "2024-01-02")
    l.add(UnitVetted(unit: "U1", status: .approved), on: "2024-03-01")
    #expect(l.portfolio.units["U1"]?.vetting?.certified == l.day("2024-03-01"))
    #expect(l.portfolio.units["U1"]?.vetting?.expires == l.day("2025-03-01"))
  }

  @Test func anEnhancedInventoryCountsSerialNumbersAgainstWhatWasDelivered() {
    var l = Ledger.withProgram(partner: "UA", tier: .other)
    l.add(
      EUMItemReceived(
        program: "P1", id: "NVG", description: "Night-vision devices", enhanced: true, quantity: 100,
        arrival: l.day("2024-02-01")), on: "2024-02-01")
    l.add(EUMInventoried(program: "P1", id: "NVG", on: l.day("2024-03-01"), counted: 100), on: "2024-03-01")
    #expect(!l.rules(on: "2024-03-02").contains(.eumShortfall))
    l.add(EUMInventoried(program: "P1", id: "NVG", on: l.day("2024-06-01"), counted: 99), on: "2024-06-01")
    let alert = l.alerts(on: "2024-06-02").first { $0.rule == .eumShortfall }
    #expect(alert?.severity == .critical)
    #expect(
      alert?.message
        == "Night-vision devices: inventory on 2024-06-01 counted 99 of 100 serial numbers; 1 unaccounted for"
    )
    // More than delivered cannot be recorded.
    let tooMany = RecordEvents([
      ("", EUMInventoried(program: "P1", id: "NVG", on: l.day("2024-07-01"), counted: 101))
    ])
    if case .accept = tooMany.decide(l.portfolio, actor: "tester", today: l.day("2024-07-02")) {
      Issue.record("101 of 100 serial numbers was accepted")
    }
  }
}

/// Sorting alerts by positions and moving them along the permutation's cycles gives
/// the order `precedes` defines (most severe, then oldest, then by id), for lists with
/// many ties of severity and day, and dates before 1970.
@Suite struct AlertOrderTests {
  @Test(arguments: [0, 1, 2, 7, 500, 5_000])
  func sortingInPlaceGivesThePrecedesOrder(count: Int) {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(count)
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(state >> 33)
    }
    let alerts = (0..<count).map { i in
      Alert(
        id: AlertID(
          rule: AlertRule.allCases[next() % AlertRule.allCases.count], program: "P\(next() % 50)",
          detail: "d\(i)"),
        severity: Severity.allCases[next() % 3],
        subject: AlertSubject(partner: "X", program: "P", unit: nil), region: .europe, message: "",
        began: Day(ordinal: Int32(next() % 40) - 20), acknowledgement: nil)
    }
    let expected = alerts.sorted(by: Alert.precedes).map(\.id)
    var inPlace = alerts
    Alert.sort(&inPlace)
    #expect(inPlace.map(\.id) == expected)
    #expect(Alert.sorted(alerts).map(\.id) == expected)
  }
}
