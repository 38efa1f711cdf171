/// The portfolio's alerts in order (most severe, then oldest, then by id) and the
/// figures made from them, kept up to date in proportion to what changed: given a newer
/// revision of the same fold, on the same day or a later one, only the programs the new
/// events touched — and those whose alerts the passing days change — are evaluated
/// again, and only their partners' and regions' figures recomputed. Anything else (time
/// travel, another fold, a redaction) is computed from scratch. `IncrementalModelTests`
/// and `AlertBookTests` hold the two equal.
///
/// The alerts carry no text (there can be 350,000): a screen builds a row's text when
/// it draws it. A screen that searches every alert's text hands its search texts in
/// (`adoptSearchTexts`) and the book keeps them in step with the alerts from then on.
public struct AlertBook: Sendable {
  public private(set) var alerts: [Alert] = []
  public private(set) var summary = PortfolioSummary()
  /// For each program whose alerts may change with no event (a deadline passing), the
  /// first day they may: a day's rollover re-evaluates those programs only.
  public private(set) var nextChange: [String: Day] = [:]
  /// Search texts parallel to `alerts`, once a screen has made them.
  public private(set) var searchTexts: [[UInt8]]?
  /// Fields not shown (the kiosk's), applied to every alert here.
  public let redaction: Redaction?
  /// How many changes took the incremental path (for tests and benchmarks).
  public private(set) var incrementalUpdates = 0
  /// Up to this many alerts changed, they are moved in place one by one; more, and
  /// they are merged in one pass (a test sets 0 to hold the merge to the same result).
  public var inPlaceLimit = 64

  /// What the book was computed from; nil before the first computation.
  private var computedFrom: (lineage: UInt64, revision: Int, day: Day, asOf: Day?)?

  /// The book of `portfolio` on `day` (`asOf`: the date of time travel, if any).
  public init(_ portfolio: Portfolio, day: Day, asOf: Day? = nil, redaction: Redaction? = nil) {
    self.redaction = redaction
    recompute(portfolio, day: day, asOf: asOf)
  }

  /// Figures without alerts: a first frame drawn from a checkpoint's summary.
  public init(preview summary: PortfolioSummary) {
    redaction = nil
    self.summary = summary
  }

  /// Whether this is a checkpoint's figures only (`init(preview:)`), its alerts not yet computed.
  public var isPreview: Bool { computedFrom == nil }

  /// Whether the book was computed from exactly this fold of `portfolio` on `day`
  /// (no time travel): a book computed on another thread may then replace a preview.
  public func isComputed(for portfolio: Portfolio, day: Day) -> Bool {
    guard let from = computedFrom else { return false }
    return from.lineage == portfolio.journal.lineage && from.revision == portfolio.journal.revision
      && from.day == day && from.asOf == nil
  }

  /// Brings the book to `portfolio` on `day`, from `previous` (the portfolio it was
  /// last brought to). `searchText`: a row's search text from an alert and its message,
  /// used only when search texts are kept.
  public mutating func follow(
    _ portfolio: Portfolio, previous: Portfolio, day: Day, asOf: Day?,
    searchText: (Alert, String) -> [UInt8]
  ) {
    if let from = computedFrom, redaction == nil, asOf == nil, from.asOf == nil, from.day <= day,
      from.lineage == portfolio.journal.lineage,
      let touches = portfolio.journal.touches(since: from.revision), let reach = portfolio.reach(of: touches)
    {
      var programs = reach.programs
      var partners = reach.partners
      if from.day < day {
        // Texts count days ("in 3 days"): a screen makes its search texts again.
        searchTexts = nil
        for (id, change) in nextChange where change <= day { programs.insert(id) }
        // The overview's money is this fiscal year's: a new one changes every partner.
        if from.day.fiscalYear != day.fiscalYear { partners.formUnion(portfolio.partners.keys) }
        for id in programs { if let code = portfolio.programs[id]?.partner { partners.insert(code) } }
      }
      if !programs.isEmpty || !partners.isEmpty {
        update(
          programs, partners, portfolio, day: day, previous: previous, previousDay: from.day,
          searchText: searchText)
      }
      computedFrom = (portfolio.journal.lineage, portfolio.journal.revision, day, asOf)
      incrementalUpdates += 1
      return
    }
    recompute(portfolio, day: day, asOf: asOf)
  }

