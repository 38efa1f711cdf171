import Portfolio

/// The authorities outside FMS and FMF in the demo (REFERENCE.md, "Other
/// authorities"). Ukraine's Javelins and Stingers came by presidential drawdown, not an
/// FMS case: the 16 March 2022 package's quantities are the White House's public
/// ones; the other packages' lines, the USAI contracts and the EDA allocations are
/// demo figures in plausible proportions. Cap figures marked *confirm* in
/// REFERENCE.md are policy-like values, noted where used.
extension DemoPortfolio {
  static func otherAuthorities(_ b: inout DemoBuilder) {
    drawdowns(&b)
    usai(&b)
    excessDefenseArticles(&b)
    section333(&b)
    informalReviewAndFindings(&b)
  }

  /// A year's line of authority or appropriation, made available on `on`.
  private static func line(
    _ b: inout DemoBuilder, _ id: String, fy: Int, _ amount: Dollars, on: Day, until: Day? = nil,
    source: String? = nil
  ) {
    b.add(
      FundsMadeAvailable(program: id, fiscalYear: fy, amount: amount, availableUntil: until, source: source),
      on: on, subject: id)
  }

  private static func fyStart(_ fy: Int, _ b: DemoBuilder) -> Day {
    Day(year: fy - 1, month: 10, day: 1) ?? b.today
  }

  private static func deliver(
    _ b: inout DemoBuilder, _ program: String, _ transfer: String, _ item: String, _ quantity: Int, on: Day
  ) {
    b.add(
      TransferDelivered(program: program, transfer: transfer, item: item, quantity: quantity, on: on), on: on,
      subject: program)
  }

  // MARK: Presidential drawdown

