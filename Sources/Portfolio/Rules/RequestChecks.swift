/// The checks a request must pass before it is approved or executed (PRODUCT.md,
/// approval workflow; sources in docs/approvals.md). Each is evaluated on the day of
/// the step, from the portfolio as it then stands, and says why with its figures.
public struct RequestCheck: Sendable, Hashable {
  public enum Kind: String, Sendable, CaseIterable {
    case leahy = "Leahy vetting"
    case notification = "§36(b) notification"
    case restriction = "Country restrictions"
    case funds = "Funds"
    /// A congressional notification of funds clears the money (FAA §634A; SFOPS §7015).
    case congress = "CN"
    case sunset = "Sunset"
  }

  public enum Outcome: Sendable, Hashable {
    case pass, fail, notApplicable
  }

  public var kind: Kind
  public var outcome: Outcome
  public var detail: String

  public var failed: Bool { outcome == .fail }
  /// ✔ / ✘ / – and the check, for screens and the command line.
  public var line: String {
    let mark: String
    switch outcome {
    case .pass: mark = "✔"
    case .fail: mark = "✘"
    case .notApplicable: mark = "–"
    }
    return "\(mark) \(kind.rawValue): \(detail)"
  }
}

extension Portfolio {
  /// Every check of a request on `day`, in a fixed order.
  public func checks(for r: Request, on day: Day) -> [RequestCheck] {
    if r.kind == .changePolicy { return [] }  // no program, no unit, no money: nothing to check
    guard let program = programs[r.program], let partner = partners[program.partner] else {
      return [
        RequestCheck(kind: .funds, outcome: .fail, detail: "program \(r.program) is not in the portfolio")
      ]
    }
    return [
      leahyCheck(r, day), notificationCheck(r, program, partner, day),
      restrictionCheck(r, program, partner, day),
      fundsCheck(r, program, day), cnCheck(r, program, day), sunsetCheck(r, program, day),
    ]
  }

  /// The failing checks as reasons: "Leahy vetting: unit … expired 2026-11-01".
  public func failingChecks(for r: Request, on day: Day) -> [String] {
    checks(for: r, on: day).filter(\.failed).map { "\($0.kind.rawValue): \($0.detail)" }
  }

  /// Every unit named is vetted, cleared and unexpired on `day`.
  func leahyCheck(_ r: Request, _ day: Day) -> RequestCheck {
    guard !r.units.isEmpty else {
      return RequestCheck(kind: .leahy, outcome: .notApplicable, detail: "no unit named")
    }
    var problems: [String] = []
    for id in r.units {
      guard let unit = units[id] else {
        problems.append("unit \(id) is not registered")
        continue
      }
      guard let v = unit.vetting else {
        problems.append("unit \(id) has not been vetted")
        continue
      }
      if v.status.blocks {
        problems.append("unit \(id) vetting \(v.status.rawValue)")
      } else if v.status != .approved {
        problems.append("unit \(id) vetting is \(v.status.rawValue), not approved")
      } else if let expires = v.expires, day >= expires {
        problems.append("unit \(id) vetting expired \(expires)")
      }
    }
    if problems.isEmpty {
      let n = r.units.count
      return RequestCheck(
        kind: .leahy, outcome: .pass, detail: n == 1 ? "unit \(r.units[0]) cleared" : "all \(n) units cleared"
      )
    }
    return RequestCheck(kind: .leahy, outcome: .fail, detail: problems.joined(separator: "; "))
  }

