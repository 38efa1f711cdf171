import Foundation
import Store
import TestSupport

/// A fresh directory under /tmp for one test, removed by the caller.
func temporaryDirectory() -> String {
  let dir = NSTemporaryDirectory() + "sapm-store-tests-\(UUID().uuidString)"
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  return dir
}

func draft(_ n: Int, type: String = "test.event", actor: String = "tester") -> RecordDraft {
  RecordDraft(
    type: type, actor: actor,
    payload: .object([.init("n", .int(Int64(n))), .init("text", .string("record \(n) — Україна"))]))
}

func readAll(_ log: EventLog) throws -> [Record] {
  var out: [Record] = []
  try log.readNew { out.append($0) }
  return out
}

/// The file's bytes; a file that cannot be read fails the test (an unreadable file
/// must never pass for one left unchanged).
func fileBytes(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Byte ranges of the lines of a file (without their newlines).
func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
  var out: [Range<Int>] = []
  var start = 0
  for (i, b) in bytes.enumerated() where b == 0x0A {
    out.append(start..<i)
    start = i + 1
  }
  return out
}
