import Foundation
import Testing

/// The real binary: exit codes, messages, files.
@Suite(.serialized) struct CLITests {
  @Test func noStoreOpensTheSeparateDemoStore() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.run([])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("[DEMO]"))
    #expect(r.out.contains("Europe/NATO") && r.out.contains("Ukraine"))
    #expect(FileManager.default.fileExists(atPath: cli.dataHome + "/sapm/demo.sapm"))
    #expect(!FileManager.default.fileExists(atPath: cli.dataHome + "/sapm/portfolio.sapm"))
  }

  @Test func initCreatesOwnerOnlyAndRefusesToOverwrite() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.run(["init"])
    #expect(r.status == 0, "\(r.err)")
    let path = cli.dataHome + "/sapm/portfolio.sapm"
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let dir = try FileManager.default.attributesOfItem(atPath: cli.dataHome + "/sapm")
    #expect((dir[.posixPermissions] as? Int) == 0o700)
    let again = try cli.run(["init"])
    #expect(again.status == 1)
    #expect(again.err.contains(path) && again.err.contains("never overwrites"))
    #expect(again.err.split(separator: "\n").count == 1)
    // With a real store at the default path, sapm shows it, not the demo.
    let shown = try cli.run([])
    #expect(shown.status == 0)
    #expect(!shown.out.contains("[DEMO]"))
  }

  @Test func verifyExitCodesAndTheFirstBadRecord() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let ok = try cli.run(["verify", "--store", store])
    #expect(ok.status == 0, "\(ok.err)")
    #expect(ok.out.contains("sound"))
    // Edit record 10 by hand.
    var text = try String(contentsOfFile: store, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[9] = lines[9].replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"x")
    text = lines.joined(separator: "\n")
    try text.write(toFile: store, atomically: false, encoding: .utf8)
    let bad = try cli.run(["verify", "--store", store])
    #expect(bad.status == 1)
    #expect(bad.err.contains("\(store):11: damaged"))
    #expect(bad.err.contains("chain broken"))
  }

  @Test func alertsExitTwoOnCriticalAndAckRecordsTheOSUser() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let list = try cli.run(["alerts", "--json", "--store", store])
    #expect(list.status == 2)
    let alerts = try #require(JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    #expect(alerts.count >= 18)
    #expect(alerts.first?["severity"] as? String == "critical")
    let id = try #require(alerts.first { ($0["rule"] as? String) == "leahy-expired" }?["id"] as? String)
    let ack = try cli.run(["alerts", "ack", id, "--note", "re-vetting submitted", "--store", store])
    #expect(ack.status == 0, "\(ack.err)")
    let after = try cli.run(["alerts", "--json", "--store", store])
    let open = try #require(JSONSerialization.jsonObject(with: Data(after.out.utf8)) as? [[String: Any]])
    #expect(!open.contains { ($0["id"] as? String) == id })
    let log = try cli.run(["log", "--json", "--tail", "1", "--store", store])
    let last = try #require(JSONSerialization.jsonObject(with: Data(log.out.utf8)) as? [String: Any])
    #expect(last["type"] as? String == "alert.acknowledged")
    #expect(last["actor"] as? String == NSUserName())
    let unknown = try cli.run(["alerts", "ack", "leahy-expired/NOPE", "--note", "x", "--store", store])
    #expect(unknown.status == 3)  // refused by the domain: no such alert
    #expect(!unknown.err.contains("Usage:"))
    #expect(unknown.err.contains("no alert 'leahy-expired/NOPE'"))
    let noNote = try cli.run(["alerts", "ack", id, "--note", "  ", "--store", store])
    #expect(noNote.status == 3)
    // The same alert twice: refused by the domain, as the TUI refuses it.
    let twice = try cli.run(["alerts", "ack", id, "--note", "again", "--store", store])
    #expect(twice.status == 3)
    #expect(twice.err.contains("already acknowledged by \(NSUserName())"), "\(twice.err)")
  }

  @Test func alertsAsOfAPastDate() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let past = try cli.run(["alerts", "--json", "--as-of", "2020-01-01", "--store", store])
    let alerts = try #require(JSONSerialization.jsonObject(with: Data(past.out.utf8)) as? [[String: Any]])
    // Before the Niger coup and the Ukraine programs: none of their alerts.
    #expect(!alerts.contains { ($0["partner"] as? String) == "NE" || ($0["partner"] as? String) == "UA" })
    let projected = try cli.run(["alerts", "--as-of", "2099-01-01", "--store", store])
    #expect(projected.out.contains("[PROJECTED TO 2099-01-01]"), "\(projected.out.prefix(200))")
    let bad = try cli.run(["alerts", "--as-of", "2020-13-01", "--store", store])
    #expect(bad.status == 1)
    #expect(!bad.err.contains("Usage:"))
    #expect(bad.err.contains("YYYY-MM-DD"))
  }

  @Test func exportCSVAndJSON() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let csv = try cli.run(["export", "--format", "csv", "--region", "ukraine", "--store", store])
    #expect(csv.status == 0, "\(csv.err)")
    let rows = csv.out.split(separator: "\n")
    #expect(rows.first?.hasPrefix("region,partner_code,partner,program,kind") == true)
    #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("ukraine,UA,Ukraine,") })
    #expect(rows.contains { $0.contains("UP-B-HAW") && $0.contains("172000000") })
    // The §36(b) columns: tier, values, the thresholds that apply, the transmittal.
    #expect(
      rows.first?.contains(
        "tier,case_mde,case_articles,case_dc,threshold_mde,threshold_articles,threshold_dc,notification_required,transmittal,transmittal_date,open_alerts"
      ) == true)
    let all = try cli.run(["export", "--format", "csv", "--store", store]).out
    #expect(
      all.contains(
        ",RP-D-SAG,LOA offered,5580000000,other,5580000000,5580000000,0,14000000,50000000,200000000,yes,25-21,2025-04-01,"
      ), "\(all.prefix(400))")
    let json = try cli.run(["export", "--format", "json", "--store", store])
    let doc = try #require(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
    #expect((doc["programs"] as? [Any])?.count ?? 0 >= 150)
    #expect(doc["demo"] as? Bool == true)
    let past = try cli.run(["export", "--format", "json", "--as-of", "2022-01-01", "--store", store])
    let pastDoc = try #require(JSONSerialization.jsonObject(with: Data(past.out.utf8)) as? [String: Any])
    #expect(((pastDoc["programs"] as? [Any])?.count ?? 0) < ((doc["programs"] as? [Any])?.count ?? 0))
    let badRegion = try cli.run(["export", "--region", "antarctica", "--store", store])
    #expect(badRegion.status == 1)
    #expect(badRegion.err.contains("europe, indo-pacific, middle-east-africa, ukraine"))
  }

  @Test func logPrintsEveryRecordAndSanitizesControlCharacters() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    // A note full of escape sequences, written through the CLI.
    let ack = try cli.run(["alerts", "ack", "sunset-passed/NOPE", "--note", "x", "--store", store])
    #expect(ack.status == 3)
    let json = try cli.run(["log", "--json", "--store", store])
    #expect(json.out.split(separator: "\n").count == 1)
    #expect(json.out.contains("\"type\":\"store.created\""))
  }

  @Test func followSeesAnotherProcessAppend() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    p.arguments = ["log", "--follow", "--tail", "0", "--store", store]
    var env = ProcessInfo.processInfo.environment
    env["XDG_DATA_HOME"] = cli.dataHome
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    defer {
      p.terminate()
      p.waitUntilExit()
    }
    Thread.sleep(forTimeInterval: 0.3)
    let list = try cli.run(["alerts", "--json", "--store", store])
    let alerts = try #require(JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    let id = try #require(alerts.first?["id"] as? String)
    #expect(try cli.run(["alerts", "ack", id, "--note", "seen", "--store", store]).status == 0)
    let seen = Locked("")
    out.fileHandleForReading.readabilityHandler = { handle in
      let text = String(decoding: handle.availableData, as: UTF8.self)
      seen.withLock { $0 += text }
    }
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline, !seen.withLock({ $0.contains("alert.acknowledged") }) {
      Thread.sleep(forTimeInterval: 0.02)
    }
    out.fileHandleForReading.readabilityHandler = nil
    #expect(seen.withLock { $0.contains("alert.acknowledged") })
  }

  @Test func helpDocumentsExitCodes() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let r = try cli.run(["--help"])
    #expect(r.out.contains("Exit codes"))
    #expect(r.out.contains("SAPM_STORE"))
  }

  /// `sapm export --partner CODE`: that partner's rows only (in either case of letters);
  /// an unknown code is named, not an empty file.
  @Test func exportOnePartner() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let r = try cli.run(["export", "--partner", "jo", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    let rows = r.out.split(separator: "\n").dropFirst()
    #expect(
      !rows.isEmpty && rows.allSatisfy { $0.hasPrefix("middle-east-africa,JO,Jordan,") }, "\(rows.prefix(3))")
    let json = try cli.run(["export", "--partner", "JO", "--format", "json", "--store", store])
    #expect(json.out.contains("\"code\":\"JO\"") && !json.out.contains("\"code\":\"EG\""))
    let unknown = try cli.run(["export", "--partner", "XX", "--store", store])
    #expect(unknown.status == 1 && unknown.err.contains("--partner 'XX' is no partner"))
  }

  /// `sapm expiring` (issue 29, item 3): with the funds-expiring alert's own lead (90
  /// days) it lists exactly the lines that alert warns of, largest balance first.
  @Test func expiringListsTheLinesTheAlertWarnsOf() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let r = try cli.run(["expiring", "--days", "90", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    let listed = Set(
      r.out.split(separator: "\n").dropFirst().map { line in
        let f = line.split(separator: " ")
        return "funds-expiring/\(f[1])/\(f[2])"
      })
    let alerts = try cli.run(["alerts", "--store", store])
    let warned = Set(
      alerts.out.split(separator: "\n").compactMap { line in
        line.split(separator: " ").first { $0.hasPrefix("funds-expiring/") }.map(String.init)
      })
    #expect(!listed.isEmpty && listed == warned, "listed \(listed.sorted()), warned \(warned.sorted())")
    let none = try cli.run(["expiring", "--days", "0", "--store", store])
    #expect(none.status == 0 && none.out.contains(" expiring within 0 days of "), "\(none.out)")
    let negative = try cli.run(["expiring", "--days=-1", "--store", store])
    #expect(negative.status == 1 && negative.err.contains("--days must be 0 or more"))
  }

  /// `sapm brief JO` (issue 29, item 1): its money by fiscal year equals `sapm export
  /// --partner JO` summed per year, to the dollar; the HTML form is one self-contained
  /// file with its chart; --redact hides people; PDF without Chromium says what to install.
  @Test func aBriefHoldsTheExportsFigures() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let md = try cli.run(["brief", "JO", "--store", store])
    #expect(md.status == 0, "\(md.err)")
    var brief: [Int: [Int64]] = [:]
    for line in md.out.split(separator: "\n") where line.hasPrefix("| FY") {
      let f = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard f.count == 5, let year = Int(f[0].dropFirst(2)) else { continue }
      brief[year] = f[1...].compactMap { Int64($0) }
    }
    let asOf = try #require(md.out.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
    let csv = try cli.run(["export", "--partner", "JO", "--store", store]).out.split(separator: "\n")
    let header = csv.first?.split(separator: ",").map(String.init) ?? []
    func index(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
    var export: [Int: [Int64]] = [:]
    for line in csv.dropFirst() {
      let f = ImportCLITests.csvFields(String(line))
      guard f.count == header.count, let year = Int(f[index("fiscal_year")]) else { continue }
      var values = ["available", "obligated", "disbursed"].map { Int64(f[index($0)]) ?? 0 }
      // Lapsed: what was left unobligated of a line whose availability ended before the day.
      let until = f[index("available_until")]
      values.append(!until.isEmpty && until < asOf ? max(0, values[0] - values[1]) : 0)
      export[year] = zip(export[year] ?? [0, 0, 0, 0], values).map { $0 + $1 }
    }
    #expect(
      !brief.isEmpty && brief == export,
      "brief \(brief.sorted { $0.key < $1.key }) export \(export.sorted { $0.key < $1.key })")
    #expect(md.out.contains("RQ-0001 Release funds · JO-FMF-001"))
    // The next 90 days hold the end of Jordan's CN hold (issue 29, item 2).
    #expect(md.out.contains("(FMF FY\(Date().fiscalYear) $20.0M) hold ends; obligations from"), "\(md.out)")
    let html = try cli.run(["brief", "JO", "--format", "html", "-o", cli.home + "/jo.html", "--store", store])
    #expect(html.status == 0, "\(html.err)")
    let page = try String(contentsOfFile: cli.home + "/jo.html", encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && page.contains("@page { size: A4"))
    #expect(!page.contains("<script") && !page.contains("src=") && !page.contains("href="))
    let redacted = try cli.run(["brief", "JO", "--redact", "--store", store])
    #expect(redacted.out.contains("redacted as the kiosk redacts"))
    let pdf = try cli.run(["brief", "JO", "--format", "pdf", "-o", cli.home + "/jo.pdf", "--store", store])
    if PDFAvailability.chromium == nil {
      // Without a browser (CI installs Debian's chromium): said, with what to install.
      #expect(pdf.status == 1 && pdf.err.contains("apt-get install chromium"), "\(pdf.err)")
    } else {
      // Rendered by headless Chromium: at most two A4 pages, with the chart drawn (its
      // obligated bars in #00875f among the PDF's fill colours).
      #expect(pdf.status == 0, "\(pdf.err)")
      let facts = try cli.run([PDFAvailability.script, cli.home + "/jo.pdf"], executable: "/usr/bin/python3")
      let pages = facts.out.split(separator: "\n").first { $0.hasPrefix("pages ") }.flatMap {
        Int($0.dropFirst(6))
      }
      #expect(pages.map { (1...2).contains($0) } == true, "\(facts.out)")
      #expect(facts.out.contains("fill 0 135 95"), "\(facts.out)")
    }
    let unknown = try cli.run(["brief", "XX", "--store", store])
    #expect(unknown.status == 1 && unknown.err.contains("'XX' is no partner"))
  }
}

/// Whether this machine has a headless browser for PDF briefs.
enum PDFAvailability {
  /// Tests/Fixtures/pdf-facts.py: a PDF's pages and fill colours, standard library only.
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/pdf-facts.py").standardized.path

  static var chromium: String? {
    ["chromium", "chromium-browser", "google-chrome"].map { "/usr/bin/\($0)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
