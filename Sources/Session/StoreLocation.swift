import Foundation
import PostgresStore

/// Where the store is, and why there: `--store`, else `SAPM_STORE`, else the
/// default under `$XDG_DATA_HOME`. With nothing at the default path, sapm uses a
/// separate demo store so that a first run never creates or touches a real one.
public struct StoreLocation: Sendable, Hashable {
  public enum Source: Sendable, Hashable {
    case flag, environment, defaultPath, demo
  }

  /// The file's path; for a server store, its address without password (for messages).
  public var path: String
  public var source: Source
  /// A PostgreSQL store's address as given (`postgresql://…`); nil: a file at `path`.
  public var serverURI: String?

  public var isDemo: Bool { source == .demo }
  /// Kept by a PostgreSQL server (docs/teams.md), not in a file on this machine.
  public var isServer: Bool { serverURI != nil }

  public init(path: String, source: Source) {
    self.path = path
    self.source = source
  }

  /// A server store at `uri` (libpq's URI syntax); shown without its password.
  public init(serverURI uri: String, source: Source) {
    serverURI = uri
    self.source = source
    path = (try? ServerAddress(uri).display) ?? "postgresql://(an address libpq cannot read)"
  }

  /// The server's address, parsed by libpq; its error says what is wrong with it.
  public func serverAddress() throws -> ServerAddress? {
    guard let serverURI else { return nil }
    do {
      return try ServerAddress(serverURI)
    } catch {
      throw StoreLocationProblem(message: "--store \(path): \(error)")
    }
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
    if let flag, !flag.isEmpty {
      if ServerAddress.isServerAddress(flag) { return StoreLocation(serverURI: flag, source: .flag) }
      return StoreLocation(path: absolute(flag), source: .flag)
    }
    if let env = environment["SAPM_STORE"], !env.isEmpty {
      if ServerAddress.isServerAddress(env) { return StoreLocation(serverURI: env, source: .environment) }
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

/// A store address that cannot be used as given.
public struct StoreLocationProblem: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
