import CanonicalJSON
import Portfolio

/// What the command line prints about a portfolio: exports and alert JSON. Built here,
/// below the executable, so a second front end (or a test) gets the same bytes.
public enum Reports {
  static func exportedPrograms(
    _ p: Portfolio, _ region: Region?, partner: String? = nil, program: String? = nil
  )
    -> [(Partner, Program)]
  {
    if let program, let prog = p.programs[program], let owner = p.partners[prog.partner] {
      return [(owner, prog)]
    }
    if let partner, let owner = p.partners[partner] { return p.programs(of: partner).map { (owner, $0) } }
    if program != nil || partner != nil { return [] }
    let regions = region.map { [$0] } ?? Region.allCases
    return regions.flatMap { r in
      p.partners(in: r).flatMap { partner in p.programs(of: partner.code).map { (partner, $0) } }
    }
  }

  /// One CSV row per program and fiscal year (programs without funds get one row).
  public static func csv(
    _ p: Portfolio, region: Region?, partner: String? = nil, program: String? = nil, day: Day
  ) -> String {
    // Each field appended to one string as its row is made: no array of every row.
    var out = ""
    var reserved = false
    forEachCSVRow(p, region: region, partner: partner, program: program, day: day) { row in
      if !reserved {
        out.reserveCapacity(p.programs.count * 220)
        reserved = true
      }
      for (i, field) in row.enumerated() {
        if i > 0 { out.append(",") }
        CSVWriter.append(field, to: &out)
      }
      out.append("\n")
    }
    return out
  }

  /// The same rows as fields, header first: what `:export` writes from a screen.
  public static func csvRows(
    _ p: Portfolio, region: Region?, partner only: String? = nil, program: String? = nil, day: Day
  ) -> [[String]] {
    var lines: [[String]] = []
    forEachCSVRow(p, region: region, partner: only, program: program, day: day) { lines.append($0) }
    return lines
  }

  /// Each CSV row as fields, header first, in order.
  static func forEachCSVRow(
    _ p: Portfolio, region: Region?, partner only: String?, program: String?, day: Day,
    _ emit: ([String]) -> Void
  ) {
    let header = [
      "region", "partner_code", "partner", "program", "kind", "title", "status", "start", "sunset",
      "fiscal_year", "available", "committed", "obligated", "disbursed", "available_until",
      "case", "case_stage", "case_value", "tier", "case_mde", "case_articles", "case_dc", "threshold_mde",
      "threshold_articles", "threshold_dc", "notification_required", "transmittal", "transmittal_date",
      "open_alerts",
    ]
    emit(header)
    for (partner, program) in exportedPrograms(p, region, partner: only, program: program) {
      let base = [
        partner.region.rawValue, partner.code, partner.name, program.id, program.kind.rawValue, program.title,
        program.status.rawValue, program.start.description, program.sunset?.description ?? "",
      ]
      let c = program.fmsCase
      let n = p.caseNotification(program.id)
      let notification =
        n.map {
          [
            String($0.mde.amount), String($0.articles.amount), String($0.construction.amount),
            String($0.thresholdMDE.amount), String($0.thresholdArticles.amount),
            String($0.thresholdConstruction.amount), $0.required ? "yes" : "no", $0.transmittal ?? "",
            $0.delivered?.description ?? "",
          ]
        } ?? Array(repeating: "", count: 9)
      let tail =
        [c?.identifier ?? "", c?.stage ?? "", c.map { String($0.value.amount) } ?? "", partner.tier.rawValue]
        + notification + [String(openAlerts(p, program.id, day))]
      let funding =
        program.funding.isEmpty && program.reported.isEmpty ? [nil] : program.funding.map { Optional($0) }
      // Reported years: the source's obligations and disbursements as reported; their
      // availability, commitments and end are not reported (empty).
      for r in program.reported {
        let money = [
          String(r.fiscalYear), "", "", String(r.obligated.amount), String(r.disbursed.amount), "",
        ]
        emit(base + money + tail)
      }
      for f in funding {
        let money =
          f.map {
            [
              String($0.fiscalYear), String($0.available.amount), String($0.committed.amount),
              String($0.obligated.amount), String($0.disbursed.amount), $0.availableUntil.description,
            ]
          } ?? ["", "", "", "", "", ""]
        emit(base + money + tail)
      }
    }
  }

  /// A program's open alerts on `day`, counted: its rules run without building texts,
  /// and no list of every alert is held (350,000 at scale).
  static func openAlerts(_ p: Portfolio, _ program: String, _ day: Day) -> Int {
    p.openAlertCount(programID: program, on: day)
  }

  /// Partners and programs as one canonical JSON document, written member by member in
  /// canonical (sorted) key order, each program encoded on its own: a tree of every
  /// program at once would hold the whole portfolio twice (100,000 programs at scale).
  public static func json(_ p: Portfolio, region: Region?, partner: String? = nil, day: Day, demo: Bool)
    -> String
  {
    let items = exportedPrograms(p, region, partner: partner)
    let encoder = JSONValueEncoder()
    let partnerCodes = Set(items.map(\.0.code))
    let partners: [JSONValue] = p.partners.values.filter { candidate in
      if let partner { return candidate.code == partner }
      return region == nil || partnerCodes.contains(candidate.code) || candidate.region == region
    }
    .sorted { $0.code < $1.code }.compactMap { try? encoder.encode($0) }
    func member(_ key: String, _ value: JSONValue) -> String {
      let text = CanonicalJSON.string(.object([.init(key, value)]))
      return String(text.dropFirst().dropLast())  // "key":value
    }
    var out = "{"
    out += member("asOf", .string(day.description)) + ","
    out += member("demo", .bool(demo)) + ","
    out += member("partners", .array(partners)) + ","
    out += "\"programs\":["
    var first = true
    // Each program's value built by hand (ProgramJSON.swift), written as bytes into one buffer.
    var programs: [UInt8] = []
    for (_, program) in items {
      if !first { programs.append(UInt8(ascii: ",")) }
      first = false
      CanonicalJSON.write(program.jsonValue, into: &programs)
      // Into the document a megabyte at a time: never the whole list twice.
      if programs.count >= 1 << 20 {
        out += String(decoding: programs, as: UTF8.self)
        programs.removeAll(keepingCapacity: true)
      }
    }
    out += String(decoding: programs, as: UTF8.self)
    out += "],"
    out += member("region", region.map { .string($0.rawValue) } ?? .null) + ","
    out += member("store", .string(p.name))
    return out + "}\n"
  }

  /// One alert as JSON (`sapm alerts --json`).
  public static func alertJSON(_ a: Alert, _ portfolio: Portfolio) -> JSONValue {
    var members: [JSONValue.Member] = [
      .init("id", .string(a.id.description)), .init("rule", .string(a.rule.rawValue)),
      .init("title", .string(a.rule.title)), .init("severity", .string(a.severity.name)),
      .init("region", a.region.map { .string($0.rawValue) } ?? .null),
      .init("partner", .string(a.subject.partner)),
      .init("program", .string(a.subject.program)), .init("message", .string(a.message)),
      .init("began", .string(a.began.description)),
    ]
    if let unit = a.subject.unit { members.append(.init("unit", .string(unit))) }
    if let ack = a.acknowledgement {
      members.append(
        .init(
          "acknowledged",
          .object([
            .init("by", .string(ack.by)), .init("on", .string(ack.on.description)),
            .init("note", .string(ack.note)),
          ])))
    } else {
      members.append(.init("acknowledged", .null))
    }
    return .object(members)
  }
}
