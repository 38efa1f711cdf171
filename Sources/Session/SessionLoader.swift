import Foundation
import Portfolio
import TUI

/// How a large open is going, shared between the thread that reads and folds and the
/// one that draws: records folded, bytes read, bytes in all.
public final class LoadProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var figures = LoadFigures(records: 0, bytes: 0, total: 0, seconds: 0)
  private let started = Date()

  public init() {}

  func report(records: Int, bytes: Int64, total: Int64) {
    lock.lock()
    figures = LoadFigures(
      records: records, bytes: bytes, total: total, seconds: Date().timeIntervalSince(started))
    lock.unlock()
  }

  private var previewFigures: CheckpointPreview?

  /// The checkpoint's first-frame figures, offered before its programs are decoded.
  func offer(_ preview: CheckpointPreview) {
    lock.lock()
    previewFigures = preview
    lock.unlock()
  }

  public var preview: CheckpointPreview? {
    lock.lock()
    defer { lock.unlock() }
    return previewFigures
  }

  public var current: LoadFigures {
    lock.lock()
    defer { lock.unlock() }
    var f = figures
    f.seconds = Date().timeIntervalSince(started)
    return f
  }
}

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
