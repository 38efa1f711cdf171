import Basics
import CanonicalJSON
import Dispatch
import Foundation
import Portfolio
import Synchronization
import Terminal

/// The screens, as a stack: drilling down pushes, going back pops and restores the
/// row you left (hledger-ui's screen stack).
public enum ScreenKind: Hashable, Sendable {
  case overview
  case partner(String)
  case program(String)
  case alerts
  case help
  /// Every FMS case against its §36(b) thresholds (c).
  case cases
  /// Partners, programs, cases and units matching a text, across the regions.
  case search(String)
  /// The approval queue (p): waiting on me, raised by me, all.
  case approvals
  /// One request: its fields, checks, approvals and history.
  case request(String)
  /// The kiosk's wall display: a region (0–3) or the alerts summary (4).
  case wall(Int)
  /// Funds whose availability ends soon, portfolio-wide (:expiring).
  case expiring
  /// Congressional notifications of funds: needed, on hold, held, cleared (:cns).
  case cns
}

/// Program screen tabs, in order.
public enum ProgramTab: Int, CaseIterable, Sendable {
  case summary, funding, fmsCase, units, oversight, eum, requests, history

  public var title: String {
    switch self {
    case .summary: return "Summary"
    case .funding: return "Funding"
    case .fmsCase: return "Case"
    case .units: return "Units & vetting"
    case .oversight: return "Conditions & metrics"
    case .eum: return "End-use monitoring"
    case .requests: return "Requests"
    case .history: return "History"
    }
  }

  /// The title on a program of `kind`: the Case tab holds a drawdown's packages, a
  /// USAI program's contracts, an EDA program's allocations, a §333 program's notices,
  /// an IMET program's enrolments.
  public func title(for kind: ProgramKind?) -> String {
    guard self == .fmsCase, let kind else { return title }
    switch kind {
    case .pda: return "Packages"
    case .usai: return "Contracts"
    case .eda: return "Allocations"
    case .section333: return "Notices"
    case .imet: return "Training"
    default: return title
    }
  }

  /// For a narrow terminal's tab strip.
  public var shortTitle: String {
    switch self {
    case .units: return "Units"
    case .oversight: return "Conditions"
    case .eum: return "EUM"
    default: return title
    }
  }
}

/// A list's cursor. `key` is the selected row's identity, so the selection survives
/// rows being added or reordered by events from another process.
public struct ListState: Hashable, Sendable {
  public var index = 0
  public var offset = 0
  public var key: String?
  public init() {}
}

public struct Page: Hashable, Sendable {
  public var screen: ScreenKind
  public var list = ListState()
  public var tab = ProgramTab.summary
  /// Which requests the approvals screen lists.
  public var scope = Portfolio.RequestScope.waiting
  /// The order of a partner or program list (s cycles it).
  public var sort = SortKey.name
  public var filter = ""
  public init(_ screen: ScreenKind) { self.screen = screen }

  init(screen: ScreenKind, tab: ProgramTab, scope: Portfolio.RequestScope, sort: SortKey, filter: String) {
    self.screen = screen
    self.tab = tab
    self.scope = scope
    self.sort = sort
    self.filter = filter
  }
}

/// Text being typed at the bottom line.
public enum InputMode: Hashable, Sendable {
  case filter
  case command
  case date
  case note(alert: String)
  /// A y/n question before an export replaces an existing file.
  case confirmOverwrite(path: String, rows: [[String]])
  /// A y/n question before a step on a request (approve, submit, execute).
  case confirmStep(request: String, state: RequestState)
  /// The reason for rejecting or returning a request.
  case stepReason(request: String, state: RequestState)
  /// A note on an approval, submission or execution (as `--note`; may be empty).
  case stepNote(request: String, state: RequestState)
}

