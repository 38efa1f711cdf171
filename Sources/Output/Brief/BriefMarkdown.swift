import Portfolio

extension Brief {
  /// The brief as Markdown: tables, and money by fiscal year as a bar per year in block
  /// characters (a chart that survives e-mail and a terminal).
  public var markdown: String {
    var out: [String] = []
    out.append("# \(partner.name) (\(partner.code)) — brief as of \(day)")
    out.append("")
    out.append(
      "\(partner.region.title) · §36(b) tier \(partner.tier.title)"
        + (partner.restrictions.isEmpty
          ? ""
          : " · restricted: "
            + partner.restrictions.map { "\($0.kind.title) since \($0.since)" }.joined(separator: "; "))
        + (redacted ? " · redacted as the kiosk redacts" : ""))
    out.append("")
    out.append("## Authorities, FY\(fiscalYear)")
    out.append("")
    out.append("| Authority | Programs | Available | Obligated | Disbursed |")
    out.append("|---|---:|---:|---:|---:|")
    for a in authorities {
      out.append(
        "| \(a.kind.rawValue) (\(a.kind.title)) | \(a.programs) | \(a.available.compact) | \(a.obligated.compact) | \(a.disbursed.compact) |"
      )
    }
    out.append("")
    out.append("## Money by fiscal year")
    out.append("")
    let peak = years.map { max($0.available.amount, $0.obligated.amount, $0.disbursed.amount) }.max() ?? 0
    func bar(_ d: Dollars) -> String {
      guard peak > 0, d.amount > 0 else { return "" }
      return String(repeating: "█", count: max(1, Int((Double(d.amount) / Double(peak) * 30).rounded())))
    }
    out.append("```")
    for y in years {
      out.append("FY\(y.fiscalYear) obligated \(bar(y.obligated)) \(y.obligated.compact)")
      out.append("       disbursed \(bar(y.disbursed)) \(y.disbursed.compact)")
    }
    out.append("```")
    out.append("")
    out.append("| Fiscal year | Available ($) | Obligated ($) | Disbursed ($) | Lapsed ($) |")
    out.append("|---|---:|---:|---:|---:|")
    for y in years {
      out.append(
        "| FY\(y.fiscalYear) | \(y.available.amount) | \(y.obligated.amount) | \(y.disbursed.amount) | \(y.lapsed.amount) |"
      )
    }
    out.append("")
    out.append("## FMS cases and §36(b)")
    out.append("")
    if cases.isEmpty {
      out.append("No FMS case.")
    } else {
      out.append("| Case | Program | Stage | Articles | MDE | Thresholds (MDE / articles) | §36(b) |")
      out.append("|---|---|---|---:|---:|---|---|")
      for c in cases {
        out.append(
          "| \(c.identifier) | \(c.program) | \(c.stage) | \(c.articles.compact) | \(c.mde.compact) | \(c.thresholdMDE.compact) / \(c.thresholdArticles.compact) | \(c.state(on: day)) |"
        )
      }
    }
    out.append("")
    out.append("## Open alerts: \(alertCounts)")
    out.append("")
    for a in alerts {
      out.append("- \(a.severity.symbol) **\(a.rule.title)** — \(a.subject.program): \(a.message)")
    }
    if alerts.isEmpty { out.append("None.") }
    out.append("")
    out.append("## The next 90 days")
    out.append("")
    for d in deadlines { out.append("- \(d.day): \(d.what)") }
    if deadlines.isEmpty { out.append("Nothing falls due.") }
    out.append("")
    out.append("## Requests waiting")
    out.append("")
    for w in waiting {
      out.append("- \(w.id) \(w.title), \(w.amount.compact) — \(w.state); next: \(w.whoActs)")
    }
    if waiting.isEmpty { out.append("None.") }
    out.append("")
    return out.joined(separator: "\n")
  }
}
