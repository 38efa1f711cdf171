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
  init(_ record: Record, check: SignatureCheck? = nil) {
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

/// A bounded hand-off of batches from one producer thread to one consumer.
final class BatchPipe<Element>: @unchecked Sendable {
  private let condition = NSCondition()
  private var batches: [[Element]] = []
  private var finished = false
  private let capacity: Int
  private(set) var error: (any Error)?

  init(capacity: Int) { self.capacity = capacity }

  private var cancelled = false

  /// The consumer stopped (an error): the producer's next `put` returns at once and
  /// `isCancelled` tells it to stop reading.
  func cancel() {
    condition.lock()
    cancelled = true
    batches.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  func put(_ batch: [Element]) {
    guard !batch.isEmpty else { return }
    condition.lock()
    while batches.count >= capacity && !cancelled { condition.wait() }
    if cancelled {
      condition.unlock()
      return
    }
    batches.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  func finish(error: (any Error)?) {
    condition.lock()
    finished = true
    self.error = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, or nil when the producer has finished and all were taken.
  func take() -> [Element]? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !finished { condition.wait() }
    if batches.isEmpty { return nil }
    let batch = batches.removeFirst()
    condition.broadcast()
    return batch
  }
}
