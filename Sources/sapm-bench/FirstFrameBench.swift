import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Store
import TUI

/// `sapm-bench first-frame`: where the time to the first frame goes on a store written
/// by `generate` (open from its checkpoint, the model, the render), and peak RSS.
struct FirstFrameBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "first-frame",
    abstract: "Time to the first frame on a store (build with -c release), stage by stage.")

  @Option(help: "A store written by 'sapm-bench generate' (its checkpoint is written first if missing).")
  var store: String
  @Option var width = 160
  @Option var height = 45

  func run() throws {
    let location = StoreLocation(path: store, source: .flag)
    let place = Session.checkpointPlace(for: location)
    if place.flatMap({ Checkpoint.load($0).loaded }) == nil {
      let t = time { _ = try? Session.open(location, readOnly: false, seenHeads: nil) }
      print(
        line(
          "no checkpoint: replay, fold and write the checkpoint", secs(t),
          "peak RSS \(peakRSSMiB()) MiB, now \(residentKiB() / 1024) MiB"))
    }
    let cpu0 = cpuSeconds()
    var session: Session?
    let openTime = try time { session = try Session.open(location, readOnly: true, seenHeads: nil) }
    guard let session else { return }
    print(
      line(
        "open from the checkpoint", secs(openTime),
        "\(session.portfolio.eventCount) events, RSS \(residentKiB() / 1024) MiB, peak \(peakRSSMiB()) MiB"))
    let today = Day(ordinal: Timestamp.now().dayOrdinal)
    var model: AppModel?
    let modelTime = time {
      model = AppModel(
        portfolio: session.portfolio, today: today,
        info: SessionInfo(store: store, user: "bench", role: "officer", demo: false, readOnly: true),
        theme: .builtIn, width: width, height: height)
    }
    guard let model else { return }
    print(
      line(
        "model: alerts, summary, rows", secs(modelTime),
        "\(model.alerts.count) alerts, RSS \(residentKiB() / 1024) MiB"))
    let renderTime = time { _ = model.render() }
    print(line("first render \(width)×\(height)", String(format: "%.2f ms", renderTime * 1000), ""))
    print(
      line(
        "first frame in all", secs(openTime + modelTime + renderTime),
        String(format: "CPU %.2f s (target ≤ 1 s wall)", cpuSeconds() - cpu0)))
    print(line("peak RSS", "\(peakRSSMiB()) MiB", "target ≤ 400 MB"))
    // Then, apart: the checkpoint's stages (after the peak above, which they would raise).
    var loaded: Checkpoint.Loaded?
    let loadTime = time { loaded = place.flatMap { Checkpoint.load($0).loaded } }
    var preview: CheckpointPreview?
    var partsTime = 0.0
    var previewTime = 0.0
    var snapshotTime = 0.0
    loaded?.withPayload { payload in
      var parts: [Range<Int>]?
      partsTime = time { parts = CheckpointPayload.parts(payload) }
      guard let parts else { return }
      previewTime = time { preview = CheckpointPayload.preview(payload, parts) }
      snapshotTime = time { _ = CheckpointPayload.snapshotParts(payload, parts) }
    }
    print(
      line(
        "  checkpoint: read + SHA-256 / parts / preview / programs",
        String(
          format: "%.0f / %.0f / %.0f / %.0f ms", loadTime * 1000, partsTime * 1000, previewTime * 1000,
          snapshotTime * 1000), preview.map { "preview of \($0.day)" } ?? "no preview"))
  }
}
