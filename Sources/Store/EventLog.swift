import CanonicalJSON

#if canImport(Glibc)
  import Glibc
#endif

/// The append-only log file: one canonical JSON record per line, each carrying the
/// SHA-256 of the line before it (docs/store-format.md).
///
/// Writers from any number of processes serialize on an exclusive `flock` held only
/// for the write and its `fdatasync`; readers take no lock, so they never block a
/// writer, and read only complete lines, so they never see half a record.
public final class EventLog: @unchecked Sendable {
  public let path: String
  public let isReadOnly: Bool
  private let file: FileDescriptor
  /// What this reader has consumed and verified.
  public private(set) var cursor = ChainCursor()
  /// Byte offset of each record read so far, by sequence number − 1.
  private var offsets: [Int64] = []
  public private(set) var warnings: [StoreWarning] = []
  /// The file size, last sequence and last hash after this writer's own last append,
  /// so that an uncontended append skips re-reading the tail.
  private var writerTail: (size: Int64, sequence: Int, hash: [UInt8])?

  private init(path: String, fd: Int32, readOnly: Bool) {
    self.path = path
    self.file = FileDescriptor(fd: fd, path: path)
    self.isReadOnly = readOnly
  }

  deinit { close(file.fd) }

  /// Creates a new, empty store: `0600`, in a directory created `0700` if missing.
  /// Never overwrites an existing file.
  public static func create(at path: String) throws(StoreError) -> EventLog {
    let dir = parentDirectory(path)
    try makeDirectories(dir)
    let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST { throw StoreError.alreadyExists(path: path) }
      throw StoreError.io(path: path, operation: "create", errno: errno)
    }
    _ = fchmod(fd, 0o600)  // whatever the umask said
    syncDirectory(dir)
    return EventLog(path: path, fd: fd, readOnly: false)
  }

  /// Opens an existing store. Read-only opens it `O_RDONLY`, so no code path in
  /// this process can write to it, whatever a view asks for.
  public static func open(at path: String, readOnly: Bool) throws(StoreError) -> EventLog {
    let flags = readOnly ? O_RDONLY : O_RDWR | O_APPEND
    let fd = Glibc.open(path, flags | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT { throw StoreError.notFound(path: path) }
      if errno == EACCES || errno == EROFS, !readOnly {
        throw StoreError.io(path: path, operation: "open for writing", errno: errno)
      }
      throw StoreError.io(path: path, operation: "open", errno: errno)
    }
    var st = stat()
    if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
      close(fd)
      throw StoreError.notAStore(path: path, reason: "not a regular file")
    }
    return EventLog(path: path, fd: fd, readOnly: readOnly)
  }

  /// The file's permission bits (for checks and tests).
  public func permissions() throws(StoreError) -> UInt32 { UInt32(try file.mode()) }

  public func size() throws(StoreError) -> Int64 { try file.size() }

  // MARK: Reading

  /// Reads every record after the cursor, verifying each against the chain, and
  /// hands it to `body` in order. Returns how many were read. A writer sets aside
  /// a torn last record first; a read-only reader ignores it and warns.
  @discardableResult
  public func readNew(_ body: (Record) throws -> Void) throws -> Int {
    var count = 0
    let end = try file.size()
    if end < cursor.offset {
      throw StoreError.damaged(
        path: path, line: cursor.sequence,
        reason: "the file shrank below what was already read (truncated or replaced)")
    }
    let tail = try Self.scan(file, from: cursor, to: end) { (record, offset) in
      offsets.append(offset)
      count += 1
      try body(record)
    } cursorOut: {
      cursor = $0
    }
    if tail > 0 {
      if isReadOnly {
        let warning = StoreWarning.incompleteTail(path: path, bytes: tail)
        if !warnings.contains(warning) { warnings.append(warning) }
      } else {
        // Only now take the lock: under it, a partial line is a torn write, not one in progress.
        try setAsideTornTail()
      }
    }
    return count
  }

  /// Reads the record with sequence number `sequence` (already read by this reader).
  public func record(sequence: Int) throws -> Record? {
    guard sequence >= 1, sequence <= offsets.count else { return nil }
    let start = offsets[sequence - 1]
    let end = sequence < offsets.count ? offsets[sequence] : cursor.offset
    let bytes = try file.read(count: Int(end - start - 1), at: start)
    return try bytes.withUnsafeBufferPointer { (b) throws(RecordError) -> Record in try Record.parse(line: b)
    }
  }

  /// Positions the reader after a record already known to be good (a checkpoint),
  /// after checking that the record there has the expected sequence and hash.
  public func resume(at checkpoint: ChainCursor, offsets known: [Int64]) throws -> Bool {
    guard checkpoint.sequence > 0, known.count == checkpoint.sequence,
      let last = known.last, try file.size() >= checkpoint.offset
    else { return false }
    let length = Int(checkpoint.offset - last - 1)
    guard length > 0 else { return false }
    let bytes = try file.read(count: length + 1, at: last)
    guard bytes.count == length + 1, bytes.last == 0x0A else { return false }
    let line = Array(bytes.dropLast())
    guard ChainCursor.hash(line) == checkpoint.hashHex,
      let record = try? line.withUnsafeBufferPointer({ (b) throws(RecordError) in try Record.parse(line: b) }
      ),
      record.sequence == checkpoint.sequence
    else { return false }
    cursor = checkpoint
    offsets = known
    return true
  }

  /// The byte offsets of the records read so far (for a checkpoint).
  public var recordOffsets: [Int64] { offsets }

  /// Scans complete lines from `start` to `end`; returns the number of bytes after
  /// the last newline (an incomplete record).
  static func scan(
    _ file: FileDescriptor, from start: ChainCursor, to end: Int64,
    _ body: (Record, Int64) throws -> Void, cursorOut: (ChainCursor) -> Void
  ) throws -> Int {
    var cursor = start
    defer { cursorOut(cursor) }
    var end = end
    var buffer = [UInt8](repeating: 0, count: 1 << 22)
    var filled = 0  // unconsumed bytes at the front of the buffer
    var readOffset = cursor.offset
    while true {
      if readOffset < end {
        if filled == buffer.count {  // a line longer than the buffer: grow it
          buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let want = min(buffer.count - filled, Int(end - readOffset))
        let got = try buffer.withUnsafeMutableBytes { (b) throws(StoreError) -> Int in
          try file.read(
            into: UnsafeMutableRawBufferPointer(rebasing: b[filled..<(filled + want)]), at: readOffset)
        }
        if got == 0 { end = readOffset }  // the file shrank while we read
        readOffset += Int64(got)
        filled += got
      }
      var consumed = 0
      try buffer.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress else { return }
        while consumed < filled, let nl = memchr(base + consumed, 0x0A, filled - consumed) {
          let lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
          let offset = cursor.offset
          let record: Record
          do {
            record = try cursor.accept(line: UnsafeBufferPointer(rebasing: b[consumed..<lineEnd]))
          } catch let error as RecordError {
            throw StoreError.damaged(path: file.path, line: cursor.sequence + 1, reason: error.reason)
          }
          try body(record, offset)
          consumed = lineEnd + 1
        }
      }
      if consumed > 0 {
        buffer.withUnsafeMutableBytes { b in
          guard let base = b.baseAddress, filled > consumed else { return }
          memmove(base, base + consumed, filled - consumed)
        }
        filled -= consumed
      }
      if readOffset >= end { return filled }
    }
  }

  // MARK: Writing

  /// Appends records and returns only after they are on disk (`fdatasync`).
  /// The store assigns sequence numbers and chain hashes under the lock, so the
  /// chain stays linear whichever process wins.
  @discardableResult
  public func append(_ drafts: [RecordDraft]) throws(StoreError) -> [Record] {
    guard !isReadOnly else { throw StoreError.readOnly(path: path) }
    guard !drafts.isEmpty else { return [] }
    try file.lock(exclusive: true)
    defer { file.unlock() }
    var sequence: Int
    var hash: [UInt8]
    let size = try file.size()
    if let tail = writerTail, tail.size == size {
      // Nobody wrote since our last append: the tail is the one we wrote.
      (sequence, hash) = (tail.sequence, tail.hash)
    } else {
      try setAsideTornTailLocked()
      (sequence, hash) = try lastRecordLocked()
    }
    var bytes: [UInt8] = []
    var records: [Record] = []
    records.reserveCapacity(drafts.count)
    let now = Timestamp.now()
    for draft in drafts {
      sequence += 1
      let record = Record(
        sequence: sequence, at: draft.at ?? now, actor: draft.actor, type: draft.type, version: draft.version,
        payload: draft.payload, prev: String(decoding: hash, as: UTF8.self))
      let line = record.line
      hash = ChainCursor.hash(line)
      bytes.append(contentsOf: line)
      bytes.append(0x0A)
      records.append(record)
    }
    writerTail = nil
    try file.writeAll(bytes)
    try file.sync()
    writerTail = (try file.size(), sequence, hash)
    return records
  }

  @discardableResult
  public func append(_ draft: RecordDraft) throws(StoreError) -> Record {
    let records = try append([draft])
    return records[0]
  }

  /// The last record's sequence and hash, read from the end of the file.
  private func lastRecordLocked() throws(StoreError) -> (Int, [UInt8]) {
    let size = try file.size()
    if size == 0 { return (0, Array(Record.genesis.utf8)) }
    // The file ends with a newline (torn tails were set aside): find the one before.
    var window: Int64 = 4096
    while true {
      let start = max(0, size - window)
      let bytes = try file.read(count: Int(size - start), at: start)
      let body = bytes.dropLast()  // the final newline
      let previous = body.lastIndex(of: 0x0A)
      if previous != nil || start == 0 {
        let line = Array(body[(previous.map { $0 + 1 } ?? body.startIndex)...])
        let record: Record
        do {
          record = try line.withUnsafeBufferPointer { (b) throws(RecordError) in try Record.parse(line: b) }
        } catch {
          throw StoreError.damaged(
            path: path, line: 0, reason: "the last record does not parse (\(error.reason))")
        }
        return (record.sequence, ChainCursor.hash(line))
      }
      window *= 4
    }
  }

  /// Takes the lock and sets aside a torn tail, if there is one.
  public func setAsideTornTail() throws(StoreError) {
    guard !isReadOnly else { return }
    try file.lock(exclusive: true)
    defer { file.unlock() }
    try setAsideTornTailLocked()
  }

  /// Under the lock, bytes after the last newline can only be the remains of a
  /// writer that died mid-write: copy them next to the store, then cut them off.
  private func setAsideTornTailLocked() throws(StoreError) {
    let size = try file.size()
    guard size > 0 else { return }
    var window: Int64 = 4096
    var tornStart: Int64 = 0
    while true {
      let start = max(0, size - window)
      let bytes = try file.read(count: Int(size - start), at: start)
      if bytes.last == 0x0A { return }
      if let nl = bytes.lastIndex(of: 0x0A) {
        tornStart = start + Int64(nl) + 1
        break
      }
      if start == 0 {
        tornStart = 0
        break
      }
      window *= 4
    }
    let torn = try file.read(count: Int(size - tornStart), at: tornStart)
    let aside = "\(path).torn-\(Timestamp.now().milliseconds)"
    let fd = Glibc.open(aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw StoreError.io(path: aside, operation: "create", errno: errno) }
    let out = FileDescriptor(fd: fd, path: aside)
    defer { close(fd) }
    try out.writeAll(torn)
    guard fsync(fd) == 0 else { throw out.fail("fsync") }
    syncDirectory(parentDirectory(path))
    try file.truncate(to: tornStart)
    try file.sync()
    warnings.append(.tornTailSetAside(path: path, bytes: torn.count, savedTo: aside))
  }
}
