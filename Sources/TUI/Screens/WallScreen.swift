import Basics
import CanonicalJSON
import Portfolio
import Terminal

/// The kiosk's wall: a region in large figures with its partners, or the alerts in
/// large counts with the most severe first; the cycle moves on by itself.
extension AppModel {
  func renderWall(_ g: inout CellGrid, _ layout: Layout, step: Int) {
    var y = 1
    if let since = kiosk?.unavailableSince {
      g.fill(x: 0, y: y, width: width, height: 1, style: theme.style("status.error"))
      g.put(
        " store unavailable since \(clock(since, seconds: false)) — showing the last good view", x: 0, y: y,
        style: theme.style("status.error"), limit: width)
      y += 1
    }
    if step < 4 {
      let region = Region.allCases[step]
      let f = summary.regions[region] ?? PortfolioSummary.Figures()
      let partners = summary.partnersByRegion[region]?.count ?? 0
      g.put(
        "[\(step + 1)] \(region.title) — \(counted(partners, "partner")) · \(counted(f.programs, "program")) · \(counted(f.pending, "request")) pending",
        x: 1, y: y, style: theme.style("pane.title.focus"), limit: width - 2)
      y += 1
      let figures: [(String, String, String)] = [
        ("FY\(day.fiscalYear % 100) AVAILABLE", bigDollars(f.available), "pane.totals"),
        ("OBLIGATED", percent(f.obligated, of: f.available), "pane.totals"),
        ("‼ CRITICAL", String(f.alerts[2]), f.alerts[2] > 0 ? "alert.critical" : "pane.totals"),
        ("! WARNING", String(f.alerts[1]), f.alerts[1] > 0 ? "alert.warning" : "pane.totals"),
      ]
      y = drawFigures(&g, figures, y: y)
      let table = overviewTable(region)
      drawTable(
        &g, table, Rect(x: 0, y: y, width: width, height: max(0, height - 2 - y)), ListState(), active: false,
        filter: "")
    } else {
      let c = summary.openAlerts
      g.put(
        "Alerts on \(day) — \(c.reduce(0, +)) open, most severe first", x: 1, y: y,
        style: theme.style("pane.title.focus"), limit: width - 2)
      y += 1
      y = drawFigures(
        &g,
        [
          ("‼ CRITICAL", String(c[2]), c[2] > 0 ? "alert.critical" : "pane.totals"),
          ("! WARNING", String(c[1]), c[1] > 0 ? "alert.warning" : "pane.totals"),
          ("i INFO", String(c[0]), "alert.info"),
        ], y: y)
      // The open alerts that fit, their rows made for those only.
      let open = alerts.lazy.filter(\.isOpen).prefix(max(0, height - y)).map(alertRow)
      let table = TableData(columns: alertsTable().columns, rows: Array(open))
      drawTable(
        &g, table, Rect(x: 0, y: y, width: width, height: max(0, height - 2 - y)), ListState(), active: false)
    }
  }

  /// Labelled figures side by side: big when they fit the width and height, one
  /// line of text otherwise. Returns the next free row.
  func drawFigures(_ g: inout CellGrid, _ figures: [(label: String, value: String, style: String)], y: Int)
    -> Int
  {
    let widths = figures.map { max(DisplayWidth.of($0.label), BigText.width($0.value)) }
    let total = widths.reduce(0, +) + 4 * (figures.count - 1) + 2
    if total <= width, height - y >= BigText.height + 8 {
      var x = 2
      for (f, w) in zip(figures, widths) {
        g.put(f.label, x: x, y: y + 1, style: theme.style("list.dim"))
        for (i, row) in BigText.rows(f.value).enumerated() {
          g.put(row, x: x, y: y + 2 + i, style: theme.style(f.style))
        }
        x += w + 4
      }
      return y + 2 + BigText.height + 1
    }
    var x = 2
    for f in figures {
      x += g.put("\(f.label) ", x: x, y: y + 1, style: theme.style("list.dim"), limit: max(0, width - x))
      x += g.put(f.value, x: x, y: y + 1, style: theme.style(f.style), limit: max(0, width - x)) + 3
    }
    return y + 3
  }

  /// "$3.4B" as the big font draws it: no dollar sign, one decimal.
  func bigDollars(_ d: Dollars) -> String {
    String(d.compact.drop { $0 == "$" })
  }

  /// "14:03:22" (UTC) from a timestamp.
  func clock(_ t: Timestamp, seconds: Bool = true) -> String { t.clockTime(seconds: seconds) }

  /// The kiosk's title bar: KIOSK, where you are, the clock and when it last read.
  func renderKioskTitle(_ g: inout CellGrid, _ k: KioskState) {
    let banner = theme.style("kiosk.banner")
    g.fill(x: 0, y: 0, width: width, height: 1, style: banner)
    var x = g.put(" KIOSK ", x: 0, y: 0, style: banner)
    let place: String
    if case .wall(let step) = page.screen {
      let next = (step + 1) % KioskState.steps
      let left = max(0, k.cycleSeconds - Int((k.now.milliseconds - k.lastAdvance.milliseconds) / 1000))
      place = "wall \(step + 1)/\(KioskState.steps) · next: \(wallTitle(next)) in \(left)s"
    } else {
      place = breadcrumb.joined(separator: " › ")
    }
    let right = "\(clock(k.now)) UTC · updated \(clock(k.updated)) "
    x += g.put("│ \(place)", x: x, y: 0, style: banner, limit: max(0, width - x - DisplayWidth.of(right) - 1))
    g.put(right, x: max(x, width - DisplayWidth.of(right)), y: 0, style: banner, limit: width)
  }

  func wallTitle(_ step: Int) -> String { step < 4 ? Region.allCases[step].title : "alerts" }
}

/// The kiosk's wall: a region (0–3) or the alerts summary (4).
struct WallScreen: Screen {
  let step: Int
  func crumb(_ m: AppModel, _ page: Page) -> String { "Wall \(step + 1)" }
  func table(_ m: AppModel) -> TableData? { nil }
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout) { m.renderWall(&g, layout, step: step) }
  func headerRows(_ m: AppModel) -> Int { 0 }
  func footer(_ m: AppModel) -> String {
    "read-only kiosk · arrows, Enter, Esc, 1–4 and a browse · it returns to the wall when left alone"
  }
  func drill(_ m: inout AppModel) -> [Effect] { [] }
}
