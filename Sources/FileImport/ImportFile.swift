import CSV
import Foundation
import Portfolio
import Session
import Synchronization

/// A file `sapm import` reads, streamed row by row (the complete ForeignAssistance.gov
/// file is 3.2 GB): rows are folded into one figure per program and fiscal year as
/// they are read, so memory follows the number of program-years, not the file.
public enum ImportFile {
  /// What was read: the figures to import and what was left out, and why.
  public struct Reading: Sendable {
    public var format: Format
    public var figures: [ReportedFigures] = []
    public var rows = 0
    /// Rows of accounts that are not security assistance, by account name.
    public var otherAccounts: [String: Int] = [:]
    /// Rows of countries outside the four regions, by country.
    public var outsideRegions: [String: Int] = [:]
    /// Rows for regions or the world rather than a country, by name.
    public var notACountry: [String: Int] = [:]
    /// Program-years whose disbursements exceeded that year's obligations (they pay
    /// earlier years' obligations): recorded obligated at the disbursed figure.
    public var obligationsRaisedToDisbursed = 0
    /// Program-years with net de-obligations: recorded at zero.
    public var netDeobligations = 0
    /// Rows of an export with an FMS case: the case is not part of the CSV.
    public var casesNotImported = 0
  }

  public enum Format: String, Sendable {
    case foreignAssistance = "ForeignAssistance.gov complete CSV"
    case sapmExport = "sapm export CSV"
  }

