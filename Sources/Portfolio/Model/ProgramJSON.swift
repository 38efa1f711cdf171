import CanonicalJSON

/// A program as the JSON value `JSONValueEncoder` makes of it, built by hand: `sapm
/// export --format json` writes 100,000 of them, and the generic `Encodable` path was
/// most of its time. Members as the synthesized encoder writes them (a nil optional
/// left out, a day as `YYYY-MM-DD`, an amount as whole dollars); `ProgramJSONTests`
/// holds the canonical bytes equal to the generic encoder's on the demo and on a
/// program with every field set.
extension Program {
  public var jsonValue: JSONValue {
    var m: [JSONValue.Member] = [
      .init("id", .string(id)), .init("partner", .string(partner)), .init("kind", .string(kind.rawValue)),
      .init("title", .string(title)), .init("status", .string(status.rawValue)), .init("start", start.json),
    ]
    m.optional("sunset", sunset?.json)
    m.append(
      .init(
        "funding",
        .array(
          funding.map { f in
            var o: [JSONValue.Member] = [
              .init("fiscalYear", .int(Int64(f.fiscalYear))), .init("available", f.available.json),
              .init("committed", f.committed.json), .init("obligated", f.obligated.json),
              .init("disbursed", f.disbursed.json), .init("availableUntil", f.availableUntil.json),
            ]
            o.optional("firstObligation", f.firstObligation?.json)
            return .object(o)
          })))
    m.optional("fmsCase", fmsCase?.jsonValue)
    m.append(.init("units", .array(units.map(JSONValue.string))))
    m.append(
      .init(
        "conditions",
        .array(
          conditions.map { c in
            var o: [JSONValue.Member] = [
              .init("id", .string(c.id)), .init("text", .string(c.text)), .init("due", c.due.json),
            ]
            o.optional("met", c.met?.json)
            o.optional("waived", c.waived?.json)
            o.optional("waiverReason", c.waiverReason.map(JSONValue.string))
            return .object(o)
          })))
    m.append(
      .init(
        "metrics",
        .array(
          metrics.map { x in
            var o: [JSONValue.Member] = [
              .init("id", .string(x.id)), .init("name", .string(x.name)), .init("unit", .string(x.unit)),
              .init("target", .double(x.target)),
            ]
            o.optional("actual", x.actual.map(JSONValue.double))
            o.optional("measured", x.measured?.json)
            return .object(o)
          })))
    m.append(
      .init(
        "eum",
        .array(
          eum.map { e in
            var o: [JSONValue.Member] = [
              .init("id", .string(e.id)), .init("description", .string(e.description)),
              .init("enhanced", .bool(e.enhanced)), .init("quantity", .int(Int64(e.quantity))),
              .init("arrival", e.arrival.json),
            ]
            o.optional("lastInventory", e.lastInventory?.json)
            o.optional("lastCounted", e.lastCounted.map { .int(Int64($0)) })
            return .object(o)
          })))
    m.append(
      .init(
        "transfers",
        .array(
          transfers.map { t in
            var o: [JSONValue.Member] = [
              .init("id", .string(t.id)), .init("kind", .string(t.kind.rawValue)),
              .init("title", .string(t.title)),
              .init("fiscalYear", .int(Int64(t.fiscalYear))), .init("on", t.on.json),
            ]
            o.optional("basis", t.basis.map(JSONValue.string))
            o.append(
              .init(
                "articles",
                .array(
                  t.articles.map { a in
                    .object([
                      .init("item", .string(a.item)), .init("quantity", .int(Int64(a.quantity))),
                      .init("value", a.value.json), .init("sme", .bool(a.sme)),
                      .init("delivered", .int(Int64(a.delivered))),
                    ])
                  })))
            o.optional("grant", t.grant.map(JSONValue.bool))
            o.optional("firstDelivery", t.firstDelivery?.json)
            o.optional("lastDelivery", t.lastDelivery?.json)
            return .object(o)
          })))
    m.append(
      .init(
        "notices",
        .array(
          notices.map { n in
            var o: [JSONValue.Member] = [.init("reference", .string(n.reference)), .init("on", n.on.json)]
            o.optional("amount", n.amount?.json)
            o.optional("transfer", n.transfer.map(JSONValue.string))
            return .object(o)
          })))
    m.append(
      .init(
        "components",
        .array(
          components.map { c in
            .object([
              .init("kind", .string(c.kind.rawValue)), .init("description", .string(c.description)),
              .init("on", c.on.json),
            ])
          })))
    m.append(
      .init(
        "findings",
        .array(
          findings.map { f in
            var o: [JSONValue.Member] = [
              .init("id", .string(f.id)), .init("program", .string(f.program.rawValue)),
              .init("on", f.on.json),
              .init("result", .string(f.result.rawValue)), .init("note", .string(f.note)),
            ]
            o.optional("resolved", f.resolved?.json)
            return .object(o)
          })))
    m.append(
      .init(
        "enrolments",
        .array(
          enrolments.map { e in
            var o: [JSONValue.Member] = [
              .init("course", .string(e.course)), .init("students", .int(Int64(e.students))),
              .init("cost", e.cost.json), .init("on", e.on.json),
            ]
            o.optional("request", e.request.map(JSONValue.string))
            return .object(o)
          })))
    m.append(
      .init(
        "reported",
        .array(
          reported.map { r in
            .object([
              .init("fiscalYear", .int(Int64(r.fiscalYear))), .init("obligated", r.obligated.json),
              .init("disbursed", r.disbursed.json), .init("source", .string(r.source)),
            ])
          })))
    return .object(m)
  }
}

