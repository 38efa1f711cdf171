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
          say(String(decoding: record.line, as: UTF8.self))
        } else {
          let summary: String
          switch EventRegistry.decode(type: record.type, version: record.version, payload: record.payload) {
          case .event(let e): summary = e.summary
          case .unknown(let reason), .malformed(let reason): summary = "(kept, not applied: \(reason))"
          }
          say(
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
      for w in log.warnings { complain("warning: \(w)") }
      guard follow else { return }
      try StandardOutput.shared.flush()
      try Log.follow(log, at: location.path, emit: emit)
    }
  }

  /// Prints what other processes append, for as long as it runs. A store replaced
  /// by another file (a restore, a copy renamed over it) is followed to the new
  /// file and said so; a deleted one is reported, and followed again when it is back.
  static func follow(_ first: EventLog, at path: String, emit: (Record) -> Void) throws {
    var log = first
    let watcher = ChangeWatcher(path: path)
    var missing = false
    while true {
      _ = watcher.wait(milliseconds: 1000)
      switch log.pathStatus() {
      case .same:
        break
      case .missing:
        if !missing { complain("warning: \(path): the store file was deleted; waiting for it to come back") }
        missing = true
        continue
      case .replaced:
        missing = false
        let next: EventLog
        do {
          next = try EventLog.open(at: path, readOnly: true)
        } catch {
          complain("warning: \(path): the store file was replaced and cannot be read: \(error)")
          continue
        }
        if log.cursor.sequence > 0, try next.resume(at: log.cursor, offsets: log.recordOffsets) {
          complain("warning: \(path): the store file was replaced; following the new file (the same history)")
        } else {
          complain(
            "warning: \(path): the store file was replaced by one with a different history; printing it from the start"
          )
        }
        log = next
      }
      try log.readNew { emit($0) }
      try StandardOutput.shared.flush()
    }
  }
}