  /// A row that cannot be read: where, what, and what to do about it.
  public struct Problem: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: String?
    public var value: String?
    public var problem: String
    public var fix: String
    public var description: String {
      "\(file):\(line)" + (column.map { ": column '\($0)'" } ?? "")
        + (value.map { " value '\($0.prefix(60))'" } ?? "") + ": \(problem); \(fix)"
    }
  }

  /// Progress: the bytes read so far (estimated from the rows), the file's size, rows.
  public typealias Progress = (_ read: Int64, _ total: Int64, _ rows: Int) -> Void

  public static let foreignAssistanceSource = "imported: ForeignAssistance.gov"
  public static let exportSource = "imported: sapm export"

  public static func read(path: String, today: Day, progress: Progress? = nil) throws -> Reading {
    // A regular file only: a FIFO or a device would block the read or never end.
    var st = stat()
    guard stat(path, &st) == 0 else {
      throw Problem(
        file: path, line: 0, column: nil, value: nil,
        problem: "cannot be opened (\(String(cString: strerror(errno))))",
        fix: "check the path and its permissions")
    }
    guard (st.st_mode & S_IFMT) == S_IFREG, let stream = InputStream(fileAtPath: path) else {
      throw Problem(
        file: path, line: 0, column: nil, value: nil, problem: "not a regular file",
        fix: "give the CSV file itself (copy it out of a pipe or device first)")
    }
    return try read(stream: stream, name: path, size: Int64(st.st_size), today: today, progress: progress)
  }

  /// The longest field read (a description runs to a few KB; 1 MiB is far beyond any).
  public static let fieldLimit = 1 << 20

  /// Reads an open stream (a file, or bytes in memory for the fuzzer).
  public static func read(
    stream raw: InputStream, name path: String, size: Int64, today: Day, progress: Progress? = nil
  ) throws -> Reading {
    let stream = FieldLimitStream(raw, limit: fieldLimit)
    func tooLong() -> Problem? {
      guard let at = stream.tripped else { return nil }
      return Problem(
        file: path, line: at.line, column: nil, value: nil,
        problem: "field \(at.column) of this line is longer than \(fieldLimit >> 20) MiB",
        fix: "no field of ForeignAssistance.gov's file is that long: check the file's quoting")
    }
    /// Bytes that are not UTF-8 around `line` (at or after the byte count read so far).
    func notUTF8Problem(line: Int, after bytes: Int64) -> Problem {
      Problem(
        file: path, line: line, column: nil, value: nil,
        problem: "bytes that are not UTF-8 in this line (at or after byte \(bytes) of the file)",
        fix: "save the file as UTF-8")
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(stream: stream, hasHeaderRow: true)
    } catch {
      throw Problem(
        file: path, line: 1, column: nil, value: nil, problem: "not readable as CSV (\(error))",
        fix: "give a CSV file")
    }
    if let long = tooLong() { throw long }
    let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
    var parser: RowParser
    if header.contains("Country Code") || header.contains("Funding Account Name") {
      parser = try ForeignAssistanceRows(header: header, file: path, today: today)
    } else if header.contains("partner_code") && header.contains("fiscal_year") {
      parser = try ExportRows(header: header, file: path)
    } else {
      throw Problem(
        file: path, line: 1, column: nil, value: header.prefix(4).joined(separator: ","),
        problem:
          "neither a ForeignAssistance.gov complete CSV (no 'Country Code' column) nor a sapm export (no 'partner_code')",
        fix:
          "give us_foreign_aid_complete.csv from ForeignAssistance.gov, or a file written by 'sapm export --format csv'"
      )
    }
    // Two stages on the two cores: a thread parses the CSV while this one checks and
    // folds the rows, in order (line numbers are counted here).
    let pipe = BatchPipe<[String]>(capacity: 16)
    let source = UncheckedBox(reader)
    // Bytes that are not UTF-8 end the CSV reader's input in the middle of a row (and a
    // later end of file replaces its error): noted as soon as seen, by the parsing
    // thread before it hands the row over, read here after.
    let notUTF8 = NotUTF8()
    let parser_thread = Thread {
      var batch: [[String]] = []
      batch.reserveCapacity(1024)
      while let row = source.value.next() {
        if let e = source.value.error, case CSVError.unicodeDecoding = e { notUTF8.seen = true }
        batch.append(row)
        if batch.count == 1024 {
          pipe.put(batch)
          batch.removeAll(keepingCapacity: true)
          if pipe.isCancelled { return }
        }
      }
      pipe.put(batch)
      pipe.finish(error: source.value.error)
    }
    parser_thread.stackSize = 1 << 22
    parser_thread.start()
    var line = 2
    var bytes = Int64(header.reduce(0) { $0 + $1.utf8.count + 1 })
    var rows = 0
    do {
      while let batch = pipe.take() {
        for row in batch {
          rows += 1
          if row.count == 1, row[0].isEmpty {  // a blank line
            line += 1
            continue
          }
          do {
            try parser.take(row, line: line)
          } catch let problem as Problem {
            // The CSV reader stops a row at bytes that are not UTF-8, and the short row
            // looks like bad quoting: when that is why, say so.
            while pipe.take() != nil {}
            if let long = tooLong() { throw long }
            if notUTF8.seen { throw notUTF8Problem(line: line, after: bytes) }
            throw problem
          }
          var newlines = 1
          for field in row {
            bytes += Int64(field.utf8.count + 1)
            for c in field.utf8 where c == 10 { newlines += 1 }
          }
          line += newlines
        }
        progress?(min(bytes, size), size, rows)
      }
    } catch {
      pipe.cancel()
      throw error
    }
    // CSV.swift reports the end of the file as `cannotReadFile`; anything else is a
    // real failure (bytes that are not UTF-8, a read error).
    if notUTF8.seen { throw notUTF8Problem(line: line, after: bytes) }
    if let long = tooLong() { throw long }
    if let error = pipe.error {
      if case CSVError.cannotReadFile = error {
      } else if case CSVError.unicodeDecoding = error {
        throw notUTF8Problem(line: line, after: bytes)
      } else {
        throw Problem(
          file: path, line: line, column: nil, value: nil, problem: "cannot be read (\(error))",
          fix: "check the file")
      }
    }
    progress?(size, size, rows)
    var reading = parser.reading
    reading.rows = rows
    return reading
  }
}

/// Set by the parsing thread when the input had bytes that are not UTF-8; read once the
/// rows before it are handed over.
final class NotUTF8: Sendable {
  private let flag = Mutex(false)
  var seen: Bool {
    get { flag.withLock { $0 } }
    set { flag.withLock { $0 = newValue } }
  }
}

/// Hands the CSV reader to its parsing thread.
// @unchecked: the reader (not Sendable) is made on the caller's thread and, once boxed,
// used only by the parsing thread; the caller never touches it again.
final class UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

