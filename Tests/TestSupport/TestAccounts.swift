import Foundation
import Synchronization

/// OS accounts and a group made for one test (root only), removed by `tearDown`:
/// an officer, two approvers in the group, and an outsider. The built binaries are
/// copied where those accounts can run them (`binary(_:)`): the checkout may sit in a
/// folder only its owner can enter (`git clone` into `mktemp -d`), and the tests must
/// pass wherever it lives.
public struct TestAccounts {
  public let group: String
  public let officer: String
  public let approver1: String
  public let approver2: String
  public let outsider: String
  /// A 0755 folder of its own under /tmp with copies of `sapm` and `sapm-bench`.
  public let binaries: String

  /// The copy of the built product `name` that every test account can execute.
  public func binary(_ name: String) -> String { binaries + "/" + name }

  public static var canCreate: Bool { getuid() == 0 }

  /// How many sets this process has made: with the process ID, a tag no other set
  /// has (a random one collided now and then, and groupadd refused the name).
  private static let made = Mutex(0)

  public init() throws {
    let n = Self.made.withLock {
      $0 += 1
      return $0
    }
    let tag = String(getpid() % 100_000) + String(format: "%03d", n % 1000)
    group = "sapmg\(tag)"
    officer = "sapmo\(tag)"
    approver1 = "sapma\(tag)"
    approver2 = "sapmb\(tag)"
    outsider = "sapmx\(tag)"
    try Self.sh("/usr/sbin/groupadd", [group])
    for user in [officer, approver1, approver2] {
      try Self.sh("/usr/sbin/useradd", ["-M", "-N", "-G", group, user])
    }
    try Self.sh("/usr/sbin/useradd", ["-M", "-N", outsider])
    var template = Array("/tmp/sapm-test-bin-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mkdtemp failed"])
    }
    binaries = String(cString: made)
    chmod(binaries, 0o755)
    for name in ["sapm", "sapm-bench"] {
      try Self.copyExecutable(builtProduct(name), to: binaries + "/" + name)
    }
  }

  /// Copies an executable through a descriptor opened close-on-exec: tests run in
  /// parallel, and a process another test forks while the copy is open for writing
  /// would otherwise keep it open — and running the copy fails with "Text file busy".
  public static func copyExecutable(_ source: String, to target: String) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
    let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard fd >= 0 else {
      throw CocoaError(
        .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot create \(target): errno \(errno)"])
    }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { b -> Int in
      var done = 0
      while done < b.count {
        let n = write(fd, b.baseAddress.map { $0 + done }, b.count - done)
        if n < 0 {
          if errno == EINTR { continue }
          return -1
        }
        done += n
      }
      return done
    }
    guard written == bytes.count else {
      throw CocoaError(
        .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write \(target): errno \(errno)"])
    }
    fchmod(fd, 0o755)
  }

  /// A folder only `user` may enter (0700, theirs): a config or cache of their own.
  public func privateFolder(_ path: String, of user: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    if let pw = getpwnam(user) { chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) }
    chmod(path, 0o700)
  }

  public func tearDown() {
    try? FileManager.default.removeItem(atPath: binaries)
    for user in [officer, approver1, approver2, outsider] { try? Self.sh("/usr/sbin/userdel", [user]) }
    try? Self.sh("/usr/sbin/groupdel", [group])
  }

  /// One account tool at a time in this process: useradd and groupadd lock
  /// /etc/passwd and /etc/group, and one that finds them locked by another fails.
  private static let accountTools = Mutex(())

  static func sh(_ tool: String, _ args: [String]) throws {
    try accountTools.withLock { _ in
      // A lock held by another process (exit 10: cannot lock or update the files)
      // passes: try again for a few seconds before failing.
      var status: Int32 = 0
      for attempt in 0..<20 {
        if attempt > 0 { usleep(250_000) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        status = p.terminationStatus
        if status != 10 { break }
      }
      guard status == 0 else {
        throw CocoaError(
          .executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(args) failed (exit \(status))"])
      }
    }
  }
}
