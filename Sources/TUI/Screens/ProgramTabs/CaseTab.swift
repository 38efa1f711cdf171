import Portfolio

extension AppModel {
  /// The program screen's Case tab.
  func caseTab(_ p: Program) -> TableData {
    guard let c = p.fmsCase else {
      return TableData(columns: kvColumns, rows: [kvRow("Case", "this program has no FMS case")])
    }
    var rows = [
      kvRow(
        "Case",
        "\(c.identifier) (\(c.type.rawValue)\(c.training ? ", training" : "")\(c.buildingPartnerCapacity ? ", BPC" : ""))"
      ), kvRow("Value", "\(c.value.description); MDE \(c.mdeValue.description)"),
      kvRow("LOR received", c.lorReceived.description),
    ]
    for m in CaseMilestone.allCases {
      rows.append(kvRow(m.title, c.date(of: m)?.description ?? "—"))
      if m == .loaOffered, let oed = c.offerExpiration {
        rows.append(kvRow("Offer expiration (OED)", oed.description))
      }
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
    for l in c.lines {
      rows.append(
        .init(
          key: "line\(l.number)",
          cells: [
            "Line \(l.number)",
            "\(l.quantity) × \(l.description) — USML \(l.usml) \(l.usml.title)\(l.mde ? ", MDE" : "")\(l.designAndConstruction ? ", D&C" : "") — \(l.value.compact)",
          ]))
    }
    return TableData(columns: kvColumns, rows: rows)

  }
}
