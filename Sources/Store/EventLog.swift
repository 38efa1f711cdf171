import Basics
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
///
/// `@unchecked Sendable` because its reader state (cursor, offsets) is unlocked: one
/// thread uses it at a time — its session's; a large read hands it to the session's
/// reading thread while the session only folds what the pipe brings, and takes it back
/// once the pipe is finished (`Session.readAndFold`).
public final class EventLog: RecordLog, @unchecked Sendable {
  public let path: String
  public let isReadOnly: Bool
  let file: FileDescriptor
  /// What this reader has consumed and verified.
  public private(set) var cursor = ChainCursor()
  /// Byte offset of each record read so far, by sequence number − 1.
  private var offsets: [Int64] = []
  public private(set) var warnings: [StoreWarning] = []
  /// How far this writer has verified (or itself written) the chain: a writer that
  /// does not consume what it catches up with (`append(_:)`) starts its next
  /// catch-up here, so an uncontended append reads nothing back.
  private var writerChain = ChainCursor()

  private init(path: String, fd: Int32, readOnly: Bool) {
    self.path = path
    self.file = FileDescriptor(fd: fd, path: path)
    self.isReadOnly = readOnly
  }

  deinit { close(file.fd) }

  /// Lets go of the file before this object goes (a TUI that reopened a replaced
  /// store, while someone still holds the old session): the descriptor is pointed at
  /// /dev/null, read-only, so the number stays valid and nothing reaches the old file.
  public func relinquish() {
    let null = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
    guard null >= 0 else { return }
    _ = dup2(null, file.fd)
    close(null)
  }

