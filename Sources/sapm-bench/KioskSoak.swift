import App
import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import PortfolioDemo
import Session
import TUI
import Terminal

/// `sapm-bench kiosk-soak`: simulated days of the wall screen with an injected clock,
/// to show it does not grow. Cycling, idle returns after a passer-by's keys, an event
/// appended by another session every simulated minute, a resize every simulated hour.
struct KioskSoak: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kiosk-soak",
    abstract: "Simulated hours of the kiosk (injected clock); RSS after hour 1 and at the end.")

  @Option(help: "Simulated hours.") var hours = 24
  @Option(help: "Simulated seconds between frames (the real kiosk draws every second).")
  var frameSeconds = 10

  func run() throws {
    let dir = NSTemporaryDirectory() + "sapm-soak-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let location = StoreLocation(path: dir + "/wall.sapm", source: .flag)
    let start = Timestamp.now()
    let today = Day(ordinal: start.dayOrdinal)
    let writer = try Session.createDemo(location, today: today, user: "soak")
    let feed = try KioskFeed(location)
    let terminal = MemoryTerminal(width: 160, height: 45, keepingFrames: 1)
    var simulated = start
    let runner = KioskRunner(
      feed: feed, terminal: terminal, theme: .builtIn, cycleSeconds: 20, idleSeconds: 60,
      clock: { simulated })
    let total = hours * 3600
    var rssAfterHour = 0
    var frames = 0
    let began = Date()
    var second = 0
    while second < total {
      second += frameSeconds
      simulated = Timestamp(milliseconds: start.milliseconds + Int64(second) * 1000)
      runner.dispatch(.tick(simulated))
      if second % 60 < frameSeconds {
        // Another desk's event every simulated minute: a change of policy (a full
        // recompute), raised, approved by a second administrator and executed.
        let value = Double(14 + (second / 60) % 2)
        let id = RaiseRequest.nextID(in: writer.portfolio)
        try writer.perform(
          RaiseRequest(
            program: Request.policyProgram, kind: .changePolicy, justification: "soak", submit: true,
            setting: "approval.stale.days", value: value), today: today)
        try writer.act(as: DemoPortfolio.admin)
        try writer.perform(StepRequest(id: id, to: .approved), today: today)
        try writer.act(as: "soak")
        try writer.perform(StepRequest(id: id, to: .executed), today: today)
        runner.poll()
      }
      if second % 3600 < frameSeconds {
        let (w, h) = (second / 3600) % 2 == 0 ? (120, 35) : (160, 45)
        terminal.size = (w, h)
        runner.dispatch(.resize(width: w, height: h))
      }
      if second % 1800 < frameSeconds {
        // A passer-by: a few keys, then the idle time brings the wall back.
        for key in [Key.character("2"), .down, .enter, .character("a"), .up] { runner.dispatch(.key(key)) }
      }
      terminal.draw(runner.currentModel.render())
      frames += 1
      if second == 3600 || (rssAfterHour == 0 && second > 3600) { rssAfterHour = residentKiB() }
    }
    let end = residentKiB()
    let growth = rssAfterHour > 0 ? Double(end - rssAfterHour) / Double(rssAfterHour) * 100 : 0
    print("kiosk soak: \(hours) simulated hours, \(frames) frames, \(total / 60) appends, \(hours) resizes")
    print(String(format: "  wall time %.1f s", Date().timeIntervalSince(began)))
    print(
      "  RSS after hour 1: \(rssAfterHour) KiB; at the end: \(end) KiB (\(String(format: "%+.1f", growth))%)")
    print("  events on screen: \(runner.currentModel.portfolio.eventCount)")
  }
}

/// A memory figure of this process from /proc/self/status, in KiB (Linux): `VmRSS`
/// now, `VmHWM` the peak.
func statusKiB(_ field: String) -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
  for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
  }
  return 0
}

func residentKiB() -> Int { statusKiB("VmRSS") }
