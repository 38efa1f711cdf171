import Foundation
import Portfolio
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// Rollback and fork detection (docs/security.md): each account remembers, per
/// store, the newest record it has seen — its sequence number and hash — under
/// `$XDG_STATE_HOME/sapm/seen/` (else `~/.local/state/sapm/seen/`). A store whose
/// head is behind that, or whose record at that position has another hash, is not the
/// history this account saw: cutting off the newest records, or restoring an older
/// copy, is no longer invisible to the people who saw them.
public struct SeenHeads {
  public let directory: String

  public init(directory: String = SeenHeads.defaultDirectory()) { self.directory = directory }

  public static func defaultDirectory() -> String { BaseDirectories.state() + "/sapm/seen" }

  public struct Head: Sendable, Hashable {
    public var sequence: Int
    public var hash: String
    public var seenOn: Day
  }

  func path(_ id: String) -> String { directory + "/" + id }

  public func remembered(_ id: String) -> Head? {
    guard let text = try? String(contentsOfFile: path(id), encoding: .utf8) else { return nil }
    let parts = text.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    guard parts.count == 3, let seq = Int(parts[0]), parts[1].utf8.count == 64, let day = Day(parts[2]) else {
      return nil
    }
    return Head(sequence: seq, hash: parts[1], seenOn: day)
  }

  /// Saves the head (atomically: a temporary file renamed over the old one). Returns
  /// why it could not (a full disk, say): rollback detection rests on this file, so a
  /// failure is said, never swallowed.
  @discardableResult
  func remember(_ id: String, _ head: Head) -> String? {
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let tmp = path(id) + ".tmp-\(getpid())"
    let bytes = Array("\(head.sequence) \(head.hash) \(head.seenOn)\n".utf8)
    func failed(_ what: String) -> String {
      let reason = String(cString: strerror(errno))
      unlink(tmp)
      return
        "could not \(what) \(path(id)) (\(reason)): this account's record of the newest record it saw is not kept, so a rollback of the store would go unseen; free space or fix the folder's permissions"
    }
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else { return failed("create") }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else {
      close(fd)
      return failed("write")
    }
    close(fd)
    guard rename(tmp, path(id)) == 0 else { return failed("save") }
    return nil
  }

  /// The last record whose signatures this account's `sapm verify` found sound, kept
  /// beside the heads (`ID.verified`), so the next audit checks only what came after.
  public func verified(id: String) -> Head? { remembered(id + ".verified") }

  public func rememberVerified(id: String, through head: Head) { remember(id + ".verified", head) }

  /// Compares the log's head with what this account saw; remembers the new head when
  /// it extends the old one, and returns what is wrong when it does not (the old
  /// head is then kept, so the finding stays until someone looks into it).
  public func check(_ log: any RecordLog, id: String, today: Day) -> IntegrityFinding? {
    var problem: String?
    return check(log, id: id, today: today, problem: &problem)
  }

  /// The same; `problem` says why the new head could not be saved.
  public func check(_ log: any RecordLog, id: String, today: Day, problem: inout String?) -> IntegrityFinding?
  {
    let head = Head(
      sequence: log.cursor.sequence, hash: String(decoding: log.cursor.hashHex, as: UTF8.self), seenOn: today)
    guard let seen = remembered(id) else {
      problem = remember(id, head)
      return nil
    }
    if head.sequence < seen.sequence {
      return IntegrityFinding(
        kind: .rollback, sequence: seen.sequence,
        message:
          "the store ends at record \(head.sequence), but this account saw record \(seen.sequence) on \(seen.seenOn): records \(head.sequence + 1)–\(seen.sequence) were cut off, or an older copy was restored",
        seenOn: seen.seenOn)
    }
    let hashThere: String? =
      seen.sequence == head.sequence ? head.hash : (try? log.record(sequence: seen.sequence + 1))?.prev
    if hashThere != seen.hash {
      return IntegrityFinding(
        kind: .fork, sequence: seen.sequence,
        message:
          "record \(seen.sequence) is not the one this account saw on \(seen.seenOn) (hash \(seen.hash.prefix(12))…, now \(hashThere?.prefix(12) ?? "unreadable")…): the store holds a different history from there or before",
        seenOn: seen.seenOn)
    }
    if head.sequence > seen.sequence { problem = remember(id, head) }
    return nil
  }
}
