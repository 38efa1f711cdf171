/// A congressional notification of funds transmitted to the committees (FAA §634A;
/// SFOPS §7015): obligations of the partner's account and fiscal year may follow once
/// its advance-notice period (`cn.wait.days`, 15) has run.
public struct CNTransmitted: EventPayload {
  public static let type = "cn.transmitted"
  public var number: String
  public var partner: String
  /// FMF, IMET or PKO.
  public var account: String
  public var fiscalYear: Int
  public var amount: Dollars
  public var purpose: String
  public var on: Day

  public init(
    number: String, partner: String, account: String, fiscalYear: Int, amount: Dollars, purpose: String,
    on: Day
  ) {
    self.number = number
    self.partner = partner
    self.account = account
    self.fiscalYear = fiscalYear
    self.amount = amount
    self.purpose = purpose
    self.on = on
  }

  public var summary: String {
    "\(number) transmitted \(on): \(partner) \(account) FY\(fiscalYear) \(amount.compact) — \(purpose)"
  }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard p.partners[partner] != nil else { throw FoldError("no partner '\(partner)'") }
    guard FundsNotification.accounts.contains(account) else {
      throw FoldError(
        "\(number) notifies \(account); sapm tracks CNs of \(FundsNotification.accounts.sorted().joined(separator: ", "))"
      )
    }
    guard p.notifications[number] == nil else { throw FoldError("\(number) is already recorded") }
    guard amount > .zero else { throw FoldError("\(number): a CN's amount must be more than $0") }
    p.notifications[number] = FundsNotification(
      number: number, partner: partner, account: account, fiscalYear: fiscalYear, amount: amount,
      purpose: purpose, transmitted: on)
    p.notificationsByPartner[partner, default: []].append(number)
  }

  public func touch(in portfolio: Portfolio) -> Touch { .partner(partner) }
}

/// A committee (or a member) holds a CN: the office does not obligate against it until
/// the hold is lifted (SFOPS §7015 practice; REFERENCE.md).
public struct CNHeld: EventPayload {
  public static let type = "cn.held"
  public var number: String
  public var on: Day
  /// Who holds it: "SFRC", "HFAC", "SACFO", "HACFO" or a member's office.
  public var by: String

  public init(number: String, on: Day, by: String) {
    self.number = number
    self.on = on
    self.by = by
  }

  public var summary: String { "\(number) held \(on) by \(by)" }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateNotification(number) { (n: inout FundsNotification) throws(FoldError) in
      if let withdrawn = n.withdrawn { throw FoldError("\(number) was withdrawn \(withdrawn)") }
      guard on >= n.transmitted else {
        throw FoldError("\(number) was transmitted \(n.transmitted); it cannot be held before, on \(on)")
      }
      n.held = on
      n.heldBy = by
      n.lifted = nil
    }
  }

  public func touch(in portfolio: Portfolio) -> Touch {
    portfolio.notifications[number].map { .partner($0.partner) } ?? .nothing
  }
}

/// The hold on a CN lifted: it covers obligations once its period has also run.
public struct CNCleared: EventPayload {
  public static let type = "cn.cleared"
  public var number: String
  public var on: Day

  public init(number: String, on: Day) {
    self.number = number
    self.on = on
  }

  public var summary: String { "\(number) hold lifted \(on)" }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateNotification(number) { (n: inout FundsNotification) throws(FoldError) in
      guard let held = n.held, n.lifted == nil else { throw FoldError("\(number) is not held") }
      guard on >= held else {
        throw FoldError("\(number) was held \(held); it cannot be lifted before, on \(on)")
      }
      n.lifted = on
    }
  }

  public func touch(in portfolio: Portfolio) -> Touch {
    portfolio.notifications[number].map { .partner($0.partner) } ?? .nothing
  }
}

/// A CN withdrawn: it covers nothing from that day (what was obligated under it stays).
public struct CNWithdrawn: EventPayload {
  public static let type = "cn.withdrawn"
  public var number: String
  public var on: Day
  public var reason: String

  public init(number: String, on: Day, reason: String) {
    self.number = number
    self.on = on
    self.reason = reason
  }

  public var summary: String { "\(number) withdrawn \(on): \(reason)" }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateNotification(number) { (n: inout FundsNotification) throws(FoldError) in
      guard n.withdrawn == nil else { throw FoldError("\(number) was already withdrawn") }
      guard on >= n.transmitted else {
        throw FoldError(
          "\(number) was transmitted \(n.transmitted); it cannot be withdrawn before, on \(on)")
      }
      n.withdrawn = on
      n.withdrawalReason = reason
    }
  }

  public func touch(in portfolio: Portfolio) -> Touch {
    portfolio.notifications[number].map { .partner($0.partner) } ?? .nothing
  }
}

extension Portfolio {
  mutating func updateNotification(
    _ number: String, _ body: (inout FundsNotification) throws(FoldError) -> Void
  ) throws(FoldError) {
    guard var n = notifications[number] else { throw FoldError("no congressional notification '\(number)'") }
    try body(&n)
    notifications[number] = n
  }
}
