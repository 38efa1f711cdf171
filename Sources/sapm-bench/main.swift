import ArgumentParser
import CanonicalJSON
import Foundation
import Session
import Store

/// Benchmarks and test helpers, kept out of the product binary.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sapm-bench",
    abstract: "sapm benchmarks (see docs/performance.md) and store stress helpers.",
    subcommands: [
      Run.self, TUIBench.self, PerformBench.self, KioskSoak.self, ImportBench.self, SignatureBench.self,
      Generate.self, FirstFrameBench.self, PostgresBench.self, Append.self, AppendRaw.self,
    ],
    defaultSubcommand: Run.self)
}

/// Appends numbered records as one writer; several of these run at once in the
/// store's multi-process test.
struct Append: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Append N small records, one durable append each.")

  @Option var store: String
  @Option var count: Int
  @Option var actor: String

  @Flag(help: "Print 'ACTOR N' after each append has returned (is durable), for the crash-torture script.")
  var report = false

  func run() throws {
    let log = try EventLog.open(at: store, readOnly: false)
    for n in 0..<count {
      try log.append(
        RecordDraft(type: "stress.appended", actor: actor, payload: .object([.init("n", .int(Int64(n)))])))
      if report {
        let line = Array("\(actor) \(n)\n".utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
      }
    }
  }
}

/// Appends one record with any type and payload, past the domain's checks: for tests
/// of stores that hold what sapm itself would refuse (older versions, other tools).
struct AppendRaw: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "append-raw", abstract: "Append one record as given, without the domain's checks (tests).")

  @Option var store: String
  @Option var type: String
  @Option var payload: String
  @Option var actor = "test"
  @Option(help: "Sign with this sapm key file (what a group member holding their own key can do).")
  var signWith: String?

  func run() throws {
    let value = try Array(payload.utf8).withUnsafeBufferPointer { try JSONParser.parse(buffer: $0) }
    let signer = try signWith.flatMap { try IdentityKey.load(path: $0) }
    try EventLog.open(at: store, readOnly: false).append(
      RecordDraft(type: type, actor: actor, payload: value, signer: signer))
  }
}

Bench.main()
