import Basics
import Portfolio
import Testing

@testable import FileImport

/// Issue 26, item 4: an imported program's ID names its account once; a store imported
/// by an earlier build (the account twice) keeps its programs, updated, not doubled.
@Suite struct ImportIDTests {
  @Test func theAccountOnce() throws {
    let fmf = try #require(ForeignAssistance.account(named: "Foreign Military Financing Program"))
    #expect(
      ForeignAssistanceRows.programID(country: "JO", account: fmf, activity: "FMF-JOR-2023")
        == "JO-FMF-JOR-2023")
    #expect(
      ForeignAssistanceRows.programID(country: "JO", account: fmf, activity: "FMF-JOR-2023", former: true)
        == "JO-FMF-FMF-JOR-2023")
    #expect(ForeignAssistanceRows.programID(country: "JO", account: fmf, activity: "ACT-7") == "JO-FMF-ACT-7")
  }

  @Test func aStoreWithTheFormerIDIsUpdatedNotDoubled() {
    var p = Portfolio()
    let day = Day(year: 2025, month: 1, day: 1) ?? Day(ordinal: 0)
    for (i, e) in [
      PartnerRegistered(code: "JO", name: "Jordan", region: .middleEastAfrica, tier: .other)
        as any EventPayload,
      ProgramCreated(id: "JO-FMF-FMF-JOR-2023", partner: "JO", kind: .fmf, title: "FMF", start: day),
    ].enumerated() {
      p.apply(
        Envelope(
          context: EventContext(sequence: i + 1, at: Timestamp(dayOrdinal: day.ordinal), actor: "a"), event: e
        ))
    }
    let figures = ReportedFigures(
      partner: "JO", partnerName: "Jordan", region: .middleEastAfrica, tier: .other,
      program: "JO-FMF-JOR-2023",
      kind: .fmf, title: "FMF", start: day, fiscalYear: 2023, available: .million(5), obligated: .million(5),
      disbursed: .zero, formerProgram: "JO-FMF-FMF-JOR-2023")
    let plan = ImportFigures([figures], source: "ForeignAssistance.gov").plan(p, today: day)
    #expect(plan.newPrograms == 0)
    #expect(
      plan.events.allSatisfy { $0.event.programID == "JO-FMF-FMF-JOR-2023" }, "\(plan.events.map(\.origin))")
  }
}
