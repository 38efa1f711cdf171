import Basics
import FileImport
import Portfolio
import PortfolioDemo
import Session

/// The JSON-lines commands (`sapm record --json`, imports' batches): any bytes, never a
/// crash. What parses as events is judged on the demo portfolio as an officer and as
/// an administrator (the write-authority table, the gated facts, each event's rules,
/// the fold's dry run), and what is accepted is folded, signed store or not, and its
/// programs' alerts evaluated.
let demo: Portfolio = {
  var p = Portfolio()
  let today = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)
  p.apply(
    Envelope(
      context: EventContext(sequence: 1, at: Timestamp(dayOrdinal: today.ordinal - 4000), actor: "fuzz"),
      event: StoreCreated(name: "fuzz", demo: true)))
  for (i, item) in DemoPortfolio.events(today: today).enumerated() {
    p.apply(
      Envelope(context: EventContext(sequence: i + 2, at: item.at, actor: item.actor), event: item.event))
  }
  return p
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  guard let events = try? EventLines.parse(text, source: "fuzz"), !events.isEmpty else { return 0 }
  let today = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)
  for actor in [DemoPortfolio.officer, "fuzz"] {
    let command = RecordEvents(events)
    _ = command.judgedPreview(demo, actor: actor, today: today)
    guard case .accept(let accepted) = command.judge(demo, actor: actor, today: today) else { continue }
    var p = demo
    for (i, event) in accepted.enumerated() {
      p.apply(
        Envelope(
          context: EventContext(
            sequence: p.lastSequence + 1 + i, at: Timestamp(dayOrdinal: today.ordinal, hour: 12), actor: actor
          ),
          event: event))
      if let program = event.programID { _ = p.alerts(forProgram: program, on: today) }
    }
  }
  return 0
}
