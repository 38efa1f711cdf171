/// Congressional notifications of funds against what they must cover: a partner's
/// obligations of FMF, IMET and PKO money, by account and fiscal year, may not exceed
/// what its cleared CNs notified (FAA §634A; SFOPS §7015; docs/domain.md).
extension Portfolio {
  /// What CNs cover of one account and year on `day`.
  public struct CNCoverage: Sendable, Hashable {
    /// Cleared CNs: what may be obligated.
    public var cleared: Dollars = .zero
    /// Transmitted and neither withdrawn nor cleared yet (the period runs, or a committee holds it).
    public var pending: Dollars = .zero
    /// The CNs counted, in the order transmitted.
    public var notifications: [FundsNotification] = []
  }

  /// The CNs of a partner, in the order transmitted.
  public func notifications(of partner: String) -> [FundsNotification] {
    (notificationsByPartner[partner] ?? []).compactMap { notifications[$0] }
  }

  /// What the CNs of `key` cover on `day`.
  public func coverage(of key: AccountYear, on day: Day) -> CNCoverage {
    coverage(of: key) { day >= $0 }
  }

  /// As `coverage(of:on:)`, asking `reached(d)` whether each day has come (an alert
  /// rule's `Today`).
  /// `collect: false` leaves `notifications` empty: an alert rule asks this for every
  /// funding line of 40,000 programs and needs only the sums.
  func coverage(of key: AccountYear, collect: Bool = true, reached: (Day) -> Bool) -> CNCoverage {
    var out = CNCoverage()
    for number in notificationsByPartner[key.partner] ?? [] {
      guard let n = notifications[number], n.account == key.account, n.fiscalYear == key.fiscalYear else {
        continue
      }
      switch n.status(policy: policy, reached: reached) {
      case .cleared: out.cleared = out.cleared + n.amount
      case .waiting, .held: out.pending = out.pending + n.amount
      case .notYet, .withdrawn: continue
      }
      if collect { out.notifications.append(n) }
    }
    return out
  }

  /// What the partner's programs of `key`'s account have committed and obligated.
  public func figures(of key: AccountYear) -> AccountYearFigures { accountYears[key] ?? AccountYearFigures() }

  /// The account and year an obligation of `program`'s `fiscalYear` funds is held to,
  /// or nil when its account needs no CN.
  public func accountYear(ofProgram id: String, fiscalYear: Int) -> AccountYear? {
    guard let program = programs[id], let account = program.notifiedAccount else { return nil }
    return AccountYear(partner: program.partner, account: account, fiscalYear: fiscalYear)
  }

  /// The program a partner's CNs of `account` are shown on (their cn-hold alerts, the
  /// tracker's Enter): its first live program of that account, else its first of it.
  public func notificationProgram(partner: String, account: String) -> String? {
    var first: String?
    for id in programsByPartner[partner] ?? [] {
      guard let p = programs[id], p.notifiedAccount == account else { continue }
      if first == nil { first = id }
      if p.status.isLive { return id }
    }
    return first
  }

  /// Keeps `accountYears` as funds of a notified account are committed or obligated.
  mutating func noteAccountFlow(_ key: AccountYear, committed: Dollars = .zero, obligated: Dollars = .zero) {
    var f = accountYears[key] ?? AccountYearFigures()
    f.committed = f.committed + committed
    f.obligated = f.obligated + obligated
    accountYears[key] = f
  }

  /// `accountYears` with one program's lines added (a snapshot does not store them:
  /// they are summed as its programs are restored, each read once).
  mutating func addAccountFlows(of program: Program) {
    guard let account = program.notifiedAccount else { return }
    for f in program.funding {
      let key = AccountYear(partner: program.partner, account: account, fiscalYear: f.fiscalYear)
      var sum = accountYears[key] ?? AccountYearFigures()
      sum.committed = sum.committed + f.committed
      sum.obligated = sum.obligated + f.obligated
      accountYears[key] = sum
    }
  }