  /// A case over its tier's threshold is notified and its review period has run.
  func notificationCheck(_ r: Request, _ program: Program, _ partner: Partner, _ day: Day) -> RequestCheck {
    guard r.kind == .offerLOA || r.kind == .deliver, let c = program.fmsCase else {
      return RequestCheck(kind: .notification, outcome: .notApplicable, detail: "no FMS case involved")
    }
    if policy.requiresNotification(c, tier: partner.tier) {
      guard let n = c.notification else {
        let t = policy.notification(for: partner.tier)
        return RequestCheck(
          kind: .notification, outcome: .fail,
          detail:
            "case \(c.identifier) \(c.value.compact) (MDE \(c.mdeValue.compact)) meets the \(partner.tier.title) threshold (MDE \(t.mde.compact) / total \(t.articles.compact)); no transmittal delivered"
        )
      }
      if day < n.reviewEnds {
        return RequestCheck(
          kind: .notification, outcome: .fail,
          detail: "transmittal \(n.transmittal) delivered \(n.delivered); review runs until \(n.reviewEnds)")
      }
      return RequestCheck(
        kind: .notification, outcome: .pass,
        detail: "transmittal \(n.transmittal) delivered \(n.delivered); review ended \(n.reviewEnds)")
    }
    return RequestCheck(
      kind: .notification, outcome: .pass,
      detail: "case \(c.identifier) \(c.value.compact) is below the \(partner.tier.title) thresholds")
  }

  /// No restriction on the partner is in force without a waiver for this program.
  func restrictionCheck(_ r: Request, _ program: Program, _ partner: Partner, _ day: Day) -> RequestCheck {
    // A waiver is what lifts the restriction for the program: the one it waives does not
    // block it (the others still do).
    let active = partner.activeRestrictions(on: day).filter {
      r.kind != .waiveRestriction || $0.kind != r.restriction
    }
    let blocking = active.filter { !$0.waivedPrograms.contains(program.id) }
    if !blocking.isEmpty {
      return RequestCheck(
        kind: .restriction, outcome: .fail,
        detail: blocking.map {
          "\(partner.name) under \($0.kind.title) since \($0.since), no waiver for \(program.id)"
        }
        .joined(separator: "; "))
    }
    if !active.isEmpty {
      return RequestCheck(
        kind: .restriction, outcome: .pass,
        detail: "\(active.map(\.kind.title).joined(separator: ", ")) waived for \(program.id)")
    }
    return RequestCheck(kind: .restriction, outcome: .pass, detail: "none in force on \(partner.name)")
  }

  /// Enough unobligated money in a fiscal year still open for new obligations.
  func fundsCheck(_ r: Request, _ program: Program, _ day: Day) -> RequestCheck {
    guard r.kind == .releaseFunds || r.fiscalYear != nil else {
      return RequestCheck(kind: .funds, outcome: .notApplicable, detail: "no funds released")
    }
    guard let fy = r.fiscalYear else {
      return RequestCheck(kind: .funds, outcome: .fail, detail: "no fiscal year given")
    }
    // A drawdown program without an authority of its own that year draws on FAA
    // §506(a)(1)'s annual cap, shared by every partner.
    if program.kind == .pda, !program.funding.contains(where: { $0.fiscalYear == fy }) {
      let left = policy.drawdownAnnualCap - annualDrawdownUsed(fy)
      if day > Day.endOfFiscalYear(fy) {
        return RequestCheck(
          kind: .funds, outcome: .fail,
          detail: "FY\(fy)'s §506(a)(1) authority ended \(Day.endOfFiscalYear(fy))")
      }
      return r.amount > left
        ? RequestCheck(
          kind: .funds, outcome: .fail,
          detail:
            "\(r.amount.compact) asked; FAA §506(a)(1)'s FY\(fy) cap has \(left.compact) left of \(policy.drawdownAnnualCap.compact) for every partner"
        )
        : RequestCheck(
          kind: .funds, outcome: .pass,
          detail:
            "\(r.amount.compact) of \(left.compact) left of FAA §506(a)(1)'s FY\(fy) cap (every partner's)")
    }
    guard let f = program.funding.first(where: { $0.fiscalYear == fy }) else {
      return RequestCheck(kind: .funds, outcome: .fail, detail: "\(program.id) has no FY\(fy) funds")
    }
    if day > f.availableUntil {
      return RequestCheck(
        kind: .funds, outcome: .fail,
        detail: "FY\(fy) funds were available for new obligations until \(f.availableUntil)")
    }
    if r.amount > f.unobligated {
      return RequestCheck(
        kind: .funds, outcome: .fail,
        detail:
          "\(r.amount.compact) asked, FY\(fy) has \(f.unobligated.compact) unobligated of \(f.available.compact)"
      )
    }
    return RequestCheck(
      kind: .funds, outcome: .pass,
      detail:
        "\(r.amount.compact) of \(f.unobligated.compact) unobligated FY\(fy), available until \(f.availableUntil)"
    )
  }

