import ArgumentParser
import FileImport
import Foundation
import Portfolio
import Session

/// `sapm record --json FILE|-`: facts for scripts, checked by the domain, all or nothing.
struct RecordCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "Record events given as JSON Lines, each checked by the domain; all or nothing.",
    discussion: """
      Each line: {"type": "funds.obligated", "v": 1, "payload": {…}} — "v" is optional \
      (the current version). The actor is you (your OS account) and the time is now; \
      an input that names them is refused. Every event is checked against the \
      portfolio as it would stand after the ones before it; one refusal refuses all, \
      and nothing is written. Errors name the line and the field.

      Event types: \(EventRegistry.types.map { $0.type }.joined(separator: ", ")).
      Their payload fields, with an example each: 'sapm events' (docs/events.md).
      """)

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: ArgumentHelp("The JSON Lines file, or - for standard input.", valueName: "file"))
  var json: String

  @Flag(help: "Check and report what would be recorded; write nothing.")
  var dryRun = false

  func run() throws {
    try failing {
      let text: String
      if json == "-" {
        text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      } else {
        guard let data = FileManager.default.contents(atPath: json) else {
          throw ValidationError("cannot read \(json)")
        }
        text = String(decoding: data, as: UTF8.self)
      }
      let events = try EventLines.parse(text, source: json == "-" ? "stdin" : json)
      guard !events.isEmpty else { throw ValidationError("\(json): no events in it") }
      let session = try storeOptions.open(readOnly: dryRun, allowDemo: false)
      printNotices(session)
      let command = RecordEvents(events)
      if dryRun {
        if case .reject(let rejection) = command.judge(
          session.portfolio, actor: session.user, today: today())
        {
          throw rejection
        }
        say("dry run: \(events.count) event(s) would be recorded as \(session.user); nothing was written")
        return
      }
      let records = try session.perform(command, today: today())
      let range =
        records.first.map { "records \($0.sequence)–\(records.last?.sequence ?? $0.sequence)" } ?? ""
      say("recorded \(records.count) event(s) as \(session.user): \(range)")
    }
  }
}
