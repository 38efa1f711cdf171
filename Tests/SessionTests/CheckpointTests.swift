import Foundation
import Portfolio
import Store
import Testing

@testable import CanonicalJSON
@testable import Session

/// The derived checkpoint: used only at the exact log position it was taken at,
/// ignored when stale or damaged, never a source of truth.
@Suite struct CheckpointTests {
  func demoStore() throws -> (StoreLocation, String) {
    let dir = NSTemporaryDirectory() + "sapm-checkpoint-\(UUID().uuidString)"
    let location = StoreLocation(path: dir + "/demo.sapm", source: .flag)
    let session = try Session.createDemo(location, today: try #require(Day("2026-11-29")), user: "tester")
    return (location, dir)
  }

  func fingerprint(_ p: Portfolio) throws -> String {
    CanonicalJSON.string(try JSONValueEncoder().encode(p.snapshot()))
  }

  @Test func aCheckpointReproducesTheFoldExactly() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let path = Checkpoint.path(for: location.path)
    #expect(FileManager.default.fileExists(atPath: path))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let resumed = try Session.open(location, readOnly: true, user: "tester")
    #expect(try fingerprint(resumed.portfolio) == fingerprint(full.portfolio))
    let day = try #require(Day("2026-11-29"))
    #expect(resumed.portfolio.alerts(on: day) == full.portfolio.alerts(on: day))
    #expect(resumed.history(ofProgram: "PL-FMS-001").count == full.history(ofProgram: "PL-FMS-001").count)
  }

  @Test func eventsAfterTheCheckpointAreReplayed() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let writer = try Session.open(location, readOnly: false, user: "colleague")
    try writer.record([AlertAcknowledged(alert: "offer-lapsed/GH-FMS-001", note: "after the checkpoint")])
    let reader = try Session.open(location, readOnly: true, user: "tester")
    #expect(reader.portfolio.acknowledgements["offer-lapsed/GH-FMS-001"]?.note == "after the checkpoint")
    #expect(try fingerprint(reader.portfolio) == fingerprint(writer.portfolio))
  }

  @Test func aDamagedCheckpointIsIgnored() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let path = Checkpoint.path(for: location.path)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    #expect(Checkpoint.load(store: location.path) == nil)
    let reopened = try Session.open(location, readOnly: true, user: "tester")
    #expect(try fingerprint(reopened.portfolio) == fingerprint(full.portfolio))
  }

  @Test func aStaleCheckpointForAnotherLogIsIgnored() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    // Replace the store with a different one at the same path; the old checkpoint stays.
    try FileManager.default.removeItem(atPath: location.path)
    let other = try Session.create(
      location, name: "other", demo: false, user: "tester", keyPath: dir + "/key/ed25519")
    try other.record([PartnerRegistered(code: "PL", name: "Poland", region: .europe, tier: .natoPlus5)])
    let reopened = try Session.open(location, readOnly: true, user: "tester")
    #expect(reopened.portfolio.name == "other")
    #expect(reopened.portfolio.partners.count == 1)
    #expect(reopened.portfolio.programs.isEmpty)
  }

  @Test func binaryCoderRoundTrips() throws {
    struct Sample: Codable, Equatable {
      var a: String
      var b: Int?
      var c: [Double]
      var d: Day?
      var e: [String: Int]?
      var f: Bool
    }
    let value = Sample(a: "Україна", b: nil, c: [0.25, -1], d: Day("2025-01-01"), e: nil, f: true)
    let bytes = try BinaryEncoder().encode(value)
    #expect(try BinaryDecoder().decode(Sample.self, from: bytes) == value)
    #expect(throws: BinaryCodingError.self) {
      try BinaryDecoder().decode(Sample.self, from: Array(bytes.dropLast()))
    }
  }
}
