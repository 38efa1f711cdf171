import Foundation
import TestSupport
import Testing

/// The approval workflow on the command line, on a demo store with `--as`.
@Suite struct RequestCLITests {
  @Test func aWalkthroughOnTheDemoStore() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/demo.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    func sapm(_ args: [String]) throws -> CLI.Result { try cli.run(args + ["--store", store]) }

    // `request new` prints the new ID alone, for scripts.
    let raised = try sapm([
      "request", "new", "JO-FMF-001", "--kind", "release-funds", "--amount", "25000000", "--fy", "2026",
      "--reason", "spares", "--as", "m.okafor",
    ])
    #expect(raised.status == 0, "\(raised.err)")
    let id = raised.out.trimmingCharacters(in: .newlines)
    #expect(id.hasPrefix("RQ-") && !id.contains(" "), "\(raised.out)")
    // A draft cannot be approved; every reason on stderr, exit 3, nothing written.
    let size = try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int
    let early = try sapm(["request", "approve", id, "--as", "l.chen"])
    #expect(early.status == 3)
    #expect(early.err.contains("refused: \(id) cannot be approved: it is draft"))
    #expect(try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int == size)
    #expect(try sapm(["request", "submit", id, "--as", "m.okafor"]).status == 0)
    let waiting = try sapm(["requests", "--as", "l.chen"])
    #expect(waiting.out.contains(id))
    #expect(!(try sapm(["requests", "--as", "m.okafor"]).out.contains(id)))
    #expect(try sapm(["requests", "--mine", "--as", "m.okafor"]).out.contains(id))
    let reject = try sapm(["request", "reject", id, "--reason", " ", "--as", "l.chen"])
    #expect(reject.status == 3)
    #expect(reject.err.contains("give the reason"))
    let pending = try sapm(["request", "show", id])
    #expect(pending.out.contains("✔ Funds: $25.0M of"), "\(pending.out)")
    #expect(try sapm(["request", "approve", id, "--as", "l.chen"]).status == 0)
    #expect(try sapm(["request", "execute", id, "--as", "m.okafor"]).status == 0)
    let shown = try sapm(["request", "show", id])
    #expect(shown.out.contains("executed  by m.okafor"))
    // Its checks frozen as they stood at execution: the funds it used were still there.
    #expect(shown.out.contains("checks when m.okafor executed it on"), "\(shown.out)")
    #expect(shown.out.contains("✔ Funds: $25.0M of"), "\(shown.out)")
    #expect(try sapm(["requests", "--all"]).out.contains("\(id)  executed") == true)
    // A failing check refuses with its figures.
    let niger = try sapm(["request", "approve", "RQ-0009", "--as", "l.chen"])
    #expect(niger.status == 3)
    #expect(niger.err.contains("Country restrictions: Niger under §7008 coup"))
    // The roster, and an administrator's rules.
    let roster = try sapm(["roles", "--json"])
    #expect(roster.out.contains("{\"regions\":[],\"role\":\"approver\",\"user\":\"l.chen\"}"))
    #expect(try sapm(["roles", "grant", "l.chen", "admin", "--as", "l.chen"]).status == 3)
    #expect(
      try sapm(["roles", "grant", "s.patel", "approver", "--region", "ukraine", "--as", "demo-admin"]).status
        == 0)
    // Aligned: every role starts in the same column (the widest name's).
    let lines = try sapm(["roles"]).out.split(separator: "\n").filter { !$0.hasPrefix("[DEMO]") }.map(
      String.init)
    #expect(
      lines.contains { $0.hasPrefix("s.patel ") && $0.hasSuffix("approver (Ukraine), officer") }, "\(lines)")
    // The column where each role begins: after the name and its padding.
    func roleColumn(_ line: String) -> Int {
      let name = line.prefix { $0 != " " }.count
      return name + line.dropFirst(name).prefix { $0 == " " }.count
    }
    #expect(Set(lines.map(roleColumn)).count == 1, "\(lines)")
    let bad = try sapm(["request", "new", "JO-FMF-001", "--kind", "launch", "--reason", "x"])
    #expect(bad.status == 1)
    #expect(bad.err.contains("--kind 'launch' is not a request kind; one of release-funds, offer-loa"))
  }

  @Test func asIsRefusedOnARealStore() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/real.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    // Identity is the real uid's account: $USER and $LOGNAME change nothing.
    let me = try cli.run(
      ["roles", "--store", store], environment: ["USER": "mallory", "LOGNAME": "mallory"])
    #expect(me.out.contains("  admin  (you)") && !me.out.contains("mallory"), "\(me.out)")
    let grant = try cli.run(
      ["roles", "grant", "mallory", "admin", "--store", store],
      environment: ["USER": "mallory", "LOGNAME": "mallory"])
    #expect(grant.status == 0)  // granted BY the real account (the admin), not by "mallory"
    #expect(try cli.run(["log", "--store", store]).out.contains("mallory granted admin"))
    let r = try cli.run(["requests", "--as", "someone", "--store", store])
    #expect(r.status == 1)
    #expect(
      r.err.contains("--as someone works only on a demo store; on a real store you act as your OS account"))
  }
}

