#if canImport(Glibc)
  import Glibc
#endif

/// The outcome of re-hashing a whole store.
public struct VerifyReport: Sendable, Hashable {
  public var records: Int
  public var bytes: Int64
  /// The first bad record: its line number (1-based) and why.
  public var firstBad: (line: Int, reason: String)?
  /// Bytes after the last complete record (a torn or in-progress write).
  public var incompleteTailBytes: Int

  public var isSound: Bool { firstBad == nil }

  public init(records: Int, bytes: Int64, firstBad: (line: Int, reason: String)?, incompleteTailBytes: Int) {
    self.records = records
    self.bytes = bytes
    self.firstBad = firstBad
    self.incompleteTailBytes = incompleteTailBytes
  }

  public static func == (a: VerifyReport, b: VerifyReport) -> Bool {
    a.records == b.records && a.bytes == b.bytes && a.firstBad?.line == b.firstBad?.line
      && a.firstBad?.reason == b.firstBad?.reason && a.incompleteTailBytes == b.incompleteTailBytes
  }
  public func hash(into h: inout Hasher) {
    h.combine(records)
    h.combine(firstBad?.line)
  }
}

extension EventLog {
  /// Re-reads and re-hashes every record from the start, independent of what this
  /// reader has consumed. `progress` gets (bytes done, bytes total) now and then.
  public func verify(progress: (Int64, Int64) -> Void = { _, _ in }) throws(StoreError) -> VerifyReport {
    // A fresh descriptor on whatever the path names now, opened as safely as any.
    let fresh = try EventLog.open(at: path, readOnly: true)
    defer { withExtendedLifetime(fresh) {} }  // it owns the descriptor
    let file = fresh.file
    let total = try file.size()
    guard total > 0 else { throw StoreError.notAStore(path: path, reason: "empty (0 bytes)") }
    var count = 0
    var last = ChainCursor()
    var lastReport: Int64 = 0
    do {
      let tail = try Self.scan(file, from: ChainCursor(), to: total) { (_, offset, _) in
        count += 1
        if offset - lastReport >= 8 << 20 {
          lastReport = offset
          progress(offset, total)
        }
      } cursorOut: {
        last = $0
      }
      progress(total, total)
      if count == 0 {
        throw StoreError.notAStore(path: path, reason: "no complete sapm record in its \(total) bytes")
      }
      return VerifyReport(records: count, bytes: total, firstBad: nil, incompleteTailBytes: tail)
    } catch let StoreError.damaged(_, line, reason) {
      return VerifyReport(
        records: count, bytes: last.offset, firstBad: (line, reason), incompleteTailBytes: 0)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.io(path: path, operation: "verify", errno: EIO)
    }
  }
}

extension RecordLog {
  /// Re-reads and re-hashes every record, with no one told of the progress.
  public func verify() throws -> VerifyReport { try verify(progress: { _, _ in }) }
}
