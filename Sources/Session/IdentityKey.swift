import Foundation
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// The account's Ed25519 signing key (docs/security.md): one file, made on first use
/// at `$XDG_CONFIG_HOME/sapm/identity/ed25519` (else `~/.config/…`, the home from the
/// account database), the file 0600 and its directory 0700, both the account's own.
/// A key file anyone else can read, or in a directory others can write, is refused:
/// a signature is only as good as the secrecy of its key.
public enum IdentityKey {
  static let header = "sapm ed25519 private key v1"

  public static func directory() -> String { BaseDirectories.config() + "/sapm/identity" }

  public static func path() -> String { directory() + "/ed25519" }

  /// What `sapm init` prints and `sapm verify --trust` takes (docs/store-format.md).
  public static func fingerprint(_ publicKeyHex: String) -> String { keyFingerprint(publicKeyHex) }

  public struct Problem: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// The key, or nil when there is none yet.
  public static func load(path: String = IdentityKey.path()) throws -> RecordSigner? {
    let dir = (path as NSString).deletingLastPathComponent
    var st = stat()
    guard lstat(path, &st) == 0 else {
      if errno == ENOENT { return nil }
      throw Problem(message: "cannot read the signing key \(path): \(String(cString: strerror(errno)))")
    }
    try requirePrivate(path, st, file: true)
    var dst = stat()
    if stat(dir, &dst) == 0 { try requirePrivate(dir, dst, file: false) }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw Problem(message: "cannot read the signing key \(path)")
    }
    let lines = text.split(separator: "\n").map(String.init)
    guard lines.count == 2, lines[0] == header, let raw = Hex.decode(lines[1]), raw.count == 32 else {
      throw Problem(message: "\(path) is not a sapm signing key (want '\(header)' and 64 hex digits)")
    }
    return try RecordSigner(privateKey: raw)
  }

  /// The key, made now (0600, in a 0700 directory) if the account has none.
  public static func loadOrCreate(path: String = IdentityKey.path()) throws -> RecordSigner {
    if let key = try load(path: path) { return key }
    let dir = (path as NSString).deletingLastPathComponent
    try makeDirectory(dir)
    let (signer, raw) = try RecordSigner.generate()
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else {
      if errno == EEXIST, let key = try load(path: path) { return key }  // made by a racing process
      throw Problem(message: "cannot create the signing key \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    _ = fchmod(fd, 0o600)
    let bytes = Array((header + "\n" + Hex.encode(raw) + "\n").utf8)
    guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
      unlink(path)
      throw Problem(message: "cannot write the signing key \(path): \(String(cString: strerror(errno)))")
    }
    return signer
  }

  private static func makeDirectory(_ dir: String) throws {
    var st = stat()
    if stat(dir, &st) == 0 {
      try requirePrivate(dir, st, file: false)
      return
    }
    let parent = (dir as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    guard mkdir(dir, 0o700) == 0 || errno == EEXIST else {
      throw Problem(message: "cannot create \(dir): \(String(cString: strerror(errno)))")
    }
    _ = chmod(dir, 0o700)
  }

  /// The account's own, and nobody else's to read (a file) or write (its directory).
  private static func requirePrivate(_ path: String, _ st: stat, file: Bool) throws {
    if file, (st.st_mode & S_IFMT) != S_IFREG {
      throw Problem(message: "\(path) is not a regular file; the signing key must be one (not a link)")
    }
    guard st.st_uid == getuid() else {
      throw Problem(
        message: "\(path) belongs to uid \(st.st_uid), not to you (uid \(getuid())); it cannot be your key")
    }
    let loose = st.st_mode & 0o077
    guard loose == 0 else {
      let mode = String(st.st_mode & 0o7777, radix: 8)
      throw Problem(
        message:
          "\(path) has mode \(mode): others could \(file ? "read your signing key" : "replace it"); run 'chmod \(file ? "600" : "700") \(path)' (and make a new key if it may have been copied)"
      )
    }
  }
}
