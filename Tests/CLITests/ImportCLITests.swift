import Foundation
import Testing

/// `sapm import` on a fixture in ForeignAssistance.gov's layout with its quirks.
@Suite struct ImportCLITests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/foreign_aid_sample.csv").standardized.path

  /// Python's reading of the same file (docs/import.md's rules, the csv module).
  static let sumsScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/foreign-aid-sums.py").standardized.path

  static func fixtureText() throws -> String { try String(contentsOfFile: fixture, encoding: .utf8) }

  @Test func dryRunWritesNothingAndARealRunIsIdempotent() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let empty = try Data(contentsOf: URL(fileURLWithPath: store))
    let dry = try cli.run(["import", Self.fixture, "--dry-run", "--store", store])
    #expect(dry.status == 0, "\(dry.err)")
    #expect(dry.out.contains("ForeignAssistance.gov complete CSV, 303 rows"))
    #expect(dry.out.contains("would record: 9 new partners, 43 new programs"))
    #expect(dry.out.contains("38  Economic Support Fund"))
    #expect(dry.out.contains("25  Mexico"))
    #expect(dry.out.contains("1  Sub-Saharan Africa Region"))
    #expect(dry.out.contains("Ukraine FY1976"))  // 1976tq, the transition quarter
    #expect(dry.out.contains("dry run: nothing was written"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == empty)

    let real = try cli.run(["import", Self.fixture, "--store", store])
    #expect(real.status == 0, "\(real.err)")
    // 9 partners, 43 programs, and each program-year's figures as reported (43).
    #expect(real.out.contains("imported: 95 events"), "\(real.out)")
    let once = try Data(contentsOf: URL(fileURLWithPath: store))
    let again = try cli.run(["import", Self.fixture, "--store", store])
    #expect(again.out.contains("nothing to import"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == once)
    // JOR and JO are one partner, keyed JO; the panes show the imported partners.
    let overview = try cli.run(["overview", "--store", store])
    #expect(overview.out.contains("Jordan"), "\(overview.out)")
    #expect(!overview.out.contains("Mexico"))
    let csv = try cli.run(["export", "--format", "csv", "--store", store]).out
    #expect(csv.contains("middle-east-africa,JO,Jordan,JO-IMET-JO-1081-000"))
    #expect(!csv.contains(",JOR,"))
    #expect(try cli.run(["verify", "--store", store]).status == 0)

    // A later edition: one amount changed; only its difference is recorded.
    var lines = try Self.fixtureText().components(separatedBy: "\r\n")
    let i = try #require(
      lines.firstIndex {
        $0.hasPrefix(",EGY,") && $0.contains("Foreign Military Financing") && $0.contains(",Obligations,")
      })
    var fields = lines[i].components(separatedBy: ",")
    try #require(fields.count > 4)
    let amount = fields[fields.count - 2]
    fields[fields.count - 2] = String((Int(amount.prefix { $0 != "." }) ?? 0) + 1_000_000)
    lines[i] = fields.joined(separator: ",")
    let edition = cli.home + "/edition2.csv"
    try lines.joined(separator: "\r\n").write(toFile: edition, atomically: true, encoding: .utf8)
    let update = try cli.run(["import", edition, "--store", store])
    #expect(update.status == 0, "\(update.err)")
    #expect(
      update.out.contains("imported: 2 events") || update.out.contains("imported: 1 events"), "\(update.out)")
  }

  @Test func aDamagedFileNamesTheLineColumnAndValueAndWritesNothing() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let text = try Self.fixtureText()
    func attempt(_ name: String, _ content: String) throws -> CLI.Result {
      let path = cli.home + "/" + name
      try content.write(toFile: path, atomically: true, encoding: .utf8)
      let r = try cli.run(["import", path, "--store", store])
      #expect(r.status == 1, "\(name): \(r)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "\(name) wrote to the store")
      return r
    }
    let noColumn = try attempt(
      "no-column.csv", text.replacingOccurrences(of: "Current Dollar Amount", with: "Current Amount"))
    #expect(
      noColumn.err.contains("no-column.csv:1: column 'Current Dollar Amount': the header has no column"),
      "\(noColumn.err)")

    // A bad amount on physical line 137 (multi-line descriptions come before it).
    // By bytes: "\r\n" is one Character to String, and a physical line ends at "\n".
    var physical = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0))
    }
    try #require(physical.count > 137)
    physical[136] = physical[136].replacingOccurrences(
      of: #",(-?[0-9.]+),(-?[0-9]+)\r$"#, with: ",12x4,$2\r", options: .regularExpression)
    let badAmount = try attempt("bad-amount.csv", physical.joined(separator: "\n"))
    #expect(
      badAmount.err.contains(
        "bad-amount.csv:137: column 'Current Dollar Amount' value '12x4': not an amount"),
      "\(badAmount.err)")

    // Only a malformed code stops an import (issue 26): a well-formed one no country has
    // is a regional row, counted.
    let unknown = try attempt(
      "unknown-country.csv", text.replacingOccurrences(of: ",KEN,Kenya,", with: ",K3N,Atlantis,"))
    #expect(
      unknown.err.contains("column 'Country Code' value 'K3N': not a country code (Atlantis)"),
      "\(unknown.err)")

    let other = try attempt("other.csv", "a,b,c\n1,2,3\n")
    #expect(other.err.contains("neither a ForeignAssistance.gov complete CSV"))

    // Issue 23, item 5: what cannot be read exactly is refused, never guessed.
    var nul = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0))
    }
    nul[136] = nul[136].replacingOccurrences(
      of: #",(-?[0-9.]+),(-?[0-9]+)\r$"#, with: ",1\u{0}00,$2\r", options: .regularExpression)
    let nulAmount = try attempt("nul-amount.csv", nul.joined(separator: "\n"))
    #expect(
      nulAmount.err.contains(
        "nul-amount.csv:137: column 'Current Dollar Amount' value '1␀00': not an amount"), "\(nulAmount.err)")

    let header = physical[0]
    let duplicate = try attempt(
      "duplicate.csv",
      ([header.replacingOccurrences(of: "\r", with: "") + ",Current Dollar Amount\r"] + physical.dropFirst())
        .joined(separator: "\n"))
    #expect(
      duplicate.err.contains(
        "duplicate.csv:1: column 'Current Dollar Amount': the header names 'Current Dollar Amount' twice"),
      "\(duplicate.err)")
  }

  @Test func impossibleDatesAndBytesThatAreNotUTF8AreNamed() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let header =
      "Country Code,Country Name,Funding Account Name,Activity ID,Activity Name,Activity Start Date,Transaction Type Name,Fiscal Year,Current Dollar Amount\n"
    let good =
      "JOR,Jordan,Foreign Military Financing Program,A-1,Spares,2019-10-01,Obligations,2024,5000000\n"
    func attempt(_ name: String, _ bytes: [UInt8]) throws -> CLI.Result {
      let path = cli.home + "/" + name
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let r = try cli.run(["import", path, "--store", store])
      #expect(r.status == 1, "\(name): \(r)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before, "\(name) wrote to the store")
      return r
    }
    let date = try attempt(
      "date.csv",
      Array(
        (header + good + good.replacingOccurrences(of: "A-1,Spares,2019-10-01", with: "A-2,Radios,2020-02-30"))
          .utf8))
    #expect(
      date.err.contains(
        "date.csv:3: column 'Activity Start Date' value '2020-02-30': not a date that exists"), "\(date.err)")
    let latin1 =
      Array((header + good).utf8) + Array("JOR,Jordan,Foreign Military Financing Program,A-3,Ca".utf8) + [
        0xF1
      ]
      + Array("on,2019-10-01,Obligations,2024,5\n".utf8)
    let utf8 = try attempt("latin1.csv", latin1)
    #expect(utf8.err.contains("latin1.csv:3: bytes that are not UTF-8"), "\(utf8.err)")
    #expect(!utf8.err.contains("fields"), "not a quoting problem: \(utf8.err)")

    // Issue 23, item 4: a field of 3 MiB (the CSV reader would hold it whole) is
    // refused at 1 MiB, named by line and field.
    let huge = "\"" + String(repeating: "x", count: 3 << 20) + "\""
    let long = try attempt(
      "long.csv", Array((header + good + good.replacingOccurrences(of: "Spares", with: huge)).utf8))
    #expect(long.err.contains("long.csv:3: field 5 of this line is longer than 1 MiB"), "\(long.err)")
  }

  /// Issue 26: the store's figures are the file's, to the dollar — per country, account
  /// and fiscal year, obligations and disbursements summed as reported, de-obligations
  /// below zero included, disbursements in a year without obligations not turned into
  /// availability — and no funds-control alert fires on reported history.
  @Test func theFiguresAreTheFilesToTheDollar() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let header =
      "Country Code,Country Name,Funding Acount ID,Funding Account Name,Activity ID,Activity Name,Activity Description,Activity Start Date,Transaction Type Name,Fiscal Year,Current Dollar Amount,Constant Dollar Amount"
    // (code, account, activity, type, fiscal year, amount)
    let rows: [(String, String, String, String, Int, String)] = [
      ("JOR", "Foreign Military Financing Program", "FMF-JOR-1", "Obligations", 2023, "425000000"),
      ("JOR", "Foreign Military Financing Program", "FMF-JOR-1", "Obligations", 2023, "-5000000.50"),
      ("JOR", "Foreign Military Financing Program", "FMF-JOR-1", "Disbursements", 2023, "300000000"),
      ("JOR", "Foreign Military Financing Program", "FMF-JOR-1", "Obligations", 2024, "-2000000"),
      ("UKR", "Ukraine Security Assistance Initiative", "USAI-1", "Obligations", 2024, "300000000"),
      ("UKR", "Ukraine Security Assistance Initiative", "USAI-1", "Disbursements", 2025, "120000000"),
      ("POL", "International Military Education and Training", "IMET-1", "Obligations", 1976, "100000"),
      ("MEX", "Foreign Military Financing Program", "FMF-MEX-1", "Obligations", 2024, "5000000"),
      ("USA", "Foreign Military Financing Program", "FMF-W-1", "Obligations", 2024, "7000000"),
      ("", "Foreign Military Financing Program", "FMF-R-1", "Obligations", 2024, "9000000"),
    ]
    var text = header + "\r\n"
    for (code, account, activity, type, fy, amount) in rows {
      text +=
        "\(code),\(code),1,\(account),\(activity),Name \(activity),,\(fy - 1)-10-01,\(type),\(fy),\(amount),0\r\n"
    }
    let file = cli.home + "/built.csv"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let run = try cli.run(["import", file, "--store", store])
    #expect(run.status == 0, "\(run.err)")
    // The export's obligated and disbursed per partner, program and year.
    let csv = try cli.run(["export", "--format", "csv", "--store", store]).out
    var got: [String: (Int64, Int64)] = [:]
    let lines = csv.split(separator: "\n").map(String.init)
    let head = lines[0].split(separator: ",").map(String.init)
    let at = { (name: String) in head.firstIndex(of: name) ?? 0 }
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == head.count, !f[at("fiscal_year")].isEmpty else { continue }
      got["\(f[at("program")]) FY\(f[at("fiscal_year")])"] = (
        Int64(f[at("obligated")]) ?? -1, Int64(f[at("disbursed")]) ?? -1
      )
      #expect(f[at("available")].isEmpty, "availability is not reported: \(line)")
    }
    // What the file says, summed row by row as sapm reads each amount, in whole dollars
    // (half a dollar away from zero: -5,000,000.50 is -5,000,001).
    #expect(got["JO-FMF-JOR-1 FY2023"]! == (419_999_999, 300_000_000), "\(got)")
    #expect(got["JO-FMF-JOR-1 FY2024"]! == (-2_000_000, 0), "\(got)")
    #expect(got["UA-USAI-1 FY2024"]! == (300_000_000, 0), "\(got)")
    #expect(got["UA-USAI-1 FY2025"]! == (0, 120_000_000), "\(got)")
    #expect(got["PL-IMET-1 FY1976"]! == (100_000, 0), "\(got)")
    #expect(got.count == 5, "Mexico, the world row and the regional row are counted, not placed: \(got)")
    #expect(run.out.contains("Mexico") && run.out.contains("United States"), "\(run.out)")
    // No funds-control alert on reported history (no lag, expiry or over-obligation).
    let alerts = try cli.run(["alerts", "--json", "--store", store]).out
    for rule in ["disbursement-lag", "funds-expiring", "over-obligation"] {
      #expect(!alerts.contains(rule), "\(rule) on imported history: \(alerts)")
    }
  }

  /// Issue 26, item 4: an activity that ended (`Activity End Date` before today) is a
  /// closed program; one without an end stays active.
  @Test func anEndedActivityIsAClosedProgram() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let text = """
      Country Code,Country Name,Funding Account Name,Activity ID,Activity Name,Activity Start Date,Activity End Date,Transaction Type Name,Fiscal Year,Current Dollar Amount\r
      JOR,Jordan,Foreign Military Financing Program,OLD-1,Old activity,2015-10-01,2020-09-30,Obligations,2016,1000000\r
      JOR,Jordan,Foreign Military Financing Program,NEW-1,New activity,2023-10-01,NULL,Obligations,2024,2000000\r

      """
    let file = cli.home + "/ended.csv"
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let run = try cli.run(["import", file, "--store", store])
    #expect(run.status == 0, "\(run.err)")
    let csv = try cli.run(["export", "--format", "csv", "--store", store]).out
    let old = try #require(csv.split(separator: "\n").first { $0.contains("JO-FMF-OLD-1") })
    let new = try #require(csv.split(separator: "\n").first { $0.contains("JO-FMF-NEW-1") })
    #expect(old.contains(",closed,") && new.contains(",active,"), "\(old)\n\(new)")
  }

  @Test func anExportImportsBackToTheSamePortfolio() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let a = cli.home + "/a.sapm"
    let b = cli.home + "/b.sapm"
    for s in [a, b] { #expect(try cli.run(["init", "--store", s]).status == 0) }
    #expect(try cli.run(["import", Self.fixture, "--store", a]).status == 0)
    let exported = cli.home + "/a.csv"
    #expect(try cli.run(["export", "--format", "csv", "-o", exported, "--store", a]).status == 0)
    let back = try cli.run(["import", exported, "--store", b])
    #expect(back.status == 0, "\(back.err)")
    #expect(back.out.contains("sapm export CSV"))
    let first = try cli.run(["export", "--format", "csv", "--store", a]).out
    let second = try cli.run(["export", "--format", "csv", "--store", b]).out
    #expect(first == second)
    #expect(first.split(separator: "\n").count == 44)
  }

  /// Imported history counts from the dates the file reports it (issue 26, item 2): a
  /// year's figures from the year's last day, a program from its start or first year,
  /// although every record is written at the time of the import.
  @Test func importedHistoryIsSeenAsOfItsOwnDates() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let imported = try cli.run(["import", Self.fixture, "--store", store])
    #expect(imported.status == 0, "\(imported.err)")
    func overview(_ day: String) throws -> String {
      let r = try cli.run(["overview", "--as-of", day, "--store", store])
      #expect(r.status == 0, "\(r.err)")
      return r.out
    }
    // Poland's FY2020 obligations ($247.1M in the file) are reported at FY2020's end.
    #expect(try overview("2020-09-30").contains("FY2020 available $0, obligated $247.1M"))
    #expect(!(try overview("2020-09-29").contains("obligated $247.1M")))
    // Before anything the file reports, nothing of it; today, all of it.
    #expect(try overview("2015-01-01").contains("0 programs"))
    let csv = try cli.run(["export", "--format", "csv", "--as-of", "2020-09-30", "--store", store])
    #expect(csv.out.contains("PL-NADR-PO-0113-001"))
    #expect(!csv.out.contains(",2021,"), "no FY2021 figure before FY2021 ended")
  }

  /// A later edition whose Activity End Date has passed closes a program an earlier one
  /// imported as active (issue 26, item 4); importing it again changes nothing.
  @Test func aLaterEditionClosesAnEndedActivity() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let header =
      "Country Code,Country Name,Funding Account Name,Activity ID,Activity Name,Activity Start Date,Activity End Date,Transaction Type Name,Fiscal Year,Current Dollar Amount\n"
    func edition(_ name: String, end: String) throws -> String {
      let path = cli.home + "/" + name
      try
        (header
        + "JOR,Jordan,Foreign Military Financing Program,A-1,Spares,2019-10-01,\(end),Obligations,2024,5000000\n")
        .write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let first = try cli.run(["import", try edition("one.csv", end: "2099-09-30"), "--store", store])
    #expect(first.status == 0 && first.out.contains("imported:"), "\(first.out) \(first.err)")
    let later = try edition("two.csv", end: "2020-09-30")
    let second = try cli.run(["import", later, "--store", store])
    #expect(second.status == 0, "\(second.err)")
    let log = try cli.run(["log", "--store", store])
    #expect(
      log.out.contains("status → closed: its activity has ended (imported: ForeignAssistance.gov)"),
      "\(log.out)")
    let again = try cli.run(["import", later, "--store", store])
    #expect(again.out.contains("nothing to import"), "\(again.out)")
  }

  /// sapm's figures equal the file's (issue 26): a file of several countries — one
  /// outside the four regions, a worldwide row, de-obligations with cents,
  /// disbursements in a year with no obligations, a year long past, an account that is
  /// not security assistance — imported, then `sapm export --format csv` summed per
  /// country × account × fiscal year, and compared with Python's csv module reading
  /// the same file by docs/import.md's rules (Tests/Fixtures/foreign-aid-sums.py).
  @Test func theExportEqualsAnIndependentSumOfTheFile() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let file = cli.home + "/several.csv"
    let rows = [
      "JOR,Jordan,Foreign Military Financing Program,FMF-JOR-2023,Grant,2022-10-01,NULL,Obligations,2023,5000000.50",
      "JOR,Jordan,Foreign Military Financing Program,FMF-JOR-2023,Grant,2022-10-01,NULL,Obligations,2023,-5000000.50",
      "JOR,Jordan,Foreign Military Financing Program,FMF-JOR-2024,Grant,2023-10-01,NULL,Obligations,2024,425000000",
      "JOR,Jordan,Foreign Military Financing Program,FMF-JOR-2024,Grant,2023-10-01,NULL,Disbursements,2024,200000000.49",
      "JOR,Jordan,Global Health Programs,GH-1,Clinics,2023-10-01,NULL,Obligations,2024,9000000",
      "UKR,Ukraine,Ukraine Security Assistance Initiative,UA-1,Air defense,2023-10-01,NULL,Obligations,2024,300000000",
      "UKR,Ukraine,Ukraine Security Assistance Initiative,UA-1,Air defense,2023-10-01,NULL,Disbursements,2025,120000000",
      "POL,Poland,\"Nonproliferation, Anti-Terrorism, Demining and Related Programs\",PO-9,Demining,NULL,NULL,Obligations,1976tq,1000",
      "PHL,Philippines,International Military Education and Training,PH-1,Courses,2021-10-01,2022-09-30,Obligations,2022,40000000.49",
      "EGY,Egypt,Foreign Military Financing Program,EG-1,Grant,2023-10-01,NULL,Obligations,2024,1300000000",
      "EGY,Egypt,Foreign Military Financing Program,EG-1,Grant,2023-10-01,NULL,Disbursements,2024,1000000000",
      "MEX,Mexico,International Narcotics Control and Law Enforcement,MX-1,Courts,2023-10-01,NULL,Obligations,2024,7000000",
      "USA,United States,Peacekeeping Operations,WW-1,Worldwide,2023-10-01,NULL,Obligations,2024,3000000",
    ]
    let header =
      "\u{FEFF}Country Code,Country Name,Funding Account Name,Activity ID,Activity Name,Activity Start Date,Activity End Date,Transaction Type Name,Fiscal Year,Current Dollar Amount"
    try ([header] + rows).joined(separator: "\r\n").appending("\r\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    let imported = try cli.run(["import", file, "--store", store])
    #expect(imported.status == 0, "\(imported.err)")
    let python = try cli.run([Self.sumsScript, file], executable: "/usr/bin/python3")
    #expect(python.status == 0, "\(python.err)")
    let alpha3 = ["JO": "JOR", "UA": "UKR", "PL": "POL", "PH": "PHL", "EG": "EGY"]
    var expected: [String: (Int, Int)] = [:]
    for line in python.out.split(separator: "\n") {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 5, alpha3.values.contains(f[0]), let o = Int(f[3]), let d = Int(f[4]) else { continue }
      expected["\(f[0]) \(f[1]) FY\(f[2])"] = (o, d)
    }
    #expect(expected.count == 7, "\(python.out)")
    let export = try cli.run(["export", "--format", "csv", "--store", store])
    #expect(export.status == 0, "\(export.err)")
    var got: [String: (Int, Int)] = [:]
    let lines = export.out.split(separator: "\n").map(String.init)
    let columns = lines.first?.split(separator: ",").map(String.init) ?? []
    func column(_ name: String) -> Int { columns.firstIndex(of: name) ?? -1 }
    for line in lines.dropFirst() {
      let f = Self.csvFields(line)
      guard f.count == columns.count, let code = alpha3[f[column("partner_code")]],
        let year = Int(f[column("fiscal_year")])
      else { continue }
      let account = String(f[column("title")].prefix { $0 != ":" })
      let key = "\(code) \(account) FY\(year)"
      let (o, d) = got[key] ?? (0, 0)
      got[key] = (o + (Int(f[column("obligated")]) ?? 0), d + (Int(f[column("disbursed")]) ?? 0))
    }
    for (key, value) in expected {
      #expect(
        got[key].map { $0 == value } == true, "\(key): file \(value), sapm \(String(describing: got[key]))")
    }
    #expect(Set(got.keys) == Set(expected.keys), "\(got.keys.sorted()) vs \(expected.keys.sorted())")
    // Outside the four regions, or not security assistance: counted in the summary, not in the store.
    #expect(!export.out.contains("MX-1") && !export.out.contains("WW-1") && !export.out.contains("GH-1"))
    #expect(imported.out.contains("Mexico"), "\(imported.out)")
    // Reported history raises no funds-control alert (availability, expiry,
    // over-obligation, disbursement lag judge this office's own money).
    let alerts = try cli.run(["alerts", "--store", store])
    #expect(alerts.out.contains("no open alerts"), "\(alerts.out)")
  }

  /// The fields of one CSV line as RFC 4180 writes them (quotes doubled inside quotes).
  static func csvFields(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars = chars.dropFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(c)
      }
    }
    fields.append(field)
    return fields
  }
}