  static func drawdowns(_ b: inout DemoBuilder) {
    let pda = b.nextID("UA-PDA")
    program(
      &b,
      ProgramCreated(
        id: pda, partner: "UA", kind: .pda, title: "Presidential drawdowns (FAA §506) for Ukraine",
        start: b.day("2021-08-27")))
    // FY2022: FAA §506(a)(1)'s annual cap (a policy value, one figure for every
    // partner) and the supplementals' own authority (P.L. 117-103, P.L. 117-128:
    // *confirm* figures in REFERENCE.md).
    line(&b, pda, fy: 2022, .billion(3), on: b.day("2022-03-15"), source: "P.L. 117-103")
    line(&b, pda, fy: 2022, .billion(11), on: b.day("2022-05-21"), source: "P.L. 117-128")
    b.add(
      DrawdownPackageAnnounced(
        program: pda, package: "PDA-2022-02-25", title: "Anti-armor and small arms", fiscalYear: 2022,
        determined: b.day("2022-02-25"), basis: "FAA §506(a)(1)",
        articles: [
          TransferLine(item: "Javelin missiles", quantity: 600, value: .million(108), sme: true),
          TransferLine(item: "Small arms, ammunition, body armor", quantity: 1, value: .million(242)),
        ]), on: b.day("2022-02-25"), subject: pda)
    deliver(&b, pda, "PDA-2022-02-25", "Javelin missiles", 600, on: b.day("2022-03-10"))
    deliver(&b, pda, "PDA-2022-02-25", "Small arms, ammunition, body armor", 1, on: b.day("2022-03-20"))
    // 16 March 2022: 800 Stinger, 2,000 Javelin, 1,000 light anti-armor weapons, 6,000 AT-4.
    b.add(
      DrawdownPackageAnnounced(
        program: pda, package: "PDA-2022-03-16", title: "Air defense and anti-armor", fiscalYear: 2022,
        determined: b.day("2022-03-16"), basis: "FAA §506(a)(1), P.L. 117-103",
        articles: [
          TransferLine(item: "Stinger anti-aircraft systems", quantity: 800, value: .million(96), sme: true),
          TransferLine(item: "Javelin missiles", quantity: 2000, value: .million(360), sme: true),
          TransferLine(item: "Light anti-armor weapons", quantity: 1000, value: .million(20)),
          TransferLine(item: "AT-4 anti-armor systems", quantity: 6000, value: .million(36)),
          TransferLine(item: "Small arms and ammunition", quantity: 1, value: .million(288)),
        ]), on: b.day("2022-03-16"), subject: pda)
    for (item, n) in [
      ("Stinger anti-aircraft systems", 800), ("Javelin missiles", 2000), ("Light anti-armor weapons", 1000),
      ("AT-4 anti-armor systems", 6000), ("Small arms and ammunition", 1),
    ] {
      deliver(&b, pda, "PDA-2022-03-16", item, n, on: b.day("2022-04-15"))
    }
    // FY2024: $7.8B of authority in the April 2024 supplemental (P.L. 118-50, *confirm*).
    line(&b, pda, fy: 2024, .billion(7.8), on: b.day("2024-04-24"), source: "P.L. 118-50")
    b.add(
      DrawdownPackageAnnounced(
        program: pda, package: "PDA-2024-04-24", title: "Air defense, artillery and anti-armor",
        fiscalYear: 2024, determined: b.day("2024-04-24"), basis: "FAA §506(a)(1), P.L. 118-50",
        articles: [
          TransferLine(item: "HIMARS ammunition", quantity: 1, value: .million(300)),
          TransferLine(item: "155mm artillery rounds", quantity: 1, value: .million(400)),
          TransferLine(item: "Javelin missiles", quantity: 500, value: .million(100), sme: true),
          TransferLine(item: "Stinger missiles", quantity: 200, value: .million(40), sme: true),
          TransferLine(item: "Vehicles and spares", quantity: 1, value: .million(160)),
        ]), on: b.day("2024-04-24"), subject: pda)
    for (item, n) in [
      ("HIMARS ammunition", 1), ("155mm artillery rounds", 1), ("Javelin missiles", 500),
      ("Stinger missiles", 200),
      ("Vehicles and spares", 1),
    ] {
      deliver(&b, pda, "PDA-2024-04-24", item, n, on: b.day("2024-06-10"))
    }
    // Recent years on §506(a)(1)'s annual cap alone: a package still arriving 200 days
    // on (delivery-lag), and this year's cap drawn to 92% by Ukraine — 97% with
    // Taiwan's package below (drawdown-authority-used on both: the cap is shared).
    let lagging = b.ago(200)
    let recent = b.ago(40)
    let lagID = "PDA-\(lagging)"
    b.add(
      DrawdownPackageAnnounced(
        program: pda, package: lagID, title: "Air-defense interceptors and spares",
        fiscalYear: lagging.fiscalYear, determined: lagging, basis: "FAA §506(a)(1)",
        articles: [
          TransferLine(item: "Air-defense interceptors", quantity: 10, value: .million(5), sme: true)
        ]),
      on: lagging, subject: pda)
    deliver(&b, pda, lagID, "Air-defense interceptors", 4, on: lagging.adding(days: 30))
    let recentID = "PDA-\(recent)"
    b.add(
      DrawdownPackageAnnounced(
        program: pda, package: recentID, title: "Stinger, Javelin and spares", fiscalYear: recent.fiscalYear,
        determined: recent, basis: "FAA §506(a)(1)",
        articles: [
          TransferLine(item: "Stinger missiles", quantity: 150, value: .million(30), sme: true),
          TransferLine(item: "Javelin missiles", quantity: 200, value: .million(40), sme: true),
          TransferLine(item: "Spares and ammunition", quantity: 1, value: .million(22)),
        ]), on: recent, subject: pda)
    deliver(&b, pda, recentID, "Stinger missiles", 150, on: b.ago(20))
    // Taiwan draws on the same cap (FAA §506(a)(1) drawdowns for Taiwan began in 2023).
    let twPDA = b.nextID("TW-PDA")
    program(
      &b,
      ProgramCreated(
        id: twPDA, partner: "TW", kind: .pda, title: "Presidential drawdowns (FAA §506(a)(1)) for Taiwan",
        start: b.day("2023-07-28")))
    b.add(
      DrawdownPackageAnnounced(
        program: twPDA, package: "PDA-TW-\(b.ago(25))", title: "Training ammunition and spares",
        fiscalYear: b.ago(25).fiscalYear, determined: b.ago(25), basis: "FAA §506(a)(1)",
        articles: [TransferLine(item: "Training ammunition and spares", quantity: 1, value: .million(5))]),
      on: b.ago(25), subject: twPDA)

    // Enhanced end-use monitoring of what the drawdowns delivered: items without an
    // inventory (overdue), a count that found serial numbers missing, one routine item.
    b.add(
      EUMItemReceived(
        program: pda, id: "JAV-0425", description: "Javelin command launch units", enhanced: true,
        quantity: 240,
        arrival: b.ago(200)), on: b.ago(200), subject: pda)
    b.add(
      EUMItemReceived(
        program: pda, id: "STG-0312", description: "Stinger missiles", enhanced: true, quantity: 400,
        arrival: b.ago(520)), on: b.ago(520), subject: pda)
    b.add(EUMInventoried(program: pda, id: "STG-0312", on: b.ago(440)), on: b.ago(440), subject: pda)
    b.add(
      EUMItemReceived(
        program: pda, id: "NVG-0901", description: "Night-vision devices", enhanced: true, quantity: 1500,
        arrival: b.ago(60)), on: b.ago(60), subject: pda)
    // The first inventory found 1,487 of 1,500 serial numbers (eum-shortfall).
    b.add(
      EUMInventoried(program: pda, id: "NVG-0901", on: b.ago(20), counted: 1487), on: b.ago(20), subject: pda)
    b.add(
      EUMItemReceived(
        program: pda, id: "VEH-1102", description: "Tactical vehicles", enhanced: false, quantity: 80,
        arrival: b.ago(300)), on: b.ago(300), subject: pda)
    b.add(
      EUMFindingRecorded(
        program: pda, check: "GS-UA-2025-07", checkProgram: .goldenSentry, on: b.ago(150), result: .favorable,
        note: "serial-number inventory of Javelin CLUs at a storage site; all presented"), on: b.ago(150),
      subject: pda)
  }