  /// One line of the CN tracker (`:cns`, `sapm cns`): a CN, or money that needs one.
  public struct CNLine: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
      /// Money committed, obligated or asked for beyond what the CNs transmitted cover.
      case needed
      case hold
      case held
      case cleared
      case withdrawn
    }
    public var state: State
    public var key: AccountYear
    /// The CN's number; nil on a "needed" line.
    public var number: String?
    public var amount: Dollars
    /// Transmitted, hold-until, cleared-since or withdrawn day; nil on a "needed" line.
    public var day: Day?
    public var text: String
  }

  /// Every CN and every account-year still needing one, on `day`: needed first (the
  /// largest first), then holds by the day they end, then cleared and withdrawn, newest
  /// first. `partner` limits it to one partner.
  public func cnLines(on day: Day, partner: String? = nil) -> [CNLine] {
    var keys = Set<AccountYear>()
    let codes = partner.map { [$0] } ?? Array(notificationsByPartner.keys)
    for code in codes {
      for n in notifications(of: code) where n.transmitted <= day {
        keys.insert(AccountYear(partner: n.partner, account: n.account, fiscalYear: n.fiscalYear))
      }
    }
    // Money beyond the CNs: committed or obligated, or asked by an open release-funds request.
    var asked: [AccountYear: Dollars] = [:]
    for r in requests.values where r.kind == .releaseFunds && r.state.isOpen {
      guard let fy = r.fiscalYear, let key = accountYear(ofProgram: r.program, fiscalYear: fy),
        partner.map({ $0 == key.partner }) ?? true
      else { continue }
      asked[key, default: .zero] = asked[key, default: .zero] + r.amount
    }
    for (key, f) in accountYears where partner.map({ $0 == key.partner }) ?? true {
      if f.committed > .zero || f.obligated > .zero { keys.insert(key) }
    }
    keys.formUnion(asked.keys)
    var out: [CNLine] = []
    for key in keys {
      let c = coverage(of: key, on: day)
      let f = figures(of: key)
      let used = max(f.committed, f.obligated)
      let wanted = used + (asked[key] ?? .zero)
      let notified = c.cleared + c.pending
      if wanted > notified {
        var parts = ["\(f.obligated.compact) obligated"]
        if f.committed > f.obligated { parts.append("\(f.committed.compact) committed") }
        if let a = asked[key] { parts.append("\(a.compact) asked by open requests") }
        out.append(
          CNLine(
            state: .needed, key: key, number: nil, amount: wanted - notified, day: nil,
            text:
              "\(parts.joined(separator: ", ")); CNs transmitted cover \(notified.compact) — transmit a CN of \((wanted - notified).compact)"
          ))
      }
      for n in c.notifications {
        switch n.status(on: day, policy: policy) {
        case .waiting(let until):
          out.append(
            CNLine(
              state: .hold, key: key, number: n.number, amount: n.amount, day: until,
              text: "transmitted \(n.transmitted); \(policy.cnWaitDays)-day hold until \(until): \(n.purpose)"
            ))
        case .held(let since, let by):
          out.append(
            CNLine(
              state: .held, key: key, number: n.number, amount: n.amount, day: since,
              text: "held by \(by) since \(since) (transmitted \(n.transmitted)): \(n.purpose)"))
        case .cleared(let since):
          out.append(
            CNLine(
              state: .cleared, key: key, number: n.number, amount: n.amount, day: since,
              text: "transmitted \(n.transmitted), cleared \(since): \(n.purpose)"))
        case .notYet, .withdrawn: break
        }
      }
    }
    for code in codes {
      for n in notifications(of: code) {
        guard case .withdrawn(let on) = n.status(on: day, policy: policy) else { continue }
        out.append(
          CNLine(
            state: .withdrawn,
            key: AccountYear(partner: n.partner, account: n.account, fiscalYear: n.fiscalYear),
            number: n.number, amount: n.amount, day: on,
            text: "transmitted \(n.transmitted), withdrawn \(on): \(n.withdrawalReason ?? "")"))
      }
    }
    func rank(_ s: CNLine.State) -> Int { CNLine.State.allCases.firstIndex(of: s) ?? 0 }
    out.sort { a, b in
      if a.state != b.state { return rank(a.state) < rank(b.state) }
      switch a.state {
      case .needed: return (b.amount, a.key) < (a.amount, b.key)
      case .hold: return (a.day ?? day, a.key) < (b.day ?? day, b.key)
      default: return (b.day ?? day, a.number ?? "") < (a.day ?? day, b.number ?? "")
      }
    }
    return out
  }
}
