// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for sapm's parsers of untrusted bytes. Built and run by
// Fuzz/run (see docs/reliability.md); not part of the main package's build.
let package = Package(
  name: "sapm-fuzz",
  dependencies: [.package(name: "sapm", path: "..")],
  targets: [
    .executableTarget(
      name: "FuzzJSONLine", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
    .executableTarget(
      name: "FuzzRecordReader", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
    .executableTarget(
      name: "FuzzCheckpoint", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
    .executableTarget(
      name: "FuzzTheme", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
    .executableTarget(
      name: "FuzzImport", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
    .executableTarget(
      name: "FuzzCommands", dependencies: [.product(name: "SapmParsers", package: "sapm")]),
  ]
)
