/// Every alert rule, evaluated for one day. Each rule states its window in whole
/// days; `docs/domain.md` gives the edges (e.g. vetting that expires today has
/// expired) and the tests pin them. The rules come in families, one function each,
/// listed in `AlertRules.families`: a new rule goes into its family, a new family
/// into that list.
extension Portfolio {
  /// Every alert that holds on `day`, most severe first. Acknowledged alerts are
  /// included with their acknowledgement; filter on `isOpen` for the open ones.
  /// Without `messages` each alert's text is left empty, for a caller that builds it
  /// when shown (`message(of:on:)`): a large portfolio has hundreds of thousands.
  public func alerts(on day: Day, messages: Bool = true) -> [Alert] {
    var out: [Alert] = []
    for program in programs.values {
      out += evaluate(program, on: day, messages: messages).alerts
    }
    out += integrityAlerts()
    Alert.sort(&out)
    return out
  }

  /// Every alert on `day` without its text (in order), and for each program whose
  /// alerts may change with no event, the first day they may: a day's rollover
  /// re-evaluates only the programs whose day has come.
  public func alertState(on day: Day) -> (alerts: [Alert], nextChange: [String: Day]) {
    // Room for a few alerts a program at once: grown by doubling, the list would be
    // held twice while copied (pages reserved and not written are never resident).
    var out: [Alert] = []
    out.reserveCapacity(programs.count * 4 + 64)
    var next: [String: Day] = [:]
    for program in programs.values {
      let (alerts, change) = evaluate(program, on: day, messages: false)
      out += alerts
      if let change { next[program.id] = change }
    }
    out += integrityAlerts()
    Alert.sort(&out)
    return (out, next)
  }

  /// Critical alerts about the store itself: no program, no region.
  /// …and records written without authority that name no program (a policy change,
  /// a role, a partner moved to another region).
  func integrityAlerts() -> [Alert] {
    func alert(_ rule: AlertRule, _ detail: Int, _ message: String, _ began: Day) -> Alert {
      let id = AlertID(rule: rule, program: "store", detail: String(detail))
      return Alert(
        id: id, severity: .critical, subject: AlertSubject(partner: "", program: "store", unit: nil),
        region: nil, message: message, began: began, acknowledgement: acknowledgements[id.description])
    }
    var out = integrity.map { f in
      alert(f.kind == .rollback ? .storeRollback : .storeFork, f.sequence, f.message, f.seenOn)
    }
    if unauthorizedCount > 0 {
      for event in skipped where event.unauthorized && event.program == nil {
        out.append(
          alert(
            .recordNotAuthorized, event.sequence,
            "record \(event.sequence) (\(event.type)) was written without authority and does not count: \(event.reason)",
            event.day ?? Day(ordinal: 0)))
      }
    }
    return out
  }

  /// The alerts of one program on `day`.
  public func alerts(forProgram id: String, on day: Day, messages: Bool = true) -> [Alert] {
    guard let program = programs[id] else { return [] }
    return Alert.sorted(evaluate(program, on: day, messages: messages).alerts)
  }

  /// One program's alerts on `day` (unordered), and the first later day on which they
  /// may change without an event (nil: not until an event).
  public func evaluate(programID id: String, on day: Day, messages: Bool) -> (
    alerts: [Alert], nextChange: Day?
  ) {
    guard let program = programs[id] else { return ([], nil) }
    return evaluate(program, on: day, messages: messages)
  }

  /// How many of a program's alerts on `day` are open, without making them (an export
  /// counts them for 100,000 programs): an alert's id is made only to look for its
  /// acknowledgement, when there are any.
  public func openAlertCount(programID id: String, on day: Day) -> Int {
    guard let program = programs[id], let partner = partners[program.partner] else { return 0 }
    let rules = AlertRules(portfolio: self, program: program, partner: partner, day: day, messages: false)
    rules.counting = true
    for family in AlertRules.families { family(rules) }
    return rules.openCount
  }

