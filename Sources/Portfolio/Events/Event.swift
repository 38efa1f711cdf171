import Basics
import CanonicalJSON

/// One change to the portfolio. Every change is exactly one event; the portfolio is
/// the fold of its events, so history and time travel come for free.
///
/// A payload names its `type` (the record's type string) and `version` (its schema
/// version); `apply` is the event's whole meaning. New fields are added as optionals
/// so old records still decode; an incompatible change bumps `version`.
public protocol EventPayload: Codable, Sendable {
  static var type: String { get }
  static var version: Int { get }
  /// The program this event is about, for the program's history.
  var programID: String? { get }
  /// A one-line description for history views and `sapm log`.
  var summary: String { get }
  func apply(to portfolio: inout Portfolio, context: EventContext) throws(FoldError)
  /// What the event, applied, can change in derived views (Changes.swift).
  func touch(in portfolio: Portfolio) -> Touch
  /// The day the fact took effect, when that is not the day it was recorded: history a
  /// source reports (an import of ForeignAssistance.gov). The portfolio as of a day
  /// counts it from then (`--as-of`, `t`); nil: from the record's own time.
  var effectiveDay: Day? { get }
}

extension EventPayload {
  public static var version: Int { 1 }
  public var programID: String? { nil }
  public var effectiveDay: Day? { nil }
}

/// The event types that may take effect before they are recorded (`effectiveDay`): a
/// reader going back in time decodes a later record only when it is one of these.
public let typesWithEffectiveDays: Set<String> = [
  PartnerRegistered.type, ProgramCreated.type, FundsReported.type,
]

/// Who recorded an event, when, and where it sits in the log.
public struct EventContext: Sendable, Hashable {
  public var sequence: Int
  public var at: Timestamp
  public var actor: String
  /// The Ed25519 key whose valid signature the record carries, as the reader checked
  /// it (every signed record is checked once per account: docs/security.md); nil when
  /// unsigned or invalid. In a signed store the fold applies a record only when this is
  /// its actor's enrolled key.
  public var verifiedKey: String?

  public init(sequence: Int, at: Timestamp, actor: String, verifiedKey: String? = nil) {
    self.sequence = sequence
    self.at = at
    self.actor = actor
    self.verifiedKey = verifiedKey
  }

  public var day: Day { Day(ordinal: at.dayOrdinal) }
}

/// An event with its context, as read from or written to the log.
public struct Envelope: Sendable {
  public var context: EventContext
  public var event: any EventPayload

  public init(context: EventContext, event: any EventPayload) {
    self.context = context
    self.event = event
  }

  public var type: String { Swift.type(of: event).type }
}

/// Why an event could not be applied: it stays in the log and is reported.
public struct FoldError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// The result of reading a record's payload.
public enum DecodedEvent: Sendable {
  case event(any EventPayload)
  /// A type this build does not know, or a newer schema version: kept, skipped, reported.
  case unknown(reason: String)
  /// A known type whose payload does not decode.
  case malformed(reason: String)
}

/// All event types this build understands, by type string.
public enum EventRegistry {
  public static let types: [any EventPayload.Type] = [
    StoreCreated.self, PartnerRegistered.self, RestrictionImposed.self, RestrictionLifted.self,
    RestrictionWaived.self, ProgramCreated.self, ProgramStatusChanged.self, ProgramSunsetChanged.self,
    FundsMadeAvailable.self, FundsCommitted.self, FundsObligated.self, FundsDisbursed.self, CaseOpened.self,
    CaseMilestoneReached.self, CaseLineAdded.self, CaseNotified.self, UnitRegistered.self, UnitVetted.self,
    UnitAssigned.self, ConditionSet.self, ConditionMet.self, ConditionWaived.self, MetricDefined.self,
    MetricMeasured.self, EUMItemReceived.self, EUMInventoried.self, AlertAcknowledged.self,
    PolicyChanged.self,
    RoleGranted.self, RoleRevoked.self, RequestRaised.self, RequestStepTaken.self,
    DrawdownPackageAnnounced.self, USAIContractAwarded.self, EDAAllocated.self, TransferDelivered.self,
    IMETEnrolled.self, ADAViolationReported.self, CaseFinanced.self, CaseAnticipatedOffer.self,
    CaseModified.self, FundsReported.self,
    CongressNotified.self, ComponentAdded.self, EUMFindingRecorded.self, CaseInformalReviewStarted.self,
    CNTransmitted.self, CNHeld.self, CNCleared.self, CNWithdrawn.self,
  ]

  private static let byType: [String: any EventPayload.Type] = Dictionary(
    uniqueKeysWithValues: types.map { ($0.type, $0) })

  public static func payloadType(named type: String) -> (any EventPayload.Type)? { byType[type] }

  /// Decodes a record's payload, never throwing: unknown and malformed events are
  /// values the caller reports, so one bad record cannot stop a replay.
  public static func decode(type: String, version: Int, payload: JSONValue) -> DecodedEvent {
    guard let payloadType = byType[type] else { return .unknown(reason: "unknown event type '\(type)'") }
    guard version <= payloadType.version else {
      return .unknown(
        reason:
          "'\(type)' schema version \(version) is newer than this build understands (\(payloadType.version))")
    }
    if let event = fastDecode(payloadType, payload) { return .event(event) }
    do {
      return .event(try JSONValueDecoder().decode(payloadType, from: payload))
    } catch {
      return .malformed(reason: "'\(type)' payload does not decode: \(describe(error))")
    }
  }

  /// Encodes a payload into the JSON the store writes.
  public static func encode(_ event: any EventPayload) throws -> JSONValue {
    try JSONValueEncoder().encode(event)
  }
}

/// A decoding error as one line a person can act on.
public func describe(_ error: any Error) -> String {
  guard let error = error as? DecodingError else { return "\(error)" }
  func path(_ p: [any CodingKey]) -> String {
    p.isEmpty ? "payload" : p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
  switch error {
  case .keyNotFound(let key, let ctx): return "missing '\(key.stringValue)' in \(path(ctx.codingPath))"
  case .typeMismatch(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
  case .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
  case .dataCorrupted(let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
  @unknown default: return "\(error)"
  }
}
