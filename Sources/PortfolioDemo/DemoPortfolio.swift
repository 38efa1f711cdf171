import Basics
import CanonicalJSON
import Portfolio

/// The bundled demo portfolio: deterministic for a given day, built on REFERENCE.md's
/// public figures (sources in `docs/domain.md`), with enough history that every alert
/// rule fires and every approval check has a passing and a failing example.
///
/// Dates of real events (the Polish loan, notified sales) are absolute; the
/// situations that make alerts fire are placed relative to `today`, so the demo is
/// as instructive next year as it is now.
public enum DemoPortfolio {
  public static let admin = "demo-admin"
  public static let officer = "m.okafor"
  public static let officer2 = "s.patel"
  public static let approver = "l.chen"
  public static let approver2 = "r.kowalski"

  /// One event of the demo with the day and person it is attributed to.
  public struct Item: Sendable {
    public var at: Timestamp
    public var actor: String
    public var event: any EventPayload
  }

  /// The demo's events in log order, for a store created on `today`.
  public static func events(today: Day) -> [Item] {
    var b = DemoBuilder(today: today, seed: 0x5A9_2026)
    let epoch = b.day("2015-01-05")
    // The demo's own administrator beside the account that created the store.
    for (user, role) in [
      (admin, Role.admin), (officer, .officer), (officer2, .officer), (approver, .approver),
      (approver2, .approver),
    ] {
      b.add(RoleGranted(user: user, role: role), on: epoch, subject: "roster", actor: admin)
    }
    for p in DemoPartners.all {
      b.add(
        PartnerRegistered(code: p.code, name: p.name, region: p.region, tier: p.tier), on: epoch,
        subject: p.code, actor: admin)
    }
    realPrograms(&b)
    alertScenarios(&b)
    let notified = notificationScenarios(&b)
    requests(&b)
    fill(&b)
    b.notifyHistory(notified)
    b.approveHistory()

    // Log order is time order; ties keep the order the builder emitted them.
    let sorted = b.items.sorted { ($0.day, $0.order) < ($1.day, $1.order) }
    var seconds = [Int32: Int]()
    return sorted.map { item in
      let n = seconds[item.day.ordinal, default: 0]
      seconds[item.day.ordinal] = n + 1
      // Office hours on past days; just after midnight today, so nothing is in the future.
      let base = item.day == today ? 0 : 9 * 3600
      let at = Timestamp(dayOrdinal: item.day.ordinal, second: base + n)
      return Item(at: at, actor: item.actor, event: item.event)
    }
  }

  // MARK: Programs with public figures