protocol RowParser {
  mutating func take(_ row: [String], line: Int) throws
  var reading: ImportFile.Reading { get }
}

/// Columns by exact header text; a missing one is named with the fix.
struct Columns {
  let index: [String: Int]
  let file: String

  init(_ header: [String], required: [String], file: String) throws {
    var index: [String: Int] = [:]
    for (i, name) in header.enumerated() {
      if let first = index[name], !name.isEmpty {
        // Which of the two holds the figures cannot be guessed: say so.
        throw ImportFile.Problem(
          file: file, line: 1, column: name, value: nil,
          problem: "the header names '\(name)' twice (columns \(first + 1) and \(i + 1))",
          fix: "remove or rename one of the two columns")
      }
      index[name] = i
    }
    self.index = index
    self.file = file
    let missing = required.filter { index[$0] == nil }
    if !missing.isEmpty {
      throw ImportFile.Problem(
        file: file, line: 1, column: missing[0], value: nil,
        problem: "the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", "))",
        fix: "the header text must be exact (it has: \(header.prefix(8).joined(separator: ", "))…)")
    }
  }

  func value(_ row: [String], _ name: String) -> String {
    guard let i = index[name], i < row.count else { return "" }
    return trimmed(row[i])
  }

  /// Column positions looked up once, for the per-row hot path.
  func position(_ name: String) -> Int { index[name] ?? Int.max }
}

/// The field without surrounding spaces; most fields have none, and are returned as is.
@inline(__always) func trimmed(_ s: String) -> String {
  guard let first = s.utf8.first, let last = s.utf8.last else { return s }
  if first != 32 && first != 9 && last != 32 && last != 9 { return s }
  return s.trimmingCharacters(in: .whitespaces)
}

extension Columns {

  func check(_ row: [String], line: Int) throws {
    if row.count < index.values.max().map({ $0 + 1 }) ?? 0 {
      throw ImportFile.Problem(
        file: file, line: line, column: nil, value: nil,
        problem: "\(row.count) fields, the header has \(index.count)", fix: "check the quoting of this row")
    }
  }
}

/// Sanitised text for names and titles: no control characters, bounded.
func cleanText(_ s: String, limit: Int = 120) -> String {
  let kept = s.unicodeScalars.filter {
    $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
  }
  var out = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
  if out.count > limit { out = String(out.prefix(limit - 1)) + "…" }
  return out
}

/// A whole-dollar amount from "1234", "-1,234.56", "$12"; nil for anything else — a
/// control character or a letter anywhere in it included ("1<NUL>00" is not $1).
func parseAmount(_ text: String) -> Dollars? {
  var digits = 0
  var dots = 0
  for (i, c) in text.utf8.enumerated() {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
    case UInt8(ascii: "."): dots += 1
    case UInt8(ascii: ","), UInt8(ascii: "$"): break
    case UInt8(ascii: "-"), UInt8(ascii: "+"): if i != 0 { return nil }
    default: return nil
    }
  }
  guard digits > 0, dots <= 1 else { return nil }
  let t =
    text.utf8.contains(where: { $0 == 44 || $0 == 36 })
    ? text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "") : text
  guard let v = Double(t), v.isFinite, abs(v) < 9e15 else { return nil }
  return Dollars(Int64(v.rounded()))
}

/// A date as the file gives it: "2019-10-01", "2019-10-01 00:00:00", "10/1/2019".
enum ParsedDate: Equatable {
  /// Empty or NULL: the file does not say.
  case absent
  case day(Day)
  /// Text that is not a date, or a date that does not exist ("2020-02-30").
  case unreadable
}

func parseDate(_ text: String) -> ParsedDate {
  let t = text.trimmingCharacters(in: .whitespaces)
  if t.isEmpty || t.uppercased() == "NULL" { return .absent }
  let head = String(t.prefix(10))
  if head.utf8.count == 10, head.utf8.dropFirst(4).first == UInt8(ascii: "-") {
    // ISO: exactly a day that exists, then nothing or a time.
    guard let d = Day(head), t.utf8.count == 10 || t.utf8.dropFirst(10).first == UInt8(ascii: " ") else {
      return .unreadable
    }
    return .day(d)
  }
  let parts = t.split(separator: " ").first?.split(separator: "/").map { Int($0) } ?? []
  if parts.count == 3, let m = parts[0], let d = parts[1], let y = parts[2],
    let day = Day(year: y, month: m, day: d)
  {
    return .day(day)
  }
  return .unreadable
}