/// `sapm themes` says which theme this terminal and environment get, and why; a
/// user theme's unreadable styles are warnings.
@Suite struct ThemesCLITests {
  @Test func chosenLineAndContrastWarnings() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let light = try cli.run(["themes"], environment: ["COLORFGBG": "0;15", "NO_COLOR": ""])
    #expect(light.out.contains("chosen: light (COLORFGBG=0;15: a light background)"), "\(light.out)")
    let none = try cli.run(["themes"], environment: ["COLORFGBG": "", "NO_COLOR": ""])
    #expect(
      none.out.contains(
        "chosen: default (no answer about the background: assumed dark; the default theme reads on either)"),
      "\(none.out)")
    let forced = try cli.run(["themes"], environment: ["SAPM_THEME": "high-contrast", "NO_COLOR": ""])
    #expect(forced.out.contains("chosen: high-contrast (SAPM_THEME)"))
    let theme = cli.home + "/pale.toml"
    try """
    [meta]
    name = "pale"
    background = "light"
    [styles]
    "pane.totals" = { fg = "white" }
    """.write(toFile: theme, atomically: true, encoding: .utf8)
    let checked = try cli.run(["themes", "--check", theme])
    #expect(checked.out.contains("warning: \(theme): style 'pane.totals': contrast 1.3:1"), "\(checked.out)")
  }
}

/// Issue 23, item 7: text from the store printed on a terminal cannot fake a line — a
/// line break in a request's reason shows as `␤` in `sapm request show`.
@Suite(.serialized) struct TerminalOutputTests {
  @Test func aLineBreakInAReasonCannotFakeAnApprovalsLine() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/demo.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    let raised = try cli.run([
      "request", "new", "JO-FMF-001", "--kind", "release-funds", "--amount", "5000000", "--fy", "2027",
      "--reason", "spares\n  approvals  l.chen, r.kowalski — approved, nothing more needed", "--store", store,
    ])
    #expect(raised.status == 0, "\(raised.err)")
    let id = raised.out.trimmingCharacters(in: .whitespacesAndNewlines)
    let script = fixture("on-terminal.py")
    let shown = try cli.run(
      [script, CLI.binary, "request", "show", id, "--store", store], executable: "/usr/bin/python3")
    #expect(shown.out.contains("reason     spares␤  approvals  l.chen"), "\(shown.out)")
    let approvalsLines = shown.out.split(separator: "\n").filter { $0.hasPrefix("  approvals") }
    #expect(approvalsLines.count == 1 && approvalsLines[0].contains("none"), "\(shown.out)")
  }
}

