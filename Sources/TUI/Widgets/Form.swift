import Portfolio
import Terminal

/// A form of labelled, typed fields (issue "Real data in"): Tab and Shift-Tab (or ↓ ↑)
/// move between fields, each field edits as a `LineEditor`, a choice cycles with
/// ← → or Space, the domain's own rules are shown as you type, Enter records, Esc
/// cancels with nothing written. What a form records is a `Command`, built by its
/// `FormKind` from the fields' text: the same checks as every other way in.
public struct Form: Sendable {
  public struct Field: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
      case text, date, money, year
      case choice([String])
    }
    public var label: FieldLabel
    public var kind: Kind
    public var editor: LineEditor
    public var hint: String
    /// Not part of the form as it stands (a request kind's fields when another kind is
    /// chosen): not shown, not reached by Tab.
    public var hidden = false

    public init(
      _ label: FieldLabel, _ kind: Kind, _ value: String = "", hint: String = "", prefilled: Bool = true
    ) {
      self.label = label
      self.kind = kind
      self.editor = LineEditor(value, prefilled: prefilled)
      self.hint = hint
    }

    public var text: String { editor.text.trimmingWhitespace }
  }

  public var kind: FormKind
  public var fields: [Field]
  public var focus = 0
  /// What stops the form from being recorded now (field problems or the domain's
  /// reasons); empty when Enter would record it.
  public var problems: [String] = []
  /// Set while the caller is recording it.
  public var isSubmitting = false

  public init(kind: FormKind, fields: [Field]) {
    self.kind = kind
    self.fields = fields
  }

  public var title: String { kind.title }

  /// The text of the field `label`; "" when this form has no such field (a Request
  /// field shown only after an LOA is offered, say).
  public func value(_ label: FieldLabel) -> String { fields.first { $0.label == label }?.text ?? "" }

  /// Fills in the field `label` (a form opened from another, carrying what was typed).
  public mutating func set(_ label: FieldLabel, _ text: String) {
    guard let i = fields.firstIndex(where: { $0.label == label }) else { return }
    fields[i].editor = LineEditor(text, prefilled: false)
  }

  /// The next field Tab reaches from `focus` in `step` (+1 or −1), skipping hidden ones.
  func nextVisible(_ step: Int) -> Int {
    var i = focus
    for _ in fields.indices {
      i = (i + step + fields.count) % fields.count
      if !fields[i].hidden { return i }
    }
    return focus
  }

  /// Whether a typed character can belong in a field of this kind: a date or a year
  /// takes digits (and a date its dashes), so text typed into one is refused at the key.
  static func accepts(_ c: Character, in kind: Field.Kind) -> Bool {
    switch kind {
    case .date: return c.isASCII && (c.isNumber || c == "-")
    case .year: return c.isASCII && c.isNumber
    default: return true
    }
  }

  /// Feeds a key to the form. Returns true when the key asks to submit.
  mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .tab, .down: focus = nextVisible(1)
    case .backTab, .up: focus = nextVisible(-1)
    case .enter: return true
    case .character(let c) where !Form.accepts(c, in: fields[focus].kind):
      return false
    default:
      if case .choice(let options) = fields[focus].kind, !options.isEmpty {
        let current = options.firstIndex(of: fields[focus].text) ?? 0
        var next = current
        switch key {
        case .right, .character(" "): next = (current + 1) % options.count
        case .left: next = (current + options.count - 1) % options.count
        case .character(let c):
          next = options.firstIndex { $0.lowercased().hasPrefix(String(c).lowercased()) } ?? current
        default: return false
        }
        fields[focus].editor = LineEditor(options[next])
      } else {
        _ = fields[focus].editor.handle(key)
      }
    }
    return false
  }
}

/// Parses what people type for money: `1250000`, `$1,250,000`, `1.25M`, `900K`, `2B`.
public func parseDollars(_ text: String) -> Dollars? {
  var t = text.replacingAll(",", "").replacingAll("$", "").replacingAll(" ", "").uppercased()
  var scale = 1.0
  if let last = t.last, let s = ["K": 1e3, "M": 1e6, "B": 1e9][String(last)] {
    scale = s
    t.removeLast()
  }
  if scale == 1, let whole = Int64(t) { return Dollars(whole) }
  guard let v = Double(t), v.isFinite else { return nil }
  let amount = (v * scale).rounded()
  guard abs(amount) < 9.2e18 else { return nil }
  return Dollars(Int64(amount))
}

extension String {
  func replacingAll(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