  static func realPrograms(_ b: inout DemoBuilder) {
    // Israel: FY2019–28 MOU, $3.3B FMF + $0.5B missile defense a year; $3.5B supplemental (P.L. 118-50).
    // The demo's fiscal years follow its "today": the current FY carries MOU-level money.
    let t = b.today
    // Every fiscal year the demo shows: FY2022 to the current one.
    let years = 2022...max(2022, t.fiscalYear)
    let ilFMF = fmf(&b, "IL", "FMF under the FY2019–28 MOU", start: "2018-10-01", sunset: "2028-09-30")
    for fy in years {
      money(
        &b, ilFMF, fy: fy, available: .billion(3.3), obligatedShare: fy == t.fiscalYear ? 0.4 : 1.0,
        disbursedShare: fy == t.fiscalYear ? 0.5 : 0.9)
    }
    let ilMD = b.nextID("IL-SC")
    program(
      &b,
      ProgramCreated(
        id: ilMD, partner: "IL", kind: .securityCooperation, title: "Cooperative missile defense (MOU)",
        start: b.day("2018-10-01"), sunset: b.day("2028-09-30")))
    for fy in (t.fiscalYear - 1)...t.fiscalYear {
      money(&b, ilMD, fy: fy, available: .million(500), obligatedShare: 0.8, disbursedShare: 0.5)
    }
    let ilSupp = fmf(&b, "IL", "Supplemental FMF (P.L. 118-50)", start: "2024-04-24", sunset: "2027-09-30")
    b.add(
      FundsMadeAvailable(
        program: ilSupp, fiscalYear: 2024, amount: .billion(3.5), availableUntil: b.day("2025-09-30")),
      on: b.day("2024-04-24"), subject: ilSupp)
    b.add(
      FundsObligated(program: ilSupp, fiscalYear: 2024, amount: .billion(3.5), on: b.day("2024-06-14")),
      on: b.day("2024-06-14"), subject: ilSupp)
    b.add(
      FundsDisbursed(program: ilSupp, fiscalYear: 2024, amount: .billion(2.9)), on: b.day("2025-03-01"),
      subject: ilSupp)

    // Egypt: $1.3B/yr FMF, of which $320M is conditioned on human rights (the conditions
    // are on this program: the tranche is part of the $1.3B, not on top of it);
    // vehicles $200M and patrol-craft kits $129M (Jan 2024).
    let egFMF = fmf(&b, "EG", "Annual FMF ($320M conditioned)", start: "2019-10-01", sunset: "2029-09-30")
    for fy in years {
      money(
        &b, egFMF, fy: fy, available: .billion(1.3), obligatedShare: fy == t.fiscalYear ? 0.5 : 0.95,
        disbursedShare: 0.6)
    }
    let egVeh = fms(
      &b, "EG", "Vehicles and support", caseID: "EG-D-QAV", lor: "2023-05-02", validated: "2023-05-05",
      notified: ("24-12", "2024-01-26"), offered: "2024-03-10", accepted: "2024-04-20",
      implemented: "2024-05-15",
      lines: [
        (1, "Armored tactical vehicles", 7, true, 450, .million(160)),
        (2, "Spares and support", 7, false, 1, .million(40)),
      ])
    // Paid with Egypt's FMF.
    b.add(
      CaseFinanced(program: egVeh, fmfProgram: egFMF, fmfAmount: .million(200)), on: b.day("2024-04-20"),
      subject: egVeh)
    // Grown since its notification: spares added a month ago (renotification-required).
    b.add(
      CaseLineAdded(
        program: egVeh,
        line: CaseLine(
          number: 3, description: "Additional spares", usml: USMLCategory(7) ?? .notOtherwiseEnumerated,
          mde: false,
          quantity: 1, value: .million(15))), on: b.ago(30), subject: egVeh)
    _ = fms(
      &b, "EG", "Patrol-craft kits", caseID: "EG-P-GCC", lor: "2023-06-12", validated: "2023-06-15",
      notified: ("24-10", "2024-01-19"), offered: "2024-03-02", accepted: "2024-04-11",
      implemented: "2024-05-01",
      lines: [(1, "Patrol-craft upgrade kits", 6, false, 12, .million(129))])

    // Jordan: the FY2018–22 MOU ($1.275B a year, $350M of it FMF), then the FY2023–29
    // MOU's $1.45B a year of total bilateral assistance, $425M of it FMF. 16 F-16 Block 70,
    // $4.21B (2022).
    let joFMF = fmf(
      &b, "JO", "FMF under the FY2023–29 MOU ($425M of $1.45B bilateral)", start: "2022-10-01",
      sunset: "2029-09-30")
    money(&b, joFMF, fy: 2023, available: .million(425), obligatedShare: 1, disbursedShare: 0.95)
    for fy in years where fy > 2023 {
      money(
        &b, joFMF, fy: fy, available: .million(425), obligatedShare: fy == t.fiscalYear ? 0.6 : 0.9,
        disbursedShare: 0.5)
    }
    // The previous MOU's last year, spent and closed out.
    let joOld = fmf(
      &b, "JO", "FMF under the FY2018–22 MOU ($350M of $1.275B bilateral)", start: "2017-10-01",
      sunset: "2023-09-30")
    money(&b, joOld, fy: 2022, available: .million(350), obligatedShare: 1, disbursedShare: 1)
    b.add(
      ProgramStatusChanged(program: joOld, status: .completed, reason: "MOU ended; FY2022 funds disbursed"),
      on: b.day("2023-10-01"), subject: joOld)
    let joF16 = fms(
      &b, "JO", "F-16 Block 70 (16 aircraft)", caseID: "JO-D-SAF", lor: "2021-09-01", validated: "2021-09-03",
      notified: ("22-06", "2022-02-03"), offered: "2022-05-01", accepted: "2022-07-15",
      implemented: "2022-08-01",
      lines: [
        (1, "F-16 Block 70 aircraft", 8, true, 16, .billion(3.1)),
        (2, "Engines, munitions, support", 19, true, 1, .billion(1.11)),
      ])
    // Paid in part with the FMF above (four years of it), the rest national funds: the
    // partner's value counts the FMF once.
    b.add(
      CaseFinanced(program: joF16, fmfProgram: joFMF, fmfAmount: .billion(1.7)), on: b.day("2022-10-03"),
      subject: joF16)

    // Taiwan: first FMF $80M (Aug 2023); $300M FMF FY2024 (P.L. 118-47); MIDS JTRS $265M (Transmittal 25-04).
    let twFMF = fmf(
      &b, "TW", "FMF (Taiwan Enhanced Resilience Act)", start: "2023-08-29", sunset: "2027-09-30")
    money(&b, twFMF, fy: 2023, available: .million(80), obligatedShare: 1, disbursedShare: 0.7)
    money(&b, twFMF, fy: 2024, available: .million(300), obligatedShare: 0.6, disbursedShare: 0.45)
    _ = fms(
      &b, "TW", "MIDS JTRS radios", caseID: "TW-B-ZMJ", lor: "2024-03-05", validated: "2024-03-08",
      notified: ("25-04", "2024-12-18"), offered: "2025-02-20", accepted: "2025-04-10",
      implemented: "2025-05-01",
      lines: [
        (1, "MIDS JTRS terminals", 11, false, 16, .million(235)),
        (2, "Integration and training", 11, false, 1, .million(30)),
      ])

    // Poland: $2B FMF direct loan (Sep 2023); AH-64E $12B (Aug 2023); HIMARS $10B (Feb 2023); F-16 upgrade $7.3B (Oct 2024).
    let plLoan = fmf(&b, "PL", "FMF direct loan", start: "2023-09-25", sunset: "2031-09-30")
    money(
      &b, plLoan, fy: 2023, available: .billion(2), obligatedShare: 0.85, disbursedShare: 0.4,
      until: "2028-09-30")
    _ = fms(
      &b, "PL", "AH-64E Apache (96 aircraft)", caseID: "PL-B-ZAH", lor: "2022-09-06", validated: "2022-09-09",
      notified: ("23-37", "2023-08-21"), offered: "2023-10-20", accepted: "2024-08-13",
      implemented: "2024-09-01",
      lines: [
        (1, "AH-64E helicopters", 8, true, 96, .billion(8.2)),
        (2, "Hellfire / JAGM missiles", 4, true, 1800, .billion(2.4)),
        (3, "Training and support", 9, false, 1, .billion(1.4)),
      ], oed: b.day("2024-08-30"))
    _ = fms(
      &b, "PL", "HIMARS", caseID: "PL-B-ZHM", lor: "2022-05-20", validated: "2022-05-25",
      notified: ("23-04", "2023-02-07"), offered: "2023-05-01", accepted: "2023-09-20",
      implemented: "2023-10-15",
      lines: [
        (1, "M142 HIMARS launchers", 4, true, 486, .billion(6.1)),
        (2, "GMLRS and ATACMS", 4, true, 1, .billion(3.9)),
      ], oed: b.day("2023-09-29"))
    _ = fms(
      &b, "PL", "F-16 Viper midlife upgrade", caseID: "PL-D-SAV", lor: "2024-02-12", validated: "2024-02-15",
      notified: ("24-74", "2024-10-03"), offered: "2025-01-15", accepted: "2025-03-20",
      implemented: "2025-04-10",
      lines: [
        (1, "F-16 upgrade kits", 8, true, 48, .billion(5.2)),
        (2, "Avionics and support", 11, false, 1, .billion(2.1)),
      ])

    // Philippines: 20 F-16 Block 70, $5.58B (Apr 2025).
    _ = fms(
      &b, "PH", "F-16 Block 70 (20 aircraft)", caseID: "RP-D-SAG", lor: "2024-06-03", validated: "2024-06-07",
      notified: ("25-21", "2025-04-01"), offered: "2025-07-15", accepted: nil, implemented: nil,
      lines: [
        (1, "F-16 Block 70 aircraft", 8, true, 20, .billion(4.2)),
        (2, "Munitions and support", 4, true, 1, .billion(1.38)),
      ], oed: b.ahead(24))

    // Ukraine: $650M FMF (P.L. 117-103, Ukraine and affected countries); sustainment cases (2025).
    let uaFMF = fmf(
      &b, "UA", "FMF, Ukraine and affected countries (P.L. 117-103)", start: "2022-03-15",
      sunset: "2027-09-30")
    money(
      &b, uaFMF, fy: 2022, available: .million(650), obligatedShare: 1, disbursedShare: 0.8,
      until: "2023-09-30")
    _ = fms(
      &b, "UA", "HAWK sustainment", caseID: "UP-B-HAW", lor: "2025-02-03", validated: "2025-02-06",
      notified: ("25-66", "2025-07-24"), offered: "2025-09-10", accepted: "2025-10-01",
      implemented: "2025-10-20",
      lines: [(1, "HAWK spares and repair", 4, false, 1, .million(172))])
    _ = fms(
      &b, "UA", "Bradley support", caseID: "UP-B-BRA", lor: "2025-02-10", validated: "2025-02-13",
      notified: ("25-67", "2025-07-24"), offered: "2025-09-12", accepted: "2025-10-03",
      implemented: "2025-10-22",
      lines: [(1, "Bradley repair parts and services", 7, false, 1, .million(150))])
    _ = fms(
      &b, "UA", "F-16 sustainment", caseID: "UP-D-F16", lor: "2024-12-02", validated: "2024-12-05",
      notified: ("25-50", "2025-05-05"), offered: "2025-06-20", accepted: "2025-07-11",
      implemented: "2025-08-01",
      lines: [(1, "F-16 sustainment, training, spares", 8, false, 1, .million(310.5))])

    // IMET: roughly $108M a year across ~130 countries (FY2010); a sample of country programs.
    for (code, amount) in [
      ("PL", 0.9), ("GE", 1.8), ("PH", 2.0), ("VN", 1.5), ("ID", 2.4), ("JO", 3.9), ("EG", 1.8), ("TN", 2.3),
      ("KE", 0.9), ("UA", 3.0),
    ] {
      let id = b.nextID("\(code)-IMET")
      program(
        &b,
        ProgramCreated(
          id: id, partner: code, kind: .imet, title: "IMET professional military education",
          start: b.day("2021-10-01"), sunset: b.day("2028-09-30")))
      let current = b.today.fiscalYear
      for fy in [current - 1, current] {
        money(
          &b, id, fy: fy, available: .million(amount), obligatedShare: fy == current ? 0.3 : 1,
          disbursedShare: fy == current ? 0.1 : 0.85)
      }
      // Last year's courses, each enrolled by an executed enroll-imet request.
      let courses = [
        ("Command and General Staff Officer Course", 2), ("Expanded IMET: civil-military relations", 4),
        ("English language instructor course", 3),
      ]
      for (i, (course, students)) in courses.enumerated() {
        let on = Day.endOfFiscalYear(current - 2).adding(days: 40 + 70 * i)
        b.add(
          IMETEnrolled(
            program: id, course: course, students: students, cost: .million(amount * 0.1 * Double(students)),
            on: on), on: on, subject: id)
      }
    }
  }

