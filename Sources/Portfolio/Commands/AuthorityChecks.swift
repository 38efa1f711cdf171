/// What a user must not record under the authorities outside FMS and FMF, though the
/// fold could apply it: a package over the year's drawdown authority, a contract on
/// an appropriation that has expired, an EDA delivery Congress has not been told of.

private func notInFuture(_ what: String, _ day: Day, _ today: Day) -> [String] {
  day > today ? ["the \(what) date \(day) is in the future (today is \(today))"] : []
}

/// A package or contract counts against its fiscal year's authority or appropriation:
/// it must exist, still be current on the day, and have room for the value.
private func againstFiscalYear(
  _ p: Portfolio, program: String, fiscalYear: Int, on: Day, lines: [TransferLine], what: String
) -> [String] {
  guard let prog = p.programs[program] else { return [] }  // the fold names it
  let authority = prog.kind == .pda ? "drawdown authority" : "appropriation"
  guard let f = prog.funding.first(where: { $0.fiscalYear == fiscalYear }) else {
    return ["\(program) has no FY\(fiscalYear) \(authority); record it (funds.available) first"]
  }
  var reasons: [String] = []
  if on > f.availableUntil {
    reasons.append(
      "\(program) FY\(fiscalYear) \(authority) could be used until \(f.availableUntil); \(on) is after it")
  }
  var value = Dollars.zero
  for line in lines {
    guard let sum = try? value.plus(line.value, what) else { return reasons + ["\(what) value overflows"] }
    value = sum
  }
  if value > f.unobligated {
    reasons.append(
      "\(what) \(value.compact) exceeds what is left of \(program)'s FY\(fiscalYear) \(authority): \(f.unobligated.compact) of \(f.available.compact)"
    )
  }
  return reasons
}

extension DrawdownPackageAnnounced: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    guard Transfer.drawsOnAnnualCap(kind: .drawdown, basis: basis) else {
      return notInFuture("determination", determined, today)
        + againstFiscalYear(
          p, program: program, fiscalYear: fiscalYear, on: determined, lines: articles,
          what: "package \(package)")
    }
    // FAA §506(a)(1)'s cap is one figure a year for every partner: what any partner's
    // packages drew on it that year counts.
    var reasons = notInFuture("determination", determined, today)
    if determined > Day.endOfFiscalYear(fiscalYear) {
      reasons.append("package \(package) is determined \(determined), after FY\(fiscalYear) ended")
    }
    let cap = p.policy.drawdownAnnualCap
    let used = p.annualDrawdownUsed(fiscalYear)
    let value = articlesValue(articles)
    if value > cap - used {
      reasons.append(
        "package \(package) \(value.compact) exceeds what is left of FAA §506(a)(1)'s FY\(fiscalYear) cap (\(cap.compact) for every partner): \((cap - used).compact) left, \(used.compact) drawn"
      )
    }
    return reasons
  }
}

extension USAIContractAwarded: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    notInFuture("award", awarded, today)
      + againstFiscalYear(
        p, program: program, fiscalYear: fiscalYear, on: awarded, lines: articles,
        what: "contract \(contract)")
  }
}

extension EDAAllocated: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    notInFuture("allocation", on, today)
  }
}

extension TransferDelivered: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = notInFuture("delivery", on, today)
    guard let prog = p.programs[program], let t = prog.transfers.first(where: { $0.id == transfer }) else {
      return reasons  // the fold names what is missing
    }
    if on < t.on { reasons.append("\(transfer) dates from \(t.on); a delivery on \(on) is before it") }
    if let a = t.articles.first(where: { $0.item == item }),
      quantity < 1 || a.delivered + quantity > a.quantity
    {
      reasons.append(
        "\(transfer) '\(item)': \(quantity) would make \(a.delivered + quantity) of \(a.quantity) delivered; \(a.quantity - a.delivered) still to come"
      )
    }
    // EDA over the threshold or with SME: Congress is told before the first delivery.
    let policy = p.policy
    if t.kind == .eda, t.firstDelivery == nil, t.value >= policy.edaNotifyAmount || t.hasSME {
      let by = on.adding(days: -policy.edaNotifyDays)
      if !prog.notices.contains(where: { $0.transfer == transfer && $0.on <= by }) {
        reasons.append(
          "EDA \(transfer) (\(t.hasSME ? "significant military equipment" : "original value \(t.value.compact)")) needs notification to Congress by \(by), \(policy.edaNotifyDays) days before delivery; record it (authority.notified) first"
        )
      }
    }
    return reasons
  }
}

extension CongressNotified: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = notInFuture("notification", on, today)
    if let amount, amount <= .zero { reasons.append("a notified amount must be more than $0") }
    return reasons
  }
}

extension ComponentAdded: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = notInFuture("component", on, today)
    if !description.hasVisibleText {
      reasons.append("say what the component is (a course, a curriculum)")
    }
    return reasons
  }
}

extension EUMFindingRecorded: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = notInFuture("finding", on, today)
    if result == .derogatory, !note.hasVisibleText {
      reasons.append("a derogatory finding needs a note saying what was found")
    }
    return reasons
  }
}

extension CaseInformalReviewStarted: CheckedEvent {
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    notInFuture("informal review", on, today)
  }
}

extension CaseNotified: CheckedEvent {
  /// The formal transmittal waits for informal review to run its course.
  public func problems(in p: Portfolio, actor: String, today: Day) -> [String] {
    var reasons = notInFuture("transmittal", delivered, today)
    if let c = p.programs[program]?.fmsCase, let started = c.informalReview {
      let ends = started.adding(days: p.policy.informalReviewDays)
      if delivered < ends {
        reasons.append(
          "case \(c.identifier) is in informal tiered review until \(ends) (began \(started)); the formal transmittal comes after it"
        )
      }
    }
    return reasons
  }
}
