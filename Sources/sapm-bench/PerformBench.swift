import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Store

/// `sapm-bench perform`: one durable command — the domain's check before the lock,
/// the lock, the catch-up, the check again, the append and its fdatasync, the fold —
/// timed on the demo store, next to the raw fsync of the same disk in the same run.
struct PerformBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "perform", abstract: "Time durable commands (Session.perform) on the demo store.")

  @Option(help: "Commands to time.")
  var count = 2_000

  @Option(help: "Scratch directory (on the disk being measured).")
  var dir = NSTemporaryDirectory() + "sapm-bench-perform"

  func run() throws {
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let raw = try measureRawFsync(count: count, in: dir)
    report("raw fsync (write 200 B + fdatasync)", raw)

    let today = Day(ordinal: Timestamp.now().dayOrdinal)
    let location = StoreLocation(path: dir + "/demo.sapm", source: .flag)
    let session = try Session.createDemo(location, today: today)
    // A program with room to obligate $1 `count` times today.
    guard
      let (program, funds) = session.portfolio.programs.values.sorted(by: { $0.id < $1.id }).lazy.compactMap({
        p -> (Program, Funding)? in
        guard
          let f = p.funding.first(where: {
            $0.availableUntil >= today && $0.unobligated.amount > Int64(self.count)
          })
        else { return nil }
        return (p, f)
      }).first
    else { throw ValidationError("the demo has no program with funds to obligate today") }
    var latencies: [Double] = []
    for _ in 0..<count {
      let start = now()
      try session.perform(
        ObligateFunds(program: program.id, fiscalYear: funds.fiscalYear, amount: Dollars(1), on: today),
        today: today)
      latencies.append(now() - start)
    }
    let stats = Stats(latencies)
    report("perform (durable command, demo store)", stats)
    print(
      line("  target", "p99 ≤ 5 ms", String(format: "perform p99 / raw fsync p99 %.2f", stats.p99 / raw.p99)))
  }
}
