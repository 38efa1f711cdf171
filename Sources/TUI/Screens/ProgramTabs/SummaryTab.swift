import Portfolio

extension AppModel {
  /// The program screen's Summary tab.
  func summaryTab(_ p: Program) -> TableData {
    let partner = portfolio.partners[p.partner]
    var rows = [
      kvRow("Program", "\(p.id) — \(p.title)"),
      kvRow(
        "Kind",
        "\(p.kind.rawValue) (\(p.kind.title))"
          + (ForeignAssistance.account(ofProgram: p.id).map { " · account \($0)" } ?? "")),
      kvRow("Partner", "\(partner?.name ?? p.partner) (\(p.partner)), \(partner?.region.title ?? "")"),
      kvRow("Status", p.status.rawValue), kvRow("Start", p.start.description),
      kvRow("Sunset", p.sunset?.description ?? "none"),
      kvRow("Value", p.value.description),
    ]
    if p.kind == .pda {
      // A drawdown authority is not money: what is used of it, and what has arrived.
      let delivered = p.transfers.reduce(Dollars.zero) { $0 + $1.deliveredValue }
      let packages = p.transfers.reduce(Dollars.zero) { $0 + $1.value }
      let fy = day.fiscalYear
      let cap = portfolio.policy.drawdownAnnualCap
      let used = portfolio.annualDrawdownUsed(fy)
      let mine = p.annualCapDrawn(fy)
      rows += [
        kvRow(
          "§506(a)(1) FY\(fy)",
          "\(cap.description) for every partner; \(used.description) drawn (\(percent(used, of: cap))), \(mine.description) of it by this program"
        ),
        kvRow(
          "Own authority",
          "\(p.available.description) (acts for this program), \(percent(p.obligated, of: p.available)) of it used"
        ),
        kvRow("Packages", packages.description),
        kvRow("Delivered", "\(delivered.description) (\(percent(delivered, of: packages)) of the packages)"),
      ]
    } else {
      rows += [
        kvRow("Available", p.available.description), kvRow("Committed", p.committed.description),
        kvRow("Obligated", "\(p.obligated.description) (\(percent(p.obligated, of: p.available)))"),
        kvRow("Disbursed", p.disbursed.description),
      ]
    }
    if let c = p.fmsCase { rows.append(kvRow("FMS case", "\(c.identifier), \(c.stage)")) }
    for r in partner?.activeRestrictions(on: day) ?? [] {
      let waived = r.waivedPrograms.contains(p.id) ? " (waived for this program)" : ""
      rows.append(kvRow("Restriction", "\(r.kind.title) since \(r.since)\(waived)", "restriction"))
    }
    for a in programAlerts(p.id) {
      rows.append(
        .init(
          key: a.id.description,
          cells: ["\(a.severity.symbol) \(a.rule.title)", a.message + (a.isOpen ? "" : " [acknowledged]")],
          style: a.isOpen ? "alert.\(a.severity.name)" : "alert.acknowledged"))
    }
    return kvTable(rows)

  }
}