/// Facts about the session the status bar shows.
public struct SessionInfo: Sendable, Hashable {
  public var store: String
  public var user: String
  public var role: String
  public var demo: Bool
  public var readOnly: Bool
  /// A server store that cannot be reached: since when (HH:MM UTC); nil while it can.
  public var offlineSince: String?

  public init(store: String, user: String, role: String, demo: Bool, readOnly: Bool) {
    self.store = store
    self.user = user
    self.role = role
    self.demo = demo
    self.readOnly = readOnly
  }
}

/// Everything the screen shows, and nothing it does not: `update` changes it,
/// `render` draws it. No I/O here — effects go back to the caller.
public struct AppModel: Sendable {
  public private(set) var portfolio: Portfolio
  public private(set) var today: Day
  /// The time-travel date, when the portfolio shown is a past one.
  public private(set) var asOf: Day?
  public var info: SessionInfo
  public var theme: Theme
  public var width: Int
  public var height: Int
  public var stack: [Page] = [Page(.overview)]
  public var focusedRegion = 0
  public var regionLists = [ListState](repeating: ListState(), count: 4)
  public var input: InputMode?
  /// The text being typed at the bottom line.
  public var editor = LineEditor()
  public var inputText: String {
    get { editor.text }
    set { editor = LineEditor(newValue) }
  }
  public var message: String?
  public var messageIsError = false
  /// The history of the program on screen, read from the log by the caller.
  public var history: [HistoryLine] = []
  public var shouldQuit = false
  /// A form on top of the screen (n on a program tab), keys go to it while open.
  public var form: Form?
  /// The selected row shown in full (v); any key closes it.
  public var detail: RowDetail?
  /// The wall display's clock and cycle (`sapm --kiosk`); nil in an ordinary session.
  public var kiosk: KioskState?
  /// Fields the screen must not show (the kiosk's), applied to the alerts here and
  /// to the portfolio by whoever hands it in.
  public var redaction: Redaction?

  /// The alerts in order and the figures made from them, derived once per change (not
  /// once per key) and in proportion to it (`AlertBook`).
  public private(set) var book: AlertBook
  public var alerts: [Alert] { book.alerts }
  public var summary: PortfolioSummary { book.summary }
  public var nextChange: [String: Day] { book.nextChange }
  /// The alerts view's lowercased row texts, parallel to `alerts`: made at the first
  /// filter on that view (they need every alert's text), then kept up to date.
  public var alertSearch: [[UInt8]]? { book.searchTexts }
  /// The search texts made so far for the first alerts in order, while the rest are
  /// made (`advanceAlertSearch`); dropped when the alerts change.
  public private(set) var partialSearch: [[UInt8]]?
  public var incrementalUpdates: Int { book.incrementalUpdates }
  var inPlaceLimit: Int {
    get { book.inPlaceLimit }
    set { book.inPlaceLimit = newValue }
  }
  /// The fiscal year whose money the overview and partner screens show; nil: the
  /// current one (of the day shown). `<` `>` and `:fy` set it.
  public private(set) var shownFiscalYear: Int?
  /// The figures with that year's money, made when it is set and after each change.
  public private(set) var fiscalYearSummary: PortfolioSummary?
  /// The fiscal year the figures are of.
  public var fiscalYearShown: Int { shownFiscalYear ?? day.fiscalYear }
  /// The figures the overview and partner screens show.
  public var shownSummary: PortfolioSummary { fiscalYearSummary ?? summary }

  /// Shows `fiscalYear`'s money (nil: the current year's again).
  public mutating func showFiscalYear(_ fiscalYear: Int?) {
    shownFiscalYear = fiscalYear == day.fiscalYear ? nil : fiscalYear
    fiscalYearSummary = shownFiscalYear.map { summary.forFiscalYear($0, portfolio) }
    portfolioVersion += 1
  }

  /// Requests per approvals list (waiting, mine, all), counted once per change, not per frame.
  public private(set) var requestCounts: [Int] = [0, 0, 0]
  /// The current page's filtered table, rebuilt after every message so that
  /// render and the cursor keys never rebuild it.
  var tableCache: (identity: TableIdentity, table: TableData?)?
  var portfolioVersion = 0

