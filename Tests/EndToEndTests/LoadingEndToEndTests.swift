import Foundation
import TestSupport
import Testing

/// A large store read from its start (no checkpoint): the first frame is a progress
/// frame, at once, and q quits while it is read; once read, the overview follows.
@Suite struct LoadingEndToEndTests {
  /// The synthetic store of the benchmarks, written by `sapm-bench generate`.
  func largeStore(_ tmux: Tmux, events: Int) throws -> String {
    let store = tmux.home + "/large.sapm"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: builtProduct("sapm-bench"))
    p.arguments = ["generate", "--programs", "20000", "--events", String(events), "--out", store]
    p.standardOutput = Pipe()
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    return store
  }

  /// The checkpoints in the test account's cache (`$HOME/.cache/sapm/checkpoints`).
  func checkpoints(_ tmux: Tmux) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: tmux.home + "/.cache/sapm/checkpoints")) ?? [])
      .filter { !$0.contains(".tmp-") }
  }

  @Test func aLargeStoreShowsItsProgressAndQQuitsWhileItIsRead() throws {
    let tmux = try Tmux(width: 120, height: 35, term: "xterm-256color")
    let store = try largeStore(tmux, events: 200_000)
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    let (screen, waited) = try tmux.waitFor("the progress frame", timeout: 5) {
      $0.contains("sapm — opening") && $0.contains("events read")
    }
    #expect(screen.contains("q quits"))
    #expect(waited < 3, "the progress frame took \(waited) s")
    try tmux.quit()
    // Quit while reading: the read never finished, so no checkpoint was written.
    #expect(checkpoints(tmux).isEmpty)
  }

  /// When the read ends the overview replaces the progress frame, with every record
  /// of the store folded in (the status line counts them).
  @Test func theOverviewFollowsTheProgress() throws {
    let tmux = try Tmux(width: 120, height: 35, term: "xterm-256color")
    let store = try largeStore(tmux, events: 30_000)
    let records = try String(contentsOfFile: store, encoding: .utf8).split(separator: "\n").count
    #expect(records >= 30_000)
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    let (screen, _) = try tmux.waitForOverview(timeout: 60)
    #expect(!screen.contains("sapm — opening"), "the progress frame is gone")
    #expect(screen.contains("│ \(records) events"), "every record folded: \(screen)")
    try tmux.quit()
  }

  /// With a checkpoint (written by the first open), the next open draws the overview
  /// from its figures at once; keys typed while the programs are read are held and
  /// applied, not lost.
  @Test func withACheckpointKeysTypedDuringTheOpenAreApplied() throws {
    let tmux = try Tmux(width: 120, height: 35, term: "xterm-256color")
    let store = try largeStore(tmux, events: 60_000)
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    try tmux.waitForOverview(timeout: 60)
    try tmux.quit()
    // In this account's cache, not beside the store.
    #expect(checkpoints(tmux).count == 1)
    #expect(!FileManager.default.fileExists(atPath: store + ".checkpoint"))
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    // The first frame (the figures' overview, or the whole model's on a fast machine),
    // then a key at once: applied whether the programs are in yet or not. The alerts
    // view says it is listing them while they are computed, then lists them.
    try tmux.waitForOverview(timeout: 30)
    try tmux.keys("a")
    let (first, _) = try tmux.waitFor("the alerts view", timeout: 30) { $0.contains("Alerts on") }
    #expect(first.contains("most severe first") || first.contains("listing them…"), "\(first)")
    let (screen, waited) = try tmux.waitFor("the alerts listed", timeout: 30) {
      $0.contains("most severe first")
    }
    #expect(screen.contains("Alerts on"))
    #expect(waited < 20, "the open took \(waited) s")
    try tmux.quit()
  }
}
