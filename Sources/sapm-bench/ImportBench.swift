import ArgumentParser
import Basics
import CSV
import CanonicalJSON
import FileImport
import Foundation
import Portfolio
import Session
import Store

/// `sapm-bench import`: rows/s of `sapm import` on a synthetic file in
/// ForeignAssistance.gov's layout, into a durable store, next to the bulk-append
/// rate of the same machine in the same run.
struct ImportBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import rows/s on a synthetic ForeignAssistance.gov file (release build).")

  @Option var rows = 500_000
  @Option var activities = 4_000

  func run() throws {
    let dir = NSTemporaryDirectory() + "sapm-import-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = dir + "/complete.csv"
    let countries = ["UKR", "POL", "JOR", "EGY", "PHL", "TWN", "KEN", "NGA", "GEO", "ROU", "COL", "MEX"]
    let accounts = [
      "Foreign Military Financing Program", "International Military Education and Training",
      "Peacekeeping Operations", "International Narcotics Control and Law Enforcement",
      "Economic Support Fund",
      "Global Health Programs",
    ]
    var text =
      "Country Code,Country Name,Funding Acount ID,Funding Account Name,Activity ID,Activity Name,Activity Description,Activity Start Date,Transaction Type Name,Fiscal Year,Current Dollar Amount,Constant Dollar Amount\n"
    // Written 10,000 rows at a time: the peak RSS below is the import's, not the file's.
    FileManager.default.createFile(atPath: csv, contents: nil)
    guard let out = FileHandle(forWritingAtPath: csv) else { throw CocoaError(.fileWriteUnknown) }
    var rng = SplitMix(seed: 7)
    for n in 0..<rows {
      if n % 10_000 == 0 {
        out.write(Data(text.utf8))
        text = ""
      }
      let a = Int(rng.next() % UInt64(activities))
      let country = countries[a % countries.count]
      let account = accounts[(a / countries.count) % accounts.count]
      let fy = 2015 + Int(rng.next() % 10)
      let kind = rng.next() % 3 == 0 ? "Disbursements" : "Obligations"
      let amount = Int(rng.next() % 5_000_000) - (n % 41 == 0 ? 6_000_000 : 0)
      text +=
        "\(country),\(country),ACC-\(a % 7),\(account),ACT-\(a),\"Activity \(a), phase \(a % 3)\",\"Support, training and \"\"equipment\"\"\",\(fy - 1)-10-01,\(kind),\(fy),\(amount).50,\(amount)\n"
    }
    out.write(Data(text.utf8))
    try out.close()
    let size = (try? FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
    print(line("synthetic file", "\(rows) rows", String(format: "%.1f MiB", Double(size) / 1_048_576)))

    let parseTime = try time {
      guard let stream = InputStream(fileAtPath: csv) else { return }
      let reader = try CSVReader(stream: stream, hasHeaderRow: true)
      var fields = 0
      while let row = reader.next() { fields += row.count }
      _ = fields
    }
    print(
      line("CSV.swift parse only", secs(parseTime), String(format: "%.0f rows/s", Double(rows) / parseTime)))
    let today = Day(ordinal: Timestamp.now().dayOrdinal)
    var reading: ImportFile.Reading?
    let readTime = try time { reading = try ImportFile.read(path: csv, today: today) }
    guard let reading else { return }
    print(
      line(
        "read + aggregate", secs(readTime),
        String(format: "%.0f rows/s, %d program-years", Double(rows) / readTime, reading.figures.count)))
    let location = StoreLocation(path: dir + "/store.sapm", source: .flag)
    let session = try Session.create(
      location, name: "bench", demo: false, user: "bench", keyPath: dir + "/key/ed25519")
    let command = ImportFigures(reading.figures, source: ImportFile.foreignAssistanceSource)
    var events = 0
    let performTime = try time { events = try session.perform(command, today: today).count }
    print(line("check + append (one batch, one fsync)", secs(performTime), "\(events) events"))
    // Before the raw append below, which holds its own drafts.
    print(line("peak RSS (read, check, append, fold)", "\(statusKiB("VmHWM") / 1024) MiB", ""))
    let total = readTime + performTime
    print(line("import end to end", secs(total), String(format: "%.0f rows/s", Double(rows) / total)))
    // The same number of events appended raw, in one batch: the store's own ceiling.
    let raw = try EventLog.create(at: dir + "/raw.sapm")
    let drafts = (0..<events).map {
      RecordDraft(type: "bench.row", actor: "bench", payload: .object([.init("n", .int(Int64($0)))]))
    }
    let appendTime = try time { try raw.append(drafts) }
    print(
      line(
        "bulk append of as many events", secs(appendTime),
        String(format: "%.0f events/s", Double(events) / appendTime)))
  }
}

/// SplitMix64 for the synthetic file (deterministic).
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