  func evaluate(_ program: Program, on day: Day, messages: Bool) -> (alerts: [Alert], nextChange: Day?) {
    guard let partner = partners[program.partner] else { return ([], nil) }
    let rules = AlertRules(portfolio: self, program: program, partner: partner, day: day, messages: messages)
    for family in AlertRules.families { family(rules) }
    return (rules.out, rules.day.horizon.next)
  }

  /// The text of one alert as it stands on `day` (built when shown; empty when the
  /// alert no longer holds).
  public func message(of id: AlertID, on day: Day) -> String {
    if id.program == "store" {
      return integrityAlerts().first { $0.id == id }?.message ?? ""
    }
    guard let program = programs[id.program] else { return "" }
    return evaluate(program, on: day, messages: true).alerts.first { $0.id == id }?.message ?? ""
  }
}

/// What every rule of one program on one day works with, and where alerts go. A class:
/// a rule's message is a closure over it, built while the alert is added.
final class AlertRules {
  /// The rule families, in the order they are evaluated.
  static let families: [@Sendable (AlertRules) -> Void] = [
    { $0.restrictions() }, { $0.leahy() }, { $0.fmsCase() }, { $0.funds() }, { $0.endUseMonitoring() },
    { $0.endUseFindings() }, { $0.sunset() }, { $0.conditions() }, { $0.recordsNotApplied() },
    { $0.requests() },
    { $0.authorities() }, { $0.fundsNotifications() },
  ]

  let portfolio: Portfolio
  let program: Program
  let partner: Partner
  let day: Today
  /// Whether to build each alert's text (the TUI builds it when shown).
  let messages: Bool
  var out: [Alert] = []
  /// Count open alerts into `openCount` instead of making them (`openAlertCount`).
  var counting = false
  var openCount = 0

  init(portfolio: Portfolio, program: Program, partner: Partner, day: Day, messages: Bool) {
    self.portfolio = portfolio
    self.program = program
    self.partner = partner
    self.day = Today(day, horizon: Today.Horizon())
    self.messages = messages
  }

  var policy: Policy { portfolio.policy }
  var live: Bool { program.status.isLive }
  var units: [String: RecipientUnit] { portfolio.units }

  func add(
    _ rule: AlertRule, _ severity: Severity, _ began: Day, _ message: @autoclosure () -> String,
    detail: String? = nil, unit: String? = nil
  ) {
    if counting {
      if portfolio.acknowledgements.isEmpty
        || portfolio.acknowledgements[AlertID(rule: rule, program: program.id, detail: detail).description]
          == nil
      {
        openCount += 1
      }
      return
    }
    let id = AlertID(rule: rule, program: program.id, detail: detail)
    out.append(
      Alert(
        id: id, severity: severity,
        subject: AlertSubject(partner: partner.code, program: program.id, unit: unit),
        region: partner.region, message: messages ? message() : "", began: began,
        acknowledgement: portfolio.acknowledgements[id.description]))
  }

  /// Country restrictions (§620 and the like) on a live program.
  func restrictions() {
    if live {
      // One alert per kind (its id names the kind): the longest-standing one in force.
      var seen = Set<RestrictionKind>()
      for r in partner.restrictions.sorted(by: { $0.since < $1.since })
      where day.isActive(r) && !r.waivedPrograms.contains(program.id) && seen.insert(r.kind).inserted {
        // A program already suspended is in the state the restriction requires: noted,
        // not an emergency. An active one is.
        add(
          .restrictionActive, program.status == .suspended ? .info : .critical, r.since,
          "\(partner.name) under \(r.kind.title) since \(r.since); program is \(program.status.rawValue)",
          detail: r.kind.rawValue)
      }
    }
  }

