/// A funding line whose availability ends soon, with what is still unobligated: the
/// fiscal year's close, when unobligated money lapses (REFERENCE "Fiscal-year close").
public struct ExpiringFunds: Sendable, Hashable {
  public var partner: String
  public var program: String
  public var fiscalYear: Int
  public var availableUntil: Day
  public var unobligated: Dollars
  /// Days from the day asked about to the last day of availability (0: that day).
  public var daysLeft: Int
}

extension Portfolio {
  /// Every funding line of a live program whose availability ends within `days` of
  /// `day` (today included, already ended excluded) with money still unobligated,
  /// largest balance first — the lines the Funding tabs mark and `funds-expiring` warns of.
  /// `partner`: only that partner's programs (a brief), without walking the others.
  public func expiring(within days: Int, on day: Day, partner: String? = nil) -> [ExpiringFunds] {
    var out: [ExpiringFunds] = []
    let candidates = partner.map { programs(of: $0) } ?? Array(programs.values)
    for program in candidates where program.status.isLive {
      for f in program.funding where f.unobligated > .zero {
        let left = day.days(until: f.availableUntil)
        guard left >= 0, left <= days else { continue }
        out.append(
          ExpiringFunds(
            partner: program.partner, program: program.id, fiscalYear: f.fiscalYear,
            availableUntil: f.availableUntil, unobligated: f.unobligated, daysLeft: left))
      }
    }
    return out.sorted {
      ($0.unobligated, $1.program, $1.fiscalYear) > ($1.unobligated, $0.program, $0.fiscalYear)
    }
  }
}
