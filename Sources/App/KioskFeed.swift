import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Store

/// The kiosk's only access to the store: read-only, with no method that writes.
///
/// It opens the log `O_RDONLY` (even when this account could write it), never writes
/// a checkpoint or sets anything aside, and keeps the last portfolio it read in full
/// when the file goes away, shrinks, is replaced by something unreadable or fails
/// its chain — so the wall keeps its last good view and says since when.
public final class KioskFeed {
  public let location: StoreLocation
  private var session: Session
  /// When the store stopped being readable, while it is not.
  public private(set) var unavailableSince: Timestamp?
  /// Why, in a few words.
  public private(set) var problem: String?
  private var stamp: Stamp?

  public var portfolio: Portfolio { session.portfolio }

  public init(_ location: StoreLocation) throws {
    self.location = location
    session = try Session.open(location, readOnly: true, user: "kiosk", checkpoint: .readOnly)
    stamp = Self.stamp(location.path)
  }

  /// Wakes the wall's loop when the store may have changed: the file's folder watched,
  /// or the server's NOTIFY.
  public func makeWatcher() -> any StoreWatcher {
    location.isServer ? session.log.makeWatcher() : ChangeWatcher(path: location.path)
  }

  /// What a poll found.
  public enum Change: Equatable {
    case none
    /// New records were read, or the file was read afresh.
    case updated
    /// The store cannot be read now; the last good portfolio stays.
    case unavailable(since: Timestamp, reason: String)
  }

  /// Looks at the store once: new records, a replaced, shrunk, edited, unreadable or
  /// missing file. Cheap when nothing changed (a stat and a size).
  public func poll(now: Timestamp) -> Change {
    if location.isServer { return pollServer(now: now) }
    let path = location.path
    guard let current = Self.stamp(path) else { return fail(now, "the file is missing") }
    if !current.readable { return fail(now, "the file cannot be read (permissions)") }
    switch session.log.pathStatus() {
    case .missing: return fail(now, "the file is missing")
    case .replaced: return reopen(now, because: "the file was replaced")
    case .same: break
    }
    let read = session.log.cursor.offset
    if current.size < read { return reopen(now, because: "the file is shorter than what was read") }
    if unavailableSince != nil { return reopen(now, because: problem ?? "unavailable") }
    // Written in place without growing: read it all again, and verify it.
    if let old = stamp, current.size == old.size, current.modified != old.modified, current.size == read {
      return reopen(now, because: "the file was rewritten in place")
    }
    stamp = current
    do {
      return try session.refresh() > 0 ? .updated : .none
    } catch {
      return fail(now, "\(error)")
    }
  }

  /// A server store: what the server has beyond the last read; while it cannot be
  /// reached the wall keeps its last good view (the log reconnects by itself).
  private func pollServer(now: Timestamp) -> Change {
    do {
      let read = try session.refresh()
      if case .offline(let since, let reason) = session.log.availability {
        unavailableSince = unavailableSince ?? since
        problem = "the server cannot be reached (\(reason))"
        return .unavailable(since: unavailableSince ?? since, reason: problem ?? reason)
      }
      let wasUnavailable = unavailableSince != nil
      unavailableSince = nil
      problem = nil
      return read > 0 || wasUnavailable ? .updated : .none
    } catch {
      return fail(now, "\(error)")
    }
  }

  private func reopen(_ now: Timestamp, because reason: String) -> Change {
    do {
      let fresh = try Session.open(location, readOnly: true, user: "kiosk", checkpoint: .readOnly)
      // The same store with fewer records than were shown is a damaged copy (cut
      // short), not news: keep the last good view until the records are back. A
      // different store (another first record) is shown as it is.
      let sameStore = Self.firstLine(fresh) == Self.firstLine(session)
      if sameStore, fresh.portfolio.lastSequence < session.portfolio.lastSequence {
        return fail(
          now,
          "\(reason): it holds \(fresh.portfolio.lastSequence) records, \(session.portfolio.lastSequence) were read"
        )
      }
      session = fresh
      stamp = Self.stamp(location.path)
      unavailableSince = nil
      problem = nil
      return .updated
    } catch {
      return fail(now, "\(reason): \(error)")
    }
  }

  private func fail(_ now: Timestamp, _ reason: String) -> Change {
    if unavailableSince == nil { unavailableSince = now }
    problem = reason
    return .unavailable(since: unavailableSince ?? now, reason: reason)
  }

  static func firstLine(_ s: Session) -> [UInt8]? { (try? s.log.record(sequence: 1))?.map(\.line) }

  /// What one `stat` says of the file.
  struct Stamp {
    var size: Int64
    var modified: Double
    /// Readable by this account, and by someone: a file nobody may read (chmod 000)
    /// is unavailable even to root, who could still open it.
    var readable: Bool
  }

  static func stamp(_ path: String) -> Stamp? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Stamp(
      size: Int64(st.st_size), modified: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9,
      readable: st.st_mode & 0o444 != 0 && access(path, R_OK) == 0)
  }
}