  // MARK: One scenario per alert rule

  static func alertScenarios(_ b: inout DemoBuilder) {
    let t = b.today
    // Leahy: expiring, expired, blocked; and a cleared unit for comparison.
    let uaUnits: [(String, String, VettingStatus, Int)] = [
      ("UA-U-047", "47th Mechanized Brigade", .approved, 12),
      ("UA-U-093", "93rd Mechanized Brigade", .approved, -20),
      ("UA-U-204", "204th Tactical Aviation Brigade", .approved, 200),
    ]
    let uaTrain = b.nextID("UA-SC")
    program(
      &b,
      ProgramCreated(
        id: uaTrain, partner: "UA", kind: .securityCooperation, title: "Combined-arms training support",
        start: b.ago(700), sunset: b.ahead(500)))
    money(&b, uaTrain, fy: t.fiscalYear, available: .million(85), obligatedShare: 0.5, disbursedShare: 0.3)
    for (n, (id, name, status, expiresIn)) in uaUnits.enumerated() {
      b.add(UnitRegistered(id: id, partner: "UA", name: name), on: b.ago(800), subject: id)
      let expires = t.adding(days: expiresIn)
      let certified = expires.adding(days: -365)
      b.add(
        UnitVetted(
          unit: id, status: status, certified: certified, expires: expires,
          invest: "KYIV-\(certified.description.prefix(4))-\(4100 + 37 * n)",
          note: n == 0 ? "renewal submitted to post; awaiting INVEST clearance" : nil),
        on: certified, subject: id)
      b.add(UnitAssigned(program: uaTrain, unit: id), on: b.ago(300), subject: uaTrain)
    }
    let ngSC = b.nextID("NG-SC")
    program(
      &b,
      ProgramCreated(
        id: ngSC, partner: "NG", kind: .securityCooperation, title: "Counter-terrorism unit training",
        start: b.ago(600), sunset: b.ahead(400)))
    money(&b, ngSC, fy: t.fiscalYear, available: .million(22), obligatedShare: 0.4, disbursedShare: 0.2)
    b.add(
      UnitRegistered(id: "NG-U-011", partner: "NG", name: "11th Special Forces Battalion"), on: b.ago(650),
      subject: "NG-U-011")
    b.add(
      UnitVetted(unit: "NG-U-011", status: .approved, certified: b.ago(500)), on: b.ago(500),
      subject: "NG-U-011")
    b.add(
      UnitVetted(unit: "NG-U-011", status: .suspended, certified: b.ago(40)), on: b.ago(40),
      subject: "NG-U-011")
    b.add(UnitAssigned(program: ngSC, unit: "NG-U-011"), on: b.ago(450), subject: ngSC)
    b.add(
      UnitRegistered(id: "NG-U-021", partner: "NG", name: "21st Maritime Security Unit"), on: b.ago(650),
      subject: "NG-U-021")
    b.add(
      UnitVetted(unit: "NG-U-021", status: .approved, certified: b.ago(100)), on: b.ago(100),
      subject: "NG-U-021")
    b.add(UnitAssigned(program: ngSC, unit: "NG-U-021"), on: b.ago(90), subject: ngSC)
    // A unit the program funds whose vetting is only submitted (leahy-not-cleared).
    b.add(
      UnitRegistered(id: "NG-U-031", partner: "NG", name: "31st Riverine Company"), on: b.ago(60),
      subject: "NG-U-031")
    b.add(UnitVetted(unit: "NG-U-031", status: .submitted), on: b.ago(20), subject: "NG-U-031")
    b.add(UnitAssigned(program: ngSC, unit: "NG-U-031"), on: b.ago(15), subject: ngSC)

    // §36(b): required and missing (other tier, $62M > $50M); review open (NATO+5, 15 days).
    let vnCase = fms(
      &b, "VN", "Coastal patrol vessels", caseID: "VM-P-SAC", lor: b.ago(150).description,
      validated: b.ago(146).description, notified: nil, offered: nil, accepted: nil, implemented: nil,
      lines: [
        (1, "Patrol vessels", 6, true, 3, .million(48)),
        (2, "Training and spares", 6, false, 1, .million(14)),
      ])
    // Its Anticipated Offer Date has passed with no offer (offer-late).
    b.add(CaseAnticipatedOffer(program: vnCase, on: b.ago(16)), on: b.ago(146), subject: vnCase)
    _ = fms(
      &b, "RO", "Patriot missile reload", caseID: "RO-D-WPR", lor: b.ago(120).description,
      validated: b.ago(118).description, notified: ("26-03", b.ago(6).description), offered: nil,
      accepted: nil, implemented: nil,
      lines: [(1, "PAC-3 MSE missiles", 4, true, 24, .million(310))])
    // LOR not validated after the 5-day goal.
    _ = fms(
      &b, "ID", "C-130J sustainment", caseID: "ID-D-QCJ", lor: b.ago(12).description, validated: nil,
      notified: nil, offered: nil, accepted: nil, implemented: nil,
      lines: [(1, "C-130J spares", 8, false, 1, .million(38))])
    // Offer expiring in 6 days; offer lapsed 3 days ago (other tier; under threshold).
    _ = fms(
      &b, "KE", "Utility helicopters", caseID: "KE-B-UHS", lor: b.ago(220).description,
      validated: b.ago(216).description, notified: nil, offered: b.ago(79).description, accepted: nil,
      implemented: nil,
      lines: [(1, "UH-1 refurbishment", 8, false, 6, .million(42))], oed: b.ahead(6))
    _ = fms(
      &b, "GH", "Coastal radar", caseID: "GH-B-RAD", lor: b.ago(260).description,
      validated: b.ago(255).description, notified: nil, offered: b.ago(88).description, accepted: nil,
      implemented: nil,
      lines: [(1, "Coastal surveillance radars", 11, false, 4, .million(18))], oed: b.ago(3))
    // Closure overdue: SSC 26 months ago, not closed.
    let grCase = fms(
      &b, "GR", "M1117 armored vehicles", caseID: "GR-B-VAV", lor: "2018-03-01", validated: "2018-03-06",
      notified: nil, offered: "2018-06-01", accepted: "2018-07-15", implemented: "2018-08-01",
      lines: [(1, "M1117 vehicles", 7, false, 60, .million(24))])
    b.add(
      CaseMilestoneReached(program: grCase, milestone: .supplyComplete, on: t.adding(months: -26)),
      on: t.adding(months: -26), subject: grCase)

    // Funds expiring in 45 days with unobligated balance; over-obligation; disbursement lag.
    let maFMF = fmf(&b, "MA", "FMF maritime security", start: "2021-10-01", sunset: "2029-09-30")
    b.add(
      FundsMadeAvailable(
        program: maFMF, fiscalYear: t.fiscalYear - 1, amount: .million(10), availableUntil: b.ahead(45)),
      on: b.ago(400), subject: maFMF)
    b.add(
      FundsObligated(program: maFMF, fiscalYear: t.fiscalYear - 1, amount: .million(3.5), on: b.ago(200)),
      on: b.ago(200), subject: maFMF)
    b.add(
      FundsDisbursed(program: maFMF, fiscalYear: t.fiscalYear - 1, amount: .million(2.9)), on: b.ago(60),
      subject: maFMF)
    let lbFMF = fmf(
      &b, "LB", "FMF Lebanese Armed Forces sustainment", start: "2020-10-01", sunset: "2028-09-30")
    b.add(
      FundsMadeAvailable(program: lbFMF, fiscalYear: t.fiscalYear - 1, amount: .million(55)), on: b.ago(420),
      subject: lbFMF)
    b.add(
      FundsObligated(program: lbFMF, fiscalYear: t.fiscalYear - 1, amount: .million(52), on: b.ago(380)),
      on: b.ago(380), subject: lbFMF)
    b.add(
      FundsObligated(program: lbFMF, fiscalYear: t.fiscalYear - 1, amount: .million(5.5), on: b.ago(30)),
      on: b.ago(30), subject: lbFMF)
    b.add(
      FundsDisbursed(program: lbFMF, fiscalYear: t.fiscalYear - 1, amount: .million(40)), on: b.ago(20),
      subject: lbFMF)
    let iqFMF = fmf(&b, "IQ", "FMF sustainment", start: "2020-10-01", sunset: "2028-09-30")
    b.add(
      FundsMadeAvailable(program: iqFMF, fiscalYear: t.fiscalYear - 1, amount: .million(250)), on: b.ago(400),
      subject: iqFMF)
    b.add(
      FundsObligated(program: iqFMF, fiscalYear: t.fiscalYear - 1, amount: .million(200), on: b.ago(300)),
      on: b.ago(300), subject: iqFMF)
    b.add(
      FundsDisbursed(program: iqFMF, fiscalYear: t.fiscalYear - 1, amount: .million(20)), on: b.ago(100),
      subject: iqFMF)

    // Ukraine's drawdowns, USAI contracts and EDA (with the EUM items the drawdowns
    // delivered), §333 programs, an informal review and a Golden Sentry finding.
    otherAuthorities(&b)

    // Sunset approaching (40 days) and passed (15 days ago, still active).
    let mnSC = b.nextID("MN-SC")
    program(
      &b,
      ProgramCreated(
        id: mnSC, partner: "MN", kind: .securityCooperation, title: "Peacekeeping training (GPOI)",
        start: b.ago(1500), sunset: b.ahead(40)))
    money(&b, mnSC, fy: t.fiscalYear, available: .million(4), obligatedShare: 0.9, disbursedShare: 0.7)
    let fjSSR = b.nextID("FJ-SSR")
    program(
      &b,
      ProgramCreated(
        id: fjSSR, partner: "FJ", kind: .ssr, title: "Maritime police reform", start: b.ago(1200),
        sunset: b.ago(15)))
    money(&b, fjSSR, fy: t.fiscalYear - 1, available: .million(3), obligatedShare: 1, disbursedShare: 0.9)

    // Restrictions: §7008 (Niger, July 2023 coup; Myanmar, Feb 2021 coup) and §7012 (Zimbabwe).
    let neSC = b.nextID("NE-SC")
    program(
      &b,
      ProgramCreated(
        id: neSC, partner: "NE", kind: .securityCooperation, title: "Border security assistance",
        start: b.day("2021-10-01"), sunset: b.ahead(300)))
    money(
      &b, neSC, fy: 2023, available: .million(15), obligatedShare: 0.7, disbursedShare: 0.5,
      until: "2024-09-30")
    b.add(
      RestrictionImposed(
        partner: "NE", kind: .coup, since: b.day("2023-10-10"),
        note: "State determination after the July 2023 coup"), on: b.day("2023-10-10"), subject: "NE",
      actor: admin)
    let neHum = b.nextID("NE-SSR")
    program(
      &b,
      ProgramCreated(
        id: neHum, partner: "NE", kind: .ssr, title: "Democracy and governance support (exempt)",
        start: b.day("2022-01-01"), sunset: b.ahead(200)))
    b.add(
      RestrictionWaived(
        partner: "NE", kind: .coup, program: neHum, reason: "democracy assistance is exempt from §7008"),
      on: b.day("2023-10-12"), subject: "NE", actor: admin)
    b.add(
      RestrictionImposed(partner: "MM", kind: .coup, since: b.day("2021-02-02"), note: "February 2021 coup"),
      on: b.day("2021-02-02"), subject: "MM", actor: admin)
    let mmIMET = b.nextID("MM-IMET")
    program(
      &b,
      ProgramCreated(
        id: mmIMET, partner: "MM", kind: .imet, title: "IMET (suspended)", status: .suspended,
        start: b.day("2016-10-01"), sunset: b.ahead(60)))
    b.add(
      RestrictionImposed(
        partner: "ZW", kind: .brooke, since: b.day("2001-01-01"), note: "arrears over one year on U.S. loans"),
      on: b.day("2015-01-05"), subject: "ZW", actor: admin)
    let zwSC = b.nextID("ZW-SC")
    program(
      &b,
      ProgramCreated(
        id: zwSC, partner: "ZW", kind: .securityCooperation, title: "Demining cooperation", start: b.ago(400),
        sunset: b.ahead(300)))

    // A condition past due and unmet (Egypt's human-rights certification on the
    // conditioned $320M of its FMF); one met.
    let egFMF = "EG-FMF-001"
    b.add(
      ConditionSet(
        program: egFMF, id: "C-HR-1",
        text: "Secretary of State certifies human-rights conditions are met ($320M of FY\(t.fiscalYear) FMF)",
        due: b.ago(10)), on: b.ago(200), subject: egFMF)
    b.add(
      ConditionSet(program: egFMF, id: "C-HR-2", text: "Report on political detainees", due: b.ago(60)),
      on: b.ago(200), subject: egFMF)
    b.add(ConditionMet(program: egFMF, id: "C-HR-2", on: b.ago(65)), on: b.ago(65), subject: egFMF)
  }

