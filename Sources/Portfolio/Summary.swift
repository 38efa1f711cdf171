/// Region and partner figures for the overview, computed once per portfolio change
/// so that a key press never walks a hundred thousand programs.
public struct PortfolioSummary: Sendable {
  public struct Figures: Sendable {
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

  public init(_ p: Portfolio, alerts: [Alert], day: Day) {
    let fy = day.fiscalYear
    for region in Region.allCases { partnersByRegion[region] = p.partners(in: region) }
    for program in p.programs.values {
      guard let partner = p.partners[program.partner] else { continue }
      var f = partners[partner.code] ?? Figures()
      var r = regions[partner.region] ?? Figures()
      f.programs += 1
      r.programs += 1
      let value = program.value
      f.value = f.value + value
      r.value = r.value + value
      // A drawdown authority is not money: it stays out of the fiscal year's totals.
      for line in program.funding where line.fiscalYear == fy && program.kind.isAppropriated {
        f.available = f.available + line.available
        f.obligated = f.obligated + line.obligated
        f.disbursed = f.disbursed + line.disbursed
        r.available = r.available + line.available
        r.obligated = r.obligated + line.obligated
        r.disbursed = r.disbursed + line.disbursed
      }
      partners[partner.code] = f
      regions[partner.region] = r
    }
    for request in p.requests.values where request.state.isPending {
      if let code = p.programs[request.program]?.partner, let region = p.partners[code]?.region {
        partners[code, default: Figures()].pending += 1
        regions[region, default: Figures()].pending += 1
      }
    }
    for alert in alerts where alert.isOpen {
      let s = alert.severity.rawValue
      openAlerts[s] += 1
      guard let region = alert.region else { continue }  // about the store, not a region
      partners[alert.subject.partner, default: Figures()].alerts[s] += 1
      regions[region, default: Figures()].alerts[s] += 1
      programAlerts[alert.subject.program, default: [0, 0, 0]][s] += 1
    }
  }
}