extension FMSCase {
  var jsonValue: JSONValue {
    var m: [JSONValue.Member] = [
      .init("identifier", .string(identifier)), .init("type", .string(type.rawValue)),
      .init("training", .bool(training)), .init("buildingPartnerCapacity", .bool(buildingPartnerCapacity)),
      .init("lorReceived", lorReceived.json),
    ]
    m.optional("lorValidated", lorValidated?.json)
    m.optional("loaOffered", loaOffered?.json)
    m.optional("offerExpiration", offerExpiration?.json)
    m.optional("accepted", accepted?.json)
    m.optional("implemented", implemented?.json)
    m.optional("supplyComplete", supplyComplete?.json)
    m.optional("closed", closed?.json)
    m.append(
      .init(
        "lines",
        .array(
          lines.map { l in
            .object([
              .init("number", .int(Int64(l.number))), .init("description", .string(l.description)),
              .init("usml", .int(Int64(l.usml.number))), .init("mde", .bool(l.mde)),
              .init("designAndConstruction", .bool(l.designAndConstruction)),
              .init("quantity", .int(Int64(l.quantity))), .init("value", l.value.json),
            ])
          })))
    m.optional("informalReview", informalReview?.json)
    if let n = notification {
      var o: [JSONValue.Member] = [
        .init("transmittal", .string(n.transmittal)), .init("delivered", n.delivered.json),
        .init("reviewDays", .int(Int64(n.reviewDays))),
      ]
      o.optional("notifiedMDE", n.notifiedMDE?.json)
      o.optional("notifiedTotal", n.notifiedTotal?.json)
      m.append(.init("notification", .object(o)))
    }
    m.optional("fmfProgram", fmfProgram.map(JSONValue.string))
    m.optional("fmfAmount", fmfAmount?.json)
    m.optional("anticipatedOffer", anticipatedOffer?.json)
    m.append(
      .init(
        "changes",
        .array(
          changes.map { c in
            var o: [JSONValue.Member] = [
              .init("kind", .string(c.kind.rawValue)), .init("line", .int(Int64(c.line))),
            ]
            o.optional("from", c.from?.json)
            o.append(.init("to", c.to.json))
            o.append(.init("on", c.on.json))
            o.optional("reason", c.reason.map(JSONValue.string))
            return .object(o)
          })))
    return .object(m)
  }
}

extension Day {
  var json: JSONValue { .string(description) }
}

extension Dollars {
  var json: JSONValue { .int(amount) }
}

extension Array where Element == JSONValue.Member {
  /// Appends the member when there is a value (the synthesized encoder leaves a nil out).
  fileprivate mutating func optional(_ key: String, _ value: JSONValue?) {
    if let value { append(.init(key, value)) }
  }
}