  // MARK: USAI

  static func usai(_ b: inout DemoBuilder) {
    let id = b.nextID("UA-USAI")
    program(
      &b,
      ProgramCreated(
        id: id, partner: "UA", kind: .usai, title: "USAI: new production for Ukraine",
        start: b.day("2023-10-01")))
    // $300M a year baseline (*confirm*), available for two years.
    line(&b, id, fy: 2024, .million(300), on: b.day("2023-10-01"), until: b.day("2025-09-30"))
    b.add(
      CongressNotified(
        program: id, reference: "USAI FY2024 notification 1", on: b.day("2024-07-01"), amount: .million(200)),
      on: b.day("2024-07-01"), subject: id)
    b.add(
      USAIContractAwarded(
        program: id, contract: "USAI-24-001", title: "Counter-UAS systems", fiscalYear: 2024,
        awarded: b.day("2024-08-15"), vendor: "demo vendor A",
        articles: [TransferLine(item: "Counter-UAS systems", quantity: 40, value: .million(150))]),
      on: b.day("2024-08-15"), subject: id)
    // New production is slow: 25 of 40 after two years (delivery-lag, 730 days).
    deliver(&b, id, "USAI-24-001", "Counter-UAS systems", 25, on: b.day("2025-09-01"))
    b.add(
      FundsDisbursed(program: id, fiscalYear: 2024, amount: .million(95), on: b.day("2025-09-15")),
      on: b.day("2025-09-15"), subject: id)
    // This year's contract went beyond what Congress had been told 15 days before it.
    let awarded = b.ago(30)
    line(&b, id, fy: awarded.fiscalYear, .million(300), on: fyStart(awarded.fiscalYear, b))
    b.add(
      CongressNotified(
        program: id, reference: "USAI FY\(awarded.fiscalYear) notification 1", on: b.ago(60),
        amount: .million(50)),
      on: b.ago(60), subject: id)
    b.add(
      USAIContractAwarded(
        program: id, contract: "USAI-\(awarded.fiscalYear % 100)-002",
        title: "Artillery ammunition (new production)",
        fiscalYear: awarded.fiscalYear, awarded: awarded, vendor: "demo vendor B",
        articles: [TransferLine(item: "155mm artillery rounds (lots)", quantity: 12, value: .million(120))]),
      on: awarded, subject: id)
  }

  // MARK: Excess defense articles

