import ArgumentParser

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Run the benchmarks.")
  func run() throws {}
}
