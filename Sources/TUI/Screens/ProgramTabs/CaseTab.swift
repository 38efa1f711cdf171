import Portfolio

extension AppModel {
  /// The program screen's Case tab.
  func caseTab(_ p: Program) -> TableData {
    guard let c = p.fmsCase else { return authorityTab(p) }
    var rows = [
      kvRow(
        "Case",
        "\(c.identifier) (\(c.type.rawValue)\(c.training ? ", training" : "")\(c.buildingPartnerCapacity ? ", BPC" : ""))"
      ), kvRow("Value", "\(c.value.description); MDE \(c.mdeValue.description)"),
      kvRow("LOR received", c.lorReceived.description),
      kvRow(
        "Financing",
        c.fmfProgram.map {
          "FMF \($0) \(c.fmfFinanced.compact); national funds \((c.value - c.fmfFinanced).compact)"
        }
          ?? "national funds (no FMF recorded)"),
    ]
    for m in CaseMilestone.allCases {
      rows.append(kvRow(m.title, c.date(of: m)?.description ?? "—"))
      if m == .loaOffered, let aod = c.anticipatedOffer {
        let verdict = c.offeredOnTime.map { $0 ? " — offered on time" : " — offered late" } ?? ""
        rows.append(
          kvRow(
            "Anticipated offer (AOD)", aod.description + verdict,
            c.offeredOnTime == false ? "alert.warning" : nil))
      }
      if m == .loaOffered, let oed = c.offerExpiration {
        rows.append(kvRow("Offer expiration (OED)", oed.description))
      }
    }
    if let started = c.informalReview {
      let ends = started.adding(days: portfolio.policy.informalReviewDays)
      rows.append(
        kvRow(
          "Informal review",
          "began \(started); \(portfolio.policy.informalReviewDays) days, \(day < ends && c.notification == nil ? "runs until" : "ran until") \(ends)"
        ))
    }
    if let n = c.notification {
      rows.append(
        kvRow(
          "§36(b) transmittal",
          "\(n.transmittal), delivered \(n.delivered); \(n.reviewDays)-day review ends \(n.reviewEnds)"))
    } else {
      let needed = portfolio.policy.requiresNotification(
        c, tier: portfolio.partners[p.partner]?.tier ?? .other)
      rows.append(
        kvRow(
          "§36(b) transmittal", needed ? "REQUIRED — none delivered" : "not required (under threshold)",
          needed ? "alert.critical" : nil))
    }
    for (i, change) in c.changes.enumerated() {
      let from = change.from.map { "\($0.compact) → " } ?? "new line, "
      rows.append(
        kvRow(
          "\(change.kind == .amendment ? "Amendment" : "Modification") \(i + 1)",
          "\(change.on) · line \(change.line): \(from)\(change.to.compact)"
            + (change.reason.map { " · \($0)" } ?? "")))
    }
    for l in c.lines {
      rows.append(
        .init(
          key: "line\(l.number)",
          cells: [
            "Line \(l.number)",
            // The value first: a narrow column cuts the end, and the end is the category's long title.
            "\(l.value.compact) · \(l.quantity) × \(l.description)\(l.mde ? " · MDE" : "")\(l.designAndConstruction ? " · D&C" : "") · USML \(l.usml) \(l.usml.title)",
          ]))
    }
    return kvTable(rows)

  }

  /// The Case tab of a program without an FMS case: its authority's year lines, the
  /// packages, contracts or allocations with each article's deliveries, the
  /// notifications to Congress and the components (a §333 program's human-rights
  /// training); an IMET program's enrolments.
  func authorityTab(_ p: Program) -> TableData {
    var rows = [kvRow("Authority", p.kind.title)]
    if p.kind == .pda || p.kind == .usai {
      for f in p.funding {
        let share =
          f.available.amount > 0 ? Int(Double(f.obligated.amount) * 100 / Double(f.available.amount)) : 0
        rows.append(
          kvRow(
            "FY\(f.fiscalYear) \(p.kind == .pda ? "authority" : "appropriation")",
            "\(f.available.compact); used \(f.obligated.compact) (\(share)%); until \(f.availableUntil)",
            share >= portfolio.policy.drawdownAuthorityWarnPercent && day <= f.availableUntil
              ? "alert.warning" : nil))
      }
    }
    for n in p.notices {
      rows.append(
        kvRow(
          "Notified",
          "\(n.on) · \(n.reference)" + (n.amount.map { " · \($0.compact)" } ?? "")
            + (n.transfer.map { " · for \($0)" } ?? "")))
    }
    if p.kind == .section333, p.notices.isEmpty {
      rows.append(
        kvRow(
          "Notified",
          "REQUIRED \(portfolio.policy.section333NotifyDays) days before the start \(p.start) — none recorded",
          "alert.critical"))
    }
    for c in p.components {
      rows.append(kvRow("Component", "\(c.kind.title): \(c.description) (\(c.on))"))
    }
    if p.kind == .section333, !p.components.contains(where: { $0.kind == .humanRights }) {
      rows.append(kvRow("Component", "human-rights training REQUIRED — none recorded", "alert.critical"))
    }
    for t in p.transfers {
      let share = t.value.amount > 0 ? Int(Double(t.deliveredValue.amount) * 100 / Double(t.value.amount)) : 0
      let label = t.kind == .drawdown ? "Package" : t.kind == .contract ? "Contract" : "Allocation"
      rows.append(
        .init(
          key: t.id,
          cells: [
            "\(label) \(t.id)",
            "\(t.value.compact) · \(t.on) · FY\(t.fiscalYear) · \(share)% delivered · \(t.title)"
              + (t.basis.map { " · \($0)" } ?? "") + (t.grant.map { $0 ? " · grant" : " · sale" } ?? ""),
          ], style: t.isDelivered ? nil : "list.dim"))
      for (i, a) in t.articles.enumerated() {
        rows.append(
          .init(
            key: "\(t.id)#\(i)",
            cells: [
              "  \(a.item)",
              "\(a.delivered) of \(a.quantity) delivered · \(a.value.compact)\(a.sme ? " · SME" : "")",
            ]))
      }
    }
    for e in p.enrolments {
      rows.append(
        kvRow(
          "Enrolled",
          "\(e.on) · \(e.students) student\(e.students == 1 ? "" : "s") · \(e.course) · \(e.cost.compact)"
            + (e.request.map { " · \($0)" } ?? "")))
    }
    if p.kind == .imet, p.enrolments.isEmpty {
      rows.append(kvRow("Enrolled", "no students yet: N raises an enroll-imet request", "list.dim"))
    }
    if rows.count == 1, p.kind.transferKind == nil {
      return TableData(columns: kvColumns, rows: [kvRow("Case", "this program has no FMS case")])
    }
    return kvTable(rows)
  }
}
