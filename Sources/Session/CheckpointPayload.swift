import CanonicalJSON
import Foundation
import Portfolio

/// The checkpoint's payload: the portfolio snapshot with its programs in separately
/// encoded chunks, so that opening decodes them on both cores at once.
public enum CheckpointPayload {
  struct Envelope: Codable {
    var rest: PortfolioSnapshot
    var programChunks: [[UInt8]]
  }

  static let chunks = 4

  static func encode(_ snapshot: PortfolioSnapshot) throws -> [UInt8] {
    var rest = snapshot
    let programs = rest.programs
    rest.programs = []
    let size = max(1, (programs.count + chunks - 1) / chunks)
    let parts = stride(from: 0, to: programs.count, by: size).map {
      Array(programs[$0..<min(programs.count, $0 + size)])
    }
    return try BinaryEncoder().encode(
      Envelope(rest: rest, programChunks: try parts.map { try BinaryEncoder().encode($0) }))
  }

  /// Nil for anything that is not a payload this build wrote: a checkpoint is only
  /// ever an optimisation, so a damaged one is ignored, never trusted or fatal.
  public static func decode(_ bytes: [UInt8]) -> PortfolioSnapshot? {
    guard let envelope = try? BinaryDecoder().decode(Envelope.self, from: bytes) else { return nil }
    let results = Results(count: envelope.programChunks.count)
    DispatchQueue.concurrentPerform(iterations: envelope.programChunks.count) { i in
      results.set(i, try? BinaryDecoder().decode([Program].self, from: envelope.programChunks[i]))
    }
    var snapshot = envelope.rest
    for part in results.values {
      guard let part else { return nil }
      snapshot.programs += part
    }
    return snapshot
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
