import ArgumentParser
import Foundation
import Output
import Portfolio
import Session
import Terminal

struct Log: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the events in the store, oldest first.",
    discussion: "--json prints each record exactly as stored, one per line (JSON Lines).")

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Keep running and print events as other processes append them.")
  var follow = false

  @Flag(help: "Print records as JSON Lines, exactly as stored.")
  var json = false

  @Option(help: "Print only the last N events (before following).")
  var tail: Int?

  @Flag(
    help:
      "Write the records exactly as stored, byte for byte: a file store 'sapm verify' accepts (redirect it to a file)."
  )
  var raw = false

  func run() throws {
    try failing {
      let location = storeOptions.location(allowDemo: true)
      if location.isDemo, !FileManager.default.fileExists(atPath: location.path) {
        _ = try storeOptions.open(readOnly: false)
      }
      let reader = try LogReader(location)
      if raw {
        guard !StandardOutput.shared.isTerminal else {
          throw ValidationError(
            "--raw writes the store's bytes: redirect it to a file ('sapm log --raw > copy.sapm')")
        }
        try reader.readRaw { chunk in try StandardOutput.shared.writeBytes(chunk) }
        for w in reader.warnings { complain("warning: \(w)") }
        return
      }
      func emit(_ entry: LogEntry) {
        if json {
          say(entry.line)
        } else {
          // The actor is never cut (two approvers once read "deskapprove…"): padded only.
          let actor = entry.actor.sanitizedForTerminal
          let padded = actor + String(repeating: " ", count: max(0, 12 - DisplayWidth.of(actor)))
          say(
            "\(DisplayWidth.fit(String(entry.sequence), 7, alignRight: true))  \(entry.at)  \(padded)  \(DisplayWidth.fit(entry.type.sanitizedForTerminal, 20))  \(entry.summary.sanitizedForTerminal)"
          )
        }
      }
      try reader.read(tail: tail, emit)
      for w in reader.warnings { complain("warning: \(w)") }
      guard follow else { return }
      try StandardOutput.shared.flush()
      try reader.follow(
        emit, notice: { complain("warning: \($0)") }, flush: { try StandardOutput.shared.flush() })
    }
  }
}