  /// Everything from scratch.
  public mutating func recompute(_ portfolio: Portfolio, day: Day, asOf: Day?) {
    (alerts, nextChange) = portfolio.alertState(on: day)
    if let redaction { alerts = alerts.map(redaction.apply(to:)) }
    summary = PortfolioSummary(portfolio, alerts: alerts, day: day)
    searchTexts = nil
    computedFrom = (portfolio.journal.lineage, portfolio.journal.revision, day, asOf)
  }

  /// A screen's search texts, one per alert in order; kept in step from now on.
  public mutating func adoptSearchTexts(_ texts: [[UInt8]]) {
    guard texts.count == alerts.count else { return }
    searchTexts = texts
  }

  /// Replaces the touched programs' alerts, in order, and updates their partners' and
  /// regions' figures. A few alerts are found by binary search and moved in place; many
  /// (a partner's 500 programs) are merged in one pass.
  mutating func update(
    _ programs: Set<String>, _ partners: Set<String>, _ portfolio: Portfolio, day: Day,
    previous: Portfolio, previousDay: Day, searchText: (Alert, String) -> [UInt8]
  ) {
    var stale: [Alert] = []
    var fresh: [Alert] = []
    // The texts only when the search texts are kept.
    let texts = searchTexts != nil
    for id in programs {
      stale += previous.evaluate(programID: id, on: previousDay, messages: false).alerts
      let (alerts, change) = portfolio.evaluate(programID: id, on: day, messages: texts)
      fresh += alerts
      nextChange[id] = change
    }
    Alert.sort(&fresh)
    let freshTexts = texts ? fresh.map { searchText($0, $0.message) } : []
    if texts { for i in fresh.indices { fresh[i].message = "" } }
    if stale.count + fresh.count <= inPlaceLimit {
      // Remove from the end, so that earlier positions stay put.
      let positions = stale.compactMap(position(of:)).sorted(by: >)
      for i in positions {
        alerts.remove(at: i)
        searchTexts?.remove(at: i)
      }
      for (n, a) in fresh.enumerated() {
        let i = insertionPoint(of: a)
        alerts.insert(a, at: i)
        searchTexts?.insert(freshTexts[n], at: i)
      }
    } else {
      // Compact the untouched alerts to the front (moves, not copies), then merge the
      // fresh ones in from the back; through the buffers, so that reading an alert to
      // compare it copies none of its strings.
      var search = searchTexts ?? []
      searchTexts = nil  // held uniquely below, so moved in place
      var kept = 0
      alerts.withUnsafeMutableBufferPointer { a in
        search.withUnsafeMutableBufferPointer { s in
          for i in 0..<a.count where !programs.contains(a[i].subject.program) {
            if kept != i {
              a.swapAt(kept, i)
              if texts { s.swapAt(kept, i) }
            }
            kept += 1
          }
        }
      }
      alerts.removeLast(alerts.count - kept)
      alerts.append(contentsOf: fresh)  // room at the end; overwritten by the merge
      if texts {
        search.removeLast(search.count - kept)
        search.append(contentsOf: freshTexts)
      }
      alerts.withUnsafeMutableBufferPointer { a in
        search.withUnsafeMutableBufferPointer { s in
          fresh.withUnsafeBufferPointer { f in
            var i = kept - 1
            var j = f.count - 1
            var k = a.count - 1
            while j >= 0 {
              if i >= 0, Alert.precedes(f[j], a[i]) {
                a.swapAt(k, i)
                if texts { s.swapAt(k, i) }
                i -= 1
              } else {
                a[k] = f[j]
                if texts { s[k] = freshTexts[j] }
                j -= 1
              }
              k -= 1
            }
          }
        }
      }
      if texts { searchTexts = search }
    }
    summary.update(programs: programs, fresh: fresh, partners: partners, portfolio, day: day)
  }

  /// Where `a` is in the ordered alerts (nil when it is not there).
  public func position(of a: Alert) -> Int? {
    let i = insertionPoint(of: a)
    return i < alerts.count && alerts[i].id == a.id ? i : nil
  }

  /// The first position whose alert does not precede `a`.
  public func insertionPoint(of a: Alert) -> Int {
    var lo = 0
    var hi = alerts.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Alert.precedes(alerts[mid], a) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
