import Foundation
import TestSupport
import Testing

/// The defects of the issue "Never lose data, never hang, never crash", through the
/// real binary: each test failed before its fix.
@Suite(.serialized) struct ReliabilityCLITests {
  func demo(_ cli: CLI) throws -> String {
    let store = cli.home + "/d.sapm"
    let r = try cli.run(["init", "--demo", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    return store
  }

  func firstAlert(_ cli: CLI, _ store: String) throws -> String {
    let list = try cli.run(["alerts", "--json", "--store", store])
    let alerts = try #require(JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
    return try #require(alerts.first?["id"] as? String)
  }

  func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

  /// Defect 2: a writable open never empties a file that is not a store.
  @Test func aWriteToAFileThatIsNotAStoreLeavesItUntouched() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    let id = try firstAlert(cli, store)
    let text = cli.home + "/t.txt"
    try "SECRET".write(toFile: text, atomically: false, encoding: .utf8)
    let link = cli.home + "/link.sapm"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: text)
    for target in [text, link] {
      let r = try cli.run(["alerts", "ack", id, "--note", "x", "--store", target])
      #expect(r.status == 1)
      #expect(r.err.contains("not a sapm store"), "\(r.err)")
      #expect(String(decoding: bytes(text), as: UTF8.self) == "SECRET")
    }
    let debris = try FileManager.default.contentsOfDirectory(atPath: cli.home).filter {
      $0.contains(".torn-")
    }
    #expect(debris.isEmpty)
  }

  /// Defect 3: exports never replace an existing file, the store, a link or a FIFO,
  /// and a failed write is an error.
  @Test func exportsNeverClobber() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    let storeBytes = bytes(store)
    let out = cli.home + "/out.csv"
    try "keep me".write(toFile: out, atomically: false, encoding: .utf8)

    var r = try cli.run(["export", "-o", out, "--store", store])
    #expect(r.status == 1 && r.err.contains("exists") && r.err.contains("--force"), "\(r.err)")
    #expect(String(decoding: bytes(out), as: UTF8.self) == "keep me")

    r = try cli.run(["export", "-o", out, "--force", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.err.contains("exported to \(out)"))
    #expect(String(decoding: bytes(out), as: UTF8.self).hasPrefix("region,partner_code"))
    let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    // The store itself, by name or through a link, even with --force.
    let storeLink = cli.home + "/store-link.csv"
    try FileManager.default.createSymbolicLink(atPath: storeLink, withDestinationPath: store)
    for target in [store, storeLink] {
      r = try cli.run(["export", "-o", target, "--force", "--store", store])
      #expect(r.status == 1, "\(target): \(r.err)")
      #expect(bytes(store) == storeBytes)
    }
    // A link to another file is not replaced either.
    let other = cli.home + "/other.txt"
    try "other".write(toFile: other, atomically: false, encoding: .utf8)
    let otherLink = cli.home + "/other-link.csv"
    try FileManager.default.createSymbolicLink(atPath: otherLink, withDestinationPath: other)
    r = try cli.run(["export", "-o", otherLink, "--force", "--store", store])
    #expect(r.status == 1 && r.err.contains("symbolic link"), "\(r.err)")
    #expect(
      (try? FileManager.default.destinationOfSymbolicLink(atPath: otherLink)) == other)
    // A FIFO: refused at once, not waited on.
    let fifo = cli.home + "/fifo.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    let started = Date()
    r = try cli.run(["export", "-o", fifo, "--force", "--store", store])
    #expect(r.status == 1 && r.err.contains("FIFO"), "\(r.err)")
    #expect(Date().timeIntervalSince(started) < 5)
    // A character device is written through, and its errors count.
    r = try cli.run(["export", "-o", "/dev/null", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    r = try cli.run(["export", "-o", "/dev/full", "--store", store])
    #expect(r.status == 1 && r.err.contains("No space left"), "\(r.err)")
    var st = stat()
    #expect(lstat("/dev/full", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
  }

  /// Defect 3: output errors on standard output fail the command.
  @Test func standardOutputErrorsAreReported() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    for command in ["export", "log", "verify", "alerts"] {
      let r = try cli.shell("\"$SAPM\" \(command) --store '\(store)' > /dev/full")
      #expect(r.status == 1, "\(command): \(r.status) \(r.err)")
      #expect(r.err.contains("standard output: write failed"), "\(command): \(r.err)")
    }
    // A reader that goes away is not an error worth a message.
    let r = try cli.shell("\"$SAPM\" log --store '\(store)' | head -1 > /dev/null; echo ${PIPESTATUS[0]}")
    #expect(r.err.isEmpty, "\(r.err)")
  }