  public init(
    portfolio: Portfolio, today: Day, info: SessionInfo, theme: Theme, width: Int, height: Int,
    redaction: Redaction? = nil
  ) {
    self.portfolio = redaction?.apply(to: portfolio) ?? portfolio
    self.today = today
    self.info = info
    self.theme = theme
    self.width = width
    self.height = height
    self.redaction = redaction
    book = AlertBook(self.portfolio, day: today, redaction: redaction)
    finishUpdate()
  }

  /// The overview from a checkpoint's figures, drawn while the programs are still
  /// being read (`portfolio` holds partners and roster only): no alerts list, and the
  /// caller holds keys until the whole model replaces it.
  public init(
    preview portfolio: Portfolio, summary: PortfolioSummary, today: Day, info: SessionInfo, theme: Theme,
    width: Int, height: Int
  ) {
    self.init(
      portfolio: portfolio, pendingSummary: summary, today: today, info: info, theme: theme, width: width,
      height: height)
  }

  /// The whole portfolio with a checkpoint's figures while its alerts are computed on
  /// another thread (`adoptBook`): keys are answered at once — the overview and the
  /// regions from the figures, a partner's programs and a program from their own rules,
  /// and the alerts view says it is being made.
  ///
  /// `countsKnown: false`: the figures are the money only (a first open with no
  /// checkpoint): the alert counts show `…` until the book is in.
  public init(
    portfolio: Portfolio, pendingSummary summary: PortfolioSummary, countsKnown: Bool = true, today: Day,
    info: SessionInfo, theme: Theme, width: Int, height: Int
  ) {
    alertCountsKnown = countsKnown
    self.portfolio = portfolio
    self.today = today
    self.info = info
    self.theme = theme
    self.width = width
    self.height = height
    book = AlertBook(preview: summary)
    finishUpdate()
  }

  /// Whether the alerts are still being computed (the book holds a checkpoint's figures).
  public var alertsPending: Bool { book.isPreview }
  /// Whether the figures' alert counts are known: false while a first open's alerts are
  /// computed (the figures are the money only), when screens show `…` for them.
  public private(set) var alertCountsKnown = true

  /// Takes the alerts computed on another thread, when they are of the portfolio and day
  /// on screen and the book is still a preview; false (and nothing changes) otherwise —
  /// time travel or a new event in between has computed the book here already.
  public mutating func adoptBook(_ computed: AlertBook) -> Bool {
    guard book.isPreview, asOf == nil, redaction == nil, computed.isComputed(for: portfolio, day: day) else {
      return false
    }
    book = computed
    partialSearch = nil
    alertCountsKnown = true
    finishUpdate()
    return true
  }

  /// A program's open alerts by severity (info, warning, critical): from the figures, or
  /// from its own rules while the alerts are computed.
  func programAlertCounts(_ id: String) -> [Int] {
    if let counts = shownSummary.programAlerts[id] { return counts.array }
    guard alertsPending else { return [0, 0, 0] }
    var counts = [0, 0, 0]
    for a in portfolio.evaluate(programID: id, on: day, messages: false).alerts where a.isOpen {
      counts[a.severity.rawValue] += 1
    }
    return counts
  }

  /// The day the rules are evaluated for: the time-travel date or today.
  public var day: Day { asOf ?? today }

