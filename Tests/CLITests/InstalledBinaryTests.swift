import Foundation
import TestSupport
import Testing

/// An installed binary is a working program (issue 23): copied anywhere, run from any
/// folder, it has the bundled themes — the kiosk's included — without the source tree.
@Suite(.serialized) struct InstalledBinaryTests {
  @Test func aCopiedBinaryHasEveryBundledTheme() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let bin = cli.home + "/opt/bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CLI.binary, toPath: bin + "/sapm")
    let r = try cli.run(["themes"], executable: bin + "/sapm")
    #expect(r.status == 0, "\(r.err)")
    for name in ["default", "high-contrast", "kiosk", "light", "mono"] {
      #expect(r.out.contains("\(name) "), "\(r.out)")
    }
    #expect(r.out.contains("(built into sapm)/kiosk.toml"), "\(r.out)")
    // The kiosk's theme loads from the binary (a kiosk started from the copy exited 1).
    let check = try cli.run(["themes", "--check", "(built into sapm)/kiosk.toml"], executable: bin + "/sapm")
    #expect(check.status == 0, "\(check.out) \(check.err)")
    #expect(check.out.contains("theme 'kiosk' is valid"), "\(check.out)")
  }
}
