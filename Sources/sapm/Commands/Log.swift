import ArgumentParser
import Foundation
import Portfolio
import Session
import Store
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

  func run() throws {
    try failing {
      let location = storeOptions.location(allowDemo: true)
      if location.isDemo, !FileManager.default.fileExists(atPath: location.path) {
        _ = try storeOptions.open(readOnly: false)
      }
      let log = try EventLog.open(at: location.path, readOnly: true)
      var records: [Record] = []
      func emit(_ record: Record) {
        if json {
          print(String(decoding: record.line, as: UTF8.self))
        } else {
          let summary: String
          switch EventRegistry.decode(type: record.type, version: record.version, payload: record.payload) {
          case .event(let e): summary = e.summary
          case .unknown(let reason), .malformed(let reason): summary = "(kept, not applied: \(reason))"
          }
          print(
            "\(DisplayWidth.fit(String(record.sequence), 7, alignRight: true))  \(record.at)  \(DisplayWidth.fit(record.actor.sanitizedForTerminal, 12))  \(DisplayWidth.fit(record.type.sanitizedForTerminal, 20))  \(summary.sanitizedForTerminal)"
          )
        }
      }
      if let tail {
        try log.readNew {
          records.append($0); if records.count > tail * 2 + 1000 { records.removeFirst(records.count - tail) }
        }
        records.suffix(tail).forEach(emit)
      } else {
        try log.readNew { emit($0) }
      }
      for w in log.warnings {
        FileHandle.standardError.write(
          Data("sapm: warning: \(w.description.sanitizedForTerminal)\n".utf8))
      }
      guard follow else { return }
      let watcher = ChangeWatcher(path: location.path)
      while true {
        _ = watcher.wait(milliseconds: 1000)
        try log.readNew { emit($0) }
        fflush(nil)
      }
    }
  }
}