  // MARK: Requests: each approval check with a passing and a failing example

  static func requests(_ b: inout DemoBuilder) {
    let t = b.today
    // Units the requests below reach, vetted and cleared (the failing examples use
    // the Ukrainian and Nigerian units of the alert scenarios).
    for (id, partner, name) in [
      ("NE-U-005", "NE", "5th Border Guard Company"),
      ("KE-U-002", "KE", "Kenya Defence Forces staff college"),
      ("FJ-U-001", "FJ", "Republic of Fiji Navy patrol squadron"),
    ] {
      b.add(UnitRegistered(id: id, partner: partner, name: name), on: b.ago(400), subject: id)
      b.add(
        UnitVetted(unit: id, status: .approved, certified: b.ago(90), expires: b.ahead(275)), on: b.ago(90),
        subject: id)
    }
    func raise(
      _ id: String, _ program: String, _ kind: RequestKind, _ amount: Dollars, fy: Int? = nil,
      units: [String] = [], course: String? = nil, students: Int? = nil, until: Day? = nil, _ text: String,
      submittedAgo: Int, approvals: [String] = [], by requester: String = officer
    ) {
      let day = b.ago(submittedAgo + 1)
      b.add(
        RequestRaised(
          id: id, program: program, kind: kind, amount: amount, fiscalYear: fy, units: units, course: course,
          students: students, until: until, summary: text),
        on: day, subject: id, actor: requester)
      b.add(
        RequestStepTaken(id: id, program: program, state: .submitted), on: b.ago(submittedAgo),
        subject: id, actor: requester)
      for a in approvals {
        b.add(
          RequestStepTaken(id: id, program: program, state: .approved, reason: "checks reviewed"),
          on: b.ago(max(0, submittedAgo - 1)), subject: id, actor: a)
      }
    }
    // Funds: enough available (pass) / more than the unobligated balance (fail).
    raise(
      "RQ-0001", "JO-FMF-001", .releaseFunds, .million(150), fy: t.fiscalYear,
      "Release FY funds for F-16 sustainment", submittedAgo: 3)
    raise(
      "RQ-0002", "MA-FMF-001", .releaseFunds, .million(9), fy: t.fiscalYear - 1,
      "Release remaining maritime security funds", submittedAgo: 2, by: officer2)
    // Notification: delivered and review run (pass) / required and missing (fail) / review still open (fail).
    raise(
      "RQ-0003", "PH-FMS-001", .offerLOA, .billion(5.58), "Re-offer LOA for F-16 Block 70", submittedAgo: 1,
      approvals: [approver])
    raise(
      "RQ-0004", "VN-FMS-001", .offerLOA, .million(62), "Offer LOA for coastal patrol vessels",
      submittedAgo: 4)
    raise(
      "RQ-0005", "RO-FMS-001", .offerLOA, .million(310), "Offer LOA for PAC-3 MSE reload", submittedAgo: 1,
      by: officer2)
    // Vetting: unit cleared (pass) / unit suspended (fail) / unit expired (fail).
    raise(
      "RQ-0006", "UA-SC-001", .deliver, .million(6), units: ["UA-U-204"],
      "Deliver training equipment to 204th Brigade", submittedAgo: 2)
    raise(
      "RQ-0007", "NG-SC-001", .deliver, .million(2), units: ["NG-U-011"],
      "Deliver equipment to 11th SF Battalion", submittedAgo: 5)
    raise(
      "RQ-0008", "UA-IMET-001", .enrollIMET, .million(0.4), units: ["UA-U-093"],
      course: "Command and General Staff",
      students: 4, "Enroll 93rd Brigade officers in staff course", submittedAgo: 3)
    // Restrictions: partner restricted (fail) / not restricted (pass).
    raise(
      "RQ-0009", "NE-SC-001", .deliver, .million(1.5), units: ["NE-U-005"], "Deliver border-surveillance kit",
      submittedAgo: 6)
    raise(
      "RQ-0010", "KE-IMET-001", .enrollIMET, .million(0.3), units: ["KE-U-002"],
      course: "Professional military education", students: 6, "Enroll 6 officers in FY courses",
      submittedAgo: 2, by: officer2)
    // Sunset: extension request (pass) / delivery on a program past sunset (fail).
    raise(
      "RQ-0011", "MN-SC-001", .extendSunset, .zero, until: t.adding(days: 3650), "Extend GPOI training",
      submittedAgo: 1)
    raise(
      "RQ-0012", "FJ-SSR-001", .deliver, .million(0.5), units: ["FJ-U-001"], "Deliver boats after sunset",
      submittedAgo: 2)
    // Stale: pending for 20 days.
    raise(
      "RQ-0013", "TW-FMF-001", .releaseFunds, .million(50), fy: 2024, "Release FMF for resilience training",
      submittedAgo: 20)
    // Decided requests, for history.
    raise(
      "RQ-0014", "EG-FMF-001", .releaseFunds, .million(50), fy: t.fiscalYear - 1,
      "Release vehicle sustainment funds",
      submittedAgo: 40, approvals: [approver])
    b.add(
      RequestStepTaken(id: "RQ-0014", program: "EG-FMF-001", state: .executed), on: b.ago(35),
      subject: "RQ-0014", actor: officer)
    b.add(
      FundsObligated(
        program: "EG-FMF-001", fiscalYear: t.fiscalYear - 1, amount: .million(50), on: b.ago(35),
        request: "RQ-0014"),
      on: b.ago(35), subject: "RQ-0014", actor: officer)
    raise(
      "RQ-0015", "PL-FMF-001", .releaseFunds, .million(300), fy: 2023, "Release loan tranche",
      submittedAgo: 30)
    b.add(
      RequestStepTaken(
        id: "RQ-0015", program: "PL-FMF-001", state: .returned, reason: "attach the loan agreement amendment"),
      on: b.ago(28), subject: "RQ-0015", actor: approver2)
    // A draft not yet submitted.
    b.add(
      RequestRaised(
        id: "RQ-0016", program: "IL-FMF-001", kind: .releaseFunds, amount: .million(400),
        fiscalYear: t.fiscalYear,
        summary: "Release FY funds for munitions replenishment"), on: b.ago(1), subject: "IL-FMF-001",
      actor: officer2)
    // A waiver of Niger's §7008 restriction for its border program: approved by the
    // region's approvers, carried out by an administrator.
    var waiver = RequestRaised(
      id: "RQ-0017", program: "NE-SC-001", kind: .waiveRestriction, amount: .zero,
      summary: "National-security waiver for border surveillance (§7008(b))")
    waiver.restriction = .coup
    b.add(waiver, on: b.ago(2), subject: "RQ-0017", actor: officer)
    b.add(
      RequestStepTaken(id: "RQ-0017", program: "NE-SC-001", state: .submitted), on: b.ago(1),
      subject: "RQ-0017", actor: officer)
    // A release the congressional notification holds: Jordan's CN for the rest of the
    // year runs its 15 days (the CN check fails, naming it, until it has).
    raise(
      "RQ-0019", "JO-FMF-001", .releaseFunds, .million(160), fy: t.fiscalYear,
      "Release FY FMF for border security", submittedAgo: 1)
    // An EDA allocation waiting for its approver (the allocation is recorded once executed).
    raise(
      "RQ-0018", "UA-EDA-001", .allocateEDA, .million(24), "Allocate excess M113 armoured personnel carriers",
      submittedAgo: 3)
  }

