import CanonicalJSON
import PortfolioDemo
import Testing

@testable import Portfolio

/// The hand-written readers of the most common event payloads (FastDecoding.swift)
/// decode exactly what the generic decoder does, and give way to it on anything else.
@Suite struct FastDecodingTests {
  /// Both ways, compared as the JSON they encode back to.
  static func same(_ type: any EventPayload.Type, _ payload: JSONValue) throws -> Bool {
    let fast = try #require(EventRegistry.fastDecode(type, payload), "\(type.type): \(payload)")
    let generic = try JSONValueDecoder().decode(type, from: payload)
    return try EventRegistry.encode(fast) == EventRegistry.encode(generic)
  }

  @Test func everyFieldSetReadsAsTheGenericDecoderReadsIt() throws {
    let day = try #require(Day("2026-03-04"))
    let events: [any EventPayload] = [
      ProgramCreated(
        id: "P1", partner: "PL", kind: .fmf, title: "t", status: .planned, start: day,
        sunset: day.adding(days: 9),
        reported: day),
      FundsMadeAvailable(
        program: "P1", fiscalYear: 2026, amount: .million(3), availableUntil: day, source: "s"),
      FundsCommitted(program: "P1", fiscalYear: 2026, amount: .million(2), request: "RQ-1", source: "s"),
      FundsObligated(
        program: "P1", fiscalYear: 2026, amount: .million(-2), on: day, request: "RQ-1", source: "s",
        late: "l"),
      FundsDisbursed(program: "P1", fiscalYear: 2026, amount: .million(1), on: day),
      ProgramSunsetChanged(program: "P1", sunset: day, reason: "r", request: "RQ-2"),
      ConditionSet(program: "P1", id: "C1", text: "x", due: day),
    ]
    for event in events {
      let payload = try EventRegistry.encode(event)
      #expect(try Self.same(Swift.type(of: event), payload), "\(Swift.type(of: event).type)")
      // Every member is read: a payload missing any one is not read the same.
      guard case .object(let members) = payload else { continue }
      #expect(members.count == Mirror(reflecting: event).children.count, "\(Swift.type(of: event).type)")
    }
  }

  @Test func everyFastTypeIsRegistered() {
    let fast = EventRegistry.types.filter { $0 is any FastDecodable.Type }.map { $0.type }
    #expect(Set(fast) == Set(EventRegistry.fastReaders.keys))
    #expect(fast.count == 7)
  }

  @Test func theDemosEventsReadTheSame() throws {
    var count = 0
    for item in DemoPortfolio.events(today: try #require(Day("2026-11-29"))) {
      let type = Swift.type(of: item.event)
      guard type is any FastDecodable.Type else { continue }
      #expect(try Self.same(type, try EventRegistry.encode(item.event)))
      count += 1
    }
    #expect(count > 1000)
  }

  /// Optional members null or missing, integers as integral numbers, extra members:
  /// as the generic decoder reads them. Anything it refuses, the fast reader leaves to it.
  @Test func edgesAndDamagedPayloads() throws {
    let ok: [JSONValue] = [
      .object([.init("program", .string("P1")), .init("fiscalYear", .double(2026)), .init("amount", .int(5))]
      ),
      .object([
        .init("program", .string("P1")), .init("fiscalYear", .int(2026)), .init("amount", .int(5)),
        .init("availableUntil", .null), .init("source", .null), .init("extra", .bool(true)),
      ]),
    ]
    for payload in ok { #expect(try Self.same(FundsMadeAvailable.self, payload)) }
    let refused: [JSONValue] = [
      .object([
        .init("program", .string("P1")), .init("fiscalYear", .string("2026")), .init("amount", .int(5)),
      ]),
      .object([.init("program", .string("P1")), .init("fiscalYear", .int(2026))]),
      .object([
        .init("program", .string("P1")), .init("fiscalYear", .double(2026.5)), .init("amount", .int(5)),
      ]),
      .object([
        .init("program", .string("P1")), .init("fiscalYear", .int(2026)), .init("amount", .int(5)),
        .init("availableUntil", .string("2026-02-30")),
      ]),
      .array([]),
    ]
    for payload in refused {
      #expect(EventRegistry.fastDecode(FundsMadeAvailable.self, payload) == nil, "\(payload)")
      guard
        case .malformed(let reason) = EventRegistry.decode(
          type: "funds.available", version: 1, payload: payload)
      else {
        Issue.record("\(payload) decoded")
        continue
      }
      #expect(reason.hasPrefix("'funds.available' payload does not decode: "), "\(reason)")
    }
    let badKind = JSONValue.object([
      .init("id", .string("P1")), .init("partner", .string("PL")), .init("kind", .string("XYZ")),
      .init("title", .string("t")), .init("status", .string("active")), .init("start", .string("2026-01-01")),
    ])
    #expect(EventRegistry.fastDecode(ProgramCreated.self, badKind) == nil)
  }
}
