import Basics
import CanonicalJSON
import Portfolio
import Terminal

/// The kiosk's keys and clock. Only browsing reaches the ordinary handlers; every
/// other key is answered here and goes no further, so no screen, form or prompt
/// can be reached from the wall, whatever a view would allow.
extension AppModel {
  /// The actions a passer-by may use: moving, opening, going back, panes, alerts.
  static let kioskBrowsing: Set<Action> = [
    .region(0), .region(1), .region(2), .region(3), .nextPane, .previousPane, .up, .down, .pageUp, .pageDown,
    .top, .bottom, .drill, .back, .home, .detail, .sort, .previousTab, .nextTab, .alerts, .cases, .redraw,
  ]

  mutating func handleKioskKey(_ key: Key) -> [Effect] {
    guard var k = kiosk else { return [] }
    k.lastKey = k.now
    kiosk = k
    message = nil
    messageIsError = false
    if key == .resize { return [] }
    if case .click = key {
      if case .wall = page.screen { startBrowsing() }
      return handleKey(key)
    }
    guard let action = KeyMap.action(for: key) else {
      fail("read-only kiosk: \(key.label) does nothing here; arrows, Enter, Esc, 1–4 and a browse")
      return []
    }
    if action == .quit {
      fail("kiosk: no key leaves it; the operator stops it with a signal (SIGTERM or SIGHUP)")
      return []
    }
    guard AppModel.kioskBrowsing.contains(action) else {
      fail(
        "read-only kiosk: nothing can be recorded, exported or typed here; arrows, Enter, Esc, 1–4 and a browse"
      )
      return []
    }
    if case .wall = page.screen {
      if action == .back {
        kiosk?.lastKey = nil
        return []
      }
      startBrowsing()
      switch action {
      case .region, .alerts: break
      default: return []
      }
    }
    if action == .back, stack.count == 1, page.filter.isEmpty {
      returnToWall()
      return []
    }
    return handleKey(key)
  }

  /// From the wall to the screen it shows: a region's pane, or the alerts.
  mutating func startBrowsing() {
    guard case .wall(let step) = page.screen else { return }
    if step < 4 {
      stack = [Page(.overview)]
      focusedRegion = step
    } else {
      stack = [Page(.overview), Page(.alerts)]
    }
  }

  mutating func returnToWall() {
    guard var k = kiosk else { return }
    k.lastKey = nil
    k.lastAdvance = k.now
    kiosk = k
    stack = [Page(.wall(k.step))]
    message = nil
  }

  /// Advances the cycle every `cycleSeconds`; after `idleSeconds` without a key,
  /// back to the wall.
  mutating func kioskTick(_ now: Timestamp) {
    guard var k = kiosk else { return }
    k.now = now
    kiosk = k
    if let last = k.lastKey {
      if now.milliseconds - last.milliseconds >= Int64(k.idleSeconds) * 1000 { returnToWall() }
      return
    }
    if now.milliseconds - k.lastAdvance.milliseconds >= Int64(k.cycleSeconds) * 1000 {
      k.step = (k.step + 1) % KioskState.steps
      k.lastAdvance = now
      kiosk = k
      stack = [Page(.wall(k.step))]
    }
  }
}