  // MARK: Congressional notifications of funds

  /// CNs in each state (FAA §634A; SFOPS §7015): Jordan's year notified up to RQ-0001
  /// and the rest on its 15-day hold (RQ-0019 asks beyond the cleared CN), Egypt's conditioned tranche held by a committee, a
  /// withdrawn one, and Georgia's new FMF committed with none yet. Every other year's
  /// obligations are covered by a cleared CN (`DemoBuilder.notifyHistory`). Returns the
  /// amounts the history's CNs notify where they differ from the year's funds.
  static func notificationScenarios(_ b: inout DemoBuilder) -> [AccountYear: Dollars] {
    let t = b.today
    let fy = t.fiscalYear
    func key(_ partner: String, _ account: String, _ year: Int) -> AccountYear {
      AccountYear(partner: partner, account: account, fiscalYear: year)
    }
    let joRest = b.ago(4)
    b.add(
      CNTransmitted(
        number: b.nextCN(joRest), partner: "JO", account: "FMF", fiscalYear: fy, amount: .million(20),
        purpose: "the rest of FY\(fy) FMF, for border security", on: joRest),
      on: joRest, subject: "cn")
    let egHeld = b.ago(40)
    let egNumber = b.nextCN(egHeld)
    b.add(
      CNTransmitted(
        number: egNumber, partner: "EG", account: "FMF", fiscalYear: fy, amount: .million(650),
        purpose: "FY\(fy) FMF second half, including the $320M tranche conditioned on human rights",
        on: egHeld),
      on: egHeld, subject: "cn")
    b.add(CNHeld(number: egNumber, on: b.ago(30), by: "SFRC (member hold)"), on: b.ago(30), subject: "cn")
    let iqDay = b.ago(90)
    let iqNumber = b.nextCN(iqDay)
    b.add(
      CNTransmitted(
        number: iqNumber, partner: "IQ", account: "FMF", fiscalYear: fy, amount: .million(50),
        purpose: "FY\(fy) FMF for counter-ISIS sustainment", on: iqDay),
      on: iqDay, subject: "cn")
    b.add(
      CNWithdrawn(number: iqNumber, on: b.ago(70), reason: "superseded by the FY\(fy) spend plan"),
      on: b.ago(70), subject: "cn")
    // Georgia's first FMF: committed, no CN transmitted yet (cn-required, a warning).
    let geFMF = fmf(
      &b, "GE", "FMF Black Sea coastal defense", start: b.ago(60).description, sunset: "2030-09-30")
    b.add(
      FundsMadeAvailable(
        program: geFMF, fiscalYear: fy, amount: .million(15), availableUntil: Day.endOfFiscalYear(fy + 1)),
      on: b.ago(60), subject: geFMF)
    b.add(FundsCommitted(program: geFMF, fiscalYear: fy, amount: .million(6)), on: b.ago(10), subject: geFMF)
    return [
      key("JO", "FMF", fy): .million(405), key("EG", "FMF", fy): .million(650), key("GE", "FMF", fy): .zero,
    ]
  }

