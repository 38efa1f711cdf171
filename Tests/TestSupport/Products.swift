import Foundation

/// The path of an executable that `swift build` put next to the running test bundle
/// (`sapm`, `sapm-bench`), found by walking up from the test binary.
public func builtProduct(_ name: String) -> String {
  let exe =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  var dir = (exe as NSString).deletingLastPathComponent
  while !FileManager.default.fileExists(atPath: dir + "/" + name) && dir.count > 1 {
    dir = (dir as NSString).deletingLastPathComponent
  }
  return dir + "/" + name
}

/// A file of `Tests/Fixtures/` (the scripts that run sapm on a pseudo-terminal, sample data).
public func fixture(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/\(name)").path
}
