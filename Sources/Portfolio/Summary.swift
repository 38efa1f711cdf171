/// Region and partner figures for the overview, computed once per portfolio change
/// so that a key press never walks a hundred thousand programs.
public struct PortfolioSummary: Sendable {
  public struct Figures: Sendable, Equatable, Codable {
    public var programs = 0
    public var value = Dollars.zero
    public var available = Dollars.zero
    public var obligated = Dollars.zero
    public var disbursed = Dollars.zero
    public var alerts = [0, 0, 0]  // info, warning, critical (open only)
    public var pending = 0
    /// LOAs offered by their Anticipated Offer Date, of those offered with one.
    public var offersOnTime = 0
    public var offersWithAOD = 0

    public var alertTotal: Int { alerts.reduce(0, +) }

    public init() {}
  }

  public var regions: [Region: Figures] = [:]
  public var partners: [String: Figures] = [:]
  /// Partners of each region, by name.
  public var partnersByRegion: [Region: [Partner]] = [:]
  /// Each program's open alerts by severity (inline counts: 100,000 of them at scale).
  public var programAlerts: [String: SeverityCounts] = [:]
  /// Open alerts by severity (info, warning, critical) across the portfolio.
  public var openAlerts = [0, 0, 0]

  public init() {}

  /// Every figure from scratch.
  public init(_ p: Portfolio, alerts: [Alert], day: Day) {
    for a in alerts { count(a) }
    finish(p, day)
  }

  /// Every figure from scratch, evaluating each program's rules in turn without keeping
  /// its alerts (a checkpoint's figures after a large read: no list of 350,000 alerts).
  public init(_ p: Portfolio, day: Day) {
    for id in p.programs.keys {
      for a in p.evaluate(programID: id, on: day, messages: false).alerts { count(a) }
    }
    for a in p.integrityAlerts() { count(a) }
    finish(p, day)
  }

  /// One alert into the open counts (an alert about the store has no program).
  mutating func count(_ a: Alert) {
    guard a.isOpen else { return }
    openAlerts[a.severity.rawValue] += 1
    guard a.region != nil else { return }
    programAlerts[a.subject.program, default: SeverityCounts()][a.severity.rawValue] += 1
  }

  /// The same figures with `fiscalYear`'s money (the alert and request counts stay):
  /// what the overview shows for another fiscal year.
  public func forFiscalYear(_ fiscalYear: Int, _ p: Portfolio) -> PortfolioSummary {
    var s = self
    s.finish(p, Day.endOfFiscalYear(fiscalYear))
    return s
  }

  /// The partners' and regions' figures, once the alerts are counted.
  mutating func finish(_ p: Portfolio, _ day: Day) {
    for region in Region.allCases { partnersByRegion[region] = p.partners(in: region) }
    for code in p.partners.keys { partners[code] = figures(of: code, p, day) }
    for region in Region.allCases { regions[region] = regionFigures(region) }
  }

  /// The figures again for what changed: the touched programs' alert counts (from
  /// their `fresh` alerts), their partners' figures, those partners' regions and the
  /// totals. The result equals a summary made from scratch (a property test holds it
  /// to that).
  public mutating func update(
    programs: Set<String>, fresh: [Alert], partners codes: Set<String>, _ p: Portfolio, day: Day
  ) {
    for program in programs {
      for s in 0..<3 { openAlerts[s] -= programAlerts[program]?[s] ?? 0 }
      programAlerts[program] = nil
    }
    for a in fresh where a.isOpen {
      openAlerts[a.severity.rawValue] += 1
      programAlerts[a.subject.program, default: SeverityCounts()][a.severity.rawValue] += 1
    }
    var touchedRegions = Set<Region>()
    for code in codes {
      guard let partner = p.partners[code] else { continue }
      if !(partnersByRegion[partner.region] ?? []).contains(where: { $0.code == code }) {
        partnersByRegion[partner.region] = p.partners(in: partner.region)
      }
      partners[code] = figures(of: code, p, day)
      touchedRegions.insert(partner.region)
    }
    for region in touchedRegions { regions[region] = regionFigures(region) }
  }