  // MARK: The rest of the portfolio, generated

  static func fill(_ b: inout DemoBuilder) {
    let t = b.today
    let scTitles = [
      "Maritime domain awareness", "Counter-IED training", "NCO development", "Cyber defense cooperation",
      "Air defense interoperability", "Logistics modernization", "Military medicine exchange",
      "Special operations training",
      "Border security", "Peacekeeping readiness",
    ]
    let ssrTitles = [
      "Defense institution building", "Military justice reform", "Civilian oversight of defense",
      "Anti-corruption in procurement", "Human-rights training for security forces",
      "Defense resource management",
    ]
    let fmsItems: [(String, Int, Bool, Int64)] = [
      ("Night-vision devices", 12, true, 18_000_000), ("Tactical radios", 11, false, 32_000_000),
      ("Armored utility vehicles", 7, false, 41_000_000), ("Small arms ammunition", 3, false, 9_000_000),
      ("Patrol boats", 6, false, 27_000_000), ("Javelin missiles", 4, true, 22_000_000),
      ("Training simulators", 9, false, 12_000_000), ("UAS (small)", 8, false, 15_000_000),
    ]
    var n = 0
    for p in DemoPartners.all where !["MM", "NE", "ZW"].contains(p.code) {
      // Each partner gets two to four generated programs.
      let count = 2 + Int(b.rng.next() % 3)
      for k in 0..<count {
        n += 1
        let kindRoll = (n + k) % 5
        // IMET and SSR only where they go: a partner that receives neither gets the same
        // figures as cooperation it pays its share of (same draws: the rest stays put).
        let grantTraining = !DemoPartners.noGrantTraining.contains(p.code)
        let startDaysAgo = 300 + Int(b.rng.next() % 2200)
        let start = b.ago(startDaysAgo)
        let sunset = b.ahead(365 + Int(b.rng.next() % 1500))
        switch kindRoll {
        case 0:
          // FMF only where FMF goes, and in proportion: partners that buy with their own
          // money get a security-cooperation program instead, small partners small sums,
          // and partners with real figures above get none generated.
          let receivesFMF = !DemoPartners.noFMF.contains(p.code)
          let title = ["equipment modernization", "sustainment", "training and readiness"][n % 3]
          let id =
            receivesFMF
            ? fmf(&b, p.code, "FMF \(title)", start: start.description, sunset: sunset.description)
            : b.nextID("\(p.code)-SC")
          if !receivesFMF {
            program(
              &b,
              ProgramCreated(
                id: id, partner: p.code, kind: .securityCooperation, title: "Cooperation in \(title)",
                start: start, sunset: sunset))
          }
          let scale = DemoPartners.smallFMF.contains(p.code) ? 0.05 : 0.35
          for fy in (t.fiscalYear - 2)...t.fiscalYear {
            let amt = Dollars(Int64(Double(5 + b.rng.next() % 90) * scale * 1_000_000))
            money(
              &b, id, fy: fy, available: amt, obligatedShare: fy == t.fiscalYear ? 0.3 : 0.95,
              disbursedShare: fy == t.fiscalYear ? 0.1 : 0.7)
          }
        case 1:
          let item = fmsItems[Int(b.rng.next() % UInt64(fmsItems.count))]
          let qty = 4 + Int(b.rng.next() % 60)
          let value = Dollars(min(49_000_000, item.3 / 2 + Int64(b.rng.next() % UInt64(item.3))))
          let lor = start
          // The MDE flag follows the item; a case over its tier's threshold was notified.
          let threshold = Policy().notification(for: p.tier)
          let needsNotice = item.2 ? value >= threshold.mde : value >= threshold.articles
          let caseID = "\(p.code)-B-\(String(n, radix: 36).uppercased().leftPad(3))"
          let id = fms(
            &b, p.code, item.0, caseID: caseID,
            lor: lor.description, validated: lor.adding(days: 3).description,
            notified: needsNotice ? ("G-\(caseID.suffix(3))", lor.adding(days: 60).description) : nil,
            offered: lor.adding(days: 120).description, accepted: lor.adding(days: 170).description,
            implemented: lor.adding(days: 190).description,
            lines: [(1, item.0, item.1, item.2, qty, value)])
          // DSAMS's anticipated offer date, set at validation: most offers (at 120 days)
          // on time, one in four late — the SCIP metric has something to say.
          b.add(
            CaseAnticipatedOffer(program: id, on: lor.adding(days: n % 4 == 0 ? 110 : 130)),
            on: lor.adding(days: 3), subject: id)
        case 2:
          let course = ["English language training", "Expanded IMET", "Professional military education"][
            n % 3]
          let id = b.nextID("\(p.code)-\(grantTraining ? "IMET" : "SC")")
          program(
            &b,
            ProgramCreated(
              id: id, partner: p.code, kind: grantTraining ? .imet : .securityCooperation,
              title: grantTraining ? "IMET \(course)" : "Military education exchanges", start: start,
              sunset: sunset))
          for fy in (t.fiscalYear - 1)...t.fiscalYear {
            money(
              &b, id, fy: fy, available: Dollars(Int64(300 + b.rng.next() % 2500) * 1000),
              obligatedShare: fy == t.fiscalYear ? 0.4 : 1, disbursedShare: fy == t.fiscalYear ? 0.2 : 0.9)
          }
        case 3:
          let id = b.nextID("\(p.code)-SC")
          program(
            &b,
            ProgramCreated(
              id: id, partner: p.code, kind: .securityCooperation, title: scTitles[n % scTitles.count],
              start: start, sunset: sunset))
          money(
            &b, id, fy: t.fiscalYear - 1, available: Dollars(Int64(2 + b.rng.next() % 40) * 1_000_000),
            obligatedShare: 0.9, disbursedShare: 0.6)
          b.add(
            MetricDefined(
              program: id, id: "M1", name: "Personnel trained", unit: "people",
              target: Double(100 + b.rng.next() % 900)), on: start.adding(days: 30), subject: id)
          b.add(
            MetricMeasured(program: id, id: "M1", actual: Double(50 + b.rng.next() % 900), on: b.ago(90)),
            on: b.ago(90), subject: id)
        default:
          let id = b.nextID("\(p.code)-\(grantTraining ? "SSR" : "SC")")
          program(
            &b,
            ProgramCreated(
              id: id, partner: p.code, kind: grantTraining ? .ssr : .securityCooperation,
              title: grantTraining ? ssrTitles[n % ssrTitles.count] : "Defense institution cooperation",
              start: start, sunset: sunset))
          money(
            &b, id, fy: t.fiscalYear - 1, available: Dollars(Int64(1 + b.rng.next() % 12) * 1_000_000),
            obligatedShare: 0.8, disbursedShare: 0.5)
          b.add(
            MetricDefined(
              program: id, id: "M1", name: "Reform milestones achieved", unit: "milestones", target: 8),
            on: start.adding(days: 30), subject: id)
          b.add(
            MetricMeasured(program: id, id: "M1", actual: Double(b.rng.next() % 9), on: b.ago(120)),
            on: b.ago(120), subject: id)
          b.add(
            ConditionSet(
              program: id, id: "C1", text: "Partner adopts reform action plan", due: start.adding(days: 200)),
            on: start.adding(days: 10), subject: id)
          b.add(
            ConditionMet(program: id, id: "C1", on: start.adding(days: 180)), on: start.adding(days: 180),
            subject: id)
        }
      }
    }
  }