  /// Creates a new, empty store: `0600`, in a directory created `0700` if missing.
  /// Never overwrites an existing file.
  ///
  /// With a group, the store is shared by its members: the file `0660` and owned by
  /// the group, a directory created for it setgid `2770` (so the checkpoint and any
  /// file set aside stay in the group). The creator must belong to the group.
  public static func create(at path: String, group: gid_t? = nil) throws(StoreError) -> EventLog {
    let dir = parentDirectory(path)
    if let group {
      var st = stat()
      if stat(dir, &st) != 0 {
        try makeDirectories(parentDirectory(dir))
        guard mkdir(dir, 0o700) == 0 || errno == EEXIST else {
          throw StoreError.io(path: dir, operation: "create directory", errno: errno)
        }
        guard chown(dir, uid_t.max, group) == 0 else {
          throw StoreError.io(path: dir, operation: "give the directory to the group", errno: errno)
        }
        _ = chmod(dir, 0o2770)
      }
    } else {
      try makeDirectories(dir)
    }
    let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      let code = errno
      var st = stat()
      if code == EEXIST, lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
        var probe = stat()
        if stat(path, &probe) != 0 {
          throw StoreError.notAStore(
            path: path,
            reason:
              "it is a symbolic link to a file that does not exist; sapm does not create a store through a link — remove the link or give the real path"
          )
        }
      }
      if code == EEXIST { throw StoreError.alreadyExists(path: path) }
      throw StoreError.io(path: path, operation: "create", errno: code)
    }
    if let group {
      guard fchown(fd, uid_t.max, group) == 0 else {
        let code = errno
        close(fd)
        unlink(path)
        throw StoreError.io(path: path, operation: "give the store to the group", errno: code)
      }
    }
    _ = fchmod(fd, group == nil ? 0o600 : 0o660)  // whatever the umask said
    syncDirectory(dir)
    return EventLog(path: path, fd: fd, readOnly: false)
  }

  /// Opens an existing store. Read-only opens it `O_RDONLY`, so no code path in
  /// this process can write to it, whatever a view asks for.
  ///
  /// The open is non-blocking and the file type is checked before anything is read,
  /// so a FIFO, socket or device at the path is refused at once instead of hanging.
  public static func open(at path: String, readOnly: Bool) throws(StoreError) -> EventLog {
    let flags = readOnly ? O_RDONLY : O_RDWR | O_APPEND
    let fd = Glibc.open(path, flags | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else {
      if errno == ENOENT { throw StoreError.notFound(path: path) }
      if errno == EISDIR { throw StoreError.notAStore(path: path, reason: "it is a directory") }
      if errno == ENXIO {
        throw StoreError.notAStore(path: path, reason: "not a regular file (a socket or device)")
      }
      if errno == EACCES || errno == EROFS, !readOnly {
        throw StoreError.io(path: path, operation: "open for writing", errno: errno)
      }
      throw StoreError.io(path: path, operation: "open", errno: errno)
    }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      let code = errno
      close(fd)
      throw StoreError.io(path: path, operation: "stat", errno: code)
    }
    guard (st.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw StoreError.notAStore(path: path, reason: "not a regular file (\(fileKind(st.st_mode)))")
    }
    // Blocking I/O from here on: it is a regular file.
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    return EventLog(path: path, fd: fd, readOnly: readOnly)
  }

  public typealias PathStatus = StorePathStatus

  public var name: String { path }

  /// A file is there or it is not: it has no offline state.
  public var availability: StoreAvailability { .available }

  public func makeWatcher() -> any StoreWatcher { ChangeWatcher(path: path) }

  public var storeID: String? {
    if let first = try? record(sequence: 1) { return first.lineHashHex }
    // Not read yet: the first line, from the file (up to 1 MiB).
    guard let size = try? file.size(), size > 0,
      let head = try? file.read(count: Int(min(size, 1 << 20)), at: 0), let nl = head.firstIndex(of: 0x0A)
    else { return nil }
    let line = Array(head[..<nl])
    // As `record(sequence: 1)` gives it once read: one identity whichever way it is found.
    return (try? line.withUnsafeBufferPointer { (b) throws(RecordError) in try Record.parse(line: b) })?
      .lineHashHex
  }

  /// Compares the device and inode of the path with those of the open descriptor.
  public func pathStatus() -> PathStatus {
    var atPath = stat()
    guard stat(path, &atPath) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .same }
    var open = stat()
    guard fstat(file.fd, &open) == 0 else { return .same }
    return atPath.st_dev == open.st_dev && atPath.st_ino == open.st_ino ? .same : .replaced
  }

  /// Refuses to go on when the path no longer names the open file: appending to an
  /// unlinked or renamed-over inode would report success and lose the event.
  private func requireSameFile() throws(StoreError) {
    switch pathStatus() {
    case .same: return
    case .replaced: throw StoreError.replaced(path: path)
    case .missing: throw StoreError.deleted(path: path)
    }
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
    try readNewLines { record, _ in try body(record) }
  }

  /// The same, with each record's line exactly as the file holds it (without its
  /// newline), valid during the call: for copies that must be byte for byte.
  @discardableResult
  public func readNewLines(_ body: (Record, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
    var count = 0
    let end = try file.size()
    if end < cursor.offset {
      throw StoreError.damaged(
        path: path, line: cursor.sequence,
        reason: "the file shrank below what was already read (truncated or replaced)")
    }
    let tail = try Self.scan(file, from: cursor, to: end) { (record, offset, line) in
      offsets.append(offset)
      count += 1
      try body(record, line)
    } cursorOut: {
      cursor = $0
    }
    if tail > 0, cursor.sequence == 0 {
      throw StoreError.notAStore(
        path: path, reason: "no complete sapm record in its \(end) bytes; left untouched")
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

  /// Back to before the first record: a checkpoint resumed but then unusable.
  public func restart() {
    cursor = ChainCursor()
    offsets = []
  }

  /// The byte offsets of the records read so far (for a checkpoint).
  public var recordOffsets: [Int64] { offsets }

  /// Where the last record read so far starts (for progress, from the reading thread).
  public var lastRecordOffset: Int64 { offsets.last ?? 0 }

  /// Scans complete lines from `start` to `end`; returns the number of bytes after
  /// the last newline (an incomplete record).
  static func scan(
    _ file: FileDescriptor, from start: ChainCursor, to end: Int64,
    _ body: (Record, Int64, UnsafeBufferPointer<UInt8>) throws -> Void, cursorOut: (ChainCursor) -> Void
  ) throws -> Int {
    var cursor = start
    defer { cursorOut(cursor) }
    var end = end
    var buffer = [UInt8](repeating: 0, count: Int(min(1 << 22, max(4096, end - start.offset))))
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
          let line = UnsafeBufferPointer(rebasing: b[consumed..<lineEnd])
          do {
            record = try cursor.accept(line: line)
          } catch let error as RecordError {
            if cursor.sequence == 0 {
              throw StoreError.notAStore(
                path: file.path,
                reason: "its first line is not a sapm record (\(error.reason)); left untouched")
            }
            throw StoreError.damaged(path: file.path, line: cursor.sequence + 1, reason: error.reason)
          }
          try body(record, offset, line)
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
  ///
  /// Under the store's exclusive lock it first proves that the path still names the
  /// open file, then catches up with the log — every record other processes appended
  /// since this reader last read goes to `consume`, verified — and sets aside a torn
  /// tail. Only then does it ask `makeDrafts` what to write, so a caller can check
  /// its command against the log exactly as it stands (two racing writers cannot both
  /// pass a check only one may). The store assigns sequence numbers and chain hashes.
  /// If the write or the sync fails (disk full, say), the file is cut back to its
  /// last complete record before the lock is released. The reader's cursor does not
  /// move past the appended records: the next `readNew` reads them back from disk.
  @discardableResult
  public func append(
    catchingUp consume: (Record) throws -> Void, _ makeDrafts: () throws -> [RecordDraft]
  ) throws -> [Record] {
    try withoutActuallyEscaping(consume) { consume in try append(consume: consume, makeDrafts) }
  }

  /// How many bytes of a batch's lines are gathered before they are written.
  static let appendChunk = 4 << 20

  /// With `consume` nil the catch-up only verifies: the reader's cursor stays where
  /// it is, so its owner still reads those records with `readNew`.
  private func append(consume: ((Record) throws -> Void)?, _ makeDrafts: () throws -> [RecordDraft])
    throws -> [Record]
  {
    guard !isReadOnly else { throw StoreError.readOnly(path: path) }
    try file.lock(exclusive: true)
    defer { file.unlock() }
    try requireSameFile()
    let size = try file.size()
    var chain = consume == nil && writerChain.offset > cursor.offset ? writerChain : cursor
    if size < chain.offset {
      throw StoreError.damaged(
        path: path, line: chain.sequence,
        reason: "the file shrank below what was already read (truncated or replaced)")
    }
    if size > chain.offset {
      let tail = try Self.scan(file, from: chain, to: size) { (record, offset, _) in
        if let consume {
          offsets.append(offset)
          try consume(record)
        }
      } cursorOut: {
        chain = $0
      }
      if consume != nil { cursor = chain }
      if tail > 0 { try setAsideTornTailLocked(after: chain) }
    }
    if chain.offset > writerChain.offset { writerChain = chain }
    let drafts = try makeDrafts()
    guard !drafts.isEmpty else { return [] }
    var sequence = chain.sequence
    var hash = chain.hashHex
    var records: [Record] = []
    records.reserveCapacity(drafts.count)
    let now = Timestamp.now()
    let end = chain.offset
    var written: Int64 = 0
    // Written a few MiB at a time as the records are made (an import of 379,384
    // events held all 150 MB of its lines at once), and synced once at the end: the
    // batch is still all or nothing — a failure cuts the file back to where it began.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.appendChunk + 64 * 1024)
    do {
      for draft in drafts {
        sequence += 1
        var record = Record(
          sequence: sequence, at: draft.at ?? now, actor: draft.actor, type: draft.type,
          version: draft.version, payload: draft.payload, prev: String(decoding: hash, as: UTF8.self))
        if let signer = draft.signer { record = try signer.signed(record) }
        let line = record.line
        hash = ChainCursor.hash(line)
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        records.append(record)
        if bytes.count >= Self.appendChunk {
          try file.writeAll(bytes)
          written += Int64(bytes.count)
          bytes.removeAll(keepingCapacity: true)
        }
      }
      try file.writeAll(bytes)
      written += Int64(bytes.count)
      try file.sync()
    } catch {
      // Nothing half-written may stay behind: cut back to the last complete record.
      _ = ftruncate(file.fd, off_t(end))
      _ = fdatasync(file.fd)
      writerChain = chain
      throw error
    }
    writerChain = ChainCursor(offset: end + written, sequence: sequence, hashHex: hash)
    return records
  }

  /// Appends records after verifying what other processes appended; the reader's
  /// cursor does not move, so `readNew` still delivers every record.
  @discardableResult
  public func append(_ drafts: [RecordDraft]) throws(StoreError) -> [Record] {
    do {
      return try append(consume: nil, { drafts })
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.io(path: path, operation: "append", errno: EIO)
    }
  }

  @discardableResult
  public func append(_ draft: RecordDraft) throws(StoreError) -> Record {
    let records = try append([draft])
    return records[0]
  }

  // MARK: Verbatim lines

  /// The file's last complete record and where it ends, found from the end of the file
  /// (nothing before it is read): what a mirror of another store is caught up to.
  public func lastRecord() throws -> (record: Record?, cursor: ChainCursor) {
    let size = try file.size()
    var end = size
    // Bytes after the last newline are an incomplete record: not counted.
    var chunk = Int64(64 * 1024)
    var found: (start: Int64, end: Int64)?
    var lastNewline: Int64?
    while found == nil {
      let from = max(0, end - chunk)
      let bytes = try file.read(count: Int(end - from), at: from)
      var i = bytes.count - 1
      while i >= 0 {
        if bytes[i] == 0x0A {
          if lastNewline == nil {
            lastNewline = from + Int64(i)
          } else {
            found = (from + Int64(i) + 1, lastNewline ?? 0)
            break
          }
        }
        i -= 1
      }
      if found == nil {
        if from == 0 {
          guard let nl = lastNewline else { return (nil, ChainCursor()) }
          found = (0, nl)
        } else if lastNewline == nil {
          end = from
        } else {
          chunk *= 2
          end = size
          lastNewline = nil
        }
      }
    }
    guard let (start, stop) = found else { return (nil, ChainCursor()) }
    let line = try file.read(count: Int(stop - start), at: start)
    let record = try line.withUnsafeBufferPointer { (b) throws(RecordError) in try Record.parse(line: b) }
    return (record, ChainCursor(offset: stop + 1, sequence: record.sequence, hashHex: ChainCursor.hash(line)))
  }

  /// Appends lines exactly as given, after checking under the lock that they extend the
  /// file's last record: another store's records copied here (this account's mirror of
  /// a server store, `sapm log --raw`). Lines the file already holds (another process
  /// of this account copied them first) are skipped; an incomplete last record is cut
  /// off first (the file is a copy, the original is elsewhere). `durable`: synced before
  /// returning. Returns how many lines were written.
  @discardableResult
  public func appendVerbatim(_ lines: [[UInt8]], firstSequence: Int, durable: Bool = false) throws -> Int {
    guard !isReadOnly else { throw StoreError.readOnly(path: path) }
    try file.lock(exclusive: true)
    defer { file.unlock() }
    try requireSameFile()
    let (_, tail) = try lastRecord()
    if try file.size() > tail.offset { try file.truncate(to: tail.offset) }
    let skip = tail.sequence - (firstSequence - 1)
    guard skip >= 0 else {
      throw StoreError.damaged(
        path: path, line: tail.sequence + 1,
        reason: "the copy ends at record \(tail.sequence) but the records to add start at \(firstSequence)")
    }
    guard skip < lines.count else { return 0 }
    var chain = tail
    var bytes: [UInt8] = []
    for line in lines[skip...] {
      do {
        _ = try line.withUnsafeBufferPointer { (b) throws(RecordError) in try chain.accept(line: b) }
      } catch {
        throw StoreError.damaged(path: path, line: chain.sequence + 1, reason: error.reason)
      }
      bytes.append(contentsOf: line)
      bytes.append(0x0A)
    }
    do {
      try file.writeAll(bytes)
      if durable { try file.sync() }
    } catch {
      _ = ftruncate(file.fd, off_t(tail.offset))
      throw error
    }
    return lines.count - skip
  }

  /// Takes the lock and sets aside a torn tail, if there is one after what this
  /// reader has verified.
  public func setAsideTornTail() throws(StoreError) {
    guard !isReadOnly else { return }
    try file.lock(exclusive: true)
    defer { file.unlock() }
    try requireSameFile()
    let size = try file.size()
    guard size > cursor.offset else { return }
    let rest = try file.read(count: Int(size - cursor.offset), at: cursor.offset)
    // A newline means another writer finished its record meanwhile: nothing is torn.
    guard !rest.contains(0x0A) else { return }
    try setAsideTornTailLocked(after: cursor)
  }

  /// Under the lock, the bytes after the last verified record, with no newline in
  /// them, can only be the remains of a writer that died mid-write: copy them next to
  /// the store, then cut them off. Only in a file proven to be a store — its first
  /// record verified as record 1 of a chain — is anything cut; any other file is left
  /// untouched. If the copy cannot be written, nothing is cut and no copy is left.
  private func setAsideTornTailLocked(after verified: ChainCursor) throws(StoreError) {
    let size = try file.size()
    let tornStart = verified.offset
    guard size > tornStart else { return }
    guard verified.sequence >= 1 else {
      throw StoreError.notAStore(
        path: path, reason: "no complete sapm record in its \(size) bytes; left untouched")
    }
    let torn = try file.read(count: Int(size - tornStart), at: tornStart)
    let aside = "\(path).torn-\(Timestamp.now().milliseconds)"
    let fd = Glibc.open(aside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { throw StoreError.io(path: aside, operation: "create", errno: errno) }
    file.shareAccess(with: fd)
    let out = FileDescriptor(fd: fd, path: aside)
    do throws(StoreError) {
      try out.writeAll(torn)
      guard fsync(fd) == 0 else { throw out.fail("fsync") }
    } catch {
      close(fd)
      unlink(aside)
      throw error
    }
    close(fd)
    syncDirectory(parentDirectory(path))
    try file.truncate(to: tornStart)
    try file.sync()
    warnings.append(.tornTailSetAside(path: path, bytes: torn.count, savedTo: aside))
  }
}

/// A word for a file type, for messages (the store's and the exports' alike).
public func fileKind(_ mode: mode_t) -> String {
  switch mode & S_IFMT {
  case S_IFIFO: return "a FIFO"
  case S_IFSOCK: return "a socket"
  case S_IFCHR: return "a character device"
  case S_IFBLK: return "a block device"
  case S_IFDIR: return "a directory"
  case S_IFLNK: return "a symbolic link"
  default: return "not a regular file"
  }
}
