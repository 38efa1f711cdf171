import CanonicalJSON
import Crypto

#if canImport(Glibc)
  import Glibc
#endif

/// A derived file holding an opaque payload (the caller's folded state) and the reader
/// position it belongs to. It lives in the reading account's own cache, never beside
/// the store (a file the store's group can write is a file anyone in it can edit), and
/// it is authenticated with an HMAC-SHA-256 keyed by a secret of that account: a
/// checkpoint this account did not write is never used. It is only used when the record
/// at its position still has the recorded sequence and hash (`EventLog.resume`); the
/// log stays the only truth, and `verify` always re-reads the log.
public enum Checkpoint {
  static let magic = Array("SAPMCKPB".utf8)

  /// Where one account keeps one store's checkpoint, and the secret that
  /// authenticates it (32 bytes or more, known to that account only).
  public struct Place: Sendable {
    public var path: String
    /// The secret's bytes (swift-crypto's key type is not Sendable).
    let secret: [UInt8]

    public init(path: String, secret: [UInt8]) {
      self.path = path
      self.secret = secret
    }

    /// The temporary file a write in this process goes through (removed by a process
    /// that quits while one is under way in the background).
    public var temporaryPath: String { "\(path).tmp-\(getpid())" }
  }

  /// The checkpoint file that older builds wrote beside the store: never read.
  public static func legacyPath(for store: String) -> String { store + ".checkpoint" }

  /// Writes the checkpoint for the log's current position, atomically (temp + rename).
  public static func write(to place: Place, for log: any RecordLog, payload: [UInt8]) throws(StoreError) {
    try write(to: place, at: log.cursor, offsets: log.recordOffsets, payload: payload)
  }

  /// Writes the checkpoint for a position taken earlier (`cursor`, `offsets`): from a
  /// thread of its own while the reader moves on — it needs nothing of the log itself.
  /// The file is 0600 in a 0700 folder.
  public static func write(
    to place: Place, at cursor: ChainCursor, offsets: [Int64], payload: [UInt8]
  ) throws(StoreError) {
    let target = place.path
    let folder = parentDirectory(target)
    if mkdir(folder, 0o700) != 0, errno != EEXIST {
      throw StoreError.io(path: folder, operation: "create", errno: errno)
    }
    // Header, payload and MAC written in turn, the MAC computed as they go: the
    // payload (50 MB at scale) is never copied into one buffer with the rest.
    var header = magic
    func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { header.append(contentsOf: $0) } }
    int(cursor.offset)
    int(Int64(cursor.sequence))
    header.append(contentsOf: cursor.hashHex)
    int(Int64(offsets.count))
    offsets.withUnsafeBytes { header.append(contentsOf: $0) }
    int(Int64(payload.count))
    var mac = HMAC<SHA256>(key: SymmetricKey(data: place.secret))
    mac.update(data: header)
    mac.update(data: payload)
    let trailer = Array(mac.finalize())
    let temp = place.temporaryPath
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { throw StoreError.io(path: temp, operation: "create", errno: errno) }
    _ = fchmod(fd, 0o600)  // whatever the umask
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
    syncDirectory(folder)
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
    public func resume(_ log: any RecordLog) -> Bool {
      (try? log.resume(at: cursor, offsets: offsets)) == true
    }
  }

  /// What reading a checkpoint found.
  public enum Reading {
    case none
    case loaded(Loaded)
    /// A file is there but this account did not write it, or it was changed since:
    /// it has been set aside (renamed `….rejected`) and is never used.
    case rejected(reason: String)

    public var loaded: Loaded? {
      if case .loaded(let l) = self { return l }
      return nil
    }
  }

  /// Reads and authenticates the checkpoint at `place`. One that fails (another
  /// account's file, a wrong MAC, a damaged or foreign format) is set aside and named.
  public static func load(_ place: Place) -> Reading {
    let p = place.path
    let fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
    guard fd >= 0 else {
      if errno == ENOENT { return .none }
      return setAside(place, "cannot be opened (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
      return setAside(place, "is not a regular file")
    }
    guard st.st_uid == getuid() else {
      return setAside(place, "belongs to uid \(st.st_uid), not to this account (uid \(getuid()))")
    }
    let file = FileDescriptor(fd: fd, path: p)
    guard let size = try? file.size(), let bytes = try? file.read(count: Int(size), at: 0),
      bytes.count == Int(size)
    else { return .none }
    guard let loaded = parse(bytes, secret: place.secret) else {
      return setAside(place, "fails its check (not written by this account, or changed since)")
    }
    return .loaded(loaded)
  }

  /// Renames a checkpoint that failed its check out of the way, so it is neither used
  /// nor silently overwritten before someone could look at it.
  static func setAside(_ place: Place, _ why: String) -> Reading {
    let aside = place.path + ".rejected"
    _ = rename(place.path, aside)
    return .rejected(reason: "the checkpoint \(place.path) \(why); set aside as \(aside) and not used")
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
  public static func parse(_ bytes: [UInt8], secret: [UInt8]) -> Loaded? {
    let key = SymmetricKey(data: secret)
    guard bytes.count > 8 + 8 + 8 + 64 + 8 + 8 + 32, Array(bytes.prefix(8)) == magic else { return nil }
    let body = bytes.dropLast(32)
    guard HMAC<SHA256>.isValidAuthenticationCode(Array(bytes.suffix(32)), authenticating: body, using: key)
    else { return nil }
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
