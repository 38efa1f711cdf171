import Foundation

/// The XDG base directories sapm keeps things in: data (stores), config (themes,
/// config.toml, the signing key), state (heads each account has seen) and cache
/// (this account's checkpoints). An
/// environment value counts only when it is an absolute path, as the spec says.
public enum BaseDirectories {
  public static func data(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    base("XDG_DATA_HOME", ".local/share", environment)
  }

  public static func config(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    base("XDG_CONFIG_HOME", ".config", environment)
  }

  public static func state(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    base("XDG_STATE_HOME", ".local/state", environment)
  }

  public static func cache(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    base("XDG_CACHE_HOME", ".cache", environment)
  }

  private static func base(_ variable: String, _ fallback: String, _ environment: [String: String]) -> String
  {
    if let value = environment[variable], value.hasPrefix("/") { return value }
    return (environment["HOME"] ?? NSHomeDirectory()) + "/" + fallback
  }
}