struct ForeignAssistanceRows: RowParser {
  static let required = [
    "Country Code", "Country Name", "Funding Account Name", "Activity ID", "Activity Name",
    "Transaction Type Name", "Fiscal Year", "Current Dollar Amount",
  ]
  let columns: Columns
  let file: String
  let today: Day
  /// What was left out, counted as rows are read.
  var counts = ImportFile.Reading(format: .foreignAssistance)

  struct Key: Hashable {
    var program: String
    var fiscalYear: Int
  }
  struct Sums {
    var obligated: Int64 = 0
    var disbursed: Int64 = 0
  }
  var sums: [Key: Sums] = [:]
  var programs:
    [String: (
      country: ForeignAssistance.Country, account: ForeignAssistance.Account, title: String, start: Day?,
      former: String?, ended: Day?
    )] = [:]
  /// Lookups by the exact text of the file: a 3.2 GB file repeats a few hundred
  /// account names and country codes millions of times.
  var accountCache: [String: ForeignAssistance.Account?] = [:]
  var countryCache: [String: ForeignAssistance.Country?] = [:]
  var programCache: [String: String] = [:]

  init(header: [String], file: String, today: Day) throws {
    columns = try Columns(header, required: Self.required, file: file)
    self.file = file
    self.today = today
  }

  func problem(_ line: Int, _ column: String, _ value: String, _ what: String, _ fix: String)
    -> ImportFile.Problem
  {
    ImportFile.Problem(file: file, line: line, column: column, value: value, problem: what, fix: fix)
  }