  /// FMF, IMET or PKO money is obligated only as far as the partner's cleared CNs of
  /// that account and fiscal year cover it, with what is already obligated.
  func cnCheck(_ r: Request, _ program: Program, _ day: Day) -> RequestCheck {
    guard r.kind == .releaseFunds, let fy = r.fiscalYear, program.kind.transferKind == nil,
      let key = accountYear(ofProgram: program.id, fiscalYear: fy)
    else {
      return RequestCheck(
        kind: .congress, outcome: .notApplicable, detail: "no FMF, IMET or PKO money obligated")
    }
    let c = coverage(of: key, on: day)
    let obligated = figures(of: key).obligated
    let after = obligated + r.amount
    let title = key.title(partners[key.partner]?.name ?? key.partner)
    let numbers = { (state: (FundsNotification.Status) -> Bool) in
      c.notifications.filter { state($0.status(on: day, policy: self.policy)) }.map(\.number)
    }
    if after <= c.cleared {
      let cleared = numbers { if case .cleared = $0 { return true } else { return false } }
      return RequestCheck(
        kind: .congress, outcome: .pass,
        detail:
          "\(title): \(obligated.compact) obligated + \(r.amount.compact) asked within \(c.cleared.compact) cleared (\(cleared.joined(separator: ", ")))"
      )
    }
    var detail =
      "\(title): \(obligated.compact) obligated + \(r.amount.compact) asked is \(after.compact) against \(c.cleared.compact) cleared by CNs"
    let waiting = c.notifications.compactMap { n -> String? in
      switch n.status(on: day, policy: policy) {
      case .waiting(let until):
        return "\(n.number) (\(n.amount.compact)) is on its \(policy.cnWaitDays)-day hold until \(until)"
      case .held(let since, let by):
        return "\(n.number) (\(n.amount.compact)) is held by \(by) since \(since)"
      default: return nil
      }
    }
    if !waiting.isEmpty { detail += "; " + waiting.joined(separator: "; ") }
    if after > c.cleared + c.pending {
      detail +=
        "; transmit a CN of \((after - c.cleared - c.pending).compact) for \(title) \(policy.cnWaitDays) days before obligating (FAA §634A)"
    }
    return RequestCheck(kind: .congress, outcome: .fail, detail: detail)
  }

  /// The program has not passed its sunset (unless this request extends it).
  func sunsetCheck(_ r: Request, _ program: Program, _ day: Day) -> RequestCheck {
    guard let sunset = program.sunset else {
      return RequestCheck(kind: .sunset, outcome: .notApplicable, detail: "no sunset set")
    }
    if r.kind == .extendSunset {
      guard let until = r.until else {
        return RequestCheck(kind: .sunset, outcome: .fail, detail: "no new sunset date given")
      }
      return until > sunset
        ? RequestCheck(kind: .sunset, outcome: .pass, detail: "extends \(sunset) to \(until)")
        : RequestCheck(
          kind: .sunset, outcome: .fail, detail: "\(until) is not after the current sunset \(sunset)")
    }
    if day > sunset {
      return RequestCheck(
        kind: .sunset, outcome: .fail,
        detail: "\(program.id) passed its sunset \(sunset) without an extension")
    }
    return RequestCheck(kind: .sunset, outcome: .pass, detail: "sunset \(sunset)")
  }
}
