import ArgumentParser
import Basics
import CanonicalJSON
import Foundation
import Portfolio
import TUI
import Terminal

/// `sapm-bench tui`: key → frame latency of update + render, headless.
struct TUIBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Headless key→frame latency on the synthetic portfolio (build with -c release).")

  @Option var programs = 100_000
  @Option var events = 400_000
  @Option var keys = 10_000
  @Option var width = 200
  @Option var height = 60

  func run() throws {
    var portfolio = Portfolio()
    var seq = 0
    let foldTime = time {
      for item in SyntheticPortfolio(programs: programs, events: events) {
        seq += 1
        portfolio.apply(
          Envelope(context: EventContext(sequence: seq, at: item.at, actor: item.actor), event: item.event))
      }
    }
    print(line("fold \(seq) events in memory", secs(foldTime), "\(portfolio.programs.count) programs"))
    let today = Day(ordinal: Timestamp.now().dayOrdinal)
    var model: AppModel?
    let modelTime = time {
      model = AppModel(
        portfolio: portfolio, today: today,
        info: SessionInfo(store: "bench", user: "bench", role: "officer", demo: false, readOnly: false),
        theme: .builtIn, width: width, height: height)
    }
    guard var m = model else { return }
    print(line("model: alerts + summary (first-frame cost)", secs(modelTime), "\(m.alerts.count) alerts"))
    let firstFrame = time { _ = m.render() }
    print(line("first render \(width)×\(height)", String(format: "%.2f ms", firstFrame * 1000), ""))

    // A scripted walk: the keys a desk officer uses, in a fixed, repeating pattern.
    let script: [Key] = [
      .down, .down, .character("j"), .enter, .down, .down, .enter, .character("]"), .character("]"),
      .character("["),
      .escape, .character("k"), .escape, .tab, .pageDown, .character("G"), .character("g"), .character("2"),
      .enter,
      .pageDown, .escape, .character("3"), .down, .character("?"), .escape, .backTab, .character("4"),
    ]
    let s = Stats(frameTimes(&m, (0..<keys).map { script[$0 % script.count] }))
    print(
      line(
        "key → frame (update + render), \(keys) keys", String(format: "p50 %.3f ms", s.p50 * 1000),
        String(format: "p99 %.3f ms (target ≤ 5 ms)", s.p99 * 1000)))

    // Filter as you type, on the biggest lists: a partner's programs and the alerts.
    for (name, setup) in [
      ("partner programs", [Key.character("1"), .enter]), ("alerts", [Key.character("a")]),
    ] {
      var f = m
      f.stack = [f.stack[0]]
      for k in setup { _ = f.handle(.key(k)) }
      _ = f.handle(.key(.character("/")))
      let perKey = frameTimes(&f, "B12 condition".map { Key.character($0) })
      let fs = Stats(perKey)
      print(
        line(
          "filter as you type (\(name))", String(format: "first key %.2f ms", perKey[0] * 1000),
          String(
            format: "goal ≤ 50 ms; later keys p50 %.2f, max %.2f ms", fs.p50 * 1000,
            (perKey.dropFirst().max() ?? 0) * 1000)))
      // The alerts filter makes its search texts a slice per turn of the loop: until all are made.
      var slices: [Double] = []
      while f.alertSearchPending {
        slices.append(
          time {
            _ = f.handle(.searchMore); _ = f.render()
          })
      }
      if !slices.isEmpty {
        let ss = Stats(slices)
        print(
          line(
            "  … the rest of the texts (\(name))", String(format: "%d slices", slices.count),
            String(
              format: "p50 %.1f ms, max %.1f ms, all in %.2f s", ss.p50 * 1000, (slices.max() ?? 0) * 1000,
              slices.reduce(0, +))))
      }
    }
    // One event's model update (issue 13): an acknowledgement, a restriction on a
    // partner, an obligation — each folded in, then the model brought up to date
    // incrementally, next to the full recompute it replaces.
    let open = portfolio.alerts(on: today).filter(\.isOpen)
    let firstProgram = portfolio.programs.keys.sorted()[0]
    let partner = portfolio.programs[firstProgram]?.partner ?? ""
    let changes: [(String, any EventPayload)] = [
      ("acknowledgement", AlertAcknowledged(alert: open.first?.id.description ?? "", note: "bench")),
      (
        "obligation",
        FundsObligated(program: firstProgram, fiscalYear: today.fiscalYear, amount: Dollars(1), on: today)
      ),
      ("restriction on a partner", RestrictionImposed(partner: partner, kind: .coup, since: today)),
    ]
    for (name, event) in changes {
      var times: [Double] = []
      var p = portfolio
      var incremental = m
      for _ in 0..<5 {
        seq += 1
        p.apply(
          Envelope(context: EventContext(sequence: seq, at: Timestamp.now(), actor: "bench"), event: event))
        let t = time { incremental.setPortfolio(p, asOf: nil, today: today) }
        times.append(t)
      }
      let s = Stats(times)
      print(
        line(
          "model update after one \(name)", String(format: "p50 %.1f ms", s.p50 * 1000),
          String(format: "max %.1f ms (target: on screen ≤ 250 ms)", (times.max() ?? 0) * 1000)))
    }
    let full = time {
      _ = AppModel(
        portfolio: portfolio, today: today,
        info: SessionInfo(store: "bench", user: "bench", role: "officer", demo: false, readOnly: false),
        theme: .builtIn, width: width, height: height)
    }
    print(line("  the full recompute it replaces", secs(full), ""))
    // Days pass with no event: each rollover re-evaluates the programs whose next
    // change has come (the index the rules' comparisons with the day build).
    var rolling = m
    var rollTimes: [Double] = []
    var reevaluated: [Int] = []
    for d in 1...7 {
      let day = today.adding(days: d)
      reevaluated.append(rolling.nextChange.values.filter { $0 <= day }.count)
      rollTimes.append(time { rolling.setPortfolio(portfolio, asOf: nil, today: day) })
    }
    let rs = Stats(rollTimes)
    print(
      line(
        "day rollover, 7 days",
        String(format: "p50 %.1f ms, max %.1f ms", rs.p50 * 1000, (rollTimes.max() ?? 0) * 1000),
        "programs re-evaluated \(reevaluated.map(String.init).joined(separator: "/")) of \(portfolio.programs.count)"
      ))
    print(line("peak RSS", "\(peakRSSMiB()) MiB", ""))
  }
}

/// Seconds from each key to its rendered frame: update, then render.
func frameTimes(_ model: inout AppModel, _ keys: [Key]) -> [Double] {
  keys.map { key in
    let start = now()
    _ = model.handle(.key(key))
    _ = model.render()
    return now() - start
  }
}