  /// One partner's figures: its programs, this fiscal year's money, its open alerts
  /// by severity and its pending requests.
  func figures(of code: String, _ p: Portfolio, _ day: Day) -> Figures {
    var f = Figures()
    let fy = day.fiscalYear
    for program in p.programs(of: code) {
      f.programs += 1
      // A case paid with FMF counts once: the FMF program's money already holds it.
      f.value = f.value + program.value - (program.fmsCase?.fmfFinanced ?? .zero)
      // A drawdown authority is not money: it stays out of the fiscal year's totals.
      for line in program.funding where line.fiscalYear == fy && program.kind.isAppropriated {
        f.available = f.available + line.available
        f.obligated = f.obligated + line.obligated
        f.disbursed = f.disbursed + line.disbursed
      }
      // Reported history counts in the year's obligations and disbursements as reported.
      for r in program.reported where r.fiscalYear == fy && program.kind.isAppropriated {
        f.obligated = f.obligated + r.obligated
        f.disbursed = f.disbursed + r.disbursed
      }
      if let counts = programAlerts[program.id] { for s in 0..<3 { f.alerts[s] += counts[s] } }
      f.pending += p.requests(on: program.id).filter { $0.state.isPending }.count
      if let onTime = program.fmsCase?.offeredOnTime {
        f.offersWithAOD += 1
        if onTime { f.offersOnTime += 1 }
      }
    }
    return f
  }

  /// A region's figures: the sum of its partners'.
  func regionFigures(_ region: Region) -> Figures {
    var r = Figures()
    for partner in partnersByRegion[region] ?? [] {
      guard let f = partners[partner.code] else { continue }
      r.programs += f.programs
      r.value = r.value + f.value
      r.available = r.available + f.available
      r.obligated = r.obligated + f.obligated
      r.disbursed = r.disbursed + f.disbursed
      for s in 0..<3 { r.alerts[s] += f.alerts[s] }
      r.pending += f.pending
      r.offersOnTime += f.offersOnTime
      r.offersWithAOD += f.offersWithAOD
    }
    return r
  }
}

/// As plain arrays (keys sorted), for a checkpoint: its binary coding has no keyed
/// dictionaries.
extension PortfolioSummary: Codable {
  struct Entry<Value: Codable>: Codable {
    var key: String
    var value: Value
  }

  enum CodingKeys: String, CodingKey {
    case regions, partners, partnersByRegion, programAlerts, openAlerts
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    func entries<V>(_ d: [String: V]) -> [Entry<V>] {
      d.keys.sorted().compactMap { k in d[k].map { Entry(key: k, value: $0) } }
    }
    try c.encode(
      entries(Dictionary(uniqueKeysWithValues: regions.map { ($0.key.rawValue, $0.value) })), forKey: .regions
    )
    try c.encode(entries(partners), forKey: .partners)
    try c.encode(
      entries(Dictionary(uniqueKeysWithValues: partnersByRegion.map { ($0.key.rawValue, $0.value) })),
      forKey: .partnersByRegion)
    try c.encode(entries(programAlerts.mapValues(\.array)), forKey: .programAlerts)
    try c.encode(openAlerts, forKey: .openAlerts)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func regionKeyed<V>(_ list: [Entry<V>]) throws -> [Region: V] {
      var d: [Region: V] = [:]
      for e in list {
        guard let region = Region(rawValue: e.key) else {
          throw DecodingError.dataCorruptedError(forKey: .regions, in: c, debugDescription: "unknown region")
        }
        d[region] = e.value
      }
      return d
    }
    regions = try regionKeyed(c.decode([Entry<Figures>].self, forKey: .regions))
    partners = Dictionary(
      try c.decode([Entry<Figures>].self, forKey: .partners).map { ($0.key, $0.value) },
      uniquingKeysWith: { a, _ in a })
    partnersByRegion = try regionKeyed(c.decode([Entry<[Partner]>].self, forKey: .partnersByRegion))
    programAlerts = Dictionary(
      try c.decode([Entry<[Int]>].self, forKey: .programAlerts).map { ($0.key, SeverityCounts($0.value)) },
      uniquingKeysWith: { a, _ in a })
    openAlerts = try c.decode([Int].self, forKey: .openAlerts)
  }
}

/// Open alerts by severity (info, warning, critical), held inline.
public struct SeverityCounts: Sendable, Hashable {
  var counts: (Int32, Int32, Int32) = (0, 0, 0)

  public init() {}

  /// From `[info, warning, critical]` (missing ones are 0).
  public init(_ array: [Int]) {
    for (i, n) in array.prefix(3).enumerated() { self[i] = n }
  }

  public subscript(_ severity: Int) -> Int {
    get {
      switch severity {
      case 0: return Int(counts.0)
      case 1: return Int(counts.1)
      default: return Int(counts.2)
      }
    }
    set {
      switch severity {
      case 0: counts.0 = Int32(clamping: newValue)
      case 1: counts.1 = Int32(clamping: newValue)
      default: counts.2 = Int32(clamping: newValue)
      }
    }
  }

  /// `[info, warning, critical]`.
  public var array: [Int] { [self[0], self[1], self[2]] }

  public static func == (a: SeverityCounts, b: SeverityCounts) -> Bool { a.array == b.array }
  public func hash(into h: inout Hasher) {
    h.combine(counts.0)
    h.combine(counts.1)
    h.combine(counts.2)
  }
}
