import Portfolio
import Terminal

/// What one kind of screen is, in one place: its crumb, rows, drawing, footer, where
/// Enter leads, the form `n` opens (or why none), what Tab does, and the keys that only
/// act on it. A new screen is a `ScreenKind` case and one file with one of these; the
/// compiler lists what it must give, and `ScreenKind.screen` is the one switch on the
/// kind (no `default:` hides a screen that forgot a key).
protocol Screen {
  /// Its part of the title's breadcrumb.
  func crumb(_ m: AppModel, _ page: Page) -> String
  /// Its list, unfiltered (nil: a screen without one).
  func table(_ m: AppModel) -> TableData?
  /// Draws it between the title and the status line.
  func draw(_ m: AppModel, _ g: inout CellGrid, _ layout: Layout)
  /// Rows above its list (a header, a tab strip, a block of figures).
  func headerRows(_ m: AppModel) -> Int
  /// The keys the footer shows.
  func footer(_ m: AppModel) -> String
  /// Enter, → or l.
  func drill(_ m: inout AppModel) -> [Effect]
  /// The form `n` opens here; `newFormDisabledReason` says why there is none.
  func newForm(_ m: AppModel) -> Form?
  func newFormDisabledReason(_ m: AppModel) -> String?
  /// Tab and shift-Tab (+1 / -1); nil: they mean nothing here.
  func tab(_ m: inout AppModel, by step: Int) -> [Effect]?
  /// Whether `s` sorts this screen's list.
  var sorts: Bool { get }
  /// Whether `x` acknowledges the selected alert here.
  func acknowledges(_ m: AppModel) -> Bool
  /// The request a step key (A R B S E) acts on here.
  func selectedRequest(_ m: AppModel) -> Request?
}

/// What most screens say: no form, no Tab, no sorting, nothing to acknowledge or step.
extension Screen {
  func newForm(_ m: AppModel) -> Form? { nil }
  func newFormDisabledReason(_ m: AppModel) -> String? {
    "n records a fact: on a region pane (a partner), a partner (a program), or a program's tabs"
  }
  func tab(_ m: inout AppModel, by step: Int) -> [Effect]? { nil }
  var sorts: Bool { false }
  func acknowledges(_ m: AppModel) -> Bool { false }
  func selectedRequest(_ m: AppModel) -> Request? { nil }
  func headerRows(_ m: AppModel) -> Int { 1 }
}

extension ScreenKind {
  /// This kind's screen: the one switch on the kind.
  var screen: any Screen {
    switch self {
    case .overview: return OverviewScreen()
    case .partner(let code): return PartnerScreen(code: code)
    case .program(let id): return ProgramScreen(id: id)
    case .alerts: return AlertsScreen()
    case .help: return HelpScreen()
    case .cases: return CasesScreen()
    case .search(let text): return SearchScreen(text: text)
    case .approvals: return ApprovalsScreen()
    case .request(let id): return RequestScreen(id: id)
    case .wall(let step): return WallScreen(step: step)
    case .expiring: return ExpiringScreen()
    case .cns: return CNsScreen()
    }
  }
}
