/// The five instruments of security assistance.
public enum ProgramKind: String, Codable, Sendable, CaseIterable {
  case fmf = "FMF"
  case fms = "FMS"
  case imet = "IMET"
  case securityCooperation = "SC"
  case ssr = "SSR"

  public var title: String {
    switch self {
    case .fmf: return "Foreign Military Financing"
    case .fms: return "Foreign Military Sales"
    case .imet: return "International Military Education and Training"
    case .securityCooperation: return "Security cooperation"
    case .ssr: return "Security-sector reform"
    }
  }
}

public enum ProgramStatus: String, Codable, Sendable, CaseIterable {
  case planned, active, suspended, completed, closed

  /// Whether money and obligations may still move: the rules that watch a live program apply.
  public var isLive: Bool { self == .active || self == .suspended }
}

/// Money for one fiscal year of a program: appropriation → commitment → obligation →
/// disbursement, with the last day the budget authority may be obligated.
public struct Funding: Codable, Sendable, Hashable {
  public var fiscalYear: Int
  public var available: Dollars
  public var committed: Dollars
  public var obligated: Dollars
  public var disbursed: Dollars
  /// Last day on which the funds may be newly obligated.
  public var availableUntil: Day
  /// Day of the first obligation, for the disbursement-lag rule.
  public var firstObligation: Day?

  public init(
    fiscalYear: Int, available: Dollars = .zero, committed: Dollars = .zero, obligated: Dollars = .zero,
    disbursed: Dollars = .zero, availableUntil: Day, firstObligation: Day? = nil
  ) {
    self.fiscalYear = fiscalYear
    self.available = available
    self.committed = committed
    self.obligated = obligated
    self.disbursed = disbursed
    self.availableUntil = availableUntil
    self.firstObligation = firstObligation
  }

  public var unobligated: Dollars { available - obligated }

  /// The day the account closes: 30 September of the fifth fiscal year after its
  /// availability ended (31 USC 1552; `funds.expired.years`).
  public func cancels(policy: Policy) -> Day {
    Day.endOfFiscalYear(availableUntil.fiscalYear + policy.expiredAuthorityYears)
  }

  /// Current (new obligations allowed), expired (only adjustments: de-obligations and
  /// disbursements of what was obligated) or cancelled (nothing moves).
  public func phase(on day: Day, policy: Policy) -> FundsPhase {
    day <= availableUntil ? .current : day <= cancels(policy: policy) ? .expired : .cancelled
  }
}

public enum FundsPhase: String, Sendable, Hashable, CaseIterable {
  case current, expired, cancelled
}

/// A security-assistance program: one instrument for one partner.
public struct Program: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var partner: String
  public var kind: ProgramKind
  public var title: String
  public var status: ProgramStatus
  public var start: Day
  public var sunset: Day?
  /// Funding lines, one per fiscal year, in fiscal-year order.
  public var funding: [Funding]
  public var fmsCase: FMSCase?
  /// Recipient units funded by this program.
  public var units: [String]
  public var conditions: [Condition]
  public var metrics: [Metric]
  public var eum: [EUMItem]

  public init(
    id: String, partner: String, kind: ProgramKind, title: String, status: ProgramStatus, start: Day,
    sunset: Day? = nil
  ) {
    self.id = id
    self.partner = partner
    self.kind = kind
    self.title = title
    self.status = status
    self.start = start
    self.sunset = sunset
    self.funding = []
    self.fmsCase = nil
    self.units = []
    self.conditions = []
    self.metrics = []
    self.eum = []
  }

  public var available: Dollars { funding.reduce(.zero) { $0 + $1.available } }
  public var committed: Dollars { funding.reduce(.zero) { $0 + $1.committed } }
  public var obligated: Dollars { funding.reduce(.zero) { $0 + $1.obligated } }
  public var disbursed: Dollars { funding.reduce(.zero) { $0 + $1.disbursed } }

  /// The headline value: the case value for FMS, otherwise the money made available.
  public var value: Dollars {
    if let c = fmsCase, c.value > .zero { return c.value }
    return available
  }

  /// Obligated share of available funds, 0…1 (0 when nothing is available).
  public var obligatedFraction: Double {
    available.amount > 0 ? Double(obligated.amount) / Double(available.amount) : 0
  }

  mutating func withFunding(_ fiscalYear: Int, default until: Day, _ body: (inout Funding) -> Void) {
    if let i = funding.firstIndex(where: { $0.fiscalYear == fiscalYear }) {
      body(&funding[i])
    } else {
      var line = Funding(fiscalYear: fiscalYear, availableUntil: until)
      body(&line)
      let at = funding.firstIndex { $0.fiscalYear > fiscalYear } ?? funding.count
      funding.insert(line, at: at)
    }
  }
}
