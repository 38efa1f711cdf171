import Basics

/// A program read from a checkpoint by hand, in the binary coder's layout (fields in
/// declaration order): the generic `Decodable` path cost ~17 µs of CPU a program, most
/// of it looking up keyed containers' metadata, and a checkpoint holds 100,000 of them.
/// `ProgramBinaryTests` holds it equal to the generic decoder on the demo and on a
/// program with every field set; `CheckpointLayoutTests` notices a field added to any
/// of these types (add it here too, and raise the layout).
extension Program {
  /// An array of programs, the whole buffer (a checkpoint's chunk).
  public static func decodeArray(from buffer: UnsafeBufferPointer<UInt8>) throws(BinaryCodingError)
    -> [Program]
  {
    var c = BinaryCursor(buffer)
    let programs = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Program(binary: &c)
    }
    guard c.isAtEnd else { throw BinaryCodingError("\(buffer.count - c.position) trailing bytes") }
    return programs
  }

  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let partner = try c.string()
    let kind = try c.raw(ProgramKind.self, "program kind")
    let title = try c.string()
    let status = try c.raw(ProgramStatus.self, "program status")
    let start = try Day(binary: &c)
    self.init(id: id, partner: partner, kind: kind, title: title, status: status, start: start)
    sunset = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try Day(binary: &c) }
    funding = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Funding(binary: &c) }
    fmsCase = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try FMSCase(binary: &c) }
    units = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.string() }
    conditions = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Condition(binary: &c)
    }
    metrics = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Metric(binary: &c) }
    eum = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try EUMItem(binary: &c) }
    transfers = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Transfer(binary: &c) }
    notices = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Notice(binary: &c) }
    components = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in
      try ProgramComponent(binary: &c)
    }
    findings = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try EUMFinding(binary: &c) }
    enrolments = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try Enrolment(binary: &c)
    }
    reported = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try ReportedYear(binary: &c)
    }
  }
}

extension BinaryCursor {
  mutating func day() throws(BinaryCodingError) -> Day { try Day(binary: &self) }
  mutating func dollars() throws(BinaryCodingError) -> Dollars { Dollars(try int64()) }
  mutating func optionalDay() throws(BinaryCodingError) -> Day? {
    try optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.day() }
  }
  mutating func optionalDollars() throws(BinaryCodingError) -> Dollars? {
    try optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.dollars() }
  }
  mutating func optionalString() throws(BinaryCodingError) -> String? {
    try optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.string() }
  }
}

extension Day {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    self.init(ordinal: Int32(truncatingIfNeeded: try c.int64()))
  }
}

extension Funding {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let fiscalYear = try c.int()
    let available = try c.dollars()
    let committed = try c.dollars()
    let obligated = try c.dollars()
    let disbursed = try c.dollars()
    let until = try c.day()
    self.init(
      fiscalYear: fiscalYear, available: available, committed: committed, obligated: obligated,
      disbursed: disbursed, availableUntil: until, firstObligation: try c.optionalDay())
  }
}

extension FMSCase {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let identifier = try c.string()
    let type = try c.raw(CaseType.self, "case type")
    let training = try c.bool()
    let bpc = try c.bool()
    self.init(
      identifier: identifier, type: type, training: training, buildingPartnerCapacity: bpc,
      lorReceived: try c.day())
    lorValidated = try c.optionalDay()
    loaOffered = try c.optionalDay()
    offerExpiration = try c.optionalDay()
    accepted = try c.optionalDay()
    implemented = try c.optionalDay()
    supplyComplete = try c.optionalDay()
    closed = try c.optionalDay()
    lines = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try CaseLine(binary: &c) }
    informalReview = try c.optionalDay()
    notification = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in
      try Notification(binary: &c)
    }
    fmfProgram = try c.optionalString()
    fmfAmount = try c.optionalDollars()
    anticipatedOffer = try c.optionalDay()
    changes = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in try CaseChange(binary: &c) }
  }
}

extension CaseLine {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let number = try c.int()
    let description = try c.string()
    let category = try c.int()
    guard let usml = USMLCategory(category) else {
      throw BinaryCodingError("USML category \(category) is not in I–XXI")
    }
    let mde = try c.bool()
    let construction = try c.bool()
    let quantity = try c.int()
    self.init(
      number: number, description: description, usml: usml, mde: mde, designAndConstruction: construction,
      quantity: quantity, value: try c.dollars())
  }
}

