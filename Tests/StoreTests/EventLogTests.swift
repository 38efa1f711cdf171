import Foundation
import Testing

@testable import Store

@Suite struct EventLogTests {
  @Test func roundTripAcrossOpens() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    let log = try EventLog.create(at: path)
    let written = try log.append((1...5).map { draft($0) })
    #expect(written.map(\.sequence) == [1, 2, 3, 4, 5])
    #expect(written[0].prev == Record.genesis)
    try log.append(draft(6))

    let reader = try EventLog.open(at: path, readOnly: true)
    let records = try readAll(reader)
    #expect(records.count == 6)
    #expect(records[0] == written[0])
    #expect(records[5].payload["text"] == .string("record 6 — Україна"))
    #expect(try reader.record(sequence: 3) == written[2])
    #expect(try reader.verify().isSound)
  }

  @Test func newFilesAreOwnerOnly() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/new/deeper/s.sapm"
    let old = umask(0)
    defer { umask(old) }
    let log = try EventLog.create(at: path)
    #expect(try log.permissions() == 0o600)
    let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/new/deeper")
    #expect((attributes[.posixPermissions] as? Int) == 0o700)
    let top = try FileManager.default.attributesOfItem(atPath: dir + "/new")
    #expect((top[.posixPermissions] as? Int) == 0o700)
  }

  @Test func createRefusesToOverwrite() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    _ = try EventLog.create(at: path)
    #expect {
      _ = try EventLog.create(at: path)
    } throws: { error in
      guard case StoreError.alreadyExists(let p) = error else { return false }
      return p == path && "\(error)".contains("never overwrites")
    }
  }

  @Test func missingStoreSaysWhatToDo() {
    #expect {
      _ = try EventLog.open(at: "/nonexistent/x.sapm", readOnly: true)
    } throws: { error in
      "\(error)".contains("/nonexistent/x.sapm") && "\(error)".contains("sapm init")
    }
  }

  @Test func readOnlyLogRefusesWrites() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    try EventLog.create(at: path).append(draft(1))
    let before = try fileBytes(path)
    let ro = try EventLog.open(at: path, readOnly: true)
    #expect(throws: StoreError.self) { try ro.append(draft(2)) }
    #expect(try fileBytes(path) == before)
  }

  @Test func linesAreCanonicalJSON() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    try EventLog.create(at: path).append(draft(1))
    let text = String(decoding: try fileBytes(path), as: UTF8.self)
    #expect(text.hasPrefix(#"{"actor":"tester","at":""#))
    #expect(text.contains(#","payload":{"n":1,"text":"record 1 — Україна"},"prev":"0000"#))
    #expect(text.hasSuffix("\"seq\":1,\"type\":\"test.event\",\"v\":1}\n"))
  }

  @Test func unknownTypesAreKeptVerbatim() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    let log = try EventLog.create(at: path)
    try log.append([
      draft(1), RecordDraft(type: "from.the.future", version: 9, actor: "x", payload: .array([.null])),
      draft(3),
    ])
    let records = try readAll(try EventLog.open(at: path, readOnly: true))
    #expect(records.map(\.type) == ["test.event", "from.the.future", "test.event"])
    #expect(records[1].version == 9)
    #expect(try log.verify().isSound)
  }

  @Test func readerSeesOnlyNewRecords() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    let writer = try EventLog.create(at: path)
    let reader = try EventLog.open(at: path, readOnly: true)
    try writer.append(draft(1))
    #expect(try readAll(reader).count == 1)
    #expect(try readAll(reader).isEmpty)
    try writer.append([draft(2), draft(3)])
    #expect(try readAll(reader).map(\.sequence) == [2, 3])
  }

  @Test func twoWritersInOneProcessKeepOneChain() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    let a = try EventLog.create(at: path)
    let b = try EventLog.open(at: path, readOnly: false)
    for i in 0..<20 { try (i % 2 == 0 ? a : b).append(draft(i)) }
    let report = try a.verify()
    #expect(report.isSound)
    #expect(report.records == 20)
  }

  @Test func aLineLongerThanTheReadBufferIsRead() throws {
    let dir = temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/a.sapm"
    let log = try EventLog.create(at: path)
    let big = String(repeating: "x", count: 5 << 20)
    try log.append([draft(1), RecordDraft(type: "big", actor: "t", payload: .string(big)), draft(3)])
    let records = try readAll(try EventLog.open(at: path, readOnly: true))
    #expect(records.count == 3)
    #expect(records[1].payload == .string(big))
  }
}
