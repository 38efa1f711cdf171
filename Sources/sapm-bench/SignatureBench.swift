import ArgumentParser
import CanonicalJSON
import Crypto
import Foundation
import Portfolio
import Session
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// `sapm-bench signatures`: the costs of signed events (issue 14): a signed durable
/// append next to an unsigned one and the raw fsync rate of the same disk; signature
/// verification per core and on all cores; opening the same synthetic store signed
/// and unsigned. CPU time beside wall time, every figure from this run.
struct SignatureBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signatures", abstract: "Signed append, signature verification and open, signed vs unsigned."
  )

  @Option(help: "Programs in the synthetic portfolio.")
  var programs = 100_000

  @Option(help: "Events in each synthetic store (one signed, one not).")
  var events = 1_000_000

  @Option(help: "Durable single-record appends to time, signed and unsigned each.")
  var durable = 1_000

  @Option(help: "Opens of each store to time (the fastest is reported).")
  var opens = 3

  @Option(help: "Scratch directory (on the disk being measured).")
  var dir = NSTemporaryDirectory() + "sapm-bench-sig"

  func run() throws {
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (signer, _) = try RecordSigner.generate()
    print("sapm-bench signatures: \(programs) programs, \(events) events per store, in \(dir)")

    // 1. Durable appends: raw fsync, unsigned, signed — interleaved in blocks of 50 so
    // that the disk's mood affects all three alike.
    let durablePath = dir + "/durable.sapm"
    let log = try EventLog.create(at: durablePath)
    var raw: [Double] = []
    var plain: [Double] = []
    var signed: [Double] = []
    for block in 0..<(durable / 50) {
      raw += try measureRawFsync(count: 50, in: dir).samples
      for n in 0..<50 {
        for sign in [false, true] {
          let draft = RecordDraft(
            type: "alert.acknowledged", actor: "bench",
            payload: .object([
              .init("alert", .string("sunset-passed/B\(block)-\(n)")), .init("note", .string("benchmark")),
            ]), signer: sign ? signer : nil)
          let start = now()
          try log.append(draft)
          (sign ? { signed.append(now() - start) } : { plain.append(now() - start) })()
        }
      }
    }
    report("raw fsync (write 200 B + fdatasync)", Stats(raw))
    report("durable append, unsigned", Stats(plain))
    report("durable append, signed (Ed25519)", Stats(signed))
    print(line("  signed p99", String(format: "%.3f ms", Stats(signed).p99 * 1000), "target ≤ 5 ms"))

    // 2. Two synthetic stores, the same events, one signed.
    let plainPath = dir + "/plain.sapm"
    let signedPath = dir + "/signed.sapm"
    for (path, sign) in [(plainPath, false), (signedPath, true)] {
      let store = try EventLog.create(at: path)
      // Record 1 makes the signed one a signed store (every record after it counts only
      // when signed by its actor's enrolled key), and the officer who writes the facts is
      // enrolled — the fold checks every signature and every author, as in a real store.
      let key = sign ? signer.publicKeyHex : nil
      let header: [any EventPayload] = [
        StoreCreated(name: "bench", demo: false, creatorKey: key),
        RoleGranted(user: "officer", role: .officer, key: key),
      ]
      try store.append(
        header.map {
          RecordDraft(
            type: type(of: $0).type, actor: "bench", payload: try EventRegistry.encode($0),
            signer: sign ? signer : nil)
        })
      let cpu = cpuSeconds()
      let wall = try time {
        _ = try appendSynthetic(to: store, programs: programs, events: events, signer: sign ? signer : nil)
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
      print(
        line(
          "bulk append, \(sign ? "signed" : "unsigned")", "\(rate(events, wall)) events/s",
          "\(size >> 20) MiB; wall \(secs(wall)), CPU \(secs(cpuSeconds() - cpu))"))
    }

    // 3. Verification: one core, then every core.
    var records: [Record] = []
    records.reserveCapacity(events)
    try EventLog.open(at: signedPath, readOnly: true).readNew { records.append($0) }
    let sample = Array(records.prefix(100_000))
    var valid = 0
    let cpu1 = cpuSeconds()
    let one = time { for r in sample where r.checkSignature().validKey != nil { valid += 1 } }
    print(
      line(
        "verify signatures, one core (libsodium)", "\(rate(sample.count, one)) records/s",
        "\(valid) of \(sample.count) valid; CPU \(secs(cpuSeconds() - cpu1)) (target ≥ 20,000/s a core)"))
    // The other Ed25519 at hand, side by side (issue 21: keep the fastest well-kept one).
    var validSwift = 0
    let oneSwift = time {
      for r in sample where r.checkSignatureWithSwiftCrypto().validKey != nil { validSwift += 1 }
    }
    print(
      line(
        "verify signatures, one core (swift-crypto)", "\(rate(sample.count, oneSwift)) records/s",
        "\(validSwift) of \(sample.count) valid"))
    // Where one check's time goes: the signed bytes, decoding the key, the Ed25519 verify.
    let bytesTime = time { for r in sample { _ = r.signedBytes } }
    let keyTime = time {
      for r in sample {
        _ = Hex.decode(r.key ?? "").flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
      }
    }
    let pk = try Curve25519.Signing.PublicKey(rawRepresentation: Hex.decode(sample[0].key ?? "") ?? [])
    let pairs = sample.map { ($0.signedBytes, Hex.decode($0.sig ?? "") ?? []) }
    let edTime = time { for (m, sig) in pairs { _ = pk.isValidSignature(sig, for: m) } }
    print(
      line(
        "  per check: signed bytes / key / Ed25519 (swift-crypto)", "",
        String(
          format: "%.1f / %.1f / %.1f µs", bytesTime / Double(sample.count) * 1e6,
          keyTime / Double(sample.count) * 1e6,
          edTime / Double(sample.count) * 1e6)))
    let cpuAll = cpuSeconds()
    var allValid = 0
    let all = time {
      allValid = SignatureReport.parallelChecks(records).filter { $0.validKey != nil }.count
    }
    print(
      line(
        "verify signatures, all \(ProcessInfo.processInfo.activeProcessorCount) cores",
        "\(rate(records.count, all)) records/s",
        "\(allValid) of \(records.count) valid; wall \(secs(all)), CPU \(secs(cpuSeconds() - cpuAll))"))
    records = []

    // 4. Open (replay + verify the chain + fold): signed against unsigned.
    func fastestOpen(_ path: String, _ use: Session.CheckpointUse) throws -> (wall: Double, cpu: Double) {
      var best = (wall: Double.infinity, cpu: 0.0)
      for _ in 0..<opens {
        let cpu = cpuSeconds()
        let wall = try time {
          _ = try Session.open(
            StoreLocation(path: path, source: .flag), readOnly: true, user: "bench", seenHeads: nil,
            checkpoint: use)
        }
        if wall < best.wall { best = (wall, cpuSeconds() - cpu) }
      }
      return best
    }
    // Each store opened `opens` times, the fastest of each side by side.
    func compareOpens(_ how: String, _ use: Session.CheckpointUse, target: String) throws {
      let u = try fastestOpen(plainPath, use)
      let s = try fastestOpen(signedPath, use)
      print(line("open \(how), unsigned (fastest of \(opens))", secs(u.wall), "CPU \(secs(u.cpu))"))
      print(line("open \(how), signed (fastest of \(opens))", secs(s.wall), "CPU \(secs(s.cpu))"))
      print(
        line(
          "  signed / unsigned", String(format: "%.3f", s.wall / u.wall),
          String(format: "CPU %.3f; ", s.cpu / u.cpu) + target))
    }
    // The first open of an account without a checkpoint: every signature checked.
    try compareOpens("replaying the log", .ignore, target: "every signature checked: paid once per account")
    // 5. The same from a checkpoint (how the TUI opens a large store it has opened before).
    for path in [plainPath, signedPath] {
      let session = try Session.open(
        StoreLocation(path: path, source: .flag), readOnly: true, user: "bench", seenHeads: nil)
      if path == signedPath {
        print(
          line(
            "  signed store as folded", "\(session.portfolio.programs.count) programs",
            "\(session.portfolio.unauthorizedCount) records not applied: the obligations and sunsets the synthetic store writes without an executed request (gated facts); none for a signature or a role"
          ))
      }
      try session.writeCheckpoint()
    }
    try compareOpens("from a checkpoint", .readOnly, target: "target ≤ 1.05")
    print(line("peak RSS (the benchmark holds every record)", "\(peakRSSMiB()) MiB", ""))
  }
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
    + Double(usage.ru_stime.tv_usec) / 1e6
}
