/// A partner's programs by authority, side by side: how much of the year's cap or
/// appropriation is used, what has arrived and what is still to come. Ukraine runs
/// on five at once (FMF, PDA, USAI, EDA, IMET); a desk officer compares them here.
public struct AuthorityFigures: Sendable, Hashable {
  public var kind: ProgramKind
  public var programs = 0
  /// The fiscal year's drawdown cap or appropriation; nil where there is none (FMS, EDA).
  public var yearAvailable: Dollars?
  /// Used in the fiscal year: obligations, packages, contracts, allocations; FMS:
  /// the value of cases accepted in the year.
  public var yearUsed = Dollars.zero
  /// Used over the programs' lives (FMS: the value of open cases).
  public var lifeUsed = Dollars.zero
  /// What has arrived: disbursed money, delivered articles; nil for FMS (deliveries
  /// are tracked by the case's own systems).
  public var delivered: Dollars?

  public init(kind: ProgramKind) { self.kind = kind }

  /// Used and not yet delivered.
  public var pending: Dollars? { delivered.map { lifeUsed > $0 ? lifeUsed - $0 : .zero } }

  /// The share of the year's cap or appropriation used, 0…1 (nil without one).
  public var yearShare: Double? {
    guard let a = yearAvailable, a.amount > 0 else { return nil }
    return Double(yearUsed.amount) / Double(a.amount)
  }
}

extension Portfolio {
  /// The partner's authorities in `ProgramKind` order, each with the figures of
  /// `fiscalYear` and of the programs' lives.
  public func authorities(of partner: String, fiscalYear: Int) -> [AuthorityFigures] {
    var byKind: [ProgramKind: AuthorityFigures] = [:]
    for program in programs(of: partner) {
      var f = byKind[program.kind] ?? AuthorityFigures(kind: program.kind)
      f.programs += 1
      let year = program.funding.first { $0.fiscalYear == fiscalYear }
      switch program.kind {
      case .fms:
        if let c = program.fmsCase {
          if c.closed == nil { f.lifeUsed = f.lifeUsed + c.value }
          if let accepted = c.accepted, accepted.fiscalYear == fiscalYear {
            f.yearUsed = f.yearUsed + c.value
          }
        }
      case .eda:
        for t in program.transfers {
          f.lifeUsed = f.lifeUsed + t.value
          if t.fiscalYear == fiscalYear { f.yearUsed = f.yearUsed + t.value }
          f.delivered = (f.delivered ?? .zero) + t.deliveredValue
        }
      case .pda:
        // Its own authorities (supplemental acts) and, once for the partner, FAA
        // §506(a)(1)'s annual cap with what every partner has drawn on it.
        if f.programs == 1 {
          f.yearAvailable = (f.yearAvailable ?? .zero) + policy.drawdownAnnualCap
          f.yearUsed = f.yearUsed + annualDrawdownUsed(fiscalYear)
        }
        f.yearAvailable = (f.yearAvailable ?? .zero) + (year?.available ?? .zero)
        f.yearUsed = f.yearUsed + (year?.obligated ?? .zero)
        f.lifeUsed = f.lifeUsed + program.transfers.reduce(.zero) { $0 + $1.value }
        f.delivered = (f.delivered ?? .zero) + program.transfers.reduce(.zero) { $0 + $1.deliveredValue }
      case .usai:
        f.yearAvailable = (f.yearAvailable ?? .zero) + (year?.available ?? .zero)
        f.yearUsed = f.yearUsed + (year?.obligated ?? .zero)
        f.lifeUsed = f.lifeUsed + program.obligated
        f.delivered = (f.delivered ?? .zero) + program.transfers.reduce(.zero) { $0 + $1.deliveredValue }
      default:
        f.yearAvailable = (f.yearAvailable ?? .zero) + (year?.available ?? .zero)
        f.yearUsed = f.yearUsed + (year?.obligated ?? .zero)
        f.lifeUsed = f.lifeUsed + program.obligated
        f.delivered = (f.delivered ?? .zero) + program.disbursed
      }
      byKind[program.kind] = f
    }
    return ProgramKind.allCases.compactMap { byKind[$0] }
  }
}
