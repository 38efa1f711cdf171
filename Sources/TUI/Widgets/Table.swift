import Glibc
import Portfolio
import Terminal

/// A table as data: the screens build one, `render` draws it, `:export` writes it.
public struct TableData: Sendable {
  public struct Column: Sendable {
    public var title: String
    public var width: Int
    public var alignRight: Bool
    /// Flexible columns share what is left of the width.
    public var flexible: Bool

    public init(_ title: String, _ width: Int, right: Bool = false, flexible: Bool = false) {
      self.title = title
      self.width = width
      self.alignRight = right
      self.flexible = flexible
    }
  }

  public struct Row: Sendable {
    public var key: String
    public var cells: [String]
    /// A theme key for the whole row (e.g. `alert.critical`), or nil.
    public var style: String?

    /// The row's text, lowercased once, for filtering as you type.
    public let searchText: [UInt8]

    public init(key: String, cells: [String], style: String? = nil) {
      self.key = key
      self.cells = cells
      self.style = style
      self.searchText = Row.searchText(cells)
    }

    /// The cells' text, lowercased once, as the filter searches it.
    public static func searchText(_ cells: [String]) -> [UInt8] {
      Array(cells.joined(separator: "\u{1F}").lowercased().utf8)
    }
  }

  /// Rows made when they are drawn, for a list too long to hold as text (350,000
  /// alerts): its length, each row's key (cheap, for keeping the selection), the row
  /// itself, and optionally each row's lowercased text for the filter.
  public struct LazyRows: Sendable {
    public var count: Int
    public var key: @Sendable (Int) -> String
    public var row: @Sendable (Int) -> Row
    /// Each row's `searchText`, when the caller keeps them; otherwise the filter
    /// builds every row.
    public var searchText: [[UInt8]]?

    public init(
      count: Int, key: @escaping @Sendable (Int) -> String, row: @escaping @Sendable (Int) -> Row,
      searchText: [[UInt8]]? = nil
    ) {
      self.count = count
      self.key = key
      self.row = row
      self.searchText = searchText
    }
  }

  /// The rows shown: all of them, or the filter's matches by index, so filtering
  /// a hundred thousand rows copies integers, not rows.
  public struct Rows: RandomAccessCollection, Sendable {
    enum Source: Sendable {
      case built([Row])
      case lazy(LazyRows)
    }
    let source: Source
    let matches: [Int32]?

    var sourceCount: Int {
      switch source {
      case .built(let rows): return rows.count
      case .lazy(let l): return l.count
      }
    }

    func sourceIndex(_ position: Int) -> Int { matches.map { Int($0[position]) } ?? position }

    public var startIndex: Int { 0 }
    public var endIndex: Int { matches?.count ?? sourceCount }
    public subscript(position: Int) -> Row {
      switch source {
      case .built(let rows): return rows[sourceIndex(position)]
      case .lazy(let l): return l.row(sourceIndex(position))
      }
    }

    /// The key of the row at `position`, without making a lazy row.
    public func key(at position: Int) -> String {
      switch source {
      case .built(let rows): return rows[sourceIndex(position)].key
      case .lazy(let l): return l.key(sourceIndex(position))
      }
    }

    /// The position of the row with `key`, if it is shown.
    public func position(ofKey key: String) -> Int? { indices.first { self.key(at: $0) == key } }

    func searchText(_ position: Int) -> [UInt8] {
      switch source {
      case .built(let rows): return rows[sourceIndex(position)].searchText
      case .lazy(let l):
        let i = sourceIndex(position)
        if let texts = l.searchText, i < texts.count { return texts[i] }
        return l.row(i).searchText
      }
    }
  }

  public var columns: [Column]
  public var rows: Rows
  /// A line the screen shows above the list, made with the rows (their total, say), so
  /// it is computed when the table is, not on every frame.
  public var caption = ""

  public init(columns: [Column], rows: [Row]) {
    self.columns = columns
    self.rows = Rows(source: .built(rows), matches: nil)
  }

  public init(columns: [Column], lazyRows: LazyRows) {
    self.columns = columns
    self.rows = Rows(source: .lazy(lazyRows), matches: nil)
  }

  init(columns: [Column], rows: Rows) {
    self.columns = columns
    self.rows = rows
  }

  /// Keeps rows whose text contains `filter` (case-insensitive); empty keeps all.
  public func filtered(_ filter: String) -> TableData {
    guard !filter.isEmpty else { return self }
    let needle = Array(filter.lowercased().utf8)
    var matches: [Int32] = []
    if case .lazy(let l) = rows.source, let texts = l.searchText {
      // The kept texts, searched in place (350,000 alerts on every key press): no
      // copy or reference count per row.
      texts.withUnsafeBufferPointer { t in
        needle.withUnsafeBufferPointer { n in
          guard let base = t.baseAddress else { return }
          if let subset = rows.matches {
            for at in subset where (base + Int(at)).pointee.withUnsafeBufferPointer({ contains($0, n) }) {
              matches.append(at)
            }
          } else {
            for at in 0..<t.count where (base + at).pointee.withUnsafeBufferPointer({ contains($0, n) }) {
              matches.append(Int32(at))
            }
          }
        }
      }
    } else {
      for i in rows.indices where contains(rows.searchText(i), needle) {
        matches.append(Int32(rows.sourceIndex(i)))
      }
    }
    var kept = TableData(columns: columns, rows: Rows(source: rows.source, matches: matches))
    kept.caption = caption
    return kept
  }