  /// Defect 4: read-only commands refuse a FIFO at once.
  @Test func aFIFOIsRefusedByEveryReadingCommand() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let fifo = cli.home + "/f.sapm"
    #expect(mkfifo(fifo, 0o600) == 0)
    for command in [["verify"], ["alerts"], ["log"], ["export"]] {
      let started = Date()
      let r = try cli.run(command + ["--store", fifo])
      #expect(r.status == 1, "\(command)")
      #expect(r.err.contains("not a regular file (a FIFO)"), "\(command): \(r.err)")
      #expect(Date().timeIntervalSince(started) < 5)
    }
  }

  /// A batch larger than the chunk the store writes at a time (4 MiB) that fails
  /// after its first chunks reached the file is cut back whole: the store stays
  /// byte-identical, and the same batch without the limit lands in full.
  @Test func aLargeBatchFailingMidwayLeavesNothingBehind() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    // 12,000 metrics with long names, about 900 bytes a line: some 11 MiB of lines.
    let name = String(repeating: "x", count: 800)
    let lines = (0..<12_000).map {
      #"{"type":"metric.defined","payload":{"program":"UA-SC-001","id":"M-BIG-\#($0)","name":"\#(name)","unit":"%","target":90}}"#
    }
    let batch = cli.home + "/big.jsonl"
    try (lines.joined(separator: "\n") + "\n").write(toFile: batch, atomically: true, encoding: .utf8)
    let before = bytes(store)
    let limit = (before.count + (9 << 20)) / 1024  // KiB: two chunks fit, the rest does not
    var r = try cli.shell(
      "trap '' XFSZ; ulimit -f \(limit); \"$SAPM\" record --json '\(batch)' --store '\(store)'")
    #expect(r.status == 1, "\(r.err)")
    #expect(r.err.contains("File too large"), "\(r.err)")
    // Compared as a Bool: a failure's message would otherwise print 10 MB of bytes.
    let unchanged = bytes(store) == before
    #expect(unchanged, "cut back to where the batch began: \(bytes(store).count) bytes, was \(before.count)")
    r = try cli.run(["record", "--json", batch, "--store", store])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("recorded 12000 event(s)"), "\(r.out)")
    #expect(bytes(store).count > before.count + (10 << 20))
    #expect(try cli.run(["verify", "--store", store]).status == 0)
  }

  /// Defect 7: a write that fails (here: the file-size limit, as a full disk would)
  /// leaves the store byte-identical and no debris; a failed init leaves no file.
  @Test func aFailedWriteLeavesNothingBehind() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    let id = try firstAlert(cli, store)
    let before = bytes(store)
    let limit = (before.count + 100) / 1024 + 1  // KiB: the next record does not fit whole
    let script =
      "trap '' XFSZ; ulimit -f \(limit); \"$SAPM\" alerts ack '\(id)' --note '\(String(repeating: "n", count: 2048))' --store '\(store)'"
    var r = try cli.shell(script)
    #expect(r.status == 1, "\(r.err)")
    #expect(r.err.contains("File too large"), "\(r.err)")
    #expect(bytes(store) == before)
    let debris = try FileManager.default.contentsOfDirectory(atPath: cli.home).filter {
      $0.contains(".torn-")
    }
    #expect(debris.isEmpty)
    #expect(try cli.run(["verify", "--store", store]).status == 0)

    let fresh = cli.home + "/fresh.sapm"
    r = try cli.shell("trap '' XFSZ; ulimit -f 0; \"$SAPM\" init --store '\(fresh)'")
    #expect(r.status == 1, "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: fresh))
    r = try cli.run(["init", "--store", fresh])
    #expect(r.status == 0, "\(r.err)")

    let empty = cli.home + "/empty.sapm"
    FileManager.default.createFile(atPath: empty, contents: nil)
    r = try cli.run(["verify", "--store", empty])
    #expect(r.status == 1 && r.err.contains("not a sapm store: empty"), "\(r.err)")
  }

  /// Defect 9: no raw escape reaches the terminal from an error, and empty-looking
  /// notes, exposed stores and dangling links are named.
  @Test func smallerDefects() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    var r = try cli.run(["alerts", "ack", "\u{1B}[2J", "--note", "x", "--store", store])
    #expect(r.status != 0)
    #expect(!r.err.contains("\u{1B}") && r.err.contains("␛[2J"), "\(r.err)")
    r = try cli.run(["export", "--format", "\u{1B}[31mcsv", "--store", store])
    #expect(r.status != 0 && !r.err.contains("\u{1B}"), "\(r.err)")

    let id = try firstAlert(cli, store)
    let before = bytes(store)
    for note in ["\u{200B}", " \u{200B}\u{2060} ", "\u{3164}"] {
      r = try cli.run(["alerts", "ack", id, "--note", note, "--store", store])
      #expect(r.status != 0 && r.err.contains("needs a note"), "\(r.err)")
    }
    #expect(bytes(store) == before)

    #expect(chmod(store, 0o644) == 0)
    r = try cli.run(["alerts", "--store", store])
    #expect(r.err.contains("readable by every account"), "\(r.err)")
    #expect(chmod(store, 0o600) == 0)
    let open = cli.home + "/open"
    try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
    #expect(chmod(open, 0o777) == 0)
    #expect(try cli.run(["init", "--store", open + "/s.sapm"]).status == 0)
    r = try cli.run(["alerts", "--store", open + "/s.sapm"])
    #expect(r.err.contains("directory is writable by every account"), "\(r.err)")
    let bidi = cli.home + "/evil\u{202E}mpas.csv"
    #expect(try cli.run(["init", "--store", bidi]).status == 0)
    r = try cli.run(["alerts", "--store", bidi])
    #expect(r.err.contains("bidirectional"), "\(r.err)")
    #expect(!r.err.contains("\u{202E}") && !r.out.contains("\u{202E}"))

    let dangling = cli.home + "/dangling.sapm"
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: cli.home + "/nowhere")
    r = try cli.run(["init", "--store", dangling])
    #expect(r.status == 1 && r.err.contains("symbolic link to a file that does not exist"), "\(r.err)")
  }

  /// Every command that sets a torn tail aside says so (the ack did not).
  @Test func settingATornTailAsideIsAlwaysReported() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    let id = try firstAlert(cli, store)
    let handle = try #require(FileHandle(forWritingAtPath: store))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"actor":"x","at":"2026-"#.utf8))
    try handle.close()
    let r = try cli.run(["alerts", "ack", id, "--note", "after a crash", "--store", store])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.err.contains("the last record was torn") && r.err.contains(".torn-"), "\(r.err)")
    #expect(try cli.run(["verify", "--store", store]).status == 0)
  }

  /// Defect 1: `log --follow` follows a store replaced by a copy and says so.
  @Test func followFollowsAReplacedStore() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = try demo(cli)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    p.arguments = ["log", "--follow", "--tail", "0", "--store", store]
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    defer {
      p.terminate()
      p.waitUntilExit()
    }
    let seenOut = Locked("")
    let seenErr = Locked("")
    out.fileHandleForReading.readabilityHandler = { h in
      let t = String(decoding: h.availableData, as: UTF8.self)
      seenOut.withLock { $0 += t }
    }
    err.fileHandleForReading.readabilityHandler = { h in
      let t = String(decoding: h.availableData, as: UTF8.self)
      seenErr.withLock { $0 += t }
    }
    Thread.sleep(forTimeInterval: 0.3)
    let copy = cli.home + "/copy.sapm"
    try FileManager.default.copyItem(atPath: store, toPath: copy)
    #expect(rename(copy, store) == 0)
    let id = try firstAlert(cli, store)
    #expect(try cli.run(["alerts", "ack", id, "--note", "after replace", "--store", store]).status == 0)
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline, !seenOut.withLock({ $0.contains("after replace") }) {
      Thread.sleep(forTimeInterval: 0.02)
    }
    out.fileHandleForReading.readabilityHandler = nil
    err.fileHandleForReading.readabilityHandler = nil
    #expect(seenOut.withLock { $0.contains("after replace") })
    #expect(seenErr.withLock { $0.contains("replaced; following the new file (the same history)") })
  }
}