  mutating func take(_ row: [String], line: Int) throws {
    try columns.check(row, line: line)
    let accountName = columns.value(row, "Funding Account Name")
    let cachedAccount: ForeignAssistance.Account?
    if let hit = accountCache[accountName] {
      cachedAccount = hit
    } else {
      cachedAccount = ForeignAssistance.account(named: accountName)
      accountCache[accountName] = cachedAccount
    }
    guard let account = cachedAccount else {
      counts.otherAccounts[cleanText(accountName, limit: 80), default: 0] += 1
      return
    }
    let code = columns.value(row, "Country Code")
    let cachedCountry: ForeignAssistance.Country?
    if let hit = countryCache[code] {
      cachedCountry = hit
    } else {
      cachedCountry = ForeignAssistance.country(code)
      countryCache[code] = cachedCountry
    }
    guard let country = cachedCountry else {
      let name = cleanText(columns.value(row, "Country Name"), limit: 60)
      let lower = name.lowercased()
      // A regional or worldwide row, or a well-formed code no country has (the files use
      // such codes for regions): counted by code and name, never a stop.
      let wellFormed = (2...3).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isLetter }
      if code.isEmpty || wellFormed || lower.contains("region") || lower.contains("world")
        || lower.contains("global")
      {
        counts.notACountry[
          "\(name.isEmpty ? "(no name)" : name) (\(code.isEmpty ? "no code" : code))", default: 0] += 1
        return
      }
      throw problem(
        line, "Country Code", code, "not a country code (\(name))",
        "ISO 3166-1 alpha-3 (UKR) or alpha-2 (UA): two or three letters")
    }
    guard country.region != nil else {
      counts.outsideRegions["\(country.name) (\(country.alpha3))", default: 0] += 1
      return
    }
    let fyText = columns.value(row, "Fiscal Year")
    guard let fy = Int(fyText.prefix { $0.isNumber }), (1946...2100).contains(fy), fyText.prefix(4).count == 4
    else {
      throw problem(
        line, "Fiscal Year", fyText, "not a fiscal year",
        "a year such as 2024 (or 1976tq for the transition quarter)")
    }
    let amountText = columns.value(row, "Current Dollar Amount")
    guard let amount = parseAmount(amountText) else {
      throw problem(
        line, "Current Dollar Amount", amountText, "not an amount",
        "a dollar figure such as 1250000 or -3000.50")
    }
    let type = columns.value(row, "Transaction Type Name")
    let isObligation = type.first == "O" || type.first == "o"
    guard isObligation || type.first == "D" || type.first == "d" else {
      throw problem(
        line, "Transaction Type Name", type, "neither Obligations nor Disbursements",
        "only those two transaction types are reported")
    }
    let activity = columns.value(row, "Activity ID")
    let cacheKey = country.alpha2 + "|" + account.short + "|" + activity
    let program: String
    if let hit = programCache[cacheKey] {
      program = hit
    } else {
      program = Self.programID(country: country.alpha2, account: account, activity: activity)
      programCache[cacheKey] = program
    }
    if programs[program] == nil {
      let title = cleanText(columns.value(row, "Activity Name"), limit: 80)
      let startText = columns.value(row, "Activity Start Date")
      let start: Day?
      switch parseDate(startText) {
      case .absent: start = nil
      case .day(let d): start = d
      case .unreadable:
        throw problem(
          line, "Activity Start Date", startText, "not a date that exists",
          "YYYY-MM-DD (or M/D/YYYY), a real day; empty or NULL when unknown")
      }
      // The published file's `Activity End Date` (optional): an activity that ended is a
      // closed program, not an active one.
      let endText = columns.value(row, "Activity End Date")
      let ended: Day?
      switch parseDate(endText) {
      case .absent: ended = nil
      case .day(let d): ended = d
      case .unreadable:
        throw problem(
          line, "Activity End Date", endText, "not a date that exists",
          "YYYY-MM-DD (or M/D/YYYY), a real day; empty or NULL when unknown")
      }
      let former = Self.programID(country: country.alpha2, account: account, activity: activity, former: true)
      programs[program] = (
        country, account, "\(account.short): \(title.isEmpty ? activity : title)", start,
        former == program ? nil : former, ended
      )
    }
    var s = sums[Key(program: program, fiscalYear: fy)] ?? Sums()
    if isObligation {
      s.obligated = s.obligated.addingReportingOverflow(amount.amount).partialValue
    } else {
      s.disbursed = s.disbursed.addingReportingOverflow(amount.amount).partialValue
    }
    sums[Key(program: program, fiscalYear: fy)] = s
  }

  /// `UA-USAI-<activity>`: stable across editions, so a later file updates the same
  /// program. An activity ID that begins with the account ("FMF-JOR-2023") is not
  /// prefixed with it again (`JO-FMF-JOR-2023`, not `JO-FMF-FMF-JOR-2023`); `former`
  /// gives the ID earlier builds made, which a store may hold.
  static func programID(
    country: String, account: ForeignAssistance.Account, activity: String, former: Bool = false
  ) -> String {
    let short = account.short.filter { $0.isLetter || $0.isNumber }
    var key = String(activity.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    while key.contains("--") { key = key.replacingOccurrences(of: "--", with: "-") }
    key = key.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    if !former, key.uppercased().hasPrefix(short.uppercased() + "-") {
      key = String(key.dropFirst(short.count + 1))
    }
    if key.isEmpty { key = "NA" }
    if key.count > 28 {
      var h: UInt64 = 1_469_598_103_934_665_603
      for b in activity.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
      key = String(key.prefix(20)) + "-" + String(String(h, radix: 36).prefix(7))
    }
    return "\(country)-\(short)-\(key)"
  }

  var reading: ImportFile.Reading {
    var r = counts
    var figures: [ReportedFigures] = []
    for (key, s) in sums {
      guard let meta = programs[key.program], let region = meta.country.region else { continue }
      if s.disbursed > s.obligated { r.obligationsRaisedToDisbursed += 1 }
      if s.obligated < 0 { r.netDeobligations += 1 }
      let start = meta.start ?? Day.endOfFiscalYear(key.fiscalYear - 1).adding(days: 1)
      // The file's sums exactly, negative ones included: reported history.
      var f = ReportedFigures(
        partner: meta.country.alpha2, partnerName: meta.country.name, region: region,
        tier: meta.country.tier,
        program: key.program, kind: meta.account.kind, title: meta.title,
        status: meta.ended.map { $0 < today } == true ? .closed : .active, start: min(start, today),
        fiscalYear: key.fiscalYear, available: .zero, obligated: Dollars(s.obligated),
        disbursed: Dollars(s.disbursed), formerProgram: meta.former)
      f.asReported = true
      figures.append(f)
    }
    // The earliest start of a program across its years, for every one of its rows.
    var starts: [String: Day] = [:]
    for f in figures { starts[f.program] = min(starts[f.program] ?? f.start, f.start) }
    r.figures = figures.map { f in
      var f = f
      f.start = starts[f.program] ?? f.start
      return f
    }.sorted { ($0.partner, $0.program, $0.fiscalYear ?? 0) < ($1.partner, $1.program, $1.fiscalYear ?? 0) }
    return r
  }
}