  /// Leahy vetting of the units a live, funded program reaches, and of the units its
  /// open requests would reach (a blocked one is flagged before anything is approved).
  func leahy() {
    let funded = live && program.available > .zero
    if live {
      var reached = program.units
      for r in portfolio.requests(on: program.id) where r.state.isOpen {
        for unit in r.units where !reached.contains(unit) { reached.append(unit) }
      }
      for unitID in reached {
        let requested = !program.units.contains(unitID)
        guard let unit = units[unitID] else { continue }
        let vetting = unit.vetting
        if let v = vetting, v.status.blocks {
          add(
            .leahyBlocked, .critical, v.certified ?? program.start,
            "unit \(unit.name) vetting \(v.status.rawValue); no assistance may reach it", detail: unitID,
            unit: unitID)
          continue
        }
        // A unit a funded program reaches that was never vetted, or whose vetting is
        // still submitted or was cancelled: assistance cannot lawfully reach it yet.
        if funded, !requested,
          vetting == nil || vetting?.status == .submitted || vetting?.status == .cancelled
        {
          let state = vetting.map { "vetting \($0.status.rawValue)" } ?? "never vetted"
          add(
            .leahyNotCleared, .warning, vetting?.certified ?? program.start,
            "unit \(unit.name) is funded by this program but \(state)", detail: unitID, unit: unitID)
          continue
        }
        guard funded, !requested, let v = vetting, v.status == .approved, let expires = v.expires else {
          continue
        }
        if day >= expires {
          add(
            .leahyExpired, .critical, expires,
            "unit \(unit.name) vetting expired \(expires) (\(expires.days(until: day.forText)) days ago)",
            detail: unitID,
            unit: unitID)
        } else if day >= expires.adding(days: -policy.vettingExpiringLeadDays) {
          let left = day.forText.days(until: expires)
          add(
            .leahyExpiring, .warning, expires.adding(days: -policy.vettingExpiringLeadDays),
            "unit \(unit.name) vetting expires \(expires) (in \(left) day\(left == 1 ? "" : "s"))",
            detail: unitID,
            unit: unitID)
        }
      }
    }
  }

