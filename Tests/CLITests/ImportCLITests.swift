import Foundation
import Testing

/// `sapm import` on a fixture in ForeignAssistance.gov's layout with its quirks.
@Suite struct ImportCLITests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/foreign_aid_sample.csv").standardized.path

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
    #expect(real.out.contains("imported: 153 events"))
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
}
