/// A case's §36(b) figures against its partner's thresholds: what the CSV export
/// and the case list show to answer "which cases cross the threshold?".
public struct CaseNotification: Sendable, Hashable {
  public var program: String
  public var partner: String
  public var identifier: String
  public var stage: String
  public var tier: NotificationTier
  /// Major Defense Equipment, articles and services (design and construction
  /// excluded), and design and construction values.
  public var mde: Dollars
  public var articles: Dollars
  public var construction: Dollars
  public var thresholdMDE: Dollars
  public var thresholdArticles: Dollars
  public var thresholdConstruction: Dollars
  public var required: Bool
  public var transmittal: String?
  public var delivered: Day?
  public var reviewEnds: Day?

  /// "required, not notified" / "notified 2025-04-01, review until …" / "below threshold".
  public func state(on day: Day) -> String {
    if let transmittal, let delivered, let reviewEnds {
      return day < reviewEnds
        ? "\(transmittal) delivered \(delivered), review until \(reviewEnds)"
        : "\(transmittal) delivered \(delivered)"
    }
    return required ? "required, not notified" : "below threshold"
  }
}

extension Portfolio {
  /// The §36(b) figures of a program's FMS case; nil without a case.
  public func caseNotification(_ programID: String) -> CaseNotification? {
    guard let program = programs[programID], let c = program.fmsCase, let partner = partners[program.partner]
    else {
      return nil
    }
    let t = policy.notification(for: partner.tier)
    let construction = c.designAndConstructionValue
    return CaseNotification(
      program: program.id, partner: partner.code, identifier: c.identifier, stage: c.stage,
      tier: partner.tier,
      mde: c.mdeValue, articles: c.value - construction, construction: construction, thresholdMDE: t.mde,
      thresholdArticles: t.articles, thresholdConstruction: t.construction,
      required: policy.requiresNotification(c, tier: partner.tier), transmittal: c.notification?.transmittal,
      delivered: c.notification?.delivered, reviewEnds: c.notification?.reviewEnds)
  }
}
