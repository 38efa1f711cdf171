import Foundation
import Terminal

/// Standard output for commands, with every write checked: a full disk or a closed
/// file fails the command with the reason instead of exiting 0 with output missing.
/// (A reader that went away — `sapm log | head` — ends the process by SIGPIPE,
/// quietly, as for any Unix filter.) On a terminal, text is sanitised: no control
/// character or escape sequence from the store reaches it, on any command.
///
/// `@unchecked Sendable` (it is the shared `shared`) with an unlocked buffer: only the
/// command's own thread writes to it; the progress line of a long open goes to standard
/// error directly, never through here.
public final class StandardOutput: @unchecked Sendable {
  public static let shared = StandardOutput(fd: 1)

  let fd: Int32
  public let isTerminal: Bool
  private var buffer: [UInt8] = []
  /// The first error met; later writes are dropped and `flush` reports it.
  private var failure: Int32?

  init(fd: Int32) {
    self.fd = fd
    isTerminal = isatty(fd) != 0
    buffer.reserveCapacity(1 << 16)
  }

  /// Writes a line (a newline is added).
  /// Writes one line: on a terminal, a line break inside it (a request's reason, say)
  /// shows as `␤`, so that no text from the store can fake a line of its own.
  public func line(_ text: String) {
    if isTerminal, text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
      write(text.sanitizedForTerminal)
    } else {
      write(text)
    }
    write("\n")
  }

  /// Writes text as it is, sanitised when it goes to a terminal.
  public func write(_ text: String) {
    guard failure == nil else { return }
    if isTerminal, text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) {
      buffer.append(contentsOf: text.sanitizedForTerminalKeepingNewlines.utf8)
    } else if text.utf8.count > 1 << 20 {
      // A whole export: sent a slice at a time, not copied into the buffer first.
      let utf8 = text.utf8
      let slice = 1 << 16
      var start = utf8.startIndex
      while start < utf8.endIndex, failure == nil {
        let end = utf8.index(start, offsetBy: slice, limitedBy: utf8.endIndex) ?? utf8.endIndex
        buffer.append(contentsOf: utf8[start..<end])
        drain()
        start = end
      }
    } else {
      buffer.append(contentsOf: text.utf8)
    }
    if buffer.count >= 1 << 16 { drain() }
  }

  /// Writes bytes exactly as given: never to a terminal (the caller refuses that).
  public func writeBytes(_ bytes: [UInt8]) throws(OutputError) {
    guard !isTerminal else { throw OutputError(errno: ENOTTY) }
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { drain() }
    if let failure { throw OutputError(errno: failure) }
  }

  /// Sends what is buffered; throws the first write error met since the start.
  public func flush() throws(OutputError) {
    drain()
    if let failure { throw OutputError(errno: failure) }
  }

  private func drain() {
    var done = 0
    while done < buffer.count, failure == nil {
      let n = buffer.withUnsafeBytes { b in
        Glibc.write(fd, UnsafeRawBufferPointer(rebasing: b[done...]).baseAddress, buffer.count - done)
      }
      if n < 0 {
        if errno == EINTR { continue }
        failure = errno
      } else {
        done += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

public struct OutputError: Error, Sendable, CustomStringConvertible {
  public var errno: Int32
  public var description: String {
    "standard output: write failed: \(String(cString: strerror(errno))) (errno \(errno))"
  }
}
