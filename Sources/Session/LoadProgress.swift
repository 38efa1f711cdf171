import Foundation
import Synchronization

/// How a large open is going, shared between the thread that reads and folds and the
/// one that draws: records folded, bytes read, bytes in all, and the checkpoint's
/// first-frame figures once they are read. Behind a `Mutex`: the compiler checks it.
public final class LoadProgress: Sendable {
  /// What the open has done so far.
  public struct Figures: Sendable, Hashable {
    public var records: Int
    public var bytes: Int64
    public var total: Int64
    /// Since the open began.
    public var seconds: Double
  }

  private struct State {
    var figures = Figures(records: 0, bytes: 0, total: 0, seconds: 0)
    var preview: CheckpointPreview?
  }

  private let state = Mutex(State())
  private let started = Date()

  public init() {}

  func report(records: Int, bytes: Int64, total: Int64) {
    let seconds = Date().timeIntervalSince(started)
    state.withLock { $0.figures = Figures(records: records, bytes: bytes, total: total, seconds: seconds) }
  }

  /// The checkpoint's first-frame figures, offered before its programs are decoded.
  func offer(_ preview: CheckpointPreview) {
    state.withLock { $0.preview = preview }
  }

  public var preview: CheckpointPreview? { state.withLock { $0.preview } }

  public var current: Figures {
    var f = state.withLock { $0.figures }
    f.seconds = Date().timeIntervalSince(started)
    return f
  }
}
