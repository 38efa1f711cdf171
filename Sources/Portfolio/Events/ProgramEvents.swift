public struct ProgramCreated: EventPayload {
  public static let type = "program.created"
  public var id: String
  public var partner: String
  public var kind: ProgramKind
  public var title: String
  public var status: ProgramStatus
  public var start: Day
  public var sunset: Day?
  /// The first day a source reports this program (an import): see `PartnerRegistered.reported`.
  public var reported: Day?
  public init(
    id: String, partner: String, kind: ProgramKind, title: String, status: ProgramStatus = .active,
    start: Day,
    sunset: Day? = nil, reported: Day? = nil
  ) {
    self.id = id
    self.partner = partner
    self.kind = kind
    self.title = title
    self.status = status
    self.start = start
    self.sunset = sunset
    self.reported = reported
  }
  public var programID: String? { id }
  public var effectiveDay: Day? { reported }
  public var summary: String {
    "\(kind.rawValue) program '\(title)' created for \(partner), \(status.rawValue)"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard p.partners[partner] != nil else { throw FoldError("no partner '\(partner)'") }
    guard p.programs[id] == nil else { throw FoldError("program '\(id)' already exists") }
    if let sunset, sunset < start { throw FoldError("sunset \(sunset) is before start \(start)") }
    p.addProgram(
      Program(
        id: id, partner: partner, kind: kind, title: title, status: status, start: start, sunset: sunset))
  }
}

public struct ProgramStatusChanged: EventPayload {
  public static let type = "program.status"
  public var program: String
  public var status: ProgramStatus
  public var reason: String?
  public init(program: String, status: ProgramStatus, reason: String? = nil) {
    self.program = program
    self.status = status
    self.reason = reason
  }
  public var programID: String? { program }
  public var summary: String { "status → \(status.rawValue)" + (reason.map { ": \($0)" } ?? "") }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { $0.status = status }
  }
}

/// A new sunset date (an extension, or a correction).
public struct ProgramSunsetChanged: EventPayload {
  public static let type = "program.sunset"
  public var program: String
  public var sunset: Day
  public var reason: String?
  /// The executed extend-sunset request it was approved by.
  public var request: String?
  public init(program: String, sunset: Day, reason: String? = nil, request: String? = nil) {
    self.program = program
    self.sunset = sunset
    self.reason = reason
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String {
    "sunset → \(sunset)" + (reason.map { ": \($0)" } ?? "") + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { $0.sunset = sunset }
  }
}
