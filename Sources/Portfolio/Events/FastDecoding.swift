import CanonicalJSON

/// The event types a large store holds by the hundred thousand, read from their JSON
/// payload by hand: the generic `Decodable` path spent most of a first open's decoding
/// time looking up keyed containers' metadata. A fast reader only ever accepts what the
/// generic decoder accepts and decodes it to the same value; on anything else (a field
/// missing or of another type, a date that does not parse) it gives up, and the generic
/// decoder reads the payload — and words the error — as before. `FastDecodingTests`
/// holds the two equal on the demo's events and on damaged payloads.
protocol FastDecodable {
  init?(fast fields: FastFields)
}

/// An event payload's members, read the way `JSONValueDecoder` reads them: a missing or
/// null optional is nil, unknown members are ignored, an integer may be written as an
/// integral number. Nil for anything the generic decoder would refuse or convert.
struct FastFields {
  let members: [JSONValue.Member]

  init?(_ payload: JSONValue) {
    guard case .object(let members) = payload else { return nil }
    self.members = members
  }

  func value(_ key: String) -> JSONValue? {
    for m in members where m.key == key { return m.value }
    return nil
  }

  func string(_ key: String) -> String? {
    guard case .string(let s) = value(key) else { return nil }
    return s
  }

  func int(_ key: String) -> Int? { value(key)?.intValue.flatMap { Int(exactly: $0) } }

  func dollars(_ key: String) -> Dollars? { value(key)?.intValue.map(Dollars.init) }

  func day(_ key: String) -> Day? { string(key).flatMap(Day.init) }

  /// An optional member: `.some(nil)` when missing or null, nil when present but not readable.
  func optional<T>(_ key: String, _ read: (String) -> T?) -> T?? {
    guard let v = value(key), v != .null else { return .some(nil) }
    return read(key).map { .some($0) } ?? nil
  }

  func raw<T: RawRepresentable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
    string(key).flatMap(T.init(rawValue:))
  }
}

extension EventRegistry {
  /// The fast reader of `type`, when it has one and it reads `payload`.
  static func fastDecode(_ type: any EventPayload.Type, _ payload: JSONValue) -> (any EventPayload)? {
    guard let read = fastReaders[type.type], let fields = FastFields(payload) else { return nil }
    return read(fields)
  }

  /// The fast readers by type string (no dynamic cast per record).
  static let fastReaders: [String: @Sendable (FastFields) -> (any EventPayload)?] = {
    var out: [String: @Sendable (FastFields) -> (any EventPayload)?] = [:]
    func add<T: EventPayload & FastDecodable>(_ type: T.Type) { out[T.type] = { T(fast: $0) } }
    add(ProgramCreated.self)
    add(FundsMadeAvailable.self)
    add(FundsCommitted.self)
    add(FundsObligated.self)
    add(FundsDisbursed.self)
    add(ProgramSunsetChanged.self)
    add(ConditionSet.self)
    return out
  }()
}

extension ProgramCreated: FastDecodable {
  init?(fast f: FastFields) {
    guard let id = f.string("id"), let partner = f.string("partner"),
      let kind = f.raw("kind", ProgramKind.self),
      let title = f.string("title"), let status = f.raw("status", ProgramStatus.self),
      let start = f.day("start"),
      let sunset = f.optional("sunset", f.day), let reported = f.optional("reported", f.day)
    else { return nil }
    self.init(
      id: id, partner: partner, kind: kind, title: title, status: status, start: start, sunset: sunset,
      reported: reported)
  }
}

extension FundsMadeAvailable: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let fiscalYear = f.int("fiscalYear"),
      let amount = f.dollars("amount"),
      let until = f.optional("availableUntil", f.day), let source = f.optional("source", f.string)
    else { return nil }
    self.init(program: program, fiscalYear: fiscalYear, amount: amount, availableUntil: until, source: source)
  }
}

extension FundsCommitted: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let fiscalYear = f.int("fiscalYear"),
      let amount = f.dollars("amount"),
      let request = f.optional("request", f.string), let source = f.optional("source", f.string)
    else { return nil }
    self.init(program: program, fiscalYear: fiscalYear, amount: amount, request: request, source: source)
  }
}

extension FundsObligated: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let fiscalYear = f.int("fiscalYear"),
      let amount = f.dollars("amount"),
      let on = f.day("on"), let request = f.optional("request", f.string),
      let source = f.optional("source", f.string),
      let late = f.optional("late", f.string)
    else { return nil }
    self.init(
      program: program, fiscalYear: fiscalYear, amount: amount, on: on, request: request, source: source,
      late: late)
  }
}

extension FundsDisbursed: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let fiscalYear = f.int("fiscalYear"),
      let amount = f.dollars("amount"),
      let on = f.optional("on", f.day)
    else { return nil }
    self.init(program: program, fiscalYear: fiscalYear, amount: amount, on: on)
  }
}

extension ProgramSunsetChanged: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let sunset = f.day("sunset"),
      let reason = f.optional("reason", f.string),
      let request = f.optional("request", f.string)
    else { return nil }
    self.init(program: program, sunset: sunset, reason: reason, request: request)
  }
}

extension ConditionSet: FastDecodable {
  init?(fast f: FastFields) {
    guard let program = f.string("program"), let id = f.string("id"), let text = f.string("text"),
      let due = f.day("due")
    else { return nil }
    self.init(program: program, id: id, text: text, due: due)
  }
}
