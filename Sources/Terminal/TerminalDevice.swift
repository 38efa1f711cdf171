/// What the application needs from a terminal. `NCursesTerminal` is the real one;
/// `MemoryTerminal` is the test double (swift-nio's embedded channel, for a screen).
public protocol TerminalDevice: AnyObject {
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// How many colours the terminal shows: 0 (mono), 8, 16, 256 or 16,777,216.
  var colors: Int { get }
  /// Shows a frame.
  func draw(_ grid: CellGrid)
  /// The next key within `milliseconds`, or nil.
  func readKey(timeout milliseconds: Int32) -> Key?
  /// Restores the terminal. Safe to call more than once.
  func shutdown()
  /// Forgets what is on screen so the next draw repaints everything (Ctrl-L).
  func invalidate()
}

/// A terminal in memory: keys are queued by the test, frames are kept to read back.
public final class MemoryTerminal: TerminalDevice {
  public var size: (width: Int, height: Int)
  public var colors: Int
  public private(set) var frames: [CellGrid] = []
  public var pendingKeys: [Key] = []
  public private(set) var isShutDown = false

  /// How many frames to keep (the newest): all by default, for tests that read
  /// them back; a long run (the kiosk soak) keeps one.
  public let keepingFrames: Int

  public init(width: Int, height: Int, colors: Int = 256, keepingFrames: Int = .max) {
    size = (width, height)
    self.colors = colors
    self.keepingFrames = max(1, keepingFrames)
  }

  public func draw(_ grid: CellGrid) {
    if frames.count >= keepingFrames { frames.removeFirst(frames.count - keepingFrames + 1) }
    frames.append(grid)
  }

  public func readKey(timeout milliseconds: Int32) -> Key? {
    pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
  }

  public func shutdown() { isShutDown = true }

  public private(set) var invalidations = 0
  public func invalidate() { invalidations += 1 }

  /// The last frame as text.
  public var screen: String { frames.last?.text ?? "" }
}
