import Basics
import CanonicalJSON
import PortfolioDemo
import Testing

@testable import Portfolio

/// The checkpoint's hand-written program reader (ProgramBinary.swift) reads exactly what
/// the generic binary encoder wrote: on every program of the demo (FMS cases with lines,
/// changes and notifications, packages, contracts, EUM, findings, enrolments) and on one
/// with every optional field set and a reported year; damaged bytes are refused, not trusted.
@Suite struct ProgramBinaryTests {
  static func roundTrip(_ programs: [Program]) throws -> [Program] {
    let bytes = try BinaryEncoder().encode(programs)
    // The hand-written writer writes the generic encoder's bytes exactly.
    var out = BinaryOutput()
    out.array(programs) { o, p in p.write(binary: &o) }
    #expect(out.bytes == bytes)
    // The hand-built JSON value writes the generic JSON encoder's canonical bytes.
    for p in programs {
      #expect(
        CanonicalJSON.bytes(p.jsonValue) == CanonicalJSON.bytes(try JSONValueEncoder().encode(p)), "\(p.id)")
    }
    return try bytes.withUnsafeBufferPointer { b throws(BinaryCodingError) in try Program.decodeArray(from: b)
    }
  }

  @Test func theDemosProgramsReadBackEqual() throws {
    var p = Portfolio()
    for (i, item) in DemoPortfolio.events(today: try #require(Day("2026-11-29"))).enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event))
    }
    let programs = p.snapshotProgramIDs().compactMap { p.programs[$0] }
    #expect(programs.count > 150)
    #expect(programs.contains { $0.fmsCase?.changes.isEmpty == false })
    #expect(programs.contains { !$0.transfers.isEmpty } && programs.contains { !$0.findings.isEmpty })
    #expect(try Self.roundTrip(programs) == programs)
    let generic = try BinaryDecoder().decode([Program].self, from: try BinaryEncoder().encode(programs))
    #expect(generic == programs)
  }

  @Test func everyFieldSetReadsBackEqual() throws {
    let day = try #require(Day("2025-03-04"))
    var p = Program(
      id: "X", partner: "PL", kind: .fms, title: "t", status: .suspended, start: day, sunset: day)
    p.funding = [
      Funding(
        fiscalYear: 2025, available: .million(5), committed: .million(4), obligated: .million(3),
        disbursed: .million(2), availableUntil: day, firstObligation: day)
    ]
    var c = FMSCase(
      identifier: "PL-B-X", type: .clssa, training: true, buildingPartnerCapacity: true, lorReceived: day)
    for d in [
      \FMSCase.lorValidated, \.loaOffered, \.offerExpiration, \.accepted, \.implemented, \.supplyComplete,
      \.closed, \.informalReview, \.anticipatedOffer,
    ] { c[keyPath: d] = day }
    c.lines = [
      CaseLine(
        number: 1, description: "l", usml: .notOtherwiseEnumerated, mde: true,
        designAndConstruction: true, quantity: 2, value: .million(9))
    ]
    c.notification = Notification(
      transmittal: "25-1", delivered: day, reviewDays: 30, notifiedMDE: .million(1),
      notifiedTotal: .million(2))
    c.fmfProgram = "PL-FMF-001"
    c.fmfAmount = .million(1)
    c.changes = [
      CaseChange(kind: .modification, line: 1, from: .million(1), to: .million(2), on: day, reason: "r")
    ]
    p.fmsCase = c
    p.units = ["U1", "U2"]
    var cond = Condition(id: "C1", text: "c", due: day)
    (cond.met, cond.waived, cond.waiverReason) = (day, day, "w")
    p.conditions = [cond]
    var m = Metric(id: "M1", name: "n", unit: "u", target: 2.5)
    (m.actual, m.measured) = (1.25, day)
    p.metrics = [m]
    var e = EUMItem(id: "E1", description: "d", enhanced: true, quantity: 3, arrival: day)
    (e.lastInventory, e.lastCounted) = (day, 2)
    p.eum = [e]
    var t = Transfer(
      id: "T1", kind: .drawdown, title: "t", fiscalYear: 2025, on: day, basis: "506(a)(1)",
      articles: [TransferArticle(item: "i", quantity: 2, value: .million(1), sme: true, delivered: 1)],
      grant: true)
    (t.firstDelivery, t.lastDelivery) = (day, day)
    p.transfers = [t]
    p.notices = [Notice(reference: "n", on: day, amount: .million(1), transfer: "T1")]
    p.components = [ProgramComponent(kind: .humanRights, description: "hr", on: day)]
    p.findings = [
      EUMFinding(id: "F1", program: .blueLantern, on: day, result: .derogatory, note: "x", resolved: day)
    ]
    p.enrolments = [Enrolment(course: "c", students: 3, cost: .million(1), on: day, request: "RQ-1")]
    p.reported = [
      ReportedYear(fiscalYear: 2024, obligated: .million(-1), disbursed: .million(1), source: "FA.gov")
    ]
    #expect(try Self.roundTrip([p]) == [p])
  }

  @Test func damagedBytesAreRefused() throws {
    let day = try #require(Day("2025-03-04"))
    let p = Program(id: "X", partner: "PL", kind: .fmf, title: "t", status: .active, start: day)
    let bytes = try BinaryEncoder().encode([p])
    for cut in [1, 9, bytes.count / 2, bytes.count - 1] {
      let short = Array(bytes.prefix(cut))
      #expect(throws: BinaryCodingError.self) {
        try short.withUnsafeBufferPointer { b throws(BinaryCodingError) in try Program.decodeArray(from: b) }
      }
    }
    #expect(throws: BinaryCodingError.self) {
      try (bytes + [0]).withUnsafeBufferPointer { b throws(BinaryCodingError) in
        try Program.decodeArray(from: b)
      }
    }
    // A kind this build does not know.
    var wrong = bytes
    if let at = wrong.indices.first(where: { wrong[$0...].starts(with: Array("FMF".utf8)) }) {
      wrong[at] = UInt8(ascii: "X")
    }
    #expect(throws: BinaryCodingError.self) {
      try wrong.withUnsafeBufferPointer { b throws(BinaryCodingError) in try Program.decodeArray(from: b) }
    }
  }
}
