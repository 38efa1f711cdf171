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
            // The value first: a narrow column cuts the end, and the end is the category's long title.
            "\(l.value.compact) · \(l.quantity) × \(l.description)\(l.mde ? " · MDE" : "")\(l.designAndConstruction ? " · D&C" : "") · USML \(l.usml) \(l.usml.title)",
          ]))
    }
    return kvTable(rows)

  }
}