/// Issue 23, item 7: control characters and line breaks in every free-text field reach no
/// terminal raw, on any command — names, titles, conditions, metrics, units, a
/// restriction's note, a request's reason.
@Suite(.serialized) struct EveryCommandOnATerminalTests {
  @Test func noFieldFakesALineOrSendsAnEscapeOnAnyCommand() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    let evil = #"\u001b[2J\nFAKE LINE \u001b]0;pwned\u0007"#
    let facts = cli.home + "/facts.jsonl"
    try """
    {"type":"partner.registered","payload":{"code":"PL","name":"Poland\(evil)","region":"europe","tier":"nato+5"}}
    {"type":"program.created","payload":{"id":"PL-SC-1","partner":"PL","kind":"SC","title":"Title\(evil)","start":"2024-10-01","status":"active"}}
    {"type":"funds.available","payload":{"program":"PL-SC-1","fiscalYear":2027,"amount":500000000}}
    {"type":"condition.set","payload":{"program":"PL-SC-1","id":"C1","text":"Cond\(evil)","due":"2025-01-01"}}
    {"type":"metric.defined","payload":{"program":"PL-SC-1","id":"M1","name":"Metric\(evil)","unit":"%","target":1}}
    {"type":"unit.registered","payload":{"id":"U1","partner":"PL","name":"Unit\(evil)"}}
    {"type":"restriction.imposed","payload":{"partner":"PL","kind":"7008","since":"2025-01-01","note":"Note\(evil)"}}
    """.write(toFile: facts, atomically: true, encoding: .utf8)
    #expect(try cli.run(["record", "--json", facts, "--store", store]).status == 0)
    let raised = try cli.run([
      "request", "new", "PL-SC-1", "--kind", "release-funds", "--amount", "5", "--fy", "2027",
      "--reason", "Why\u{1B}[2J\nFAKE LINE", "--store", store,
    ])
    #expect(raised.status == 0, "\(raised.err)")
    let script = fixture("on-terminal.py")
    for command in [
      ["overview"], ["alerts", "--all"], ["log"], ["requests", "--all"], ["request", "show", "RQ-0001"],
      ["roles"],
      ["verify"], ["export", "--format", "csv"], ["export", "--format", "json"],
    ] {
      let r = try cli.run(
        [script, CLI.binary] + command + ["--store", store], executable: "/usr/bin/python3")
      #expect(
        !r.out.contains("\u{1B}[2J") && !r.out.contains("\u{1B}]0;"),
        "\(command): an escape reached the terminal")
      #expect(
        !r.out.split(separator: "\n").contains { $0.hasPrefix("FAKE LINE") },
        "\(command): a field faked a line:\n\(r.out)")
    }
  }

  /// Inside tmux, which does not answer OSC 11 itself, sapm asks through tmux's
  /// passthrough and the terminal behind it answers; `sapm themes` says which route did
  /// (issue 28, item 2). Without passthrough it says how to turn it on.
  @Test(arguments: [true, false])
  func theBackgroundIsAskedThroughTmux(passthrough: Bool) throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let conf = cli.home + "/tmux.conf"
    try (passthrough ? "set -g allow-passthrough on\n" : "\n").write(
      toFile: conf, atomically: true, encoding: .utf8)
    let screen = cli.home + "/screen.txt"
    let socket = "sapm-pt-\(getpid())-\(passthrough)"
    let inner = "\(CLI.binary) themes; tmux capture-pane -p > \(screen)"
    let r = try cli.run(
      [fixture("outer-terminal.py"), "light", "15", "tmux", "-L", socket, "-f", conf, "new-session", inner],
      environment: ["TERM": "xterm-256color", "NO_COLOR": "", "COLORFGBG": ""], executable: "/usr/bin/python3"
    )
    _ = try? cli.run(["-L", socket, "kill-server"], executable: "/usr/bin/tmux")
    #expect(r.status == 0, "\(r.err)")
    // The pane wraps long lines at its width: read the screen as one text.
    let text = ((try? String(contentsOfFile: screen, encoding: .utf8)) ?? "").replacingOccurrences(
      of: "\n", with: "")
    if passthrough {
      #expect(
        text.contains(
          "chosen: light (the terminal reports a light background, asked through tmux's passthrough)"),
        "\(text)")
    } else {
      #expect(text.contains("inside tmux ('tmux set -g allow-passthrough on'"), "\(text)")
    }
  }
}
