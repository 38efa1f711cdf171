import ArgumentParser
import Foundation
import Session
import Store

struct Migrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Copy a file store into a PostgreSQL store, byte for byte.",
    discussion: """
      Every record is copied exactly as the file holds it, so hashes and signatures \
      verify unchanged ('sapm verify --store URI' agrees with the file's). Run it as the \
      login that owns the database's sapm schema (made here if missing): the records are \
      in the names of whoever wrote them, which only the owner may copy. An interrupted \
      migration is taken up where it stopped. The file is only read. See docs/teams.md.
      """
  )

  @Argument(help: "The file store to copy.")
  var file: String

  @Argument(
    help:
      "The PostgreSQL store to fill: a postgresql:// address (an empty database, or one this file was being copied into)."
  )
  var uri: String

  func run() throws {
    try failing {
      guard uri.hasPrefix("postgresql://") || uri.hasPrefix("postgres://") else {
        throw ValidationError("'\(uri.sanitizedForTerminal)' is not a postgresql:// address")
      }
      let location = StoreLocation(serverURI: uri, source: .flag)
      let started = Date()
      var lastReport = Date.distantPast
      let outcome = try Migration.migrate(file: StoreLocation.absolute(file), to: location) {
        records, bytes, total in
        guard Date().timeIntervalSince(lastReport) > 0.5 else { return }
        lastReport = Date()
        let pct = total > 0 ? bytes * 100 / total : 100
        if isatty(2) != 0 { progressLine("copying into \(location.path): \(records) records, \(pct)%") }
      }
      if isatty(2) != 0 { progressLine("") }
      let seconds = Date().timeIntervalSince(started)
      say(
        "copied \(outcome.records) records (\(outcome.bytes >> 20) MiB) into \(location.path) in \(String(format: "%.1f", seconds)) s"
          + (outcome.already > 0 ? "; \(outcome.already) were there already (an earlier run)" : "")
          + "; check it with 'sapm verify --store \(location.path)'")
    }
  }
}
