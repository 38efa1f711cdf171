import ArgumentParser
import Foundation
import Portfolio
import Session

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a new store (never overwrites one).",
    discussion: "The store file is created owner-only (0600), its directory 0700. You become its first admin."
  )

  @OptionGroup var storeOptions: StoreOptions

  @Flag(help: "Fill the new store with the demo portfolio (marked DEMO).")
  var demo = false

  @Option(help: "A name for the store.")
  var name: String?

  func run() throws {
    try failing {
      let location = storeOptions.location(allowDemo: false)
      let session =
        demo
        ? try Session.createDemo(location, today: today(), name: name ?? "demo")
        : try Session.create(location, name: name ?? "portfolio", demo: false)
      let p = session.portfolio
      say(
        "created \(location.path)\(demo ? " (DEMO)" : ""): \(p.eventCount) events, \(p.partners.count) partners, \(p.programs.count) programs; admin \(session.user)"
      )
    }
  }
}
