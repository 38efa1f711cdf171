import Foundation
import Session
import Store

/// Why an export was not written, with what to do instead.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A regular file is there and the user did not say to replace it.
  case exists(path: String)
  /// The path is the store, its checkpoint, or another file this process has open.
  case inUse(path: String)
  /// A symbolic link, FIFO, socket, block device or directory is there.
  case notAFile(path: String, kind: String)
  case io(path: String, operation: String, errno: Int32)

  public var description: String {
    switch self {
    case .exists(let path):
      return "\(path) exists; nothing was written — add --force to replace it, or choose another name"
    case .inUse(let path):
      return
        "\(path) is the store (or a file sapm has open); an export never writes over it — choose another name"
    case .notAFile(let path, let kind):
      return
        "\(path) is \(kind); an export writes a new regular file or through a terminal device, never replaces \(kind)"
    case .io(let path, let operation, let code):
      return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
  }
}

/// Writes an export without ever losing what was at the path: a new file is written
/// beside it and renamed into place only once it is complete and synced (0600), an
/// existing file is replaced only when asked, and nothing sapm has open, no link,
/// FIFO or device node is ever replaced. A character device (a terminal, /dev/stdout
/// on a terminal, /dev/null) is written through.
public enum ExportFile {
  /// Returns the absolute path written.
  @discardableResult
  public static func write(
    _ bytes: [UInt8], to path: String, overwrite: Bool, protecting protected: [String] = []
  ) throws(ExportError) -> String {
    let target = StoreLocation.absolute(path)
    var link = stat()
    if lstat(target, &link) == 0 {
      var st = stat()
      let resolves = stat(target, &st) == 0
      if resolves, (st.st_mode & S_IFMT) == S_IFCHR {
        try writeThrough(bytes, to: target)
        return target
      }
      if (link.st_mode & S_IFMT) == S_IFLNK {
        throw .notAFile(path: target, kind: "a symbolic link")
      }
      guard (st.st_mode & S_IFMT) == S_IFREG else {
        throw .notAFile(path: target, kind: fileKind(st.st_mode))
      }
      if isInUse(st, protected: protected) { throw .inUse(path: target) }
      guard overwrite else { throw .exists(path: target) }
    } else if errno != ENOENT {
      throw .io(path: target, operation: "stat", errno: errno)
    }
    try replace(target, with: bytes)
    return target
  }

  /// True when `st` is the same file as a protected path or one of this process's
  /// open descriptors (the store, whatever its name).
  static func isInUse(_ st: stat, protected: [String]) -> Bool {
    func same(_ other: stat) -> Bool { other.st_dev == st.st_dev && other.st_ino == st.st_ino }
    for path in protected {
      var p = stat()
      if stat(path, &p) == 0, same(p) { return true }
    }
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
      guard let fd = Int32(entry) else { continue }
      var p = stat()
      if fstat(fd, &p) == 0, (p.st_mode & S_IFMT) == S_IFREG, same(p) { return true }
    }
    return false
  }

  static func writeThrough(_ bytes: [UInt8], to path: String) throws(ExportError) {
    let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
    defer { close(fd) }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    try writeAll(fd, bytes, path: path)
  }

  /// Temporary file beside the target, synced, renamed over it, directory synced.
  static func replace(_ target: String, with bytes: [UInt8]) throws(ExportError) {
    let dir = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    let temp = "\(dir)/.\(name).sapm-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .io(path: target, operation: "create", errno: errno) }
    var isOpen = true
    do throws(ExportError) {
      _ = fchmod(fd, 0o600)
      try writeAll(fd, bytes, path: target)
      guard fsync(fd) == 0 else { throw .io(path: target, operation: "fsync", errno: errno) }
      isOpen = false
      guard close(fd) == 0 else { throw .io(path: target, operation: "close", errno: errno) }
      guard rename(temp, target) == 0 else { throw .io(path: target, operation: "rename", errno: errno) }
    } catch {
      if isOpen { close(fd) }
      unlink(temp)
      throw error
    }
    let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      _ = fsync(dfd)
      close(dfd)
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ExportError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { b in
        Glibc.write(fd, UnsafeRawBufferPointer(rebasing: b[done...]).baseAddress, bytes.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .io(path: path, operation: "write", errno: errno)
      }
      done += n
    }
  }
}
