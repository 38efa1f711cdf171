import Portfolio

/// The footer: the keys of the screen you are on, from the key map.
extension AppModel {
  /// The keys of the current screen, for the footer (as k9s and lazygit show them),
  /// generated from the key map.
  var footerKeys: String { page.screen.screen.footer(self) }

  /// The request steps' keys, in the footer's order.
  static let stepActions: [Action] = [
    .step(.approved), .step(.rejected), .step(.returned), .step(.submitted), .step(.executed),
  ]
}
