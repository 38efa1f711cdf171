import Foundation
import Testing

@Suite(.serialized) struct EndToEndTests {

  @Test(arguments: ["xterm-256color", "screen"])
  func navigateResizeAcknowledgeAndQuit(term: String) throws {
    let tmux = try Tmux(term: term)
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    var (screen, _) = try tmux.waitForOverview()
    for title in ["[1] Europe/NATO", "[2] Indo-Pacific", "[3] Middle East/Africa", "DEMO"] {
      #expect(screen.contains(title), "\(title)")
    }

    // Drill down by the contract's keys, and back up.
    try tmux.type("4")
    try tmux.waitFor("▶ [4] Ukraine ◀")
    try tmux.keys("Enter")
    try tmux.waitFor("Ukraine (UA)")
    try tmux.keys("Down", "Enter")
    try tmux.waitFor("[Summary]")
    try tmux.type("]")
    try tmux.waitFor("[Funding]")
    try tmux.keys("Escape")
    try tmux.waitFor("Ukraine (UA)")
    try tmux.type("h")
    try tmux.waitFor("▶ [4] Ukraine ◀")

    // Resize: a tab strip below 100×30, the "too small" screen at 20×5, and back.
    try tmux.resize(80, 24)
    try tmux.waitFor("[4 Ukraine]")
    try tmux.resize(20, 5)
    try tmux.waitFor("too small")
    try tmux.resize(120, 35)
    try tmux.waitFor("[1] Europe/NATO")

    // Acknowledge the top alert with a note; the event lands in the store.
    try tmux.type("a")
    (screen, _) = try tmux.waitFor("Alerts on")
    try tmux.type("x")
    try tmux.waitFor("note for ")
    try tmux.type("seen in e2e")
    try tmux.keys("Enter")
    try tmux.waitFor("acknowledged … as …") { $0.contains("acknowledged ") && $0.contains(" as ") }
    let text = try String(contentsOfFile: store, encoding: .utf8)
    #expect(text.contains("\"note\":\"seen in e2e\""))
    #expect(text.contains("\"type\":\"alert.acknowledged\""))

    // Quit: the shell prompt comes back and the screen is the shell's again.
    try tmux.type("q")
    (screen, _) = try tmux.waitFor("E2E$") { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
    #expect(!screen.contains("[4] Ukraine"))
  }

  @Test func anotherProcessesEventAppearsPromptly() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    let (screen, _) = try tmux.waitForOverview()
    let count = try #require(
      screen.range(of: #"(\d+) events"#, options: .regularExpression).map {
        String(screen[$0].split(separator: " ")[0])
      })
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Tmux.binary)
    p.arguments = [
      "alerts", "ack", "offer-lapsed/GH-FMS-001", "--note", "from another process", "--store", store,
    ]
    p.standardOutput = Pipe()
    p.standardError = Pipe()
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let next = String((Int(count) ?? 0) + 1)
    let (_, waited) = try tmux.waitFor("\(next) events", timeout: 5)
    #expect(waited < 1.0, "took \(waited) s")
    try tmux.type("q")
  }

  @Test func helpAndCommandLineInARealTerminal() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --store \(store) --theme light")
    try tmux.keys("Enter")
    try tmux.waitFor("[4] Ukraine")
    try tmux.type("?")
    try tmux.waitFor("generated from the key map")
    try tmux.keys("Escape")
    try tmux.type(":region indo-pacific")
    try tmux.keys("Enter")
    try tmux.waitFor("▶ [2] Indo-Pacific ◀")
    try tmux.type(":export \(tmux.home)/pacific.csv")
    try tmux.keys("Enter")
    try tmux.waitFor("exported")
    // The columns `sapm export` writes, for the focused region: numbers and ISO dates.
    let csv = try String(contentsOfFile: tmux.home + "/pacific.csv", encoding: .utf8)
    #expect(csv.hasPrefix("region,partner_code,partner,program,kind,title,status,start,sunset,fiscal_year,"))
    #expect(csv.contains("indo-pacific,PH,Philippines,"))
    let lines = csv.split(separator: "\n")
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("indo-pacific,") }, "\(lines.prefix(3))")
    // An amount is a whole number of dollars, a date YYYY-MM-DD: "$4.21B" or "–" never.
    #expect(
      try lines.contains {
        try #/,\d{4}-\d{2}-\d{2},(\d{4}-\d{2}-\d{2})?,20\d\d,\d+,\d+,\d+,\d+,/#.firstMatch(in: $0) != nil
      })
    try tmux.type("t")
    try tmux.type("2023-01-01")
    try tmux.keys("Enter")
    try tmux.waitFor("AS OF 2023-01-01")
    try tmux.keys("Escape")
    try tmux.waitFor("back to now")
    try tmux.type("q")
    try tmux.waitFor("E2E$") { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }
}

@Suite(.serialized) struct SignalTests {
  /// SIGTERM and SIGHUP end sapm cleanly: the shell prompt returns on a normal screen.
  @Test(arguments: [SIGTERM, SIGHUP])
  func signalRestoresTheTerminal(signal: Int32) throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("\(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    try tmux.waitFor("[4] Ukraine")
    let pids = try tmux.run(["list-panes", "-F", "#{pane_pid}"])
    let shell = try #require(Int32(pids.trimmingCharacters(in: .whitespacesAndNewlines)))
    // sapm is the shell's child.
    let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    let sapm = try #require(children.split(separator: " ").first.flatMap { Int32($0) })
    #expect(kill(sapm, signal) == 0)
    let (screen, waited) = try tmux.waitFor("E2E$") {
      $0.split(separator: "\n").last?.hasPrefix("E2E$") == true
    }
    #expect(!screen.contains("[4] Ukraine"))
    #expect(waited < 2)
    // The terminal is usable again: the shell echoes what we type.
    try tmux.type("echo restored-\(signal)")
    try tmux.keys("Enter")
    try tmux.waitFor("restored-\(signal)") { $0.components(separatedBy: "restored-\(signal)").count >= 3 }
  }

  /// `b` on a partner writes its brief where sapm was started: a new, self-contained
  /// HTML file, and the bottom line says where (issue 29, item 1).
  @Test func bWritesABriefFile() throws {
    let tmux = try Tmux(term: "xterm-256color")
    let store = try tmux.makeDemoStore()
    try tmux.type("cd \(tmux.home) && \(Tmux.binary) --store \(store)")
    try tmux.keys("Enter")
    try tmux.waitForOverview()
    try tmux.type(":find Jordan")
    try tmux.keys("Enter")
    try tmux.waitFor("Search for 'Jordan'")
    try tmux.keys("Enter")
    try tmux.waitFor("Jordan (JO)")
    try tmux.type("b")
    try tmux.waitFor("brief of JO as of")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: tmux.home)) ?? []
    let brief = try #require(files.first { $0.hasPrefix("brief-JO-") && $0.hasSuffix(".html") })
    let page = try String(contentsOfFile: tmux.home + "/" + brief, encoding: .utf8)
    #expect(page.contains("<h1>Jordan (JO)") && page.contains("<svg"))
    try tmux.type("q")
    try tmux.waitFor("E2E$") { $0.split(separator: "\n").last?.hasPrefix("E2E$") == true }
  }
}
