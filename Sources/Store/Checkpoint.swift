import CanonicalJSON
import Crypto

#if canImport(Glibc)
  import Glibc
#endif

/// A derived file next to the store (`PATH.checkpoint`, 0600) holding an opaque
/// payload (the caller's folded state) and the reader position it belongs to. It is
/// only used when the record at that position still has the recorded sequence and
/// hash (`EventLog.resume`); a stale, damaged or foreign checkpoint is ignored and
/// rebuilt. The log stays the only truth, and `verify` always re-reads the log.
public enum Checkpoint {
  static let magic = Array("SAPMCKP9".utf8)

  public static func path(for store: String) -> String { store + ".checkpoint" }

  /// Writes the checkpoint for the log's current position, atomically (temp + rename).
  public static func write(for log: EventLog, payload: [UInt8]) throws(StoreError) {
    try write(for: log, at: log.cursor, offsets: log.recordOffsets, payload: payload)
  }

  /// The temporary file a write in this process goes through (removed by a process
  /// that quits while one is under way in the background).
  public static func temporaryPath(for store: String) -> String { "\(path(for: store)).tmp-\(getpid())" }

  /// Writes the checkpoint for a position taken earlier (`cursor`, `offsets`): from a
  /// thread of its own while the reader moves on.
  public static func write(for log: EventLog, at cursor: ChainCursor, offsets: [Int64], payload: [UInt8])
    throws(StoreError)
  {
    let target = path(for: log.path)
    // Header, payload and digest written in turn, the digest computed as they go: the
    // payload (50 MB at scale) is never copied into one buffer with the rest.
    var header = magic
    func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { header.append(contentsOf: $0) } }
    int(cursor.offset)
    int(Int64(cursor.sequence))
    header.append(contentsOf: cursor.hashHex)
    int(Int64(offsets.count))
    offsets.withUnsafeBytes { header.append(contentsOf: $0) }
    int(Int64(payload.count))
    var digest = SHA256()
    digest.update(data: header)
    digest.update(data: payload)
    let trailer = Array(digest.finalize())
    let temp = temporaryPath(for: log.path)
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw StoreError.io(path: temp, operation: "create", errno: errno) }
    log.file.shareAccess(with: fd)
    let file = FileDescriptor(fd: fd, path: temp)
    do {
      try file.writeAll(header)
      try file.writeAll(payload)
      try file.writeAll(trailer)
      try file.sync()
    } catch {
      close(fd)
      unlink(temp)
      throw error
    }
    close(fd)
    guard rename(temp, target) == 0 else {
      unlink(temp)
      throw StoreError.io(path: target, operation: "rename", errno: errno)
    }
    syncDirectory(parentDirectory(target))
  }

  /// A checkpoint read back: the caller's payload and the log position it belongs to.
  public struct Loaded {
    /// The whole file; the payload is `bytes[payloadRange]`, read in place.
    let bytes: [UInt8]
    let payloadRange: Range<Int>
    public var cursor: ChainCursor
    public var offsets: [Int64]

    /// The payload, copied.
    public var payload: [UInt8] { Array(bytes[payloadRange]) }

    /// The payload's bytes in place, for decoding without a copy of the file.
    public func withPayload<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
      try bytes.withUnsafeBufferPointer { b in try body(UnsafeBufferPointer(rebasing: b[payloadRange])) }
    }

    /// Positions `log`'s reader after the checkpointed records, if the record there is
    /// still the one the checkpoint was taken after. False: replay from the start.
    public func resume(_ log: EventLog) -> Bool {
      (try? log.resume(at: cursor, offsets: offsets)) == true
    }
  }

  /// Reads and checks (SHA-256) the checkpoint of the store at `store`, or nil.
  public static func load(store: String) -> Loaded? {
    let p = path(for: store)
    let fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    let file = FileDescriptor(fd: fd, path: p)
    guard let size = try? file.size(), let bytes = try? file.read(count: Int(size), at: 0),
      bytes.count == Int(size)
    else { return nil }
    return parse(bytes)
  }

  /// The little-endian 64-bit number at `at` (the file's fields, the payload's framing);
  /// the caller has checked that eight bytes are there.
  public static func littleEndian<C: RandomAccessCollection>(_ bytes: C, at: Int) -> UInt64
  where C.Element == UInt8, C.Index == Int {
    var v: UInt64 = 0
    for i in (0..<8).reversed() { v = v << 8 | UInt64(bytes[at + i]) }
    return v
  }

  /// Checks and splits a checkpoint file's bytes; nil for anything not exactly a
  /// checkpoint of this format (wrong magic, short, bad hash, bad lengths).
  public static func parse(_ bytes: [UInt8]) -> Loaded? {
    guard bytes.count > 8 + 8 + 8 + 64 + 8 + 8 + 32, Array(bytes.prefix(8)) == magic else { return nil }
    let body = bytes.dropLast(32)
    guard Array(SHA256.hash(data: body)) == Array(bytes.suffix(32)) else { return nil }
    var at = 8
    func int() -> Int64? {
      guard at + 8 <= body.count else { return nil }
      defer { at += 8 }
      return Int64(bitPattern: littleEndian(bytes, at: at))
    }
    guard let offset = int(), let sequence = int(), at + 64 <= body.count else { return nil }
    let hash = Array(bytes[at..<at + 64])
    at += 64
    guard let count = int(), count >= 0, count <= Int64(body.count) / 8, at + Int(count) * 8 <= body.count
    else { return nil }
    var offsets = [Int64](repeating: 0, count: Int(count))
    offsets.withUnsafeMutableBytes { dst in
      bytes.withUnsafeBytes { src in
        dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<at + Int(count) * 8]))
      }
    }
    at += Int(count) * 8
    guard let length = int(), length >= 0, length <= Int64(body.count), at + Int(length) == body.count else {
      return nil
    }
    let cursor = ChainCursor(offset: offset, sequence: Int(sequence), hashHex: hash)
    return Loaded(bytes: bytes, payloadRange: at..<at + Int(length), cursor: cursor, offsets: offsets)
  }
}