  static func excessDefenseArticles(_ b: inout DemoBuilder) {
    let id = b.nextID("UA-EDA")
    program(
      &b,
      ProgramCreated(
        id: id, partner: "UA", kind: .eda, title: "Excess defense articles (FAA §516)",
        start: b.day("2018-06-01")))
    // Island-class patrol boats by grant: notified, then delivered.
    b.add(
      EDAAllocated(
        program: id, allocation: "EDA-UA-2018-01", title: "Island-class patrol boats",
        on: b.day("2018-08-01"),
        grant: true,
        articles: [
          TransferLine(item: "Island-class patrol boats", quantity: 2, value: .million(10), sme: true)
        ]),
      on: b.day("2018-08-01"), subject: id)
    b.add(
      CongressNotified(
        program: id, reference: "EDA 18-07", on: b.day("2018-08-20"), transfer: "EDA-UA-2018-01"),
      on: b.day("2018-08-20"), subject: id)
    deliver(&b, id, "EDA-UA-2018-01", "Island-class patrol boats", 2, on: b.day("2019-10-01"))
    // Vehicles allocated two months ago, at $18M original value, not yet notified.
    b.add(
      EDAAllocated(
        program: id, allocation: "EDA-UA-\(b.ago(60).fiscalYear)-02", title: "HMMWVs", on: b.ago(60),
        grant: true,
        articles: [TransferLine(item: "HMMWVs", quantity: 200, value: .million(18))]), on: b.ago(60),
      subject: id)
  }

  // MARK: Section 333

  static func section333(_ b: inout DemoBuilder) {
    let t = b.today
    // The Philippines: notified in time, human-rights training included.
    let ph = b.nextID("PH-333")
    program(
      &b,
      ProgramCreated(
        id: ph, partner: "PH", kind: .section333, title: "Maritime domain awareness (§333)",
        start: b.ago(400),
        sunset: b.ahead(700)))
    b.add(
      CongressNotified(program: ph, reference: "333 CN 24-118", on: b.ago(430)), on: b.ago(430), subject: ph)
    b.add(
      ComponentAdded(
        program: ph, component: .humanRights, description: "DIILS human-rights and LOAC course",
        on: b.ago(420)),
      on: b.ago(420), subject: ph)
    money(
      &b, ph, fy: b.ago(400).fiscalYear, available: .million(40), obligatedShare: 0.9, disbursedShare: 0.5)
    // Kenya: starts in 20 days; not yet notified, no human-rights component yet.
    let ke = b.nextID("KE-333")
    program(
      &b,
      ProgramCreated(
        id: ke, partner: "KE", kind: .section333, title: "Border security train and equip (§333)",
        status: .planned, start: b.ahead(20), sunset: b.ahead(750)))
    b.add(
      FundsMadeAvailable(program: ke, fiscalYear: t.fiscalYear, amount: .million(25)), on: b.ago(10),
      subject: ke)
    // Tunisia: started 100 days ago, notified only five days before its start.
    let tn = b.nextID("TN-333")
    program(
      &b,
      ProgramCreated(
        id: tn, partner: "TN", kind: .section333, title: "Maritime security (§333)", start: b.ago(100),
        sunset: b.ahead(600)))
    b.add(
      CongressNotified(program: tn, reference: "333 CN late", on: b.ago(105)), on: b.ago(105), subject: tn)
    b.add(
      ComponentAdded(
        program: tn, component: .humanRights, description: "Human-rights and LOAC training", on: b.ago(100)),
      on: b.ago(100), subject: tn)
    money(
      &b, tn, fy: b.ago(100).fiscalYear, available: .million(18), obligatedShare: 0.6, disbursedShare: 0.3)
  }

  // MARK: Informal review, Golden Sentry

  static func informalReviewAndFindings(_ b: inout DemoBuilder) {
    // A case over the threshold in informal tiered review, ten days in.
    let mpa = fms(
      &b, "PH", "Maritime patrol aircraft", caseID: "RP-P-MPA", lor: b.ago(120).description,
      validated: b.ago(115).description, notified: nil, offered: nil, accepted: nil, implemented: nil,
      lines: [(1, "Maritime patrol aircraft", 8, true, 2, .million(180))])
    b.add(CaseInformalReviewStarted(program: mpa, on: b.ago(10)), on: b.ago(10), subject: mpa)
    // A derogatory Golden Sentry finding on Nigeria's counter-terrorism training kit.
    let ng = "NG-SC-001"  // counter-terrorism unit training (alertScenarios)
    b.add(
      EUMFindingRecorded(
        program: ng, check: "GS-NG-2026-03", checkProgram: .goldenSentry, on: b.ago(45), result: .derogatory,
        note: "2 of 24 night-vision devices not presented; loss reported without documentation"),
      on: b.ago(45), subject: ng)
  }
}
