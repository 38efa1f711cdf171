import App
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Testing

/// The kiosk's read-only feed: live updates, and the last good view kept through
/// rotation, truncation, permissions, deletion and damage, recovering when the
/// store comes back. It never writes: no file appears beside the store.
@Suite struct KioskFeedTests {
  @Test func followsTheStoreAndSurvivesWhatHappensToTheFile() throws {
    let dir = NSTemporaryDirectory() + "sapm-kiosk-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let location = StoreLocation(path: dir + "/wall.sapm", source: .flag)
    let writer = try Session.createDemo(location, today: try #require(Day("2026-11-29")), user: "tester")
    let path = location.path
    let feed = try KioskFeed(location)
    let events = feed.portfolio.eventCount
    var clock = Timestamp(dayOrdinal: writer.portfolio.newest?.dayOrdinal ?? 0, hour: 12)
    func poll() -> KioskFeed.Change {
      clock = Timestamp(milliseconds: clock.milliseconds + 1000)
      return feed.poll(now: clock)
    }
    func unavailable(_ c: KioskFeed.Change) -> Bool {
      if case .unavailable = c { return true } else { return false }
    }
    #expect(poll() == .none)

    // Another process's event.
    try writer.perform(
      AcknowledgeAlert(alert: "offer-lapsed/GH-FMS-001", note: "from the desk"),
      today: try #require(Day("2026-11-29")))
    #expect(poll() == .updated)
    #expect(feed.portfolio.eventCount == events + 1)
    let good = try Data(contentsOf: URL(fileURLWithPath: path))

    // Rotated: renamed and replaced by a copy.
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    try good.write(to: URL(fileURLWithPath: path))
    #expect(poll() == .updated)
    #expect(feed.portfolio.eventCount == events + 1)

    // Truncated in place, then restored.
    let half = open(path, O_WRONLY)
    ftruncate(half, off_t(good.count / 2))
    close(half)
    #expect(unavailable(poll()))
    #expect(feed.portfolio.eventCount == events + 1)  // the last good view
    let since = feed.unavailableSince
    #expect(unavailable(poll()) && feed.unavailableSince == since)
    try good.write(to: URL(fileURLWithPath: path))
    #expect(poll() == .updated)
    #expect(feed.unavailableSince == nil)

    // Unreadable, then readable again.
    chmod(path, 0)
    #expect(unavailable(poll()))
    chmod(path, 0o600)
    #expect(poll() == .updated)

    // Deleted, then restored.
    unlink(path)
    #expect(unavailable(poll()))
    try good.write(to: URL(fileURLWithPath: path))
    #expect(poll() == .updated)

    // Damaged in the middle, in place (same size): read afresh, the chain fails.
    var bytes = [UInt8](good)
    bytes[good.count / 2] ^= 0x20
    let fd = open(path, O_WRONLY)
    _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    close(fd)
    let future = Date().addingTimeInterval(5)
    _ = try? FileManager.default.setAttributes([.modificationDate: future], ofItemAtPath: path)
    #expect(unavailable(poll()))
    #expect(feed.portfolio.eventCount == events + 1)
    try good.write(to: URL(fileURLWithPath: path))
    #expect(poll() == .updated)
    #expect(feed.portfolio.eventCount == events + 1)

    // Nothing was written beside the store: no checkpoint, nothing set aside.
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(files == ["wall.sapm", "wall.sapm.1"])
  }
}
