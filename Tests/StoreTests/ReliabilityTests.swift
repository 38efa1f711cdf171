import Foundation
import Testing

@testable import Store

/// The store defects an adversarial test found (issue "Never lose data"), one test each.
@Suite struct ReliabilityTests {
  func store(_ count: Int) throws -> (dir: String, path: String) {
    let dir = temporaryDirectory()
    let path = dir + "/s.sapm"
    try EventLog.create(at: path).append((1...count).map { draft($0) })
    return (dir, path)
  }

  /// Defect 1: a writer whose path now names another file refuses to append, and
  /// neither file changes.
  @Test func appendRefusedAfterTheStoreWasReplaced() throws {
    let (dir, path) = try store(3)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let writer = try EventLog.open(at: path, readOnly: false)
    _ = try readAll(writer)
    #expect(writer.pathStatus() == .same)
    let copy = dir + "/copy"
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    #expect(rename(copy, path) == 0)
    let before = try fileBytes(path)
    #expect(writer.pathStatus() == .replaced)
    #expect {
      try writer.append(draft(4))
    } throws: { error in
      guard case StoreError.replaced = error else { return false }
      return "\(error)".contains("replaced")
    }
    #expect(try fileBytes(path) == before)
  }

  @Test func appendRefusedAfterTheStoreWasDeleted() throws {
    let (dir, path) = try store(2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let writer = try EventLog.open(at: path, readOnly: false)
    _ = try readAll(writer)
    #expect(unlink(path) == 0)
    #expect(writer.pathStatus() == .missing)
    #expect {
      try writer.append(draft(3))
    } throws: { error in
      guard case StoreError.deleted = error else { return false }
      return true
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  /// Defect 2: a writable open of a file that is not a store leaves it untouched,
  /// directly and through a symbolic link.
  @Test func aFileThatIsNotAStoreIsNeverRepaired() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/t.txt"
    let secret = Array("SECRET".utf8)
    try writeBytes(secret, to: path)
    let link = dir + "/link.sapm"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    for target in [path, link] {
      let log = try EventLog.open(at: target, readOnly: false)
      #expect {
        try log.readNew { _ in }
      } throws: { error in
        guard case StoreError.notAStore(_, let reason) = error else { return false }
        return reason.contains("left untouched")
      }
      #expect(throws: StoreError.self) { try log.append(draft(1)) }
      #expect(try fileBytes(path) == secret)
    }
    // A line of text with a newline is no store either.
    try writeBytes(Array("SECRET\nmore".utf8), to: path)
    let log = try EventLog.open(at: path, readOnly: false)
    #expect(throws: StoreError.self) { try log.readNew { _ in } }
    #expect(throws: StoreError.self) { try log.append(draft(1)) }
    #expect(try fileBytes(path) == Array("SECRET\nmore".utf8))
    let aside = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".torn-") }
    #expect(aside.isEmpty)
  }

  /// Defect 4: a FIFO (or any non-regular file) is refused at once, never waited on.
  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/f.sapm"
    #expect(mkfifo(path, 0o600) == 0)
    let started = Date()
    for readOnly in [true, false] {
      #expect {
        try EventLog.open(at: path, readOnly: readOnly)
      } throws: { error in
        guard case StoreError.notAStore(_, let reason) = error else { return false }
        return reason.contains("FIFO")
      }
    }
    #expect(throws: StoreError.self) { try EventLog.open(at: dir, readOnly: true) }
    #expect(Date().timeIntervalSince(started) < 2)
  }

  /// Defect 7: an empty file verifies as "not a store", not as a sound empty one.
  @Test func verifyOfAnEmptyFileSaysNotAStore() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/e.sapm"
    try writeBytes([], to: path)
    let log = try EventLog.open(at: path, readOnly: true)
    #expect {
      try log.verify()
    } throws: { error in
      "\(error)".contains("not a sapm store: empty")
    }
    try writeBytes(Array("SECRET".utf8), to: path)
    #expect(throws: StoreError.self) { try EventLog.open(at: path, readOnly: true).verify() }
  }

  /// Defect 9: a dangling symbolic link is not "a store that already exists".
  @Test func createThroughADanglingLinkSaysSo() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let link = dir + "/s.sapm"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir + "/nowhere")
    #expect {
      try EventLog.create(at: link)
    } throws: { error in
      "\(error)".contains("symbolic link to a file that does not exist")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/nowhere"))
  }

  /// The catch-up under the lock hands a writer every record another process
  /// appended, verified, before it writes its own.
  @Test func appendCatchesUpUnderTheLock() throws {
    let (dir, path) = try store(2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let a = try EventLog.open(at: path, readOnly: false)
    _ = try readAll(a)
    let b = try EventLog.open(at: path, readOnly: false)
    try b.append([draft(3), draft(4)])
    var seen: [Int] = []
    var sequenceWhenAsked = 0
    let written = try a.append(catchingUp: { seen.append($0.sequence) }) {
      sequenceWhenAsked = a.cursor.sequence
      return [draft(5)]
    }
    #expect(seen == [3, 4])
    #expect(sequenceWhenAsked == 4)
    #expect(written.map(\.sequence) == [5])
    // A refusal while deciding writes nothing.
    let before = try fileBytes(path)
    struct Refused: Error {}
    #expect(throws: Refused.self) { try a.append(catchingUp: { _ in }) { throw Refused() } }
    #expect(try fileBytes(path) == before)
    #expect(try a.verify().records == 5)
  }
}

/// Every single-bit change to every byte of a store: `verify` must report damage for
/// any change before the last record. A change inside the last record has no
/// successor to catch it; it is caught only when the line no longer parses as a
/// record (docs/reliability.md says so).
@Suite struct MutationSweepTests {
  @Test func everyBitFlipBeforeTheLastRecordIsDetected() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/s.sapm"
    try EventLog.create(at: path).append((1...12).map { draft($0) })
    let original = try fileBytes(path)
    let lastStart = try #require(lineRanges(original).last).lowerBound
    var tried = 0
    var undetectedInLast = 0
    for position in 0..<original.count {
      for bit in [0x01, 0x20, 0x80] as [UInt8] {
        var bytes = original
        bytes[position] ^= bit
        try writeBytes(bytes, to: path)
        tried += 1
        let sound: Bool
        do {
          let report = try EventLog.open(at: path, readOnly: true).verify()
          sound = report.isSound && report.incompleteTailBytes == 0 && report.records == 12
        } catch {
          sound = false
        }
        if position < lastStart {
          #expect(!sound, "a flip of bit \(bit) at byte \(position) went undetected")
        } else if sound {
          undetectedInLast += 1
        }
      }
    }
    #expect(tried == original.count * 3)
    // Recorded in docs/reliability.md: how many last-record changes still parse.
    let inLast = (original.count - lastStart) * 3
    print(
      "mutation sweep: \(tried) single-bit changes, \(tried - inLast) before the last record (all detected), \(inLast) in it (\(undetectedInLast) undetected)"
    )
  }
}
