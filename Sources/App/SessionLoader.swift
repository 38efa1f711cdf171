import Foundation
import Portfolio
import Session
import TUI

/// Opens a session on a thread of its own, so that the terminal can show how the
/// read is going and `q` still quits while a large store without a checkpoint is read.
public final class SessionLoader: @unchecked Sendable {
  public let progress = LoadProgress()
  private let lock = NSLock()
  private var outcome: Result<Session, any Error>?

  public init(_ open: @escaping @Sendable (LoadProgress) throws -> Session) {
    let progress = self.progress
    let thread = Thread { [self] in
      let result = Result { try open(progress) }
      lock.lock()
      outcome = result
      lock.unlock()
    }
    thread.stackSize = 1 << 23
    thread.start()
  }

  /// The session or the error, once the open has finished.
  public var result: Result<Session, any Error>? {
    lock.lock()
    defer { lock.unlock() }
    return outcome
  }
}
