import ArgumentParser
import Foundation
import Session
import Terminal

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-hash the whole store and name the first bad record.",
    discussion:
      "Exit 0 when every record is sound, 1 when the store is damaged (the message names the line and why). Records that are sound but cannot be applied (an unknown type, an amount that would overflow, a policy value out of range) are listed; they do not change the exit code."
  )

  @OptionGroup var storeOptions: StoreOptions

  func run() throws {
    let report = try failing { () -> VerifyOutcome in
      let location = storeOptions.location(allowDemo: true)
      let showProgress = isatty(2) != 0
      let started = Date()
      let report = try VerifyOutcome.verify(location) { done, total in
        guard showProgress, total > 0 else { return }
        let pct = Int(Double(done) / Double(total) * 100)
        FileHandle.standardError.write(
          Data(
            "\rverifying \(location.path.sanitizedForTerminal): \(pct)% (\(done >> 20) of \(total >> 20) MiB)"
              .utf8))
      }
      if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      let seconds = Date().timeIntervalSince(started)
      if let bad = report.firstBad {
        complain(
          "\(location.path):\(bad.line): damaged: \(bad.reason); \(report.records) records before it are sound. Restore from a backup; do not append to this store."
        )
      } else {
        var line =
          "\(location.path): sound — \(report.records) records, \(report.bytes) bytes, chain verified in \(String(format: "%.2f", seconds)) s"
        if report.incompleteTailBytes > 0 {
          line +=
            "; \(report.incompleteTailBytes) bytes of an incomplete last record follow (a torn write: the next writer sets it aside)"
        }
        say(line)
        if report.notAppliedCount > 0 {
          say(
            "\(report.notAppliedCount) record(s) are in the chain but not applied to the portfolio (kept, never rewritten):"
          )
          for r in report.notApplied.prefix(20) { say("  record \(r.sequence) (\(r.type)): \(r.reason)") }
          if report.notAppliedCount > 20 { say("  … and \(report.notAppliedCount - 20) more") }
        }
      }
      return report
    }
    if !report.isSound { throw ExitCode.failure }
  }
}