extension Notification {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let transmittal = try c.string()
    let delivered = try c.day()
    let reviewDays = try c.int()
    let mde = try c.optionalDollars()
    self.init(
      transmittal: transmittal, delivered: delivered, reviewDays: reviewDays, notifiedMDE: mde,
      notifiedTotal: try c.optionalDollars())
  }
}

extension CaseChange {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let kind = try c.raw(Kind.self, "case change")
    let line = try c.int()
    let from = try c.optionalDollars()
    let to = try c.dollars()
    let on = try c.day()
    self.init(kind: kind, line: line, from: from, to: to, on: on, reason: try c.optionalString())
  }
}

extension Condition {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let text = try c.string()
    self.init(id: id, text: text, due: try c.day())
    met = try c.optionalDay()
    waived = try c.optionalDay()
    waiverReason = try c.optionalString()
  }
}

extension Metric {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let name = try c.string()
    let unit = try c.string()
    self.init(id: id, name: name, unit: unit, target: try c.double())
    actual = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.double() }
    measured = try c.optionalDay()
  }
}

extension EUMItem {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let description = try c.string()
    let enhanced = try c.bool()
    let quantity = try c.int()
    self.init(id: id, description: description, enhanced: enhanced, quantity: quantity, arrival: try c.day())
    lastInventory = try c.optionalDay()
    lastCounted = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.int() }
  }
}

extension Transfer {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let kind = try c.raw(TransferKind.self, "transfer kind")
    let title = try c.string()
    let fiscalYear = try c.int()
    let on = try c.day()
    let basis = try c.optionalString()
    let articles = try c.array { (c: inout BinaryCursor) throws(BinaryCodingError) in
      try TransferArticle(binary: &c)
    }
    let grant = try c.optional { (c: inout BinaryCursor) throws(BinaryCodingError) in try c.bool() }
    self.init(
      id: id, kind: kind, title: title, fiscalYear: fiscalYear, on: on, basis: basis, articles: articles,
      grant: grant)
    firstDelivery = try c.optionalDay()
    lastDelivery = try c.optionalDay()
  }
}

extension TransferArticle {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let item = try c.string()
    let quantity = try c.int()
    let value = try c.dollars()
    let sme = try c.bool()
    self.init(item: item, quantity: quantity, value: value, sme: sme, delivered: try c.int())
  }
}

extension Notice {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let reference = try c.string()
    let on = try c.day()
    let amount = try c.optionalDollars()
    self.init(reference: reference, on: on, amount: amount, transfer: try c.optionalString())
  }
}

extension ProgramComponent {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let kind = try c.raw(Kind.self, "component kind")
    let description = try c.string()
    self.init(kind: kind, description: description, on: try c.day())
  }
}

extension EUMFinding {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let id = try c.string()
    let program = try c.raw(Program.self, "end-use check")
    let on = try c.day()
    let result = try c.raw(Result.self, "finding")
    let note = try c.string()
    self.init(id: id, program: program, on: on, result: result, note: note, resolved: try c.optionalDay())
  }
}

extension Enrolment {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let course = try c.string()
    let students = try c.int()
    let cost = try c.dollars()
    let on = try c.day()
    self.init(course: course, students: students, cost: cost, on: on, request: try c.optionalString())
  }
}

extension ReportedYear {
  init(binary c: inout BinaryCursor) throws(BinaryCodingError) {
    let fiscalYear = try c.int()
    let obligated = try c.dollars()
    let disbursed = try c.dollars()
    self.init(fiscalYear: fiscalYear, obligated: obligated, disbursed: disbursed, source: try c.string())
  }
}

// MARK: Writing, in the same layout (the generic `BinaryEncoder` writes it too).

extension BinaryOutput {
  mutating func day(_ d: Day) { int64(Int64(d.ordinal)) }
  mutating func dollars(_ d: Dollars) { int64(d.amount) }
  mutating func optionalDay(_ d: Day?) { optional(d) { $0.day($1) } }
  mutating func optionalDollars(_ d: Dollars?) { optional(d) { $0.dollars($1) } }
  mutating func optionalString(_ s: String?) { optional(s) { $0.string($1) } }
}

