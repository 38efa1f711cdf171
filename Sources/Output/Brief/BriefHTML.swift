import Portfolio

extension Brief {
  /// The brief as one self-contained HTML file: no script, no network, the chart as
  /// inline SVG, print CSS for A4 and Letter (two pages at most for a partner of the
  /// demo's size). Every text from the store is escaped.
  public var html: String {
    func e(_ s: String) -> String {
      var out = ""
      for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
      }
      return out
    }
    var h: [String] = []
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
    h.append("<title>\(e(partner.name)) — brief as of \(day)</title>")
    h.append(
      """
      <style>
      @page { size: A4; margin: 14mm; }
      @media print { @page { size: auto; } h2 { break-after: avoid; } table, figure { break-inside: avoid; } }
      body { font: 10.5pt/1.35 system-ui, sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }
      h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
      table { border-collapse: collapse; width: 100%; } th, td { padding: 1mm 2mm; border-bottom: 1px solid #ddd; text-align: left; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      td { white-space: nowrap; } td:last-child { white-space: normal; }
      .meta { color: #444; } .critical { color: #b00000; font-weight: bold; } .warning { color: #8a4b00; font-weight: bold; }
      svg text { font: 8pt system-ui, sans-serif; fill: #222; }
      </style></head><body>
      """)
    h.append("<h1>\(e(partner.name)) (\(e(partner.code))) — brief as of \(day)</h1>")
    var meta = "\(e(partner.region.title)) · §36(b) tier \(e(partner.tier.title))"
    if !partner.restrictions.isEmpty {
      meta +=
        " · restricted: "
        + partner.restrictions.map { "\(e($0.kind.title)) since \($0.since)" }.joined(separator: "; ")
    }
    if redacted { meta += " · redacted as the kiosk redacts" }
    h.append("<p class=\"meta\">\(meta)</p>")
    h.append(
      "<h2>Authorities, FY\(fiscalYear)</h2><table><tr><th>Authority</th><th class=n>Programs</th><th class=n>Available</th><th class=n>Obligated</th><th class=n>Disbursed</th></tr>"
    )
    for a in authorities {
      h.append(
        "<tr><td>\(e(a.kind.rawValue)) (\(e(a.kind.title)))</td><td class=n>\(a.programs)</td><td class=n>\(a.available.compact)</td><td class=n>\(a.obligated.compact)</td><td class=n>\(a.disbursed.compact)</td></tr>"
      )
    }
    h.append("</table>")
    h.append("<h2>Money by fiscal year</h2>")
    h.append(chart)
    let lapsed = years.filter { $0.lapsed > .zero }
    if !lapsed.isEmpty {
      h.append(
        "<p>Lapsed at the fiscal year's close (left unobligated): "
          + lapsed.map { "FY\($0.fiscalYear) \($0.lapsed.compact)" }.joined(separator: " · ") + "</p>")
    }
    h.append("<h2>FMS cases and §36(b)</h2>")
    if cases.isEmpty {
      h.append("<p>No FMS case.</p>")
    } else {
      h.append(
        "<table><tr><th>Case</th><th>Program</th><th>Stage</th><th class=n>Articles</th><th class=n>MDE</th><th>Thresholds</th><th>§36(b)</th></tr>"
      )
      for c in cases {
        h.append(
          "<tr><td>\(e(c.identifier))</td><td>\(e(c.program))</td><td>\(e(c.stage))</td><td class=n>\(c.articles.compact)</td><td class=n>\(c.mde.compact)</td><td>\(c.thresholdMDE.compact) / \(c.thresholdArticles.compact)</td><td>\(e(c.state(on: day)))</td></tr>"
        )
      }
      h.append("</table>")
    }
    h.append("<h2>Open alerts: \(alertCounts)</h2><ul>")
    for a in alerts {
      let cls = a.severity == .critical ? "critical" : a.severity == .warning ? "warning" : "info"
      h.append(
        "<li><span class=\(cls)>\(e(a.severity.symbol)) \(e(a.rule.title))</span> — \(e(a.subject.program)): \(e(a.message))</li>"
      )
    }
    h.append(alerts.isEmpty ? "<li>None.</li></ul>" : "</ul>")
    h.append("<h2>The next 90 days</h2><ul>")
    for d in deadlines { h.append("<li>\(d.day): \(e(d.what))</li>") }
    h.append(deadlines.isEmpty ? "<li>Nothing falls due.</li></ul>" : "</ul>")
    h.append("<h2>Requests waiting</h2><ul>")
    for w in waiting {
      h.append(
        "<li>\(e(w.id)) \(e(w.title)), \(w.amount.compact) — \(e(w.state)); next: \(e(w.whoActs))</li>")
    }
    h.append(waiting.isEmpty ? "<li>None.</li></ul>" : "</ul>")
    h.append("</body></html>")
    return h.joined(separator: "\n") + "\n"
  }

  /// Available, obligated and disbursed per fiscal year as grouped bars (inline SVG).
  var chart: String {
    let width = 640.0
    let rowHeight = 30.0
    let left = 60.0
    let height = rowHeight * Double(max(1, years.count)) + 20
    let peak = Double(
      years.map { max($0.available.amount, $0.obligated.amount, $0.disbursed.amount) }.max() ?? 1)
    var s =
      "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"money by fiscal year\">"
    let colors = [("available", "#767676"), ("obligated", "#00875f"), ("disbursed", "#5f5fff")]
    for (i, y) in years.enumerated() {
      let top = Double(i) * rowHeight + 4
      s += "<text x=\"0\" y=\"\(Int(top + 14))\">FY\(y.fiscalYear)</text>"
      for (j, (name, color)) in colors.enumerated() {
        let value = [y.available, y.obligated, y.disbursed][j]
        let w = peak > 0 ? Double(value.amount) / peak * (width - left - 90) : 0
        let barTop = top + Double(j) * 8
        s +=
          "<rect x=\"\(Int(left))\" y=\"\(Int(barTop))\" width=\"\(max(0, Int(w.rounded())))\" height=\"7\" fill=\"\(color)\"><title>\(name) \(value.compact)</title></rect>"
        if j == 1 {
          s +=
            "<text x=\"\(Int(left + max(0, w) + 4))\" y=\"\(Int(barTop + 7))\">\(value.compact) obligated</text>"
        }
      }
    }
    s +=
      "</svg><figcaption>grey: available · green: obligated · blue: disbursed (as recorded or as reported)</figcaption></figure>"
    return s
  }
}