  // MARK: Helpers

  static func cat(_ n: Int) -> USMLCategory { USMLCategory(n) ?? .notOtherwiseEnumerated }

  static func program(_ b: inout DemoBuilder, _ created: ProgramCreated) {
    b.add(created, on: created.start, subject: created.id)
  }

  static func fmf(_ b: inout DemoBuilder, _ partner: String, _ title: String, start: String, sunset: String)
    -> String
  {
    let id = b.nextID("\(partner)-FMF")
    program(
      &b,
      ProgramCreated(
        id: id, partner: partner, kind: .fmf, title: title, start: b.day(start), sunset: b.day(sunset)))
    return id
  }

  /// A fiscal year's funds: made available at the start of the year, obligated and
  /// disbursed in shares during it.
  static func money(
    _ b: inout DemoBuilder, _ id: String, fy: Int, available: Dollars, obligatedShare: Double,
    disbursedShare: Double, until: String? = nil
  ) {
    let fyStart = Day(year: fy - 1, month: 10, day: 1) ?? b.today
    let untilDay = until.map { b.day($0) } ?? Day.endOfFiscalYear(fy + 1)  // two-year money
    b.add(
      FundsMadeAvailable(program: id, fiscalYear: fy, amount: available, availableUntil: untilDay),
      on: fyStart, subject: id)
    let obligated = Dollars(Int64(Double(available.amount) * obligatedShare))
    if obligated > .zero {
      let day = min(fyStart.adding(days: 60), b.today)
      b.add(FundsCommitted(program: id, fiscalYear: fy, amount: obligated), on: day, subject: id)
      b.add(FundsObligated(program: id, fiscalYear: fy, amount: obligated, on: day), on: day, subject: id)
      let disbursed = Dollars(Int64(Double(obligated.amount) * disbursedShare))
      if disbursed > .zero {
        b.add(
          FundsDisbursed(program: id, fiscalYear: fy, amount: disbursed),
          on: min(day.adding(days: 90), b.today), subject: id)
      }
    }
  }

