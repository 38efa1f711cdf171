/// What a user must not record about congressional notifications of funds, though the
/// fold could apply it: a CN dated in the future, without a number or a purpose, for
/// an account sapm does not hold to CNs, or twice.

private func dated(_ what: String, _ day: Day, _ today: Day) -> [String] {
  day > today ? ["the \(what) date \(day) is in the future (today is \(today))"] : []
}

private func known(_ p: Portfolio, _ number: String) -> [String] {
  p.notifications[number] == nil
    ? ["no congressional notification '\(number)' is recorded (\(p.notifications.count) are)"] : []
}

extension CNTransmitted: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = dated("transmittal", on, today)
    if !number.hasVisibleText { reasons.append("a CN needs its number, e.g. CN 26-117") }
    if p.notifications[number] != nil { reasons.append("\(number) is already recorded") }
    if p.partners[partner] == nil { reasons.append("no partner '\(partner)'") }
    if !FundsNotification.accounts.contains(account) {
      reasons.append(
        "account '\(account)': sapm tracks CNs of \(FundsNotification.accounts.sorted().joined(separator: ", "))"
      )
    }
    if amount <= .zero { reasons.append("a CN's amount must be more than $0") }
    if !purpose.hasVisibleText { reasons.append("say what the CN notifies (its purpose)") }
    if !(1990...2200).contains(fiscalYear) {
      reasons.append("fiscal year \(fiscalYear) is not a year sapm holds")
    }
    return reasons
  }
}

extension CNHeld: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = dated("hold", on, today) + known(p, number)
    if !by.hasVisibleText { reasons.append("say who holds \(number) (a committee or a member's office)") }
    return reasons
  }
}

extension CNCleared: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    dated("clearance", on, today) + known(p, number)
  }
}

extension CNWithdrawn: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = dated("withdrawal", on, today) + known(p, number)
    if !reason.hasVisibleText { reasons.append("say why \(number) is withdrawn") }
    return reasons
  }
}
