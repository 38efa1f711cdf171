import Foundation

/// Where the store is, and why there: `--store`, else `SAPM_STORE`, else the
/// default under `$XDG_DATA_HOME`. With nothing at the default path, sapm uses a
/// separate demo store so that a first run never creates or touches a real one.
public struct StoreLocation: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    case flag, environment, defaultPath, demo
  }

  public var path: String
  public var source: Source

  public var isDemo: Bool { source == .demo }

  public init(path: String, source: Source) {
    self.path = path
    self.source = source
  }

  /// `$XDG_DATA_HOME/sapm/portfolio.sapm`, `~/.local/share/sapm/portfolio.sapm` by default.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    "\(dataHome(environment))/sapm/portfolio.sapm"
  }

  /// The demo store, kept apart from real data: `$XDG_DATA_HOME/sapm/demo.sapm`.
  public static func demoPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    "\(dataHome(environment))/sapm/demo.sapm"
  }

  static func dataHome(_ environment: [String: String]) -> String { BaseDirectories.data(environment) }

  /// Resolves the store for a command. `allowDemo`: fall back to the demo store when
  /// the default path holds no store (the TUI and read-only commands do; writes don't).
  public static func resolve(
    flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment, allowDemo: Bool
  ) -> StoreLocation {
    if let flag, !flag.isEmpty { return StoreLocation(path: absolute(flag), source: .flag) }
    if let env = environment["SAPM_STORE"], !env.isEmpty {
      return StoreLocation(path: absolute(env), source: .environment)
    }
    let path = defaultPath(environment: environment)
    if allowDemo, !FileManager.default.fileExists(atPath: path) {
      return StoreLocation(path: demoPath(environment: environment), source: .demo)
    }
    return StoreLocation(path: path, source: .defaultPath)
  }

  /// `path` from the current folder, unless it is absolute already.
  public static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    return FileManager.default.currentDirectoryPath + "/" + path
  }
}
