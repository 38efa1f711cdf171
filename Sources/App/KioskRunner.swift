import Basics
import CanonicalJSON
import Foundation
import Portfolio
import Session
import Store
import TUI
import Terminal

/// The wall display's loop (`sapm --kiosk`). It holds a `KioskFeed` and a terminal,
/// not a `Session`: there is no write path in it to forget to guard. The model it
/// drives is a kiosk model (redacted, browse keys only); an effect that would write
/// is answered "read-only kiosk" here as well.
public final class KioskRunner {
  let feed: KioskFeed
  let terminal: any TerminalDevice
  var model: AppModel
  let clock: () -> Timestamp
  /// How often the store is looked at (inotify wakes it sooner).
  let pollInterval: Double

  public init(
    feed: KioskFeed, terminal: any TerminalDevice, theme: Theme, cycleSeconds: Int, idleSeconds: Int,
    notices: [String] = [], clock: @escaping () -> Timestamp = Timestamp.now, pollInterval: Double = 0.5
  ) {
    self.feed = feed
    self.terminal = terminal
    self.clock = clock
    self.pollInterval = pollInterval
    let now = clock()
    let size = terminal.size
    model = AppModel.kiosk(
      portfolio: feed.portfolio, today: Day(ordinal: now.dayOrdinal), now: now, store: feed.location.path,
      theme: theme, width: size.width, height: size.height, cycleSeconds: cycleSeconds,
      idleSeconds: idleSeconds)
    if !notices.isEmpty { model.message = notices.joined(separator: " · ") }
  }

  public var currentModel: AppModel { model }

  /// Runs until SIGTERM, SIGHUP or SIGINT; no key stops it. Restores the terminal.
  public func run() {
    let watcher = feed.makeWatcher()
    defer { terminal.shutdown() }
    var dirty = true
    var lastPoll = Date.distantPast
    var lastTick = Date.distantPast
    while TerminalRestorer.stopRequested == 0 {
      if dirty {
        terminal.draw(model.render())
        dirty = false
      }
      if drainKeys(terminal, firstWait: 100, stop: { false }, dispatch) { dirty = true }
      if Date().timeIntervalSince(lastTick) >= 1 {
        lastTick = Date()
        dispatch(.tick(clock()))
        dirty = true
      }
      if Date().timeIntervalSince(lastPoll) >= pollInterval || watcher.drainIfReadable() {
        lastPoll = Date()
        if poll() { dirty = true }
      }
    }
  }

  /// Reads what changed in the store; true when the screen must be redrawn.
  @discardableResult
  public func poll() -> Bool {
    let now = clock()
    switch feed.poll(now: now) {
    case .none:
      let today = Day(ordinal: now.dayOrdinal)
      guard today != model.today else { return false }
      dispatch(.portfolio(feed.portfolio, asOf: nil, today: today))
      return true
    case .updated:
      if model.kiosk?.unavailableSince != nil { dispatch(.storeUnavailable(since: nil)) }
      dispatch(.portfolio(feed.portfolio, asOf: nil, today: Day(ordinal: now.dayOrdinal)))
      return true
    case .unavailable(let since, _):
      guard model.kiosk?.unavailableSince != since else { return false }
      dispatch(.storeUnavailable(since: since))
      return true
    }
  }

  public func dispatch(_ message: Message) {
    for effect in model.handle(message) {
      switch effect {
      case .redraw: terminal.invalidate()
      case .quit, .loadHistory, .travel, .loadTheme: break
      case .acknowledge, .perform, .export, .exportPortfolio, .writeBrief:
        // Unreachable from a kiosk model; and there is nothing here to write with.
        _ = model.handle(.status("read-only kiosk", error: true))
      }
    }
  }
}