  public var page: Page {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  public mutating func setPortfolio(_ p: Portfolio, asOf: Day?, today: Day) {
    let previous = portfolio
    portfolio = p
    self.asOf = asOf
    self.today = today
    let model = self
    book.follow(p, previous: previous, day: day, asOf: asOf) { model.alertSearchText($0, message: $1) }
    partialSearch = nil
    alertCountsKnown = alertCountsKnown || !book.isPreview
    finishUpdate()
  }

  /// What every update ends with: the request counts and a new version for the table cache.
  mutating func finishUpdate() {
    requestCounts = Portfolio.RequestScope.allCases.map { portfolio.requestCount($0, user: info.user) }
    fiscalYearSummary = shownFiscalYear.map { summary.forFiscalYear($0, portfolio) }
    portfolioVersion += 1
  }

  /// One program's alerts, as the screens show them (redacted on the kiosk).
  func programAlerts(_ id: String) -> [Alert] {
    let list = portfolio.alerts(forProgram: id, on: day)
    return redaction.map { r in list.map(r.apply(to:)) } ?? list
  }

  /// The text of one of `alerts`, as it stands on the model's day (redacted on the kiosk).
  public func message(of a: Alert) -> String {
    guard a.message.isEmpty else { return a.message }
    return shown(a, text: portfolio.message(of: a.id, on: day))
  }

  /// `text` as the screen shows it for `a`: reworded where the kiosk redacts.
  func shown(_ a: Alert, text: String) -> String {
    guard let redaction else { return text }
    var full = a
    full.message = text
    return redaction.apply(to: full).message
  }

  /// How many alerts' search texts one update makes (on every core): the first key of
  /// a filter answers after one slice, and the rest follow a slice per turn of the loop
  /// (`alertSearchPending`), the matches so far shown meanwhile.
  public var searchSlice = 6_000

  /// Whether the alerts view's filter is still making search texts (the runner then
  /// sends `.searchMore` instead of waiting for a key).
  public var alertSearchPending: Bool {
    if case .alerts = page.screen, !page.filter.isEmpty, alertSearch == nil, !alerts.isEmpty { return true }
    return false
  }

  /// Makes the next slice of the alerts view's search texts (every alert's text, in
  /// the list's order); with the last one the book keeps them, and up to date from then on.
  mutating func advanceAlertSearch() {
    guard alertSearch == nil else { return }
    var texts = partialSearch ?? []
    texts.reserveCapacity(alerts.count)
    let end = min(alerts.count, texts.count + max(1, searchSlice))
    texts += searchTexts(texts.count..<end)
    if texts.count == alerts.count {
      book.adoptSearchTexts(texts)
      partialSearch = nil
    } else {
      partialSearch = texts
    }
  }

  /// Every search text at once (tests, benchmarks).
  mutating func makeAlertSearch() {
    guard alertSearch == nil else { return }
    book.adoptSearchTexts(searchTexts(0..<alerts.count))
    partialSearch = nil
  }

  /// The search texts of `range` of the alerts, in chunks on every core: each needs its
  /// programs' rules run with their texts (350,000 alerts at scale).
  func searchTexts(_ range: Range<Int>) -> [[UInt8]] {
    let model = self
    let alerts = self.alerts
    let chunk = max(1, (range.count + 15) / 16)
    let parts = SearchParts(count: (range.count + chunk - 1) / chunk)
    DispatchQueue.concurrentPerform(iterations: parts.count) { n in
      let part = (range.lowerBound + n * chunk)..<min(range.upperBound, range.lowerBound + (n + 1) * chunk)
      var texts = [[UInt8]](repeating: [], count: part.count)
      var cache: (program: String, alerts: [Alert])?
      // By program, so that each program's rules run once for all its alerts here.
      for i in part.sorted(by: { alerts[$0].subject.program < alerts[$1].subject.program }) {
        let a = alerts[i]
        let program = a.subject.program
        if cache?.program != program {
          cache = (
            program, model.portfolio.evaluate(programID: program, on: model.day, messages: true).alerts
          )
        }
        let text =
          cache?.alerts.first { $0.id == a.id }.map { model.shown(a, text: $0.message) }
          ?? model.message(of: a)
        texts[i - part.lowerBound] = model.alertSearchText(a, message: text)
      }
      parts.set(n, texts)
    }
    return parts.joined()
  }

  /// What the current table depends on; the cache is valid while this is unchanged.
  struct TableIdentity: Equatable {
    var depth: Int
    var page: Page
    var focusedRegion: Int
    var portfolioVersion: Int
    var historyCount: Int
    /// Alerts whose search texts are made so far (the filter searches those).
    var searched: Int
  }

  var tableIdentity: TableIdentity {
    TableIdentity(
      depth: stack.count,
      page: Page(screen: page.screen, tab: page.tab, scope: page.scope, sort: page.sort, filter: page.filter),
      focusedRegion: focusedRegion, portfolioVersion: portfolioVersion, historyCount: history.count,
      searched: alertSearch?.count ?? partialSearch?.count ?? 0)
  }
}

/// One line of a program's history, as the caller reads it from the log.
public struct HistoryLine: Sendable, Hashable {
  public var at: String
  public var actor: String
  public var type: String
  public var summary: String
  public init(at: String, actor: String, type: String, summary: String) {
    self.at = at
    self.actor = actor
    self.type = type
    self.summary = summary
  }
}

/// The kiosk's wall display: which screen of the cycle is up, the clock it is driven
/// by (ticks from the caller, so tests inject time), and when a passer-by last
/// pressed a key.
public struct KioskState: Sendable, Hashable {
  public var cycleSeconds: Int
  public var idleSeconds: Int
  public var now: Timestamp
  /// The last key; nil while the wall cycles on its own.
  public var lastKey: Timestamp?
  public var lastAdvance: Timestamp
  /// The wall screen up now: 0–3 a region, 4 the alerts summary.
  public var step = 0
  /// When the portfolio on screen was last read.
  public var updated: Timestamp
  /// Set while the store cannot be read: the last good view stays on screen.
  public var unavailableSince: Timestamp?

