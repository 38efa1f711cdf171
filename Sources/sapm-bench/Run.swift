import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// `sapm-bench run`: every store and domain figure of docs/performance.md in one run.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run the benchmarks (build with -c release).")

  @Option(help: "Programs in the synthetic portfolio.")
  var programs = 100_000

  @Option(help: "Events in the synthetic store.")
  var events = 1_000_000

  @Option(help: "Durable single-record appends to time.")
  var durable = 2_000

  @Option(help: "Scratch directory (on the disk being measured).")
  var dir = NSTemporaryDirectory() + "sapm-bench"

  func run() throws {
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/bench.sapm"
    print("sapm-bench: \(programs) programs, \(events) events, store \(path)")

    // 1. Raw fsync rate of this disk, measured now.
    let fsyncStats = try rawFsync(count: durable)
    report("raw fsync (write 200 B + fdatasync)", fsyncStats)

    // 2. Bulk append of the synthetic portfolio, batches of 1,000 records.
    let log = try EventLog.create(at: path)
    var written = 0
    let bulk = try time { written = try appendSynthetic(to: log, programs: programs, events: events) }
    let size = try log.size()
    print(
      line(
        "bulk append (encode + hash + write, fsync per 1,000)", "\(rate(written, bulk)) events/s",
        "\(written) events, \(size >> 20) MiB in \(secs(bulk))"))

    // 3. Durable single appends, interleaved in ten rounds with raw fsyncs of the same
    // disk: the disk's pace drifts (writeback of the bulk append), and the ratio is
    // only fair between figures taken side by side.
    var latencies: [Double] = []
    var raw: [Double] = []
    let round = max(1, durable / 10)
    for n in 0..<durable {
      if n % round == 0 { raw += try rawFsyncSamples(count: round, in: dir) }
      let start = now()
      try log.append(
        RecordDraft(
          type: "alert.acknowledged", actor: "bench",
          payload: .object([
            .init("alert", .string("sunset-passed/B\(n)")), .init("note", .string("benchmark")),
          ])))
      latencies.append(now() - start)
    }
    let durableStats = Stats(latencies)
    let rawStats = Stats(raw)
    report("raw fsync, interleaved with the appends", rawStats)
    report("durable append (one record, fdatasync)", durableStats)
    print(
      line(
        "  durable / raw fsync rate (interleaved)", String(format: "%.2f", rawStats.mean / durableStats.mean),
        "target ≥ 0.80"))

    // 4. Verify alone, then replay + verify + fold into a portfolio (the open path).
    let verifyTime = try time { _ = try EventLog.open(at: path, readOnly: true).verify() }
    let total = written + durable + 0
    print(line("verify (re-hash the chain)", "\(rate(total, verifyTime)) events/s", secs(verifyTime)))
    var session: Session?
    let openTime = try time {
      session = try Session.open(StoreLocation(path: path, source: .flag), readOnly: true, user: "bench")
    }
    guard let session else { return }
    print(
      line(
        "replay + verify + fold (open → usable portfolio)", "\(rate(total, openTime)) events/s",
        secs(openTime) + " (target replay+verify ≥ 150,000/s; open ≤ 1 s)"))
    print(
      line(
        "  portfolio", "\(session.portfolio.programs.count) programs",
        "\(session.portfolio.skippedCount) skipped"))

    // 4b. Save a checkpoint, then open from it (the derived-checkpoint path).
    let saveTime = try time { try session.writeCheckpoint() }
    let checkpointBytes =
      (session.checkpointPlace.flatMap {
        try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int
      }) ?? 0
    print(line("write checkpoint", secs(saveTime), "\(checkpointBytes >> 20) MiB"))
    var reopened: Session?
    let resumeTime = try time {
      reopened = try Session.open(StoreLocation(path: path, source: .flag), readOnly: true, user: "bench")
    }
    print(
      line(
        "open from checkpoint (→ usable portfolio)", secs(resumeTime),
        "\(reopened?.portfolio.programs.count ?? 0) programs, \(reopened?.portfolio.eventCount ?? 0) events (target ≤ 1 s)"
      ))
    reopened = nil

    // 5. All alerts.
    var alertCount = 0
    let alertTime = time {
      alertCount = session.portfolio.alerts(on: Day(ordinal: Timestamp.now().dayOrdinal)).count
    }
    print(line("evaluate every alert rule", secs(alertTime), "\(alertCount) alerts"))

    print(line("peak RSS", "\(peakRSSMiB()) MiB", "target ≤ 400 MB"))
    try? FileManager.default.removeItem(atPath: dir)
  }

  func rawFsync(count: Int) throws -> Stats { try measureRawFsync(count: count, in: dir) }
}

/// The raw durable-write rate of the disk under `dir`: 200 bytes and an fdatasync.
func measureRawFsync(count: Int, in dir: String) throws -> Stats {
  Stats(try rawFsyncSamples(count: count, in: dir))
}

/// Seconds of each of `count` raw durable writes (200 bytes and an fdatasync).
func rawFsyncSamples(count: Int, in dir: String) throws -> [Double] {
  let path = dir + "/fsync.probe"
  let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
  guard fd >= 0 else { throw ValidationError("cannot create \(path)") }
  defer {
    close(fd)
    unlink(path)
  }
  let bytes = [UInt8](repeating: 0x61, count: 199) + [0x0A]
  var out: [Double] = []
  for _ in 0..<count {
    let start = now()
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    _ = fdatasync(fd)
    out.append(now() - start)
  }
  return out
}

struct Stats {
  var mean: Double
  var p50: Double
  var p99: Double
  var samples: [Double]
  init(_ values: [Double]) {
    samples = values
    let sorted = values.sorted()
    mean = values.reduce(0, +) / Double(max(1, values.count))
    p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
  }
}

func report(_ name: String, _ s: Stats) {
  print(
    line(
      name, "\(Int(1 / s.mean)) /s", String(format: "p50 %.3f ms, p99 %.3f ms", s.p50 * 1000, s.p99 * 1000)))
}

func line(_ name: String, _ value: String, _ note: String) -> String {
  name.padding(toLength: 52, withPad: " ", startingAt: 0)
    + value.padding(toLength: 20, withPad: " ", startingAt: 0) + note
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func time(_ body: () throws -> Void) rethrows -> Double {
  let start = now()
  try body()
  return now() - start
}

func rate(_ n: Int, _ seconds: Double) -> String { String(Int(Double(n) / max(seconds, 1e-9))) }
func secs(_ s: Double) -> String { String(format: "%.3f s", s) }

func peakRSSMiB() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss / 1024
}
