import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store
import Synchronization

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

/// The checkpoint's payload: the first frame's preview, the rest of the portfolio
/// snapshot, and its programs in chunks — each part encoded on its own and framed by
/// its length, so that each is decoded in place (no copy of a 50 MB file) and the
/// snapshot's parts on every core at once.
///
///     layout (8 bytes), count (8 bytes), then per part: length (8 bytes), bytes
///     part 0: preview · part 1: the snapshot without programs · 2…: program chunks
public enum CheckpointPayload {
  static let chunks = 4

  /// The binary coder is positional: a payload written by a build whose stored types
  /// had other fields would decode into nonsense, not fail. So the payload names the
  /// layout it was written in, and a reader uses only its own (`CheckpointLayoutTests`
  /// fails when the model's fields change and this does not).
  /// 2: programs' enrolments, request steps' checks, vettings' INVEST case and note,
  /// cases' financing, anticipated offer date and changes; the on-time goal and the
  /// §506(a)(1) cap; programs' reported years.
  /// 3: congressional notifications of funds; the CN waiting period.
  public static let layout = 3

  /// The payload for `portfolio`: its programs copied and encoded a chunk at a time
  /// (a copy of all 100,000 at once would sit beside the fold while it is written).
  static func encode(_ portfolio: Portfolio, preview: CheckpointPreview) throws -> [UInt8] {
    let ids = portfolio.snapshotProgramIDs()
    let size = max(1, (ids.count + chunks - 1) / chunks)
    let starts = Array(stride(from: 0, to: ids.count, by: size))
    // Each part encoded and appended in turn: one copy of the payload, not two. The
    // programs are written by hand (ProgramBinary.swift) straight into it, their
    // chunk's length filled in after.
    var out = BinaryOutput()
    // Room for the whole payload at once (~500 bytes a program): grown by doubling, it
    // would hold the old and the new buffer together (100 MB at 1M events). Pages not
    // written are never resident, so room to spare costs nothing.
    out.bytes.reserveCapacity(16 << 20 + ids.count * 1024)
    func append(_ part: [UInt8]) {
      out.int(part.count)
      out.bytes.append(contentsOf: part)
    }
    out.int(layout)
    out.int(2 + starts.count)
    append(try BinaryEncoder().encode(preview))
    append(try BinaryEncoder().encode(portfolio.snapshotWithoutPrograms()))
    for start in starts {
      let lengthAt = out.bytes.count
      out.int(0)
      let chunk = ids[start..<min(ids.count, start + size)]
      out.int(chunk.count)
      for id in chunk { portfolio.programs[id]?.write(binary: &out) }
      let length = out.bytes.count - lengthAt - 8
      withUnsafeBytes(of: Int64(length).littleEndian) { raw in
        for i in 0..<8 { out.bytes[lengthAt + i] = raw[i] }
      }
    }
    return out.bytes
  }

  /// Where each part is in `payload`, or nil for anything this build did not write.
  public static func parts(_ payload: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
    var at = 0
    func int() -> Int? {
      guard at + 8 <= payload.count else { return nil }
      let v = Checkpoint.littleEndian(payload, at: at)
      at += 8
      return v <= UInt64(Int.max) ? Int(v) : nil
    }
    guard int() == layout, let count = int(), count >= 2, count <= 64 else { return nil }
    var ranges: [Range<Int>] = []
    for _ in 0..<count {
      guard let length = int(), length <= payload.count - at else { return nil }
      ranges.append(at..<at + length)
      at += length
    }
    return at == payload.count ? ranges : nil
  }

  public static func preview(_ payload: UnsafeBufferPointer<UInt8>, _ parts: [Range<Int>])
    -> CheckpointPreview?
  {
    try? BinaryDecoder().decode(
      CheckpointPreview.self, from: UnsafeBufferPointer(rebasing: payload[parts[0]]))
  }

  /// The snapshot from a payload's bytes, or nil for anything that is not a payload this
  /// build wrote: a checkpoint is only ever an optimisation, so a damaged one is
  /// ignored, never trusted or fatal.
  public static func snapshot(_ payload: UnsafeBufferPointer<UInt8>, _ parts: [Range<Int>])
    -> PortfolioSnapshot?
  {
    guard var (snapshot, programs) = snapshotParts(payload, parts) else { return nil }
    snapshot.programs = programs.flatMap { $0 }
    return snapshot
  }

  /// The snapshot without its programs, and the programs in the chunks they were decoded
  /// in: `Portfolio(snapshot:programParts:)` takes them a chunk at a time, so that the
  /// programs are never held twice (a joined array beside the portfolio's own).
  public static func snapshotParts(_ payload: UnsafeBufferPointer<UInt8>, _ parts: [Range<Int>])
    -> (PortfolioSnapshot, [[Program]])?
  {
    let results = Results(count: parts.count - 2)
    let rest = RestSlot()
    nonisolated(unsafe) let payload = payload
    // The rest (history, requests, acknowledgements) is one more task beside the chunks.
    DispatchQueue.concurrentPerform(iterations: parts.count - 1) { i in
      let bytes = UnsafeBufferPointer(rebasing: payload[parts[i + 1]])
      if i == 0 {
        rest.value = try? BinaryDecoder().decode(PortfolioSnapshot.self, from: bytes)
      } else {
        // Programs by hand (ProgramBinary.swift): the generic path is most of an open's CPU.
        results.set(i - 1, try? Program.decodeArray(from: bytes))
      }
    }
    guard let snapshot = rest.value else { return nil }
    var programs: [[Program]] = []
    for part in results.values {
      guard let part else { return nil }
      programs.append(part)
    }
    return (snapshot, programs)
  }

  /// The snapshot in a payload (a copy of its bytes), or nil.
  public static func decode(_ bytes: [UInt8]) -> PortfolioSnapshot? {
    bytes.withUnsafeBufferPointer { b in parts(b).flatMap { snapshot(b, $0) } }
  }

  /// Where the task decoding the rest leaves it (read after all tasks have ended).
  final class RestSlot: Sendable {
    private let slot = Mutex<PortfolioSnapshot?>(nil)
    var value: PortfolioSnapshot? {
      get { slot.withLock { $0 } }
      set { slot.withLock { $0 = newValue } }
    }
  }

  /// Slots the parallel decoders fill, one each.
  final class Results: Sendable {
    private let slots: Mutex<[[Program]?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    var values: [[Program]?] { slots.withLock { $0 } }
    func set(_ i: Int, _ v: [Program]?) { slots.withLock { $0[i] = v } }
  }

}
