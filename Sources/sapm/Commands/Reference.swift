import ArgumentParser
import Output
import TUI

/// `sapm events` and `sapm keys`: the reference pages, printed from the code that
/// defines them (docs/events.md and docs/keys.md are their output).
struct Events: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the event types and their payload fields as Markdown (docs/events.md).")
  func run() throws {
    try failing { StandardOutput.shared.write(EventCatalog.markdown) }
  }
}

struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the key map as Markdown (docs/keys.md).")
  func run() { StandardOutput.shared.write(KeyMap.markdown) }
}