/// A store that already holds records the fold cannot apply still opens, and
/// `verify` lists them (issue "Real data in": the fold is total).
@Suite(.serialized) struct TotalFoldCLITests {
  @Test func unrepresentableRecordsAreListedByVerifyAndNeverBrickTheStore() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--store", store]).status == 0)
    // Written past the domain's checks, as another tool or an older sapm might have.
    let raw = cli.home + "/raw.jsonl"
    try #"{"type":"policy.changed","payload":{"setting":"approval.two.amount","value":1e19}}"#
      .write(toFile: raw, atomically: true, encoding: .utf8)
    #expect(try cli.run(["record", "--json", raw, "--store", store]).status == 3)  // refused by the domain
    try appendRaw(store, type: "policy.changed", payload: #"{"setting":"approval.two.amount","value":1e19}"#)
    // Unsigned in a signed store: kept, never applied, named, and verify fails.
    let r = try cli.run(["verify", "--store", store])
    #expect(r.status == 1, "\(r.err)")
    #expect(r.out.contains("1 record(s) are in the chain but not applied"), "\(r.out)")
    #expect(r.out.contains("record 2 (policy.changed): WITHOUT AUTHORITY: policy.changed by"), "\(r.out)")
    #expect(r.err.contains("1 record(s) were written without authority"), "\(r.err)")
    let alerts = try cli.run(["alerts", "--store", store])
    #expect(alerts.status == 2, "it opens, and the forgery is critical: \(alerts.err)")
    #expect(alerts.out.contains("record-not-authorized/store/2"), "\(alerts.out)")
  }

  /// Appends a correctly chained record the way a writer would, without the domain.
  func appendRaw(_ store: String, type: String, payload: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: builtProduct("sapm-bench"))
    p.arguments = ["append-raw", "--store", store, "--type", type, "--payload", payload]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
  }
}

/// Issue 23, item 8: an alert about the store itself names no partner or program in
/// `sapm alerts` (it read "Store rolled back — , store").
@Suite(.serialized) struct StoreAlertTextTests {
  @Test func aRollbackIsAboutTheStoreItself() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    #expect(try cli.run(["init", "--demo", "--store", store]).status == 0)
    _ = try cli.run(["alerts", "--store", store])  // this account sees the head
    var lines = try String(contentsOfFile: store, encoding: .utf8).split(separator: "\n")
    lines.removeLast(2)
    try (lines.joined(separator: "\n") + "\n").write(toFile: store, atomically: true, encoding: .utf8)
    let r = try cli.run(["alerts", "--store", store])
    #expect(r.status == 2, "\(r.err)")
    #expect(r.out.contains("Store rolled back — the store itself since"), "\(r.out)")
    #expect(!r.out.contains("— , store"))
  }
}
