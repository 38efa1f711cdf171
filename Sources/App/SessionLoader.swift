import Foundation
import Portfolio
import Session
import Synchronization

/// Opens a session on a thread of its own, so that the terminal can show how the
/// read is going and `q` still quits while a large store without a checkpoint is read.
public final class SessionLoader: Sendable {
  public let progress = LoadProgress()
  private let outcome = Mutex<Result<Session, any Error>?>(nil)

  public init(_ open: @escaping @Sendable (LoadProgress) throws -> Session) {
    let progress = self.progress
    let thread = Thread { [self] in
      let result = Result { try open(progress) }
      outcome.withLock { $0 = result }
    }
    thread.stackSize = 1 << 23
    thread.start()
  }

  /// The session or the error, once the open has finished.
  public var result: Result<Session, any Error>? { outcome.withLock { $0 } }
}
