import Portfolio

extension AppModel {
  /// The program screen's Units & vetting tab.
  func unitsTab(_ p: Program) -> TableData {
    let hidden = redaction?.hidesVettingDetails == true
    // On a narrow terminal the certification day and the INVEST case (columns 3 and 6)
    // give way, so the state keeps its words (`v` shows the row in full).
    let wide = width >= 120
    func shown<T>(_ all: [T]) -> [T] {
      wide ? all : all.enumerated().filter { ![3, 6].contains($0.offset) }.map(\.element)
    }
    let rows = p.units.compactMap { portfolio.units[$0] }.map { u -> TableData.Row in
      let v = u.vetting
      let state: String
      let style: String?
      if let v, v.status.blocks {
        (state, style) = ("‼ BLOCKED", "alert.critical")
      } else if let v, v.clears(on: day) {
        // Cleared, and for how long when that is soon (not on the kiosk: a restricted date).
        let left = v.expires.map { day.days(until: $0) }
        if let left, !hidden, left <= portfolio.policy.vettingExpiringLeadDays {
          (state, style) = ("✓ cleared · expires in \(left) day\(left == 1 ? "" : "s")", "alert.warning")
        } else {
          (state, style) = ("✓ cleared", nil)
        }
      } else if v?.status == .approved {
        (state, style) = ("‼ expired", "alert.critical")
      } else {
        (state, style) = ("✗ not cleared", "alert.warning")
      }
      let investNote =
        hidden
        ? Redaction.placeholder
        : [v?.invest.map { "INVEST \($0)" }, v?.note].compactMap { $0 }.joined(separator: " · ")
      let cells = [
        u.id, u.name, v?.status.rawValue ?? "none",
        hidden ? Redaction.placeholder : v?.certified?.description ?? "—",
        hidden ? Redaction.placeholder : v?.expires?.description ?? "—", state, investNote,
      ]
      return .init(
        key: u.id,
        cells: shown(cells),
        style: style)
    }
    let columns: [TableData.Column] = [
      .init("Unit", 10), .init("Name", 12, flexible: true), .init("Vetting", 10), .init("Certified", 10),
      .init("Expires", 10), .init("State", 30), .init("INVEST · note", 16, flexible: true),
    ]
    return TableData(
      columns: shown(columns),
      rows: rows.isEmpty
        ? [
          .init(
            key: "none",
            cells: shown(["—", "no recipient units", "", "", "", "", ""]))
        ]
        : rows)

  }
}
