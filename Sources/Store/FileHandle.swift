#if canImport(Glibc)
  import Glibc
#endif

/// Thin, typed-throwing wrappers over the POSIX calls the store needs, each
/// retrying on EINTR and naming the file in its error.
struct FileDescriptor {
  let fd: Int32
  let path: String

  func fail(_ operation: String) -> StoreError { .io(path: path, operation: operation, errno: errno) }

  func size() throws(StoreError) -> Int64 {
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw fail("stat") }
    return Int64(st.st_size)
  }

  /// Gives a file this process created beside the store the store's access: owner
  /// only, or the store's group when it is shared (`sapm init --group`).
  func shareAccess(with other: Int32) {
    var st = stat()
    guard fstat(fd, &st) == 0 else { return }
    if st.st_mode & 0o060 != 0 {
      _ = fchown(other, uid_t.max, st.st_gid)
      _ = fchmod(other, 0o660)
    } else {
      _ = fchmod(other, 0o600)
    }
  }

  func mode() throws(StoreError) -> mode_t {
    var st = stat()
    guard fstat(fd, &st) == 0 else { throw fail("stat") }
    return st.st_mode & 0o7777
  }

  /// Reads up to `count` bytes at `offset` into `buffer` starting at `start`.
  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(StoreError) -> Int {
    while true {
      let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw fail("read")
    }
  }

  func read(count: Int, at offset: Int64) throws(StoreError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
      let result = out.withUnsafeMutableBytes { b in
        Result { () throws(StoreError) -> Int in
          try read(into: UnsafeMutableRawBufferPointer(rebasing: b[got...]), at: offset + Int64(got))
        }
      }
      let n = try result.get()
      if n == 0 { break }
      got += n
    }
    out.removeLast(count - got)
    return out
  }

  func writeAll(_ bytes: [UInt8]) throws(StoreError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { b in
        write(fd, UnsafeRawBufferPointer(rebasing: b[done...]).baseAddress, bytes.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw fail("write")
      }
      done += n
    }
  }

  func sync() throws(StoreError) {
    while fdatasync(fd) != 0 {
      if errno == EINTR { continue }
      throw fail("fdatasync")
    }
  }

  func lock(exclusive: Bool) throws(StoreError) {
    while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
      if errno == EINTR { continue }
      throw fail("lock")
    }
  }

  func unlock() { _ = flock(fd, LOCK_UN) }

  func truncate(to length: Int64) throws(StoreError) {
    guard ftruncate(fd, off_t(length)) == 0 else { throw fail("truncate") }
  }
}

/// fsyncs a directory so that a new or renamed entry in it survives a crash.
func syncDirectory(_ path: String) {
  let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard fd >= 0 else { return }
  _ = fsync(fd)
  close(fd)
}

func parentDirectory(_ path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  let dir = String(path[..<slash])
  return dir.isEmpty ? "/" : dir
}

/// Creates `path` and its missing parents, each new one owner-only (0700).
func makeDirectories(_ path: String) throws(StoreError) {
  var st = stat()
  if stat(path, &st) == 0 { return }
  let parent = parentDirectory(path)
  if parent != path { try makeDirectories(parent) }
  if mkdir(path, 0o700) != 0 && errno != EEXIST {
    throw StoreError.io(path: path, operation: "create directory", errno: errno)
  }
  _ = chmod(path, 0o700)
}
