/// The instruments and authorities of security assistance: the five of the State
/// Department's programs, and the four Ukraine and partner capacity run on
/// (REFERENCE.md, "Other authorities").
public enum ProgramKind: String, Codable, Sendable, CaseIterable {
  case fmf = "FMF"
  case fms = "FMS"
  case imet = "IMET"
  case securityCooperation = "SC"
  case ssr = "SSR"
  /// Presidential drawdown, FAA §506: articles from DoD stocks against a year's authority.
  case pda = "PDA"
  /// Ukraine Security Assistance Initiative: DoD contracts for new production.
  case usai = "USAI"
  /// 10 USC 333 train-and-equip.
  case section333 = "333"
  /// Excess Defense Articles, FAA §516.
  case eda = "EDA"

  public var title: String {
    switch self {
    case .fmf: return "Foreign Military Financing"
    case .fms: return "Foreign Military Sales"
    case .imet: return "International Military Education and Training"
    case .securityCooperation: return "Security cooperation"
    case .ssr: return "Security-sector reform"
    case .pda: return "Presidential drawdown (FAA §506)"
    case .usai: return "Ukraine Security Assistance Initiative"
    case .section333: return "Section 333 train and equip"
    case .eda: return "Excess Defense Articles (FAA §516)"
    }
  }

  /// Whether the program's funding lines are money appropriated (obligated,
  /// disbursed, cancelled) rather than an authority to draw down stocks (PDA) or a
  /// transfer of surplus articles (EDA, which has no lines).
  public var isAppropriated: Bool { self != .pda && self != .eda }

  /// The kind of transfer recorded on the program: packages, contracts, allocations.
  public var transferKind: TransferKind? {
    switch self {
    case .pda: return .drawdown
    case .usai: return .contract
    case .eda: return .eda
    default: return nil
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

  /// What lapsed at the fiscal year's close: the balance left unobligated when the
  /// availability ended (zero while it is current, or when all was obligated).
  public func lapsed(on day: Day) -> Dollars {
    day > availableUntil && unobligated > .zero ? unobligated : .zero
  }

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
  /// Drawdown packages, USAI contracts or EDA allocations (by `kind`).
  public var transfers: [Transfer]
  /// Congressional notifications under the program's authority (USAI obligations,
  /// §333 programs, EDA transfers); FMS transmittals sit on the case.
  public var notices: [Notice]
  /// Components a program includes (a §333 program's human-rights training).
  public var components: [ProgramComponent]
  /// Golden Sentry and Blue Lantern checks and their findings.
  public var findings: [EUMFinding]
  /// Students enrolled in courses (IMET), each by an executed request.
  public var enrolments: [Enrolment]
  /// Years as a source reported them (an import), in fiscal-year order.
  public var reported: [ReportedYear] = []

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
    self.transfers = []
    self.notices = []
    self.components = []
    self.findings = []
    self.enrolments = []
  }

  public var available: Dollars { funding.reduce(.zero) { $0 + $1.available } }
  public var committed: Dollars { funding.reduce(.zero) { $0 + $1.committed } }
  public var obligated: Dollars { funding.reduce(.zero) { $0 + $1.obligated } }
  public var disbursed: Dollars { funding.reduce(.zero) { $0 + $1.disbursed } }
  /// This program's packages on FAA §506(a)(1)'s annual cap in `fiscalYear`.
  public func annualCapPackages(_ fiscalYear: Int) -> [Transfer] {
    transfers.filter { $0.drawsOnAnnualCap && $0.fiscalYear == fiscalYear }
  }

  /// What this program drew on the annual cap in `fiscalYear`.
  public func annualCapDrawn(_ fiscalYear: Int) -> Dollars {
    annualCapPackages(fiscalYear).reduce(.zero) { $0 + $1.value }
  }

  /// Net obligations and disbursements as reported, over every year reported.
  public var reportedObligated: Dollars { reported.reduce(.zero) { $0 + $1.obligated } }
  public var reportedDisbursed: Dollars { reported.reduce(.zero) { $0 + $1.disbursed } }

  /// The headline value: the case value for FMS, the packages drawn down (not the
  /// authority) for PDA, the articles' original value for EDA, otherwise the money
  /// made available.
  public var value: Dollars {
    if let c = fmsCase, c.value > .zero { return c.value }
    switch kind {
    case .pda, .eda: return transfers.reduce(.zero) { $0 + $1.value }
    default:
      // A program known only from a source's report is worth what it reports obligated.
      return funding.isEmpty && !reported.isEmpty ? max(.zero, reportedObligated) : available
    }
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

extension Program {
  /// What the Kind column shows: the funding account for an imported program whose ID
  /// names one (NADR, PKO, INCLE rather than all "SC"), else the kind.
  public var kindLabel: String { ForeignAssistance.account(ofProgram: id) ?? kind.rawValue }
}
