/// Region and partner figures for the overview, computed once per portfolio change
/// so that a key press never walks a hundred thousand programs.
public struct PortfolioSummary: Sendable {
  public struct Figures: Sendable, Equatable {
    public var programs = 0
    public var value = Dollars.zero
    public var available = Dollars.zero
    public var obligated = Dollars.zero
    public var disbursed = Dollars.zero
    public var alerts = [0, 0, 0]  // info, warning, critical (open only)
    public var pending = 0

    public var alertTotal: Int { alerts.reduce(0, +) }

    public init() {}
  }

  public var regions: [Region: Figures] = [:]
  public var partners: [String: Figures] = [:]
  /// Partners of each region, by name.
  public var partnersByRegion: [Region: [Partner]] = [:]
  public var programAlerts: [String: [Int]] = [:]
  /// Open alerts by severity (info, warning, critical) across the portfolio.
  public var openAlerts = [0, 0, 0]

  public init() {}

  /// Every figure from scratch.
  public init(_ p: Portfolio, alerts: [Alert], day: Day) {
    var index: [String: [Int]] = [:]
    for (i, a) in alerts.enumerated() { index[a.subject.program, default: []].append(i) }
    for region in Region.allCases { partnersByRegion[region] = p.partners(in: region) }
    for code in p.partners.keys { partners[code] = Self.figures(of: code, p, alerts, index, day) }
    for region in Region.allCases { regions[region] = regionFigures(region) }
    for (program, positions) in index where !program.isEmpty {
      let counts = Self.openCounts(positions, alerts)
      if counts != [0, 0, 0] { programAlerts[program] = counts }
    }
    openAlerts = Self.openCounts(alerts.indices, alerts)
  }

  /// The figures again for what changed: the touched programs' alert counts, their
  /// partners' figures, those partners' regions and the totals. The result equals
  /// a summary made from scratch (a property test holds it to that).
  public mutating func update(
    programs: Set<String>, partners codes: Set<String>, _ p: Portfolio, alerts: [Alert],
    alertIndex index: [String: [Int]], day: Day
  ) {
    var touchedRegions = Set<Region>()
    for code in codes {
      guard let partner = p.partners[code] else { continue }
      if !(partnersByRegion[partner.region] ?? []).contains(where: { $0.code == code }) {
        partnersByRegion[partner.region] = p.partners(in: partner.region)
      }
      partners[code] = Self.figures(of: code, p, alerts, index, day)
      touchedRegions.insert(partner.region)
    }
    for region in touchedRegions { regions[region] = regionFigures(region) }
    for program in programs {
      let counts = Self.openCounts(index[program] ?? [], alerts)
      programAlerts[program] = counts == [0, 0, 0] ? nil : counts
    }
    openAlerts = Self.openCounts(alerts.indices, alerts)
  }

  /// One partner's figures: its programs, this fiscal year's money, its open alerts
  /// by severity and its pending requests.
  static func figures(
    of code: String, _ p: Portfolio, _ alerts: [Alert], _ index: [String: [Int]], _ day: Day
  ) -> Figures {
    var f = Figures()
    let fy = day.fiscalYear
    for program in p.programs(of: code) {
      f.programs += 1
      f.value = f.value + program.value
      // A drawdown authority is not money: it stays out of the fiscal year's totals.
      for line in program.funding where line.fiscalYear == fy && program.kind.isAppropriated {
        f.available = f.available + line.available
        f.obligated = f.obligated + line.obligated
        f.disbursed = f.disbursed + line.disbursed
      }
      let counts = openCounts(index[program.id] ?? [], alerts)
      for s in 0..<3 { f.alerts[s] += counts[s] }
      f.pending += p.requests(on: program.id).filter { $0.state.isPending }.count
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
    }
    return r
  }

  static func openCounts(_ positions: some Sequence<Int>, _ alerts: [Alert]) -> [Int] {
    var counts = [0, 0, 0]
    for i in positions where alerts[i].isOpen { counts[alerts[i].severity.rawValue] += 1 }
    return counts
  }
}
