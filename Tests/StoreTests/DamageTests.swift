import Foundation
import TestSupport
import Testing

@testable import Store

/// What a crash, a disk error or a hand edit does to the log, and what sapm does about it.
@Suite struct DamageTests {
  func store(_ count: Int) throws -> (dir: String, path: String) {
    let dir = temporaryDirectory()
    let path = dir + "/s.sapm"
    try EventLog.create(at: path).append((1...count).map { draft($0) })
    return (dir, path)
  }

  /// Cut the last record at every byte offset: the cut record is never applied, it
  /// is moved next to the store, and the next append continues a valid chain.
  @Test func tornTailAtEveryByteOffsetOfTheLastRecord() throws {
    let (dir, path) = try store(4)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try fileBytes(path)
    let last = try #require(lineRanges(full).last)
    for cut in last.lowerBound..<last.upperBound + 1 {  // up to the whole line without its newline
      let torn = Array(full[..<cut])
      let tornBytes = cut - last.lowerBound
      try writeBytes(torn, to: path)
      for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.contains(".torn-") {
        try FileManager.default.removeItem(atPath: dir + "/" + file)
      }

      // A read-only reader ignores the partial line and says so, changing nothing.
      let ro = try EventLog.open(at: path, readOnly: true)
      #expect(try readAll(ro).count == 3)
      if tornBytes > 0 {
        #expect(ro.warnings == [.incompleteTail(path: path, bytes: tornBytes)])
      }
      #expect(try fileBytes(path) == torn)

      // A writer sets it aside and carries on.
      let rw = try EventLog.open(at: path, readOnly: false)
      let records = try readAll(rw)
      #expect(records.count == 3, "cut at \(cut)")
      let aside = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".torn-") }
      if tornBytes > 0 {
        #expect(aside.count == 1)
        #expect(try fileBytes(dir + "/" + aside[0]) == Array(full[last.lowerBound..<cut]))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/" + aside[0])
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        guard case .tornTailSetAside(_, let bytes, _)? = rw.warnings.first else {
          Issue.record("no warning at cut \(cut)")
          continue
        }
        #expect(bytes == tornBytes)
      } else {
        #expect(aside.isEmpty)
      }
      let appended = try rw.append(draft(99))
      #expect(appended.sequence == 4)
      let report = try rw.verify()
      #expect(report.isSound, "cut at \(cut): \(String(describing: report.firstBad))")
      #expect(report.records == 4)
    }
  }

  @Test func appendAfterATornTailSetsItAsideFirst() throws {
    let (dir, path) = try store(2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let full = try fileBytes(path)
    try writeBytes(full + Array(#"{"actor":"x","at":"#.utf8), to: path)
    let log = try EventLog.open(at: path, readOnly: false)
    try log.append(draft(3))  // without reading first
    #expect(try log.verify().isSound)
    #expect(log.warnings.count == 1)
  }

  @Test func flippedByteInAPastRecordIsNamed() throws {
    let (dir, path) = try store(6)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var bytes = try fileBytes(path)
    let third = lineRanges(bytes)[2]
    // Change the digit inside the payload text: still valid JSON, wrong hash.
    let needle = Array("record 3".utf8)
    let start = try #require(
      (third.lowerBound..<third.upperBound - needle.count).first {
        Array(bytes[$0..<$0 + needle.count]) == needle
      })
    bytes[start + needle.count - 1] = UInt8(ascii: "7")
    try writeBytes(bytes, to: path)
    let report = try EventLog.open(at: path, readOnly: true).verify()
    #expect(report.firstBad?.line == 4)  // record 4's 'prev' no longer matches record 3
    #expect(report.firstBad?.reason.contains("chain broken") == true)
    #expect(report.records == 3)
    #expect {
      try readAll(try EventLog.open(at: path, readOnly: true))
    } throws: { error in
      "\(error)".contains("\(path):4: damaged record")
    }
  }

  @Test func garbageInAPastRecordIsNamed() throws {
    let (dir, path) = try store(5)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var bytes = try fileBytes(path)
    let second = lineRanges(bytes)[1]
    bytes[second.lowerBound] = UInt8(ascii: "X")
    try writeBytes(bytes, to: path)
    let report = try EventLog.open(at: path, readOnly: true).verify()
    #expect(report.firstBad?.line == 2)
    #expect(report.firstBad?.reason.contains("not valid JSON") == true)
  }

  @Test func reorderedRecordsAreDetected() throws {
    let (dir, path) = try store(5)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let bytes = try fileBytes(path)
    var lines = lineRanges(bytes).map { Array(bytes[$0]) }
    lines.swapAt(1, 2)
    try writeBytes(lines.flatMap { $0 + [UInt8(0x0A)] }, to: path)
    let report = try EventLog.open(at: path, readOnly: true).verify()
    #expect(report.firstBad?.line == 2)
    #expect(report.firstBad?.reason.contains("sequence 3 where 2 was expected") == true)
  }

  @Test func deletedRecordIsDetected() throws {
    let (dir, path) = try store(5)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let bytes = try fileBytes(path)
    var lines = lineRanges(bytes).map { Array(bytes[$0]) }
    lines.remove(at: 2)
    try writeBytes(lines.flatMap { $0 + [UInt8(0x0A)] }, to: path)
    let report = try EventLog.open(at: path, readOnly: true).verify()
    #expect(report.firstBad?.line == 3)
    #expect(report.records == 2)
  }

  @Test func rewrittenRecordWithRecomputedSequenceStillBreaksTheChain() throws {
    let (dir, path) = try store(3)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let reader = try EventLog.open(at: path, readOnly: true)
    var records = try readAll(reader)
    records[0].actor = "mallory"
    let bytes: [UInt8] = records.flatMap { $0.line + [UInt8(0x0A)] }
    try writeBytes(bytes, to: path)
    let report = try EventLog.open(at: path, readOnly: true).verify()
    #expect(report.firstBad?.line == 2)
  }
}

@Suite struct ConcurrencyTests {
  /// Several processes append at once: every event is there exactly once and the chain holds.
  @Test func severalWriterProcesses() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/s.sapm"
    _ = try EventLog.create(at: path)
    let bench = builtProduct("sapm-bench")
    try #require(FileManager.default.isExecutableFile(atPath: bench), "sapm-bench not built at \(bench)")
    let writers = 4
    let each = 60
    var processes: [Process] = []
    for w in 0..<writers {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: bench)
      p.arguments = ["append", "--store", path, "--count", String(each), "--actor", "writer\(w)"]
      try p.run()
      processes.append(p)
    }
    for p in processes {
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
    }
    let log = try EventLog.open(at: path, readOnly: true)
    let report = try log.verify()
    #expect(report.isSound, "\(String(describing: report.firstBad))")
    let records = try readAll(log)
    #expect(records.count == writers * each)
    for w in 0..<writers {
      let mine = records.filter { $0.actor == "writer\(w)" }.compactMap { $0.payload["n"]?.intValue }
      #expect(mine == (0..<Int64(each)).map { $0 })
    }
  }

  @Test func watcherSeesAnAppendPromptly() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/s.sapm"
    let log = try EventLog.create(at: path)
    let watcher = ChangeWatcher(path: path)
    #expect(watcher.usesInotify)
    #expect(!watcher.wait(milliseconds: 50))
    try log.append(draft(1))
    #expect(watcher.wait(milliseconds: 1000))
  }
}