extension Program {
  /// Appends the program in the binary coder's layout.
  public func write(binary o: inout BinaryOutput) {
    o.string(id)
    o.string(partner)
    o.string(kind.rawValue)
    o.string(title)
    o.string(status.rawValue)
    o.day(start)
    o.optionalDay(sunset)
    o.array(funding) { o, f in
      o.int(f.fiscalYear)
      o.dollars(f.available)
      o.dollars(f.committed)
      o.dollars(f.obligated)
      o.dollars(f.disbursed)
      o.day(f.availableUntil)
      o.optionalDay(f.firstObligation)
    }
    o.optional(fmsCase) { o, c in c.write(binary: &o) }
    o.array(units) { $0.string($1) }
    o.array(conditions) { o, c in
      o.string(c.id)
      o.string(c.text)
      o.day(c.due)
      o.optionalDay(c.met)
      o.optionalDay(c.waived)
      o.optionalString(c.waiverReason)
    }
    o.array(metrics) { o, m in
      o.string(m.id)
      o.string(m.name)
      o.string(m.unit)
      o.double(m.target)
      o.optional(m.actual) { $0.double($1) }
      o.optionalDay(m.measured)
    }
    o.array(eum) { o, e in
      o.string(e.id)
      o.string(e.description)
      o.bool(e.enhanced)
      o.int(e.quantity)
      o.day(e.arrival)
      o.optionalDay(e.lastInventory)
      o.optional(e.lastCounted) { $0.int($1) }
    }
    o.array(transfers) { o, t in
      o.string(t.id)
      o.string(t.kind.rawValue)
      o.string(t.title)
      o.int(t.fiscalYear)
      o.day(t.on)
      o.optionalString(t.basis)
      o.array(t.articles) { o, a in
        o.string(a.item)
        o.int(a.quantity)
        o.dollars(a.value)
        o.bool(a.sme)
        o.int(a.delivered)
      }
      o.optional(t.grant) { $0.bool($1) }
      o.optionalDay(t.firstDelivery)
      o.optionalDay(t.lastDelivery)
    }
    o.array(notices) { o, n in
      o.string(n.reference)
      o.day(n.on)
      o.optionalDollars(n.amount)
      o.optionalString(n.transfer)
    }
    o.array(components) { o, c in
      o.string(c.kind.rawValue)
      o.string(c.description)
      o.day(c.on)
    }
    o.array(findings) { o, f in
      o.string(f.id)
      o.string(f.program.rawValue)
      o.day(f.on)
      o.string(f.result.rawValue)
      o.string(f.note)
      o.optionalDay(f.resolved)
    }
    o.array(enrolments) { o, e in
      o.string(e.course)
      o.int(e.students)
      o.dollars(e.cost)
      o.day(e.on)
      o.optionalString(e.request)
    }
    o.array(reported) { o, r in
      o.int(r.fiscalYear)
      o.dollars(r.obligated)
      o.dollars(r.disbursed)
      o.string(r.source)
    }
  }
}

extension FMSCase {
  func write(binary o: inout BinaryOutput) {
    o.string(identifier)
    o.string(type.rawValue)
    o.bool(training)
    o.bool(buildingPartnerCapacity)
    o.day(lorReceived)
    for d in [lorValidated, loaOffered, offerExpiration, accepted, implemented, supplyComplete, closed] {
      o.optionalDay(d)
    }
    o.array(lines) { o, l in
      o.int(l.number)
      o.string(l.description)
      o.int(l.usml.number)
      o.bool(l.mde)
      o.bool(l.designAndConstruction)
      o.int(l.quantity)
      o.dollars(l.value)
    }
    o.optionalDay(informalReview)
    o.optional(notification) { o, n in
      o.string(n.transmittal)
      o.day(n.delivered)
      o.int(n.reviewDays)
      o.optionalDollars(n.notifiedMDE)
      o.optionalDollars(n.notifiedTotal)
    }
    o.optionalString(fmfProgram)
    o.optionalDollars(fmfAmount)
    o.optionalDay(anticipatedOffer)
    o.array(changes) { o, c in
      o.string(c.kind.rawValue)
      o.int(c.line)
      o.optionalDollars(c.from)
      o.dollars(c.to)
      o.day(c.on)
      o.optionalString(c.reason)
    }
  }
}
