import Foundation
import TestSupport
import Testing

/// The TUI under abuse in a real terminal (issue "Never lose data", defects 1 and 8).
@Suite(.serialized) struct ReliabilityEndToEndTests {
  /// 10,000 keys arrive at once: all are handled before the next frame, so the `q`
  /// after them acts in seconds (before: one key per frame, minutes).
  @Test func aFloodOfKeysIsDrainedBeforeDrawing() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.launch(store: store)
    try tmux.type(String(repeating: "jk", count: 5_000))
    let started = Date()
    try tmux.quit()
    #expect(Date().timeIntervalSince(started) < 10)
  }

  /// A bracketed paste at the filter prompt is text: its newline and the `q` after
  /// it neither submit nor quit.
  @Test func aPasteAtThePromptIsText() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.launch(store: store)
    try tmux.type("/")
    try tmux.run(["set-buffer", "--", "land\nq"])
    try tmux.run(["paste-buffer", "-p"])
    try tmux.waitFor("/land q")
    try tmux.keys("Escape")
    // Outside a prompt, a paste is refused with a word, not run as keys.
    try tmux.run(["paste-buffer", "-p"])
    try tmux.waitFor("pasted text is only taken at a prompt")
    try tmux.quit()
  }

  /// The store is replaced under a running TUI (a copy renamed over it): the TUI says
  /// so and reloads; an acknowledgement then lands in the new file, not the old inode.
  @Test func aReplacedStoreIsReloadedAndWritesGoToTheNewFile() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.launch(store: store)
    let copy = tmux.home + "/copy.sapm"
    try FileManager.default.copyItem(atPath: store, toPath: copy)
    #expect(rename(copy, store) == 0)
    try tmux.waitFor("replaced by another file")
    try tmux.type("a")
    try tmux.waitFor("Alerts on")
    try tmux.type("x")
    try tmux.waitFor("note for ")
    try tmux.type("after the replace")
    try tmux.keys("Enter")
    try tmux.waitFor("acknowledged … as …") { $0.contains("acknowledged ") && $0.contains(" as ") }
    let text = try String(contentsOfFile: store, encoding: .utf8)
    #expect(text.contains("\"note\":\"after the replace\""))
    // Deleted: reported, and nothing claims to be recorded.
    #expect(unlink(store) == 0)
    try tmux.waitFor("store file was deleted")
    try tmux.quit()
  }
}

/// Issue 23: a terminal that goes away without a hangup (a window closed under `su -c`)
/// must end sapm — the TUI and the kiosk — not leave it spinning at full CPU for ever.
@Suite(.serialized) struct TerminalGoneTests {
  func run(_ args: [String]) throws -> String {
    let script = fixture("terminal-gone.py")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", script, builtProduct("sapm")] + args
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func theTUIAndTheKioskEndWhenTheirTerminalGoesAway() throws {
    let home = NSTemporaryDirectory() + "sapm-gone-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    let store = home + "/demo.sapm"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: builtProduct("sapm"))
    p.arguments = ["init", "--demo", "--store", store]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    for args in [["--store", store], ["--kiosk", "--store", store]] {
      let outcome = try run(args)
      #expect(outcome.hasPrefix("exited"), "sapm \(args.joined(separator: " ")): \(outcome)")
    }
  }
}
