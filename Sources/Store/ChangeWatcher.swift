#if canImport(Glibc)
  import Glibc
#endif

/// Tells a reader promptly that the store file changed, so it can `readNew`.
///
/// It watches the directory, not the file: a writer that replaces the file by
/// rename would end a file watch (PLATFORM-NOTES.md). Where inotify is not
/// available it falls back to comparing the file's size and mtime on a timer.
///
/// `@unchecked Sendable` with unlocked state (the inotify descriptor, the last size and
/// mtime): each is made and polled by the one loop that follows the store (the TUI's,
/// the kiosk's, `sapm log --follow`), never shared between threads.
public final class ChangeWatcher: StoreWatcher, @unchecked Sendable {
  private let path: String
  private let name: String
  private var inotifyFD: Int32 = -1
  private var lastSignature: (Int64, Int) = (-1, -1)

  public init(path: String) {
    self.path = path
    self.name = path.split(separator: "/").last.map(String.init) ?? path
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    if fd >= 0 {
      let mask = UInt32(
        IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
      if inotify_add_watch(fd, parentDirectory(path), mask) >= 0 {
        inotifyFD = fd
      } else {
        close(fd)
      }
    }
    lastSignature = signature()
  }

  deinit { if inotifyFD >= 0 { close(inotifyFD) } }

  /// Whether the watcher uses inotify (false: polling).
  public var usesInotify: Bool { inotifyFD >= 0 }

  /// Waits up to `milliseconds` for a change to the store; true when there may be one.
  public func wait(milliseconds: Int32) -> Bool {
    if inotifyFD >= 0 {
      var pfd = pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0)
      let r = poll(&pfd, 1, milliseconds)
      if r > 0 { return drain() }
      return changedBySignature()
    }
    let step: Int32 = 100
    var waited: Int32 = 0
    while waited < milliseconds {
      if changedBySignature() { return true }
      usleep(UInt32(step) * 1000)
      waited += step
    }
    return changedBySignature()
  }

  /// Without waiting: true when inotify has reported a change to the store.
  public func drainIfReadable() -> Bool {
    guard inotifyFD >= 0 else { return false }
    var pfd = pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0)
    return poll(&pfd, 1, 0) > 0 && drain()
  }

  /// Reads pending inotify events; true when one concerns the store file.
  public func drain() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    var relevant = false
    while true {
      let n = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      var offset = 0
      while offset + MemoryLayout<inotify_event>.size <= n {
        let (length, eventName) = buffer.withUnsafeBytes { raw -> (Int, String) in
          let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
          let nameStart = offset + MemoryLayout<inotify_event>.size
          let nameBytes = raw[nameStart..<min(n, nameStart + Int(event.len))].prefix { $0 != 0 }
          return (Int(event.len), String(decoding: nameBytes, as: UTF8.self))
        }
        if eventName == name { relevant = true }
        offset += MemoryLayout<inotify_event>.size + length
      }
    }
    _ = changedBySignature()
    return relevant
  }

  private func signature() -> (Int64, Int) {
    var st = stat()
    guard stat(path, &st) == 0 else { return (-1, -1) }
    return (Int64(st.st_size), st.st_mtim.tv_nsec + st.st_mtim.tv_sec * 1_000_000_000)
  }

  private func changedBySignature() -> Bool {
    let now = signature()
    defer { lastSignature = now }
    return now != lastSignature
  }
}
