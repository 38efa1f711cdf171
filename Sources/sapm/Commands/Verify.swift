import ArgumentParser
import Foundation
import Session
import Terminal

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-hash the whole store and name the first bad record.",
    discussion:
      "Exit 0 when every record is sound, 1 when the store is damaged (the message names the line and why) or, in a signed store, when any record does not count because its signer may not write it (unsigned, under another's name, beyond the signer's role: docs/security.md). Records that are sound but cannot be applied (an unknown type, an amount that would overflow, a policy value out of range) are listed; they do not change the exit code."
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Fail (exit 1) when any record is unsigned, not only when a signature is wrong.")
  var requireSignatures = false

  @Option(
    help: ArgumentHelp(
      "Fail unless the store's creator key has this fingerprint (what 'sapm init' printed, kept apart from the store).",
      valueName: "FINGERPRINT"))
  var trust: String?

  @Flag(help: "Check every signature, also those an earlier verify by this account found sound.")
  var full = false

  func run() throws {
    let report = try failing { () -> VerifyOutcome in
      let location = storeOptions.location(allowDemo: true)
      let showProgress = isatty(2) != 0
      let started = Date()
      let report = try VerifyOutcome.verify(location, full: full) { done, total in
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
          "\(location.path): \(report.isSound ? "sound" : "chain sound but signatures are not") — \(report.records) records, \(report.bytes) bytes, chain verified in \(String(format: "%.2f", seconds)) s"
        if report.incompleteTailBytes > 0 {
          line +=
            "; \(report.incompleteTailBytes) bytes of an incomplete last record follow (a torn write: the next writer sets it aside)"
        }
        say(line)
        if let sig = report.signatures { printSignatures(sig) }
        if report.notAppliedCount > 0 {
          say(
            "\(report.notAppliedCount) record(s) are in the chain but not applied to the portfolio (kept, never rewritten):"
          )
          for r in report.notApplied.prefix(20) {
            say(
              "  record \(r.sequence) (\(r.type)): \(r.unauthorized ? "WITHOUT AUTHORITY: " : "")\(r.reason)"
                .sanitizedForTerminal)
          }
          if report.notAppliedCount > 20 { say("  … and \(report.notAppliedCount - 20) more") }
        }
      }
      return report
    }
    guard report.isSound else { throw ExitCode.failure }
    if report.unauthorizedCount > 0 {
      complain(
        "\(report.unauthorizedCount) record(s) were written without authority (listed above): they do not count, and someone who can write the file wrote them. Find out who (the record names an actor; its key, if any, says whose it is), then an administrator acknowledges the alert with a note."
      )
      throw ExitCode.failure
    }
    if let sig = report.signatures {
      if let trust, !sig.trusts(trust) {
        complain(
          sig.creatorFingerprint.map {
            "the store's creator key is \($0), not \(trust.sanitizedForTerminal): this is not the store you pinned (or it was re-created)"
          }
            ?? "the store has no creator key (an unsigned store): nothing to match \(trust.sanitizedForTerminal) against"
        )
        throw ExitCode.failure
      }
      if requireSignatures, sig.unsigned > 0 {
        complain("\(sig.unsigned) unsigned record(s) and --require-signatures was given")
        throw ExitCode.failure
      }
    }
  }

  func printSignatures(_ sig: SignatureReport) {
    var line = "signatures: \(sig.signed) of \(sig.records) records signed by their actor's enrolled key"
    if let fp = sig.creatorFingerprint { line += "; creator key \(fp)" }
    if sig.verifiedBefore > 0 {
      line +=
        "; \(sig.verifiedBefore) found sound by your last verify and unchanged since (--full checks them again)"
    }
    say(line)
    if sig.unsigned > 0 {
      let ranges = sig.unsignedRanges.map {
        $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)"
      }
      let list =
        ranges.joined(separator: ", ")
        + (sig.unsigned > ranges.count && sig.unsignedRanges.count >= 20 ? ", …" : "")
      say(
        sig.creatorKey == nil
          ? "\(sig.unsigned) unsigned record(s) (\(list)): an unsigned store (older, or the demo); nothing proves who wrote them"
          : "\(sig.unsigned) unsigned record(s) (\(list)) in a signed store: written past sapm after it was signed; they do not count"
      )
    }
    for p in sig.problems {
      complain(
        "record \(p.sequence) (\(p.type), actor \(p.actor.sanitizedForTerminal)): \(p.reason.sanitizedForTerminal)"
      )
    }
    if sig.problemCount > sig.problems.count {
      complain("… and \(sig.problemCount - sig.problems.count) more")
    }
    if sig.problemCount > 0 {
      complain(
        "\(sig.problemCount) record(s) are not what their signer signed: the file was tampered with. Restore from a backup and compare; do not append to this store."
      )
    }
  }
}
