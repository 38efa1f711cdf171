import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Store
import TUI
import Terminal
import Testing

@testable import App
@testable import Session

/// Issue 23, item 8: the smaller faults of the second adversarial round.
@Suite(.serialized) struct SmallerFaultsTests {
  func store() throws -> (StoreLocation, String) {
    let dir = NSTemporaryDirectory() + "sapm-small-\(UUID().uuidString)"
    let location = StoreLocation(path: dir + "/s.sapm", source: .flag)
    _ = try Session.createDemo(location, today: try #require(Day("2026-11-29")), user: "tester")
    return (location, dir)
  }

  /// The seen-heads file (rollback detection rests on it) that cannot be written is said.
  @Test func aSeenHeadThatCannotBeSavedIsSaid() throws {
    let (location, dir) = try store()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // A file where the folder should be: nothing can be created under it.
    let blocked = dir + "/state-is-a-file"
    FileManager.default.createFile(atPath: blocked, contents: Data("x".utf8))
    let session = try Session.open(
      location, readOnly: true, user: "tester", seenHeads: SeenHeads(directory: blocked + "/seen"))
    #expect(
      session.notices.contains {
        $0.contains("could not create") && $0.contains("a rollback of the store would go unseen")
      },
      "\(session.notices)")
  }

  /// A TUI that reloads a replaced store lets go of the old file, though its caller
  /// still holds the old session.
  @Test func aReloadedStoreLetsGoOfTheOldFile() throws {
    let (location, dir) = try store()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try Session.open(location, readOnly: false, user: "tester", seenHeads: nil)
    let runner = try TUIRunner(
      session: first, terminal: MemoryTerminal(width: 100, height: 30, keepingFrames: 1), theme: .builtIn,
      themes: ThemeCatalog(directories: []), asOf: nil, clock: { Day(ordinal: Timestamp.now().dayOrdinal) })
    // Another store renamed over the path: the old file is deleted, still open here.
    let other = StoreLocation(path: dir + "/other.sapm", source: .flag)
    _ = try Session.createDemo(other, today: try #require(Day("2026-11-29")), user: "tester")
    #expect(rename(other.path, location.path) == 0)
    func openDeleted() -> Int {
      ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).filter {
        ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) ?? "")
          == location.path + " (deleted)"
      }.count
    }
    #expect(openDeleted() >= 1)
    runner.reload(because: "the store was replaced")
    #expect(openDeleted() == 0, "the old file is still open")
    withExtendedLifetime(first) {}
  }
}