  /// Column widths for `total` columns, given the rows about to be drawn (`sample`).
  ///
  /// A figure is never cut (issue 28): a fixed column holding amounts, percentages,
  /// dates, IDs or counts — any cell that is one word with a digit in it, `$12.0M`,
  /// `2026-09-30`, `UA-USAI-001` — is as wide as its widest such cell. When the width is
  /// short, the other fixed columns give way (down to 6), then the flexible ones (titles,
  /// details) to their minimum; if that is not enough, columns are dropped from the
  /// right (width 0), and the caller marks the header with `›` (`v` shows a row whole).
  func widths(total: Int, sample: some Sequence<Row> = [Row]()) -> [Int] {
    var fixedWidths = columns.map { $0.flexible ? 0 : $0.width }
    var whole = [Bool](repeating: false, count: columns.count)
    for row in sample {
      for (i, cell) in row.cells.enumerated() where i < columns.count && !columns[i].flexible {
        guard Self.isFigure(cell) else { continue }
        whole[i] = true
        fixedWidths[i] = max(fixedWidths[i], DisplayWidth.of(cell))
      }
    }
    var flexMinimum = columns.map { $0.flexible ? $0.width : 0 }
    var dropped = [Bool](repeating: false, count: columns.count)
    func overflow() -> Int {
      let shown = columns.indices.filter { !dropped[$0] }
      return shown.reduce(0) { $0 + fixedWidths[$1] + flexMinimum[$1] } + max(0, shown.count - 1) - total
    }
    var over = overflow()
    while over > 0 {
      guard
        let widest = fixedWidths.indices.filter({ !whole[$0] && !dropped[$0] && fixedWidths[$0] > 6 }).max(
          by: {
            fixedWidths[$0] < fixedWidths[$1]
          })
      else { break }
      fixedWidths[widest] -= 1
      over -= 1
    }
    // Titles and details give way to their last few columns before a figure is dropped.
    while over > 0, let flex = flexMinimum.indices.first(where: { !dropped[$0] && flexMinimum[$0] > 8 }) {
      flexMinimum[flex] -= 1
      over -= 1
    }
    // Still too wide: drop whole columns from the right, never the first.
    while over > 0, let last = columns.indices.last(where: { $0 > 0 && !dropped[$0] }) {
      dropped[last] = true
      over = overflow()
    }
    let shown = columns.indices.filter { !dropped[$0] }
    let fixed =
      shown.reduce(0) { $0 + (columns[$1].flexible ? 0 : fixedWidths[$1]) } + max(0, shown.count - 1)
    let flexCount = shown.filter { columns[$0].flexible }.count
    let spare = max(0, total - fixed)
    return columns.indices.map { i in
      if dropped[i] { return 0 }
      return columns[i].flexible ? max(flexMinimum[i], flexCount > 0 ? spare / flexCount : 0) : fixedWidths[i]
    }
  }

  /// One word with a digit in it: an amount, a percentage, a date, an ID, a count.
  static func isFigure(_ cell: String) -> Bool {
    var digit = false
    for u in cell.unicodeScalars {
      if u == " " { return false }
      if u.properties.numericType != nil, ("0"..."9").contains(u) { digit = true }
    }
    return digit
  }

  /// The table as CSV rows (header first), for `:export`.
  public var exportRows: [[String]] { [columns.map(\.title)] + rows.map(\.cells) }
}

/// Byte substring search (memmem) over UTF-8: filtering 100,000 alert rows on every
/// key press has to be cheap.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
  if needle.isEmpty { return true }
  return haystack.withUnsafeBufferPointer { hb in needle.withUnsafeBufferPointer { contains(hb, $0) } }
}

func contains(_ hb: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
  let n = needle.count
  if n == 0 { return true }
  guard hb.count >= n, let base = hb.baseAddress else { return false }
  let first = needle[0]
  var i = 0
  let last = hb.count - n
  while i <= last {
    guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    var j = 1
    while j < n && hb[at + j] == needle[j] { j += 1 }
    if j == n { return true }
    i = at + 1
  }
  return false
}

/// Percent with no decimals, or an en dash for nothing to divide.
func percent(_ part: Dollars, of whole: Dollars) -> String {
  whole.amount > 0 ? "\(Int((Double(part.amount) / Double(whole.amount) * 100).rounded()))%" : "–"
}

/// `‼2 !1 i3`: counts by severity, symbols so colour is never the only signal.
func alertCounts(_ counts: [Int]) -> String {
  var parts: [String] = []
  if counts[2] > 0 { parts.append("‼\(counts[2])") }
  if counts[1] > 0 { parts.append("!\(counts[1])") }
  if counts[0] > 0 { parts.append("i\(counts[0])") }
  return parts.joined(separator: " ")
}

func severityStyle(_ counts: [Int]) -> String? {
  counts[2] > 0 ? "alert.critical" : counts[1] > 0 ? "alert.warning" : nil
}

/// "1 partner", "3 partners": a count with its noun.
func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
  "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
}

/// A column title marked as the one a list is sorted by (name order, the default,
/// is left unmarked).
func marked(_ title: String, _ sorted: Bool) -> String { sorted ? title + " ▼" : title }

/// A list in the order `key` asks for: by name (ascending), or by value, obligated
/// share or alerts (critical, then warning, then info), largest first; ties by name.
func sorted<T>(
  _ items: [T], by key: SortKey, name: KeyPath<T, String>, figures: (T) -> (Dollars, Double, [Int])
) -> [T] {
  guard key != .name else { return items }
  let keyed = items.map { ($0, figures($0)) }
  return keyed.sorted { a, b in
    switch key {
    case .value where a.1.0 != b.1.0: return a.1.0 > b.1.0
    case .obligated where a.1.1 != b.1.1: return a.1.1 > b.1.1
    case .alerts where a.1.2.reversed() != b.1.2.reversed():
      return a.1.2.reversed().lexicographicallyPrecedes(b.1.2.reversed()) == false
    default: return a.0[keyPath: name] < b.0[keyPath: name]
    }
  }.map(\.0)
}
