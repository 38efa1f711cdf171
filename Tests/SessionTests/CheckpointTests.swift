import Basics
import Crypto
import Foundation
import Portfolio
import PortfolioDemo
import Store
import TUI
import Testing

@testable import App
@testable import CanonicalJSON
@testable import Output
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
    let path = try #require(full.checkpointPlace).path
    #expect(FileManager.default.fileExists(atPath: path))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let folder = (path as NSString).deletingLastPathComponent
    #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o700)
    // Nowhere in the store's folder: a file the store's group could edit.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["demo.sapm"])
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
    let place = try #require(full.checkpointPlace)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: place.path)))
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: place.path))
    let reopened = try Session.open(location, readOnly: true, user: "tester")
    #expect(try fingerprint(reopened.portfolio) == fingerprint(full.portfolio))
    // Set aside and named, not used and not silently replaced.
    #expect(reopened.notices.contains { $0.contains("fails its check") && $0.contains("set aside") })
    #expect(FileManager.default.fileExists(atPath: place.path + ".rejected"))
    try? FileManager.default.removeItem(atPath: place.path + ".rejected")
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
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview == nil, "another store's figures are never shown")
    #expect(reopened.portfolio.name == "other")
    #expect(reopened.portfolio.partners.count == 1)
    #expect(reopened.portfolio.programs.isEmpty)
  }

  /// The first frame's figures (issue 13): written with the checkpoint for its day,
  /// offered before the programs are decoded, and the same as a summary made from the
  /// whole portfolio.
  @Test func theCheckpointCarriesTheFirstFramesFigures() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    let preview = try #require(progress.preview)
    #expect(preview.day == Day(ordinal: Timestamp.now().dayOrdinal))
    let p = full.portfolio
    let summary = PortfolioSummary(p, alerts: p.alerts(on: preview.day), day: preview.day)
    #expect(preview.summary.regions == summary.regions)
    #expect(preview.summary.partners == summary.partners)
    #expect(preview.summary.openAlerts == summary.openAlerts)
    #expect(
      preview.summary.partnersByRegion.mapValues { $0.map(\.code) }
        == summary.partnersByRegion.mapValues { $0.map(\.code) })
    #expect(preview.summary.regions.values.contains { $0.alertTotal > 0 }, "real figures, alerts among them")
    #expect(preview.portfolio.programs.isEmpty, "the programs come after the first frame")
    #expect(Portfolio(snapshot: preview.portfolio).eventCount == p.eventCount)
    #expect(try fingerprint(reopened.portfolio) == fingerprint(p))
  }

  /// The first frame drawn from the checkpoint's figures is the overview the whole
  /// model draws, line for line (the bottom line says the programs are being read).
  @Test func theFirstFrameFromTheFiguresIsTheWholeModelsOverview() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let progress = LoadProgress()
    let session = try Session.open(location, readOnly: false, progress: progress)
    let preview = try #require(progress.preview)
    let first = try #require(
      TUIRunner.previewModel(
        preview, store: location.path, theme: .builtIn, width: 160, height: 45, today: preview.day))
    #expect(
      TUIRunner.previewModel(
        preview, store: location.path, theme: .builtIn, width: 160, height: 45,
        today: preview.day.adding(days: 1)) == nil, "another day's figures are not shown")
    let whole = AppModel(
      portfolio: session.portfolio, today: preview.day,
      info: SessionInfo(
        store: location.path, user: session.user,
        role: session.portfolio.roster.highestRole(of: session.user)?.rawValue ?? "no role",
        demo: session.isDemo,
        readOnly: false),
      theme: .builtIn, width: 160, height: 45)
    let a = first.render().lines
    let b = whole.render().lines
    #expect(Array(a.prefix(43)) == Array(b.prefix(43)))
    #expect(a[44] == b[44], "the status line")
    #expect(a[43].contains("reading the programs"))
    #expect(a.joined().contains("[4] Ukraine"))
  }

  /// A checkpoint of another day is brought up to date in the background (the TUI
  /// does it after its first frame), so that the next open shows that day's figures.
  @Test func aStaleCheckpointIsRewrittenInTheBackground() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let session = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let today = Day(ordinal: Timestamp.now().dayOrdinal)
    #expect(!session.checkpointIsStale(today: today, largeFrom: 10), "written today at the head")
    let tomorrow = today.adding(days: 1)
    #expect(session.checkpointIsStale(today: tomorrow, largeFrom: 10))
    #expect(!session.checkpointIsStale(today: tomorrow), "a small store is not worth it")
    let p = session.portfolio
    let summary = PortfolioSummary(p, alerts: p.alerts(on: tomorrow, messages: false), day: tomorrow)
    let writer = session.writeCheckpointInBackground(day: tomorrow, summary: summary)
    while !writer.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    #expect(!session.checkpointIsStale(today: tomorrow, largeFrom: 10))
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview?.day == tomorrow)
    #expect(progress.preview?.summary.regions == summary.regions)
    #expect(try fingerprint(reopened.portfolio) == fingerprint(p))
    #expect(!FileManager.default.fileExists(atPath: try #require(session.checkpointPlace).temporaryPath))
  }

  /// A record appended after the checkpoint makes its figures stale: no preview, and
  /// the portfolio is the checkpoint's plus the new record.
  @Test func aCheckpointBehindTheLogOffersNoFigures() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let writer = try Session.open(location, readOnly: false, user: "colleague")
    try writer.record([AlertAcknowledged(alert: "offer-lapsed/GH-FMS-001", note: "after the checkpoint")])
    let progress = LoadProgress()
    let reader = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview == nil)
    #expect(try fingerprint(reader.portfolio) == fingerprint(writer.portfolio))
  }

  /// A checkpoint of an older format (sound in itself: its SHA-256 is right, as older
  /// builds sealed it) is not this account's authenticated file: set aside, and the
  /// store is read from its start.
  @Test func aCheckpointOfAnOlderFormatIsIgnored() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let place = try #require(full.checkpointPlace)
    var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: place.path)))
    #expect(Array(bytes.prefix(8)) == Array("SAPMCKPB".utf8))
    bytes.replaceSubrange(0..<8, with: Array("SAPMCKP9".utf8))
    bytes.replaceSubrange(
      bytes.count - 32..<bytes.count, with: Array(SHA256.hash(data: Array(bytes.dropLast(32)))))
    try Data(bytes).write(to: URL(fileURLWithPath: place.path))
    #expect(Checkpoint.load(place).loaded == nil)
    try? FileManager.default.removeItem(atPath: place.path + ".rejected")
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview == nil)
    #expect(try fingerprint(reopened.portfolio) == fingerprint(full.portfolio))
  }

  /// The attack of issue 21: a group member edits the checkpoint (here, re-sealed with
  /// a key of their own, the best they can do) to show other figures. It is never used.
  @Test func aCheckpointSealedWithAnotherKeyIsNeverUsed() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let place = try #require(full.checkpointPlace)
    // Another portfolio's payload under this store's position, sealed with another secret.
    let forger = Checkpoint.Place(path: place.path, secret: [UInt8](repeating: 42, count: 32))
    try Checkpoint.write(
      to: forger, for: full.log,
      payload: try CheckpointPayload.encode(
        Portfolio(),
        preview: CheckpointPreview(
          day: try #require(Day("2026-11-29")), portfolio: Portfolio(),
          summary: PortfolioSummary(Portfolio(), day: try #require(Day("2026-11-29"))))))
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview == nil, "no figure from a file this account did not write")
    #expect(try fingerprint(reopened.portfolio) == fingerprint(full.portfolio))
    #expect(reopened.notices.contains { $0.contains("not written by this account") })
    try? FileManager.default.removeItem(atPath: place.path + ".rejected")
  }

  /// A checkpoint file beside the store (where older builds kept it, group-writable in a
  /// shared folder) is never read, whatever it holds.
  @Test func aCheckpointBesideTheStoreIsNeverRead() throws {
    let (location, dir) = try demoStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try Session.open(location, readOnly: false, user: "tester", checkpointAfter: 10)
    let place = try #require(full.checkpointPlace)
    // A copy (never a move: a test must not move what it did not make).
    #expect(place.path.contains("/sapm/checkpoints/"))
    try FileManager.default.copyItem(atPath: place.path, toPath: Checkpoint.legacyPath(for: location.path))
    try FileManager.default.removeItem(atPath: place.path)
    let progress = LoadProgress()
    let reopened = try Session.open(location, readOnly: true, user: "tester", progress: progress)
    #expect(progress.preview == nil)
    #expect(try fingerprint(reopened.portfolio) == fingerprint(full.portfolio))
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

/// The exports built for scale (issue 13): the JSON document written member by member
/// is byte for byte the canonical form of the whole document, and the CSV's alert
/// counts are those of the full alert list.
@Suite struct ReportTests {
  func demo() throws -> Portfolio {
    var p = Portfolio()
    let today = try #require(Day("2026-11-29"))
    for (i, item) in DemoPortfolio.events(today: today).enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event))
    }
    return p
  }

  @Test(arguments: [nil, Region.ukraine])
  func theJSONExportIsTheCanonicalFormOfTheWholeDocument(region: Region?) throws {
    let p = try demo()
    let day = try #require(Day("2026-11-29"))
    let items = Reports.exportedPrograms(p, region)
    let encoder = JSONValueEncoder()
    let codes = Set(items.map(\.0.code))
    let partners: [JSONValue] = p.partners.values.filter {
      region == nil || codes.contains($0.code) || $0.region == region
    }.sorted { $0.code < $1.code }.compactMap { try? encoder.encode($0) }
    let whole = JSONValue.object([
      .init("asOf", .string(day.description)), .init("store", .string(p.name)), .init("demo", .bool(true)),
      .init("region", region.map { .string($0.rawValue) } ?? .null), .init("partners", .array(partners)),
      .init("programs", .array(items.compactMap { try? encoder.encode($0.1) })),
    ])
    #expect(Reports.json(p, region: region, day: day, demo: true) == CanonicalJSON.string(whole) + "\n")
  }

  @Test func theCSVCountsEachProgramsOpenAlerts() throws {
    let p = try demo()
    let day = try #require(Day("2026-11-29"))
    let open = Dictionary(grouping: p.alerts(on: day).filter(\.isOpen), by: \.subject.program).mapValues(
      \.count)
    let lines = Reports.csv(p, region: nil, day: day).split(separator: "\n").dropFirst()
    var checked = 0
    for line in lines {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count > 4, let count = Int(fields[fields.count - 1]) else { continue }
      #expect(count == open[String(fields[3])] ?? 0, "\(fields[3])")
      checked += 1
    }
    #expect(checked > 50)
    #expect(open.values.reduce(0, +) > 0)
  }
}