  public static let steps = 5

  public init(cycleSeconds: Int, idleSeconds: Int, now: Timestamp) {
    self.cycleSeconds = cycleSeconds
    self.idleSeconds = idleSeconds
    self.now = now
    self.lastAdvance = now
    self.updated = now
  }
}

extension AppModel {
  /// A wall display over a redacted portfolio: no user, no writes, cycling.
  public static func kiosk(
    portfolio: Portfolio, today: Day, now: Timestamp, store: String, theme: Theme, width: Int, height: Int,
    cycleSeconds: Int, idleSeconds: Int
  ) -> AppModel {
    // Redacted before the first evaluation of alerts and figures, which runs once.
    var m = AppModel(
      portfolio: portfolio, today: today,
      info: SessionInfo(store: store, user: "kiosk", role: "viewer", demo: portfolio.isDemo, readOnly: true),
      theme: theme, width: width, height: height, redaction: .kiosk)
    m.kiosk = KioskState(cycleSeconds: max(1, cycleSeconds), idleSeconds: max(1, idleSeconds), now: now)
    m.stack = [Page(.wall(0))]
    return m
  }
}

/// The orders a partner or program list can take (s cycles them): the column it
/// sorts by is marked ▼ in the header.
public enum SortKey: Int, CaseIterable, Sendable, Hashable {
  case name, value, obligated, alerts

  public var title: String {
    switch self {
    case .name: return "name"
    case .value: return "value"
    case .obligated: return "obligated %"
    case .alerts: return "alerts"
    }
  }

  public var next: SortKey { SortKey(rawValue: (rawValue + 1) % SortKey.allCases.count) ?? .name }
}

/// The chunks of the alerts view's search texts, filled on several cores.
final class SearchParts: Sendable {
  private let parts: Mutex<[[[UInt8]]]>
  let count: Int
  init(count: Int) {
    self.count = count
    parts = Mutex(Array(repeating: [], count: count))
  }
  func set(_ i: Int, _ texts: [[UInt8]]) { parts.withLock { $0[i] = texts } }
  func joined() -> [[UInt8]] { parts.withLock { $0.flatMap { $0 } } }
}
