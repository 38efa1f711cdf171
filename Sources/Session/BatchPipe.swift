import Foundation

/// A bounded hand-off of batches from one producer thread to one consumer.
// @unchecked: every stored property is read and written only with `condition` locked
// (NSCondition is the lock and the wait in one; `Mutex` has no wait).
public final class BatchPipe<Element>: @unchecked Sendable {
  private let condition = NSCondition()
  private var batches: [[Element]] = []
  private var finished = false
  private let capacity: Int
  public private(set) var error: (any Error)?

  public init(capacity: Int) { self.capacity = capacity }

  private var cancelled = false

  /// The consumer stopped (an error): the producer's next `put` returns at once and
  /// `isCancelled` tells it to stop reading.
  public func cancel() {
    condition.lock()
    cancelled = true
    batches.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  public var isCancelled: Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled
  }

  public func put(_ batch: [Element]) {
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

  public func finish(error: (any Error)?) {
    condition.lock()
    finished = true
    self.error = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, or nil when the producer has finished and all were taken.
  public func take() -> [Element]? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !finished { condition.wait() }
    if batches.isEmpty { return nil }
    let batch = batches.removeFirst()
    condition.broadcast()
    return batch
  }
}
