import Portfolio

/// The tables of the program screen's tabs.
extension AppModel {
  public func programTable(_ id: String, tab: ProgramTab) -> TableData {
    guard let p = portfolio.programs[id] else {
      return TableData(
        columns: [.init("", 20, flexible: true)],
        rows: [.init(key: "none", cells: ["no program \(id) on \(day)"])])
    }
    let kv: [TableData.Column] = [.init("Field", 22), .init("Value", 30, flexible: true)]
    func row(_ k: String, _ v: String, _ style: String? = nil) -> TableData.Row {
      .init(key: k, cells: [k, v], style: style)
    }
    switch tab {
    case .summary:
      let partner = portfolio.partners[p.partner]
      var rows = [
        row("Program", "\(p.id) — \(p.title)"), row("Kind", "\(p.kind.rawValue) (\(p.kind.title))"),
        row("Partner", "\(partner?.name ?? p.partner) (\(p.partner)), \(partner?.region.title ?? "")"),
        row("Status", p.status.rawValue), row("Start", p.start.description),
        row("Sunset", p.sunset?.description ?? "none"),
        row("Value", p.value.description), row("Available", p.available.description),
        row("Committed", p.committed.description),
        row("Obligated", "\(p.obligated.description) (\(percent(p.obligated, of: p.available)))"),
        row("Disbursed", p.disbursed.description),
      ]
      if let c = p.fmsCase { rows.append(row("FMS case", "\(c.identifier), \(c.stage)")) }
      for r in partner?.activeRestrictions(on: day) ?? [] {
        let waived = r.waivedPrograms.contains(p.id) ? " (waived for this program)" : ""
        rows.append(row("Restriction", "\(r.kind.title) since \(r.since)\(waived)", "restriction"))
      }
      for a in (alertIndex[p.id] ?? []).map({ alerts[$0] }) {
        rows.append(
          .init(
            key: a.id.description,
            cells: ["\(a.severity.symbol) \(a.rule.title)", a.message + (a.isOpen ? "" : " [acknowledged]")],
            style: a.isOpen ? "alert.\(a.severity.name)" : "alert.acknowledged"))
      }
      return TableData(columns: kv, rows: rows)

    case .funding:
      let rows = p.funding.map { f -> TableData.Row in
        let share = f.available.amount > 0 ? Double(f.obligated.amount) / Double(f.available.amount) : 0
        return .init(
          key: "FY\(f.fiscalYear)",
          cells: [
            "FY\(f.fiscalYear)", f.available.compact, f.committed.compact, f.obligated.compact,
            f.disbursed.compact, f.availableUntil.description,
            bar(share, 10) + " " + percent(f.obligated, of: f.available),
          ],
          style: f.obligated > f.available ? "alert.critical" : nil)
      }
      return TableData(
        columns: [
          .init("FY", 6), .init("Available", 10, right: true), .init("Committed", 10, right: true),
          .init("Obligated", 10, right: true), .init("Disbursed", 10, right: true), .init("Until", 10),
          .init("Obligated share", 16, flexible: true),
        ],
        rows: rows.isEmpty
          ? [.init(key: "none", cells: ["—", "", "", "", "", "", "no funds recorded"])] : rows)

    case .fmsCase:
      guard let c = p.fmsCase else {
        return TableData(columns: kv, rows: [row("Case", "this program has no FMS case")])
      }
      var rows = [
        row(
          "Case",
          "\(c.identifier) (\(c.type.rawValue)\(c.training ? ", training" : "")\(c.buildingPartnerCapacity ? ", BPC" : ""))"
        ), row("Value", "\(c.value.description); MDE \(c.mdeValue.description)"),
        row("LOR received", c.lorReceived.description),
      ]
      for m in CaseMilestone.allCases {
        rows.append(row(m.title, c.date(of: m)?.description ?? "—"))
        if m == .loaOffered, let oed = c.offerExpiration {
          rows.append(row("Offer expiration (OED)", oed.description))
        }
      }
      if let n = c.notification {
        rows.append(
          row(
            "§36(b) transmittal",
            "\(n.transmittal), delivered \(n.delivered); \(n.reviewDays)-day review ends \(n.reviewEnds)"))
      } else {
        let needed = portfolio.policy.requiresNotification(
          c, tier: portfolio.partners[p.partner]?.tier ?? .other)
        rows.append(
          row(
            "§36(b) transmittal", needed ? "REQUIRED — none delivered" : "not required (under threshold)",
            needed ? "alert.critical" : nil))
      }
      for l in c.lines {
        rows.append(
          .init(
            key: "line\(l.number)",
            cells: [
              "Line \(l.number)",
              "\(l.quantity) × \(l.description) — USML \(l.usml) \(l.usml.title)\(l.mde ? ", MDE" : "")\(l.designAndConstruction ? ", D&C" : "") — \(l.value.compact)",
            ]))
      }
      return TableData(columns: kv, rows: rows)

    case .units:
      let rows = p.units.compactMap { portfolio.units[$0] }.map { u -> TableData.Row in
        let v = u.vetting
        let state: String
        let style: String?
        if let v, v.status.blocks {
          (state, style) = ("‼ BLOCKED", "alert.critical")
        } else if let v, v.clears(on: day) {
          (state, style) = ("✓ cleared", nil)
        } else if v?.status == .approved {
          (state, style) = ("‼ expired", "alert.critical")
        } else {
          (state, style) = ("✗ not cleared", "alert.warning")
        }
        return .init(
          key: u.id,
          cells: [
            u.id, u.name, v?.status.rawValue ?? "none", v?.certified?.description ?? "—",
            v?.expires?.description ?? "—", state,
          ], style: style)
      }
      return TableData(
        columns: [
          .init("Unit", 10), .init("Name", 16, flexible: true), .init("Vetting", 10), .init("Certified", 10),
          .init("Expires", 10), .init("State", 13),
        ],
        rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "no recipient units", "", "", "", ""])] : rows)

    case .oversight:
      var rows: [TableData.Row] = p.conditions.map { c in
        let state =
          c.met.map { "✓ met \($0)" } ?? c.waived.map { "waived \($0)" }
          ?? (day >= c.due ? "! unmet, due \(c.due)" : "open, due \(c.due)")
        return .init(
          key: c.id, cells: ["Condition", c.id, c.text, state],
          style: !c.isSettled && day >= c.due ? "alert.warning" : nil)
      }
      rows += p.metrics.map { m in
        let actual =
          m.actual.map { "\(trim($0)) of \(trim(m.target)) \(m.unit)" }
          ?? "not measured (target \(trim(m.target)) \(m.unit))"
        return .init(key: m.id, cells: ["Metric", m.id, m.name, actual])
      }
      return TableData(
        columns: [.init("Kind", 10), .init("Id", 6), .init("Text", 24, flexible: true), .init("State", 24)],
        rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "", "no conditions or metrics", ""])] : rows)

    case .eum:
      let rows = p.eum.map { item -> TableData.Row in
        let due = item.nextInventoryDue(policy: portfolio.policy)
        let overdue = item.enhanced && day > due
        return .init(
          key: item.id,
          cells: [
            item.id, item.description, item.enhanced ? "enhanced" : "routine", String(item.quantity),
            item.arrival.description, item.lastInventory?.description ?? "—",
            item.enhanced ? due.description : "—", overdue ? "! overdue" : "ok",
          ], style: overdue ? "alert.warning" : nil)
      }
      return TableData(
        columns: [
          .init("Item", 9), .init("Description", 14, flexible: true), .init("EUM", 8),
          .init("Qty", 5, right: true), .init("Arrived", 10), .init("Inventory", 10), .init("Next due", 10),
          .init("State", 9),
        ],
        rows: rows.isEmpty
          ? [.init(key: "none", cells: ["—", "no end-use-monitored items", "", "", "", "", "", ""])] : rows)

    case .requests:
      let rows = portfolio.requests(on: p.id).map { r in
        TableData.Row(
          key: r.id,
          cells: [
            r.id, r.kind.title, r.amount.compact, r.state.rawValue, r.requester, r.raised.description,
            r.approvals.joined(separator: ", "),
          ], style: r.state.isPending ? "request.pending" : nil)
      }
      return TableData(
        columns: [
          .init("Request", 8), .init("Kind", 20), .init("Amount", 9, right: true), .init("State", 9),
          .init("Raised by", 10), .init("Raised", 10), .init("Approvals", 12, flexible: true),
        ],
        rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "no requests", "", "", "", "", ""])] : rows)

    case .history:
      let rows = history.enumerated().map { i, h in
        TableData.Row(key: String(i), cells: [h.at, h.actor, h.type, h.summary])
      }
      return TableData(
        columns: [
          .init("When (UTC)", 19), .init("Who", 10), .init("Event", 17), .init("What", 20, flexible: true),
        ],
        rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "", "", "no history loaded"])] : rows)
    }
  }
}

/// A bar of `width` cells for a 0…1 share.
func bar(_ share: Double, _ width: Int) -> String {
  let filled = max(0, min(width, Int((share * Double(width)).rounded())))
  return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
}

func trim(_ d: Double) -> String { d.rounded() == d ? String(Int(d)) : String(d) }
