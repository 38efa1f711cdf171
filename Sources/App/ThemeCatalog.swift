import Foundation
import Session
import TUI

/// Where themes come from: the user's `$XDG_CONFIG_HOME/sapm/themes/` first, then
/// `$SAPM_THEMES`, the repository's `Themes/` (next to the executable's build tree),
/// the system's share folders, and last the bundled themes carried in the binary — so
/// that a copied or installed binary has them all, from any folder.
public struct ThemeCatalog: Sendable {
  public var directories: [String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    var dirs: [String] = []
    dirs.append(BaseDirectories.config(environment) + "/sapm/themes")
    if let explicit = environment["SAPM_THEMES"] { dirs.append(explicit) }
    if let bundled = ThemeCatalog.bundledDirectory() { dirs.append(bundled) }
    dirs += ["/usr/local/share/sapm/themes", "/usr/share/sapm/themes"]
    directories = dirs
  }

  public init(directories: [String]) { self.directories = directories }

  /// The repository's `Themes/`, searched upward from the executable.
  static func bundledDirectory() -> String? {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    var dir = (exe as NSString).deletingLastPathComponent
    for _ in 0..<6 {
      let candidate = dir + "/Themes"
      if FileManager.default.fileExists(atPath: candidate + "/default.toml") { return candidate }
      dir = (dir as NSString).deletingLastPathComponent
    }
    return nil
  }

  /// The path `available()` gives a theme carried in the binary.
  static let embeddedPrefix = "(built into sapm)/"

  /// Theme names with the file each comes from (the first directory wins; the themes
  /// carried in the binary come last).
  public func available() -> [(name: String, path: String)] {
    var seen: [String: String] = [:]
    for dir in directories {
      for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
      where file.hasSuffix(".toml") {
        let name = String(file.dropLast(5))
        if seen[name] == nil { seen[name] = dir + "/" + file }
      }
    }
    for name in BundledThemes.files.keys where seen[name] == nil {
      seen[name] = Self.embeddedPrefix + name + ".toml"
    }
    return seen.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  public func path(of name: String) -> String? { available().first { $0.name == name }?.path }

  /// Loads a theme by name, following `inherits`.
  public func load(_ name: String, depth: Int = 0) throws -> Theme {
    guard depth < 8 else {
      throw ThemeError(file: name, line: 1, column: 1, message: "'inherits' goes round in a circle")
    }
    guard let path = path(of: name) else {
      if name == "default" { return Theme.builtIn }
      if name == "mono" { return Theme.monochromeBuiltIn }
      let names = available().map(\.name).joined(separator: ", ")
      throw ThemeError(
        file: name, line: 0, column: 0,
        message: "no theme named '\(name)'; available: \(names.isEmpty ? "default, mono" : names)")
    }
    return try check(path: path, depth: depth).theme
  }

  /// Reads a theme file: a regular file of bounded size, never a FIFO or device
  /// (which could block or never end).
  static func read(_ path: String) throws -> String {
    func error(_ message: String) -> ThemeError {
      ThemeError(file: path, line: 0, column: 0, message: message)
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { throw error("cannot read the file: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw error("not a regular file") }
    guard st.st_size <= ThemeParser.maxBytes else {
      throw error("the file is \(st.st_size) bytes; a theme may hold at most \(ThemeParser.maxBytes)")
    }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var got = 0
    while got < bytes.count {
      let n = bytes.withUnsafeMutableBytes { b in
        pread(fd, UnsafeMutableRawBufferPointer(rebasing: b[got...]).baseAddress, b.count - got, off_t(got))
      }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { break }
      got += n
    }
    return String(decoding: bytes[..<got], as: UTF8.self)
  }

  /// Parses a theme file; the warnings are unknown keys.
  public func check(path: String, depth: Int = 0) throws -> (theme: Theme, warnings: [String]) {
    let text: String
    if path.hasPrefix(Self.embeddedPrefix),
      let embedded = BundledThemes.files[String(path.dropFirst(Self.embeddedPrefix.count).dropLast(5))]
    {
      text = embedded
    } else {
      text = try Self.read(path)
    }
    return try ThemeParser.parse(text, file: path) { parent in
      parent == "default" && path.hasSuffix("/default.toml")
        ? Theme.builtIn : try load(parent, depth: depth + 1)
    }
  }
}
