/// The rules of the authorities outside FMS and FMF (REFERENCE.md, "Other
/// authorities"): drawdown authority used, deliveries lagging, and the notifications
/// USAI, §333 and EDA need. Edges are in `docs/domain.md` and pinned by tests.
extension AlertRules {
  func authorities() {
    switch program.kind {
    case .pda: drawdownAuthority()
    case .usai: usaiNotification()
    case .section333: section333()
    case .eda: edaNotification()
    default: break
    }
    if live { deliveryLag() }
  }

  /// A year's drawdown authority nearly used (at `drawdown.warn.percent`), while it
  /// can still be drawn on. Past 100% is over-obligation.
  private func drawdownAuthority() {
    for f in program.funding
    where f.available > .zero && f.obligated <= f.available && day <= f.availableUntil {
      let threshold = Double(f.available.amount) * Double(policy.drawdownAuthorityWarnPercent) / 100
      guard Double(f.obligated.amount) >= threshold else { continue }
      // It began with the package that crossed the threshold.
      var used = Dollars.zero
      var began = program.start
      for t in program.transfers.filter({ $0.fiscalYear == f.fiscalYear && !$0.drawsOnAnnualCap })
        .sorted(by: { $0.on < $1.on })
      {
        used = used + t.value
        if Double(used.amount) >= threshold {
          began = t.on
          break
        }
      }
      guard began <= day else { continue }
      let share = Int((Double(f.obligated.amount) * 100 / Double(f.available.amount)).rounded(.down))
      add(
        .drawdownAuthorityUsed, .warning, began,
        "FY\(f.fiscalYear) drawdown authority \(f.available.compact) is \(share)% used (\(f.obligated.compact)); \(f.unobligated.compact) left until \(f.availableUntil)",
        detail: "FY\(f.fiscalYear)")
    }
    annualCap()
  }

  /// FAA §506(a)(1)'s annual cap, one figure for every partner, nearly used: said on
  /// each drawdown program that drew on it that year, while the year runs.
  private func annualCap() {
    let cap = policy.drawdownAnnualCap
    guard cap > .zero else { return }
    let years = Set(program.transfers.filter(\.drawsOnAnnualCap).map(\.fiscalYear))
    for fy in years.sorted() where day <= Day.endOfFiscalYear(fy) {
      let threshold = Double(cap.amount) * Double(policy.drawdownAuthorityWarnPercent) / 100
      // It began with the package, any partner's, that crossed the threshold.
      var used = Dollars.zero
      var began: Day?
      for d in (portfolio.annualDrawdown[fy] ?? []).sorted(by: {
        ($0.on, $0.program, $0.package) < ($1.on, $1.program, $1.package)
      }) {
        used = used + d.value
        if began == nil, Double(used.amount) >= threshold { began = d.on }
      }
      guard let began, began <= day else { continue }
      let mine = program.annualCapDrawn(fy)
      let share = Int((Double(used.amount) * 100 / Double(cap.amount)).rounded(.down))
      add(
        .drawdownAuthorityUsed, used > cap ? .critical : .warning, began,
        "FY\(fy) FAA §506(a)(1) cap \(cap.compact), for every partner, is \(share)% used (\(used.compact), \(mine.compact) of it by this program); \((used > cap ? .zero : cap - used).compact) left until \(Day.endOfFiscalYear(fy))",
        detail: "506a1-FY\(fy)")
    }
  }

  /// A package or contract with articles still to arrive after its delivery window.
  private func deliveryLag() {
    for t in program.transfers where t.kind != .eda && !t.isDelivered {
      let window = t.kind == .drawdown ? policy.drawdownDeliveryDays : policy.contractDeliveryDays
      let due = t.on.adding(days: window)
      guard day > due else { continue }
      let share =
        t.value.amount > 0 ? Int((Double(t.deliveredValue.amount) * 100 / Double(t.value.amount))) : 0
      add(
        .deliveryLag, .warning, due.adding(days: 1),
        "\(t.kind.title) \(t.id) of \(t.on): \(share)% of \(t.value.compact) delivered after \(t.on.days(until: day.forText)) days (window \(window))",
        detail: t.id)
    }
  }

  /// USAI: every obligation covered by notifications delivered `usai.notify.days`
  /// before it — contracts in award order against what had been notified by then.
  private func usaiNotification() {
    var awarded = Dollars.zero
    for t in program.transfers.sorted(by: { $0.on < $1.on }) where t.on <= day {
      awarded = awarded + t.value
      let by = t.on.adding(days: -policy.usaiNotifyDays)
      let notified = program.notices.filter { $0.on <= by }.reduce(Dollars.zero) { $0 + ($1.amount ?? .zero) }
      if awarded > notified {
        add(
          .usaiNotification, .critical, t.on,
          "contract \(t.id) awarded \(t.on) (\(t.value.compact)) brings USAI obligations to \(awarded.compact); Congress had been notified of \(notified.compact) by \(by), \(policy.usaiNotifyDays) days before",
          detail: t.id)
      }
    }
  }

  /// §333: notified `s333.notify.days` before the start; human-rights training included.
  private func section333() {
    guard program.status == .planned || live else { return }
    let by = program.start.adding(days: -policy.section333NotifyDays)
    if !program.notices.contains(where: { $0.on <= by }) {
      let late = program.notices.map(\.on).min()
      if day >= program.start {
        add(
          .section333Notification, .critical, program.start,
          "§333 program started \(program.start) "
            + (late.map {
              "but Congress was notified only on \($0), \($0.days(until: program.start)) days before"
            }
              ?? "without notification to Congress")
            + " (\(policy.section333NotifyDays) days required)")
      } else if late == nil, day >= by.adding(days: -policy.section333NotifyDays) {
        let left = day.forText.days(until: by)
        add(
          .section333Notification, .warning, by.adding(days: -policy.section333NotifyDays),
          "§333 program starts \(program.start); Congress must be notified by \(by)"
            + (left >= 0 ? " (in \(left) day\(left == 1 ? "" : "s"))" : " (\(-left) days ago)"))
      }
    }
    // Before the start, from the notification window on; once running, critical.
    let window = by.adding(days: -policy.section333NotifyDays)
    if !program.components.contains(where: { $0.kind == .humanRights }), live || day >= window {
      add(
        .section333HumanRights, live ? .critical : .warning, live ? program.start : window,
        "§333 program has no human-rights training component; 10 USC 333 requires one")
    }
  }

  /// EDA at `eda.notify.amount` original value or with SME: notified
  /// `eda.notify.days` before delivery.
  private func edaNotification() {
    for t in program.transfers where t.on <= day && (t.value >= policy.edaNotifyAmount || t.hasSME) {
      let why = t.hasSME ? "significant military equipment" : "original value \(t.value.compact)"
      let notices = program.notices.filter { $0.transfer == t.id }.map(\.on)
      if let delivered = t.firstDelivery, delivered <= day {
        let by = delivered.adding(days: -policy.edaNotifyDays)
        guard !notices.contains(where: { $0 <= by }) else { continue }
        add(
          .edaNotification, .critical, delivered,
          "EDA \(t.id) (\(why)) delivered \(delivered) without notification \(policy.edaNotifyDays) days before"
            + (notices.min().map { " (notified \($0))" } ?? ""), detail: t.id)
      } else if notices.isEmpty {
        add(
          .edaNotification, .warning, t.on,
          "EDA \(t.id) (\(why)) needs notification to Congress \(policy.edaNotifyDays) days before delivery; none recorded",
          detail: t.id)
      }
    }
  }
}
