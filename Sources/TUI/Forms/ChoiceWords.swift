import Portfolio

/// What a form's choice shows: the words a desk officer reads ("LOA offered", "NATO+5",
/// "Release funds"), never the identifier the event stores ("loa-offered", "nato+5",
/// "release-funds"). The form keeps the identifier as its value; only the drawing changes.
enum ChoiceWords {
  static let words: [String: String] = {
    var out: [String: String] = [:]
    for m in CaseMilestone.allCases { out[m.rawValue] = m.title }
    for t in NotificationTier.allCases { out[t.rawValue] = t.title }
    for k in RequestKind.allCases { out[k.rawValue] = k.title }
    for r in RestrictionKind.allCases { out[r.rawValue] = r.title }
    out[CaseType.definedOrder.rawValue] = "defined order"
    out[CaseType.blanketOrder.rawValue] = "blanket order"
    return out
  }()

  static func word(for value: String) -> String { words[value] ?? value }
}
