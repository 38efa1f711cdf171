import Portfolio

/// The footer: the keys of the screen you are on, from the key map.
extension AppModel {
  /// The keys of the current screen, for the footer (as k9s and lazygit show them),
  /// generated from the key map.
  var footerKeys: String {
    let steps: [Action] = [
      .step(.approved), .step(.rejected), .step(.returned), .step(.submitted), .step(.executed),
    ]
    let footer = KeyMap.footer
    switch page.screen {
    case .overview:
      return "1-4 pane · "
        + footer([.drill, .new, .filter, .approvals, .alerts, .cases, .timeTravel, .help, .quit])
    case .partner: return footer([.drill, .new, .sort, .filter, .approvals, .alerts, .back, .home, .help])
    case .program:
      let tabs = "[ ] tabs · "
      switch page.tab {
      case .requests: return tabs + footer([.drill, .newRequest] + steps + [.back])
      case .summary: return tabs + footer([.acknowledge, .new, .newRequest, .detail, .back, .home, .help])
      default: return tabs + footer([.new, .newRequest, .detail, .approvals, .alerts, .back, .home, .help])
      }
    case .alerts: return footer([.drill, .acknowledge, .filter, .detail, .back, .home, .help])
    case .search: return footer([.drill, .filter, .back, .home, .help])
    case .cases: return footer([.drill, .filter, .alerts, .approvals, .back, .home, .help])
    case .approvals: return "Tab lists · " + footer([.drill] + steps + [.filter, .back])
    case .request: return footer(steps + [.detail, .back, .help])
    case .help: return footer([.filter, .back, .quit])
    case .wall:
      return "read-only kiosk · arrows, Enter, Esc, 1–4 and a browse · it returns to the wall when left alone"
    }
  }
}
