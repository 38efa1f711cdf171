/// Congressional notifications of funds (FAA §634A, 22 USC 2394-1; SFOPS §7015): money
/// of a notified account (FMF, IMET, PKO) committed or obligated beyond what the
/// partner's CNs cover, and CNs whose advance-notice period runs or that a committee
/// holds. Edges are in `docs/domain.md` and pinned by `CongressionalNotificationTests`.
extension AlertRules {
  func fundsNotifications() {
    guard let account = program.notifiedAccount else { return }
    let reached: (Day) -> Bool = { self.day >= $0 }
    for f in program.funding where f.obligated > .zero || f.committed > .zero {
      let key = AccountYear(partner: partner.code, account: account, fiscalYear: f.fiscalYear)
      let totals = portfolio.figures(of: key)
      let c = portfolio.coverage(of: key, collect: false, reached: reached)
      let title = key.title(partner.name)
      if f.obligated > .zero, totals.obligated > c.cleared {
        add(
          .cnRequired, .critical, f.firstObligation ?? program.start,
          "\(title): \(totals.obligated.compact) obligated against \(c.cleared.compact) cleared by CNs; \((totals.obligated - c.cleared).compact) obligated without a cleared CN (FAA §634A)",
          detail: "FY\(f.fiscalYear)")
      } else if f.committed > .zero, totals.committed > c.cleared + c.pending {
        let short = totals.committed - (c.cleared + c.pending)
        add(
          .cnRequired, .warning, program.start,
          "\(title): \(totals.committed.compact) committed, CNs transmitted cover \((c.cleared + c.pending).compact); transmit a CN of \(short.compact) at least 15 days before obligating",
          detail: "FY\(f.fiscalYear)")
      }
    }
    // Holds are shown on one program of the account, found only when there is a hold
    // (finding it reads the partner's programs).
    var anchor: Bool?
    func shownHere() -> Bool {
      if anchor == nil {
        anchor = portfolio.notificationProgram(partner: partner.code, account: account) == program.id
      }
      return anchor == true
    }
    for number in portfolio.notificationsByPartner[partner.code] ?? [] {
      guard let n = portfolio.notifications[number], n.account == account else { continue }
      switch n.status(policy: policy, reached: reached) {
      case .waiting(let until):
        guard shownHere() else { return }
        add(
          .cnHold, .info, n.transmitted,
          "\(n.number) (\(account) FY\(n.fiscalYear) \(n.amount.compact)) transmitted \(n.transmitted); \(policy.cnWaitDays)-day hold until \(until), obligations from \(until.adding(days: 1)): \(n.purpose)",
          detail: n.number)
      case .held(let since, let by):
        guard shownHere() else { return }
        add(
          .cnHold, .info, since,
          "\(n.number) (\(account) FY\(n.fiscalYear) \(n.amount.compact)) held by \(by) since \(since); nothing is obligated under it until the hold is lifted",
          detail: n.number)
      case .notYet, .cleared, .withdrawn: continue
      }
    }
  }
}
