import ArgumentParser
import Foundation
import Portfolio
import Store

/// `sapm-bench generate`: the deterministic synthetic store, written to a path so
/// that the real binary can be measured on it (tmux: keys → screen, another process's
/// append → screen). The same portfolio `run` measures, for the same arguments.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the synthetic portfolio to a new store file (never overwrites one).")

  @Option(help: "Programs in the synthetic portfolio.")
  var programs = 100_000

  @Option(help: "Events in the store.")
  var events = 1_000_000

  @Option(help: "The new store's path.")
  var out: String

  func run() throws {
    let log = try EventLog.create(at: out)
    var written = 0
    let wall = try time { written = try appendSynthetic(to: log, programs: programs, events: events) }
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    print("wrote \(out): \(written) events, \(programs) programs, \(size >> 20) MiB in \(secs(wall))")
  }
}

/// Appends the synthetic portfolio's events to `log` in batches of 1,000 (signed when
/// a signer is given); returns how many were written.
func appendSynthetic(to log: EventLog, programs: Int, events: Int, signer: RecordSigner? = nil) throws -> Int
{
  var batch: [RecordDraft] = []
  batch.reserveCapacity(1000)
  var written = 0
  for item in SyntheticPortfolio(programs: programs, events: events) {
    batch.append(
      RecordDraft(
        type: type(of: item.event).type, version: type(of: item.event).version, actor: item.actor,
        payload: try EventRegistry.encode(item.event), at: item.at, signer: signer))
    if batch.count == 1000 {
      try log.append(batch)
      written += batch.count
      batch.removeAll(keepingCapacity: true)
    }
  }
  try log.append(batch)
  return written + batch.count
}
