// swift-tools-version:6.0
import PackageDescription

// Layers, arrows only downward (docs/architecture.md):
//   sapm (CLI) ─┬─ App (TUI/kiosk runtime) ─┬─ TUI ─┬─ Terminal ── CNCursesW
//               │                           │       └─ Portfolio ── CanonicalJSON
//               ├─ Output (reports, export) ┤
//               ├─ FileImport (CSV, JSON)   ┤
//               └───────────────────────────┴─ Session (store ⇄ portfolio) ─┬─ Store ── CanonicalJSON
//                                                                           └─ Portfolio
// and under them all Basics (Timestamp, the checkpoint's binary coder).
let package = Package(
  name: "sapm",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sapm", targets: ["sapm"]),
    .executable(name: "sapm-bench", targets: ["sapm-bench"]),
    // For the fuzzing package in Fuzz/, which builds these with libFuzzer.
    .library(
      name: "SapmParsers",
      targets: [
        "CanonicalJSON", "Portfolio", "PortfolioDemo", "Store", "TUI", "Session", "App", "FileImport",
      ]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // RFC 4180 CSV read as a stream (sapm import of ForeignAssistance.gov's 3.2 GB file).
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CNCursesW",
      providers: [.apt(["libncurses-dev"])]
    ),
    // Ed25519 verification of every signed record (docs/performance.md, "Signatures").
    .systemLibrary(
      name: "CSodium",
      providers: [.apt(["libsodium-dev"])]
    ),
    // PostgreSQL's client library, for a store kept by a server (docs/teams.md).
    .systemLibrary(
      name: "CLibPQ",
      providers: [.apt(["libpq-dev"])]
    ),
    // What is shared below everything and is not JSON: Timestamp, and the compact
    // positional binary coder of derived files (the checkpoint).
    .target(name: "Basics"),
    .target(name: "CanonicalJSON"),
    .target(name: "Portfolio", dependencies: ["CanonicalJSON", "Basics"]),
    // The bundled demo portfolio: data, kept out of the domain core.
    .target(name: "PortfolioDemo", dependencies: ["Portfolio", "Basics"]),
    .target(
      name: "Store",
      dependencies: ["CanonicalJSON", "Basics", "CSodium", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The same log kept by a PostgreSQL server: the second implementation of RecordLog.
    .target(name: "PostgresStore", dependencies: ["Store", "Basics", "CLibPQ"]),
    .target(name: "Terminal", dependencies: ["CNCursesW"]),
    .target(name: "TUI", dependencies: ["Terminal", "Portfolio", "Basics"]),
    // The one write door: a store's log folded into a portfolio, and commands checked
    // and appended. No screen, no terminal, no file format but the store's.
    .target(
      name: "Session",
      dependencies: [
        "Store", "PostgresStore", "Portfolio", "PortfolioDemo", "CanonicalJSON", "Basics",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The TUI and kiosk runtime over a session: terminal, keys, reloads, themes.
    .target(
      name: "App", dependencies: ["Basics", "Session", "Output", "TUI", "Terminal", "Store", "Portfolio"]),
    // What the command line prints and exports.
    .target(
      name: "Output", dependencies: ["Basics", "Session", "Terminal", "Store", "Portfolio", "PortfolioDemo"]),
    // Facts brought in from files: ForeignAssistance.gov's CSV, JSON lines.
    .target(
      name: "FileImport",
      dependencies: ["Session", "Portfolio", "CanonicalJSON", .product(name: "CSV", package: "CSV.swift")]),
    .executableTarget(
      name: "sapm",
      dependencies: [
        "Session", "App", "Output", "FileImport", "TUI", "Portfolio", "Terminal", "Store", "PostgresStore",
        "Basics", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "sapm-bench",
      dependencies: [
        "Session", "App", "Output", "FileImport", "Store", "Portfolio", "PortfolioDemo", "TUI", "Terminal",
        "Basics", "PostgresStore",
        // The throwaway PostgreSQL cluster the tests use, for `sapm-bench postgres`.
        "TestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "CSV", package: "CSV.swift"), .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON", "Basics"]),
    .testTarget(name: "PortfolioTests", dependencies: ["Portfolio", "PortfolioDemo", "Basics"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
    .testTarget(
      name: "SessionTests",
      dependencies: [
        "Session", "App", "Output", "FileImport", "TUI", "Terminal", "Basics", "TestSupport", "PostgresStore",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .testTarget(name: "TUITests", dependencies: ["TUI", "Terminal", "Portfolio", "PortfolioDemo", "Basics"]),
    .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    // Terminal for its colour arithmetic (Contrast): the readability check of captured screens.
    .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Terminal"]),
  ]
)