  /// An FMS case with its milestones and lines; returns the program id.
  static func fms(
    _ b: inout DemoBuilder, _ partner: String, _ title: String, caseID: String, lor: String,
    validated: String?,
    notified: (String, String)?, offered: String?, accepted: String?, implemented: String?,
    lines: [(Int, String, Int, Bool, Int, Dollars)], oed: Day? = nil
  ) -> String {
    let id = b.nextID("\(partner)-FMS")
    let lorDay = b.day(lor)
    program(
      &b,
      ProgramCreated(
        id: id, partner: partner, kind: .fms, title: title, start: lorDay,
        sunset: lorDay.adding(days: 365 * 12)))
    b.add(
      CaseOpened(program: id, identifier: caseID, caseType: .definedOrder, lorReceived: lorDay), on: lorDay,
      subject: id)
    for l in lines {
      b.add(
        CaseLineAdded(
          program: id,
          line: CaseLine(number: l.0, description: l.1, usml: cat(l.2), mde: l.3, quantity: l.4, value: l.5)),
        on: lorDay, subject: id)
    }
    if let validated {
      b.add(
        CaseMilestoneReached(program: id, milestone: .lorValidated, on: b.day(validated)),
        on: b.day(validated), subject: id)
    }
    if let n = notified {
      b.add(CaseNotified(program: id, transmittal: n.0, delivered: b.day(n.1)), on: b.day(n.1), subject: id)
    }
    if let offered {
      b.add(
        CaseMilestoneReached(program: id, milestone: .loaOffered, on: b.day(offered), offerExpiration: oed),
        on: b.day(offered), subject: id)
    }
    if let accepted {
      b.add(
        CaseMilestoneReached(program: id, milestone: .accepted, on: b.day(accepted)), on: b.day(accepted),
        subject: id)
    }
    if let implemented {
      b.add(
        CaseMilestoneReached(program: id, milestone: .implemented, on: b.day(implemented)),
        on: b.day(implemented), subject: id)
    }
    return id
  }
}

extension String {
  func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
