import Foundation
import Testing

@testable import Terminal

/// Detecting the terminal's background: OSC 11 over a real pseudo-terminal, whose
/// other end plays the terminal (answering dark, light, not at all, or garbage),
/// and COLORFGBG.
@Suite(.serialized) struct BackgroundTests {
  /// Runs the query against a pty whose master answers with `reply` (nil: silence).
  static func ask(replying reply: String?) throws -> (TerminalBackground?, Double) {
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    try #require(master >= 0)
    defer { close(master) }
    var unlock: Int32 = 0
    _ = ioctl(master, 0x4004_5431, &unlock)  // TIOCSPTLCK (Linux): unlock the slave
    var number: UInt32 = 0
    try #require(ioctl(master, 0x8004_5430, &number) == 0)  // TIOCGPTN (Linux): its number
    let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
    try #require(slave >= 0)
    defer { close(slave) }
    let terminal = Thread {
      var buffer = [UInt8](repeating: 0, count: 64)
      var seen: [UInt8] = []
      // Read the questions, then answer (or not).
      while !String(decoding: seen, as: UTF8.self).contains("\u{1B}[c") {
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n <= 0 { return }
        seen += buffer[0..<n]
      }
      if let reply {
        _ = Array(reply.utf8).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      }
    }
    terminal.start()
    let started = Date()
    let answer = TerminalBackground.query(input: slave, output: slave, timeout: 150)
    return (answer, Date().timeIntervalSince(started))
  }

  @Test func aDarkALightAMuteAndAGarbledTerminal() throws {
    let da1 = "\u{1B}[?62;22c"
    let (light, _) = try Self.ask(replying: "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\" + da1)
    #expect(light == .light)
    let (dark, fast) = try Self.ask(replying: "\u{1B}]11;rgb:0000/2b2b/3636\u{07}" + da1)
    #expect(dark == .dark)
    #expect(fast < 0.1)  // the DA1 answer ends the wait
    let (none, quick) = try Self.ask(replying: da1)
    #expect(none == nil)
    // A terminal without OSC 11 costs no wait.
    #expect(quick < 0.1)
    let (garbled, _) = try Self.ask(replying: "\u{1B}]11;rgb:zz/00/0\u{07}" + da1)
    #expect(garbled == nil)
    let (silent, waited) = try Self.ask(replying: nil)
    #expect(silent == nil)
    #expect(waited < 0.5)  // bounded by the timeout
  }

  @Test func colorfgbgAndReplies() {
    #expect(TerminalBackground.fromCOLORFGBG("15;0") == .dark)
    #expect(TerminalBackground.fromCOLORFGBG("0;15") == .light)
    #expect(TerminalBackground.fromCOLORFGBG("0;default;7") == .light)
    #expect(TerminalBackground.fromCOLORFGBG("12;8") == .dark)
    #expect(TerminalBackground.fromCOLORFGBG("default;default") == nil)
    // Solarized light.
    #expect(TerminalBackground.fromOSC11(Array("\u{1B}]11;rgb:fdfd/f6f6/e3e3\u{07}".utf8)) == .light)
    #expect(TerminalBackground.fromOSC11(Array("\u{1B}]11;rgb:f/f/f\u{07}".utf8)) == .light)
    #expect(TerminalBackground.fromOSC11(Array("nothing".utf8)) == nil)
  }
}