/// A file written by `sapm export --format csv`: exact figures, one row per program
/// and fiscal year, imported back as they were exported.
struct ExportRows: RowParser {
  static let required = [
    "region", "partner_code", "partner", "program", "kind", "title", "status", "start", "sunset",
    "fiscal_year",
    "available", "committed", "obligated", "disbursed", "available_until",
  ]
  let columns: Columns
  let file: String
  var reading = ImportFile.Reading(format: .sapmExport)

  init(header: [String], file: String) throws {
    columns = try Columns(header, required: Self.required, file: file)
    self.file = file
  }

  mutating func take(_ row: [String], line: Int) throws {
    try columns.check(row, line: line)
    func need<T>(_ column: String, _ parse: (String) -> T?, _ fix: String) throws -> T {
      let text = columns.value(row, column)
      guard let v = parse(text) else {
        throw ImportFile.Problem(
          file: file, line: line, column: column, value: text, problem: "cannot be read", fix: fix)
      }
      return v
    }
    let region = try need(
      "region", { Region(rawValue: $0) }, "one of europe, indo-pacific, middle-east-africa, ukraine")
    let code = try need("partner_code", { $0.isEmpty ? nil : $0 }, "the partner's ISO code")
    let kind = try need(
      "kind", { ProgramKind(rawValue: $0) }, ProgramKind.allCases.map(\.rawValue).joined(separator: ", "))
    let status = try need(
      "status", { ProgramStatus(rawValue: $0) }, "planned, active, suspended, completed or closed")
    let start = try need("start", { Day($0) }, "YYYY-MM-DD")
    let sunsetText = columns.value(row, "sunset")
    let sunset = sunsetText.isEmpty ? nil : try need("sunset", { Day($0) }, "YYYY-MM-DD, or empty")
    let program = try need("program", { $0.isEmpty ? nil : $0 }, "the program ID")
    let fyText = columns.value(row, "fiscal_year")
    var fy: Int?
    var money: [Dollars] = [.zero, .zero, .zero, .zero]
    var until: Day?
    // A year as a source reported it: no availability, commitment or end (empty).
    let reported =
      !fyText.isEmpty && columns.value(row, "available").isEmpty && columns.value(row, "committed").isEmpty
      && columns.value(row, "available_until").isEmpty
    if !fyText.isEmpty {
      fy = try need("fiscal_year", { Int($0) }, "a year such as 2026")
      for (i, column) in ["available", "committed", "obligated", "disbursed"].enumerated()
      where !(reported && i < 2) {
        money[i] = try need(column, { Int64($0).map(Dollars.init) }, "whole dollars")
      }
      if !reported { until = try need("available_until", { Day($0) }, "YYYY-MM-DD") }
    }
    if !columns.value(row, "case").isEmpty { reading.casesNotImported += 1 }
    var figures = ReportedFigures(
      partner: code, partnerName: cleanText(columns.value(row, "partner"), limit: 60), region: region,
      tier: ForeignAssistance.country(code)?.tier ?? .other, program: program, kind: kind,
      title: cleanText(columns.value(row, "title"), limit: 120), status: status, start: start,
      sunset: sunset,
      fiscalYear: fy, available: money[0], committed: money[1], obligated: money[2], disbursed: money[3],
      availableUntil: until)
    figures.asReported = reported
    reading.figures.append(figures)
  }
}