  /// The FMS case timeline: §36(b) notification and review, LOR, offer, closure.
  func fmsCase() {
    if let c = program.fmsCase, c.closed == nil {
      let t = policy.notification(for: partner.tier)
      if policy.requiresNotification(c, tier: partner.tier), c.notification == nil {
        // Quote the threshold that was crossed: design and construction has its own.
        let construction = c.designAndConstructionValue
        let crossed =
          c.firearmsValue >= policy.notifyFirearms && c.mdeValue < t.mde
            && c.value - construction < t.articles
            && construction < t.construction
          ? "has \(c.firearmsValue.compact) of USML Category I firearms, at or over the §36(c) threshold (\(policy.notifyFirearms.compact))"
          : c.mdeValue >= t.mde || c.value - construction >= t.articles
            ? "meets the \(partner.tier.title) §36(b) threshold (MDE \(t.mde.compact) / total \(t.articles.compact))"
            : "has \(construction.compact) of design and construction, at or over the \(partner.tier.title) §36(b) threshold for it (\(t.construction.compact))"
        // By stage (issue 27): work to do while the LOR is worked and the informal
        // review runs; a warning once that review has ended with no transmittal; critical
        // only when the LOA was offered without one (the commands refuse that offer; a
        // record of it can still come in, or a case can be imported so).
        let text =
          "case \(c.identifier) \(c.value.compact) (MDE \(c.mdeValue.compact)) \(crossed); no transmittal delivered"
        if let offered = c.loaOffered, day >= offered {
          add(.notificationRequired, .critical, offered, text + "; the LOA was offered \(offered) without it")
        } else if let started = c.informalReview, day >= started.adding(days: policy.informalReviewDays) {
          let ended = started.adding(days: policy.informalReviewDays)
          add(.notificationRequired, .warning, ended, text + "; the informal review ended \(ended)")
        } else {
          add(.notificationRequired, .info, c.lorReceived, text + "; to deliver before the LOA is offered")
        }
      }
      // Notified at some values, grown since: more MDE, or a higher total, needs a new
      // notification before the LOA reflects it (AECA §36(b)(5)(C)).
      if let n = c.notification, let mde = n.notifiedMDE, let total = n.notifiedTotal,
        c.mdeValue > mde || c.value > total
      {
        add(
          .renotificationRequired, .warning, n.delivered,
          "case \(c.identifier) was notified at \(total.compact) (MDE \(mde.compact)) by transmittal \(n.transmittal); it is now \(c.value.compact) (MDE \(c.mdeValue.compact))"
        )
      }
      // Informal tiered review: its own stage and clock before the formal transmittal.
      if let started = c.informalReview, c.notification == nil, started <= day {
        let ends = started.adding(days: policy.informalReviewDays)
        if day < ends {
          add(
            .informalReview, .info, started,
            "informal tiered review began \(started); runs until \(ends) (\(policy.informalReviewDays) days) before the formal transmittal"
          )
        }
      }
      if let n = c.notification, day < n.reviewEnds {
        add(
          .notificationReview, .info, n.delivered,
          "transmittal \(n.transmittal) delivered \(n.delivered); \(n.reviewDays)-day review runs until \(n.reviewEnds)"
        )
      }
      if c.lorValidated == nil, day.isMore(policy.lorValidationGoalDays, after: c.lorReceived) {
        add(
          .lorNotValidated, .warning, c.lorReceived.adding(days: policy.lorValidationGoalDays + 1),
          "LOR received \(c.lorReceived), not validated after \(c.lorReceived.days(until: day.forText)) days (goal \(policy.lorValidationGoalDays))"
        )
      }
      if c.loaOffered == nil, let aod = c.anticipatedOffer, day > aod {
        add(
          .offerLate, .warning, aod.adding(days: 1),
          "LOA not offered by its anticipated offer date \(aod) (\(aod.days(until: day.forText)) days late; goal: \(policy.offerOnTimeGoalPercent)% offered on time)"
        )
      }
      if c.loaOffered != nil, c.accepted == nil, let oed = c.offerExpiration {
        if day > oed {
          add(.offerLapsed, .critical, oed.adding(days: 1), "LOA offer expired \(oed) without acceptance")
        } else if day >= oed.adding(days: -policy.offerExpiringLeadDays) {
          let left = day.forText.days(until: oed)
          add(
            .offerExpiring, .warning, oed.adding(days: -policy.offerExpiringLeadDays),
            "LOA offer expires \(oed) (in \(left) day\(left == 1 ? "" : "s")); not yet accepted")
        }
      }
      if let ssc = c.supplyComplete {
        let months = c.training ? policy.closureTargetTrainingMonths : policy.closureTargetMonths
        let target = ssc.adding(months: months)
        if day > target {
          add(
            .closureOverdue, .warning, target.adding(days: 1),
            "supply/services complete \(ssc); closure target (\(months) months) passed \(target)")
        }
      }
    }
  }

  /// Funds: over-obligation, expiring availability, disbursement lag.
  func funds() {
    for f in program.funding {
      if f.obligated > f.available {
        add(
          .overObligation, .critical, f.firstObligation ?? program.start,
          "FY\(f.fiscalYear) obligated \(f.obligated.compact) exceeds available \(f.available.compact) by \((f.obligated - f.available).compact)",
          detail: "FY\(f.fiscalYear)")
      }
      if live, f.unobligated > .zero {
        let warnFrom = f.availableUntil.adding(days: -policy.fundsExpiringLeadDays)
        if day >= warnFrom, day <= f.availableUntil {
          let left = day.forText.days(until: f.availableUntil)
          add(
            .fundsExpiring, .warning, warnFrom,
            "FY\(f.fiscalYear) \(f.unobligated.compact) unobligated; availability ends \(f.availableUntil) (in \(left) day\(left == 1 ? "" : "s"))",
            detail: "FY\(f.fiscalYear)")
        }
      }
      // A drawdown's "obligation" is a package from stock: its lag is delivery-lag.
      if program.kind.isAppropriated, let first = f.firstObligation, f.obligated > .zero,
        day.isMore(policy.disbursementLagDays, after: first)
      {
        let share = Double(f.disbursed.amount) / Double(f.obligated.amount)
        if share < policy.disbursementLagFraction {
          add(
            .disbursementLag, .warning, first.adding(days: policy.disbursementLagDays + 1),
            "FY\(f.fiscalYear) obligated \(first) (\(first.days(until: day.forText)) days ago); only \(Int((share * 100).rounded()))% of \(f.obligated.compact) disbursed",
            detail: "FY\(f.fiscalYear)")
        }
      }
    }
  }

