import Foundation
import Portfolio
import Store

/// A record with its payload decoded: the unit of work between the reading thread
/// and the folding thread.
struct DecodedRecord: Sendable {
  let context: EventContext
  let type: String
  let decoded: DecodedEvent

  /// `check`: the record's signature as already checked (a batch checked on every
  /// core); nil checks it here. Every signed record is checked: in a signed store the
  /// fold applies only records signed by their actor's enrolled key.
  init(_ record: borrowing Record, check: SignatureCheck? = nil) {
    let verified = (check ?? record.checkSignature()).validKey
    context = EventContext(
      sequence: record.sequence, at: record.at, actor: record.actor, verifiedKey: verified)
    type = record.type
    decoded = EventRegistry.decode(type: record.type, version: record.version, payload: record.payload)
  }

  func fold(into portfolio: inout Portfolio) {
    switch decoded {
    case .event(let event): portfolio.apply(Envelope(context: context, event: event))
    case .unknown(let reason), .malformed(let reason): portfolio.skip(context.sequence, type, reason)
    }
  }
}
