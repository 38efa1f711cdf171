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
  public func expiring(within days: Int, on day: Day) -> [ExpiringFunds] {
    var out: [ExpiringFunds] = []
    for program in programs.values where program.status.isLive {
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