  /// Enhanced end-use monitoring inventories.
  func endUseMonitoring() {
    for item in program.eum where item.enhanced {
      // Serial numbers missing at the last count: a possible unauthorized transfer.
      if let counted = item.lastCounted, counted < item.quantity, let on = item.lastInventory, on <= day {
        add(
          .eumShortfall, .critical, on,
          "\(item.description): inventory on \(on) counted \(counted) of \(item.quantity) serial numbers; \(item.quantity - counted) unaccounted for",
          detail: item.id)
      }
      let due = item.nextInventoryDue(policy: policy)
      if day > due {
        add(
          .eumOverdue, .warning, due.adding(days: 1),
          "\(item.quantity) × \(item.description): enhanced-EUM inventory due \(due), \(due.days(until: day.forText)) days overdue",
          detail: item.id)
      }
    }
  }

  /// Golden Sentry / Blue Lantern: a derogatory finding stays critical until resolved.
  func endUseFindings() {
    for f in program.findings where f.result == .derogatory && f.on <= day {
      if let resolved = f.resolved, resolved <= day { continue }
      add(
        .eumDerogatory, .critical, f.on,
        "\(f.program.title) check \(f.id) on \(f.on) was derogatory: \(f.note)",
        detail: f.id)
    }
  }

  /// A live program near or past its sunset.
  func sunset() {
    if live, let sunset = program.sunset {
      if day > sunset {
        add(
          .sunsetPassed, .warning, sunset.adding(days: 1),
          "program still \(program.status.rawValue) after its sunset \(sunset)")
      } else if day >= sunset.adding(days: -policy.sunsetLeadDays) {
        let left = day.forText.days(until: sunset)
        add(
          .sunsetApproaching, .info, sunset.adding(days: -policy.sunsetLeadDays),
          "sunset \(sunset) in \(left) day\(left == 1 ? "" : "s")")
      }
    }
  }

  /// Conditions neither met nor waived by their due date.
  func conditions() {
    for cond in program.conditions where !cond.isSettled && day >= cond.due {
      add(
        .conditionUnmet, .warning, cond.due, "condition due \(cond.due) neither met nor waived: \(cond.text)",
        detail: cond.id)
    }
  }

  /// Records about the program that are in the log but could not be applied.
  func recordsNotApplied() {
    for i in portfolio.skippedByProgram[program.id] ?? [] {
      let event = portfolio.skipped[i]
      if event.unapproved {
        add(
          .unapprovedFact, .critical, event.day ?? program.start,
          "record \(event.sequence) (\(event.type)) was written without the approval it needs and does not count: \(event.reason)",
          detail: String(event.sequence))
      } else if event.unauthorized {
        add(
          .recordNotAuthorized, .critical, event.day ?? program.start,
          "record \(event.sequence) (\(event.type)) was written without authority and does not count: \(event.reason)",
          detail: String(event.sequence))
      } else {
        add(
          .recordNotApplied, .warning, event.day ?? program.start,
          "record \(event.sequence) (\(event.type)) is in the log but was not applied: \(event.reason)",
          detail: String(event.sequence))
      }
    }
  }

  /// Requests pending longer than the policy allows.
  func requests() {
    for r in portfolio.requests(on: program.id) where r.state.isPending {
      let since = r.submitted ?? r.raised
      if day.isMore(policy.approvalStaleDays, after: since) {
        add(
          .approvalStale, .warning, since.adding(days: policy.approvalStaleDays + 1),
          "request \(r.id) (\(r.kind.title), \(r.amount.compact)) pending since \(since), \(since.days(until: day.forText)) days",
          detail: r.id)
      }
    }
  }
}
