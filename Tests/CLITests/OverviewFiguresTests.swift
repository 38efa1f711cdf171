import Foundation
import TestSupport
import Testing

/// `sapm overview` prints a large store's figures from this account's checkpoint when it
/// is of today and at the head of the log (issue 30: no rule run again for 100,000
/// programs) — the same lines as computed from every rule, and computed again once an
/// event came after the checkpoint.
@Suite struct OverviewFiguresTests {
  @Test func theCheckpointsFiguresPrintAsTheRulesDo() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/large.sapm"
    let generate = try cli.run(
      ["generate", "--programs", "3000", "--events", "30000", "--out", store],
      executable: builtProduct("sapm-bench"))
    #expect(generate.status == 0, "\(generate.err)")
    // No checkpoint can be kept: every figure from the rules.
    let computed = try cli.run(["overview", "--store", store], environment: ["XDG_CACHE_HOME": "/proc/none"])
    #expect(computed.status == 0, "\(computed.err)")
    let first = try cli.run(["overview", "--store", store])  // writes the checkpoint
    let fromCheckpoint = try cli.run(["overview", "--store", store])
    #expect(first.out == computed.out)
    #expect(fromCheckpoint.out == computed.out, "\(fromCheckpoint.out.prefix(600))")
    #expect(fromCheckpoint.out.contains("alerts"))
    // An event after the checkpoint: its figures are no longer the store's.
    let ack = try cli.run(
      [
        "append-raw", "--store", store, "--type", "alert.acknowledged", "--payload",
        #"{"alert":"sunset-passed/B1","note":"seen"}"#, "--actor", "other",
      ],
      executable: builtProduct("sapm-bench"))
    #expect(ack.status == 0, "\(ack.err)")
    let after = try cli.run(["overview", "--store", store])
    let recomputed = try cli.run(
      ["overview", "--store", store], environment: ["XDG_CACHE_HOME": "/proc/none"])
    #expect(after.out == recomputed.out)
  }
}
