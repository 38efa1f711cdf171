import CanonicalJSON
import Foundation
import Portfolio

/// What the first frame needs, kept in the checkpoint beside the folded portfolio: the
/// overview's figures for the day they were computed on, and the portfolio without its
/// programs (partners, roster, event count). Read before the programs are decoded, so
/// that a large store shows real figures at once; only used on that same day, with
/// nothing appended since.
public struct CheckpointPreview: Codable, Sendable {
  public var day: Day
  public var portfolio: PortfolioSnapshot
  /// Region and partner figures (without the per-program alert counts).
  public var summary: PortfolioSummary

  public init(day: Day, portfolio: Portfolio, summary: PortfolioSummary) {
    self.day = day
    self.portfolio = portfolio.previewSnapshot()
    var s = summary
    s.programAlerts = [:]
    self.summary = s
  }
}

/// The checkpoint's payload: the first frame's preview, then the portfolio snapshot with
/// its programs in separately encoded chunks, so that opening decodes them on both
/// cores at once.
public enum CheckpointPayload {
  /// The two parts, each encoded on its own: the preview is read without the rest.
  public struct Layout: Codable {
    public var preview: [UInt8]
    var portfolio: [UInt8]
  }

  /// The snapshot without its programs, and the programs in chunks: all decoded at
  /// once, on every core.
  struct Envelope: Codable {
    var rest: [UInt8]
    var programChunks: [[UInt8]]
  }

  static let chunks = 4

  static func encode(_ snapshot: PortfolioSnapshot, preview: CheckpointPreview) throws -> [UInt8] {
    var rest = snapshot
    let programs = rest.programs
    rest.programs = []
    let size = max(1, (programs.count + chunks - 1) / chunks)
    let parts = stride(from: 0, to: programs.count, by: size).map {
      Array(programs[$0..<min(programs.count, $0 + size)])
    }
    let envelope = Envelope(
      rest: try BinaryEncoder().encode(rest), programChunks: try parts.map { try BinaryEncoder().encode($0) })
    return try BinaryEncoder().encode(
      Layout(preview: try BinaryEncoder().encode(preview), portfolio: try BinaryEncoder().encode(envelope)))
  }

  /// The parts of a payload, or nil for anything this build did not write.
  public static func layout(_ bytes: [UInt8]) -> Layout? {
    try? BinaryDecoder().decode(Layout.self, from: bytes)
  }

  public static func preview(_ layout: Layout) -> CheckpointPreview? {
    try? BinaryDecoder().decode(CheckpointPreview.self, from: layout.preview)
  }

  /// Nil for anything that is not a payload this build wrote: a checkpoint is only
  /// ever an optimisation, so a damaged one is ignored, never trusted or fatal.
  public static func decode(_ bytes: [UInt8]) -> PortfolioSnapshot? { layout(bytes).flatMap(snapshot) }

  public static func snapshot(_ layout: Layout) -> PortfolioSnapshot? {
    guard let envelope = try? BinaryDecoder().decode(Envelope.self, from: layout.portfolio) else {
      return nil
    }
    let results = Results(count: envelope.programChunks.count)
    let rest = RestSlot()
    // The rest (history, requests, acknowledgements) is one more task beside the chunks.
    DispatchQueue.concurrentPerform(iterations: envelope.programChunks.count + 1) { i in
      if i == envelope.programChunks.count {
        rest.value = try? BinaryDecoder().decode(PortfolioSnapshot.self, from: envelope.rest)
      } else {
        results.set(i, try? BinaryDecoder().decode([Program].self, from: envelope.programChunks[i]))
      }
    }
    guard var snapshot = rest.value else { return nil }
    for part in results.values {
      guard let part else { return nil }
      snapshot.programs += part
    }
    return snapshot
  }

  /// Where the task decoding the rest leaves it (read after all tasks have ended).
  final class RestSlot: @unchecked Sendable {
    var value: PortfolioSnapshot?
  }

  /// Slots the parallel decoders fill, one each.
  final class Results: @unchecked Sendable {
    private(set) var values: [[Program]?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: [Program]?) {
      lock.lock()
      values[i] = v
      lock.unlock()
    }
  }
}
