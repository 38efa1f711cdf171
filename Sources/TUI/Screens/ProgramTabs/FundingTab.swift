import Portfolio

extension AppModel {
  /// The program screen's Funding tab.
  func fundingTab(_ p: Program) -> TableData {
    if p.kind == .pda { return authorityYears(p) }
    let lines = p.funding.map { f -> TableData.Row in
      let base = Double(max(f.available.amount, f.obligated.amount, 1))
      return .init(
        key: "FY\(f.fiscalYear)",
        cells: [
          "FY\(f.fiscalYear)", f.available.compact, f.committed.compact, f.obligated.compact,
          f.disbursed.compact,
          f.availableUntil.description
            + { $0 == .current ? "" : " \($0.rawValue)" }(f.phase(on: day, policy: portfolio.policy)),
          burnBar(
            obligated: Double(f.obligated.amount) / base, disbursed: Double(f.disbursed.amount) / base, 10)
            + " " + percent(f.obligated, of: f.available) + " obl · " + percent(f.disbursed, of: f.available)
            + " paid" + (f.lapsed(on: day) > .zero ? " · \(f.lapsed(on: day).compact) lapsed" : ""),
        ],
        style: f.obligated > f.available ? "alert.critical" : nil)
    }
    // Years as a source reported them: its obligations and disbursements, no availability.
    let reportedRows = p.reported.map { r -> TableData.Row in
      .init(
        key: "reported-FY\(r.fiscalYear)",
        cells: [
          "FY\(r.fiscalYear)", "not reported", "—", r.obligated.compact, r.disbursed.compact,
          "reported by \(r.source)", "",
        ], style: "list.dim")
    }
    let rows = lines + reportedRows
    return TableData(
      columns: [
        .init("FY", 6), .init("Available", 10, right: true), .init("Committed", 10, right: true),
        .init("Obligated", 10, right: true), .init("Disbursed", 10, right: true), .init("Until", 20),
        .init("Burn: █ paid ▒ obligated ░ open", 16, flexible: true),
      ],
      rows: rows.isEmpty
        ? [.init(key: "none", cells: ["—", "", "", "", "", "", "no funds recorded"])] : rows)

  }

  /// A drawdown program's years: the authority, the packages drawn on it and what of
  /// them has been delivered — never "available, obligated, disbursed" (it is not money).
  func authorityYears(_ p: Program) -> TableData {
    // FAA §506(a)(1)'s cap for the years this program drew on it: every partner's use.
    let capYears = Set(p.transfers.filter(\.drawsOnAnnualCap).map(\.fiscalYear)).sorted()
    let cap = portfolio.policy.drawdownAnnualCap
    let capRows = capYears.map { fy -> TableData.Row in
      let used = portfolio.annualDrawdownUsed(fy)
      let share = cap.amount > 0 ? Double(used.amount) / Double(cap.amount) : 0
      return .init(
        key: "506a1-FY\(fy)",
        cells: [
          "FY\(fy)", "\(cap.compact) §506", p.annualCapDrawn(fy).compact,
          p.annualCapPackages(fy).reduce(Dollars.zero) { $0 + $1.deliveredValue }.compact,
          Day.endOfFiscalYear(fy).description,
          bar(share, 10) + " " + percent(used, of: cap) + " (all partners)",
        ],
        style: used > cap ? "alert.critical" : nil)
    }
    let rows =
      capRows
      + p.funding.map { f -> TableData.Row in
        let share = f.available.amount > 0 ? Double(f.obligated.amount) / Double(f.available.amount) : 0
        let delivered = p.transfers.filter { $0.fiscalYear == f.fiscalYear && !$0.drawsOnAnnualCap }.reduce(
          Dollars.zero
        ) {
          $0 + $1.deliveredValue
        }
        return .init(
          key: "FY\(f.fiscalYear)",
          cells: [
            "FY\(f.fiscalYear)", f.available.compact, f.obligated.compact, delivered.compact,
            f.availableUntil.description, bar(share, 10) + " " + percent(f.obligated, of: f.available),
          ],
          style: f.obligated > f.available ? "alert.critical" : nil)
      }
    return TableData(
      columns: [
        .init("FY", 6), .init("Authority", 10, right: true), .init("Packages", 10, right: true),
        .init("Delivered", 10, right: true), .init("Until", 12), .init("Authority used", 16, flexible: true),
      ],
      rows: rows.isEmpty ? [.init(key: "none", cells: ["—", "", "", "", "", "no authority recorded"])] : rows)
  }
}
