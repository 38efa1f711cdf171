import Terminal

/// What a large open has done so far (records folded, bytes read of the file's total,
/// seconds since it began).
public struct LoadFigures: Sendable, Hashable {
  public var records: Int
  public var bytes: Int64
  public var total: Int64
  public var seconds: Double

  public init(records: Int, bytes: Int64, total: Int64, seconds: Double) {
    self.records = records
    self.bytes = bytes
    self.total = total
    self.seconds = seconds
  }
}

/// The frame shown while a store is read without a checkpoint: the first thing on
/// screen, within a fraction of a second, with a way out (`q`).
public enum LoadingScreen {
  public static func render(
    _ f: LoadFigures, store: String, theme: Theme, width: Int, height: Int
  ) -> CellGrid {
    var g = CellGrid(width: width, height: height)
    guard width > 10, height > 3 else { return g }
    let y = max(1, height / 2 - 2)
    g.put("sapm — opening \(store)", x: 2, y: y, style: theme.style("title"), limit: width - 4)
    let share = f.total > 0 ? min(1, Double(f.bytes) / Double(f.total)) : 0
    let barWidth = max(10, min(60, width - 12))
    g.put(
      bar(share, barWidth) + " \(Int((share * 100).rounded()))%", x: 2, y: y + 2, style: theme.style("bar"),
      limit: width - 4)
    let rate = f.seconds > 0 ? Double(f.records) / f.seconds : 0
    let eta =
      share > 0.01 && share < 1 ? " · about \(Int((f.seconds / share - f.seconds).rounded(.up))) s left" : ""
    g.put(
      "\(f.records) events read · \(Int(rate)) events/s\(eta)", x: 2, y: y + 3,
      style: theme.style("list.dim"),
      limit: width - 4)
    g.put(
      "Reading the log from its start (no usable checkpoint) · q quits", x: 2, y: y + 5,
      style: theme.style("list.dim"), limit: width - 4)
    return g
  }
}
