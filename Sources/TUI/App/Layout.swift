/// Where everything goes on a screen of the model's size. Render and mouse
/// handling share it, so a click lands on the row that was drawn there.
public struct Rect: Hashable, Sendable {
  public var x, y, width, height: Int
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < x + width && py >= y && py < y + height
  }
}

public struct Layout {
  public static let minimumWidth = 60
  public static let minimumHeight = 12
  /// Rows a pane uses above its first list row: border, two totals lines, header.
  static let paneHeaderRows = 4

  public let tooSmall: Bool
  public let grid: Bool
  public let panes: [Rect]
  /// The list area of non-overview screens (first row is the table header).
  public let list: Rect
  public let listRows: Int

  public init(_ m: AppModel) {
    let w = m.width
    let h = m.height
    tooSmall = w < Layout.minimumWidth || h < Layout.minimumHeight
    grid = w >= 100 && h >= 30
    let contentTop = 1
    let contentBottom = h - 2  // message/input line and status bar
    if grid {
      let halfW = w / 2
      let halfH = (contentBottom - contentTop) / 2
      panes = [
        Rect(x: 0, y: contentTop, width: halfW, height: halfH),
        Rect(x: halfW, y: contentTop, width: w - halfW, height: halfH),
        Rect(x: 0, y: contentTop + halfH, width: halfW, height: contentBottom - contentTop - halfH),
        Rect(x: halfW, y: contentTop + halfH, width: w - halfW, height: contentBottom - contentTop - halfH),
      ]
    } else {
      let single = Rect(x: 0, y: contentTop + 1, width: w, height: max(0, contentBottom - contentTop - 1))
      panes = (0..<4).map { $0 == m.focusedRegion ? single : Rect(x: 0, y: 0, width: 0, height: 0) }
    }
    let headerRows = m.page.screen.screen.headerRows(m)
    list = Rect(
      x: 0, y: contentTop + headerRows, width: w, height: max(0, contentBottom - contentTop - headerRows))
    if case .overview = m.page.screen {
      listRows = max(1, panes[m.focusedRegion].height - Layout.paneHeaderRows - 1)
    } else {
      listRows = max(1, list.height - 1)
    }
  }
}
