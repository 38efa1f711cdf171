/// A fiscal year's figures as a source reported them (ForeignAssistance.gov's sums of
/// obligations and disbursements, negative rows included): history of the program, shown
/// and exported as reported, never judged by the funds-control rules that watch this
/// office's own money, and no appropriation (its availability is not reported).
public struct ReportedYear: Codable, Sendable, Hashable {
  public var fiscalYear: Int
  public var obligated: Dollars
  public var disbursed: Dollars
  public var source: String

  public init(fiscalYear: Int, obligated: Dollars, disbursed: Dollars, source: String) {
    self.fiscalYear = fiscalYear
    self.obligated = obligated
    self.disbursed = disbursed
    self.source = source
  }
}
