import Foundation
import PostgresStore
import Store

/// `sapm migrate FILE URI`: a file store's records into a PostgreSQL store, exactly
/// as the file holds them (the bytes hashed and signed are the bytes copied), in
/// batches through `sapm.migrate` — the schema owner's door, since the records are in
/// the names of whoever wrote them. An interrupted migration is taken up where the
/// server's log ends, after checking that it ends on the file's record.
public enum Migration {
  public struct Outcome: Sendable {
    public var records: Int
    public var bytes: Int64
    /// Records the server held already (an earlier, interrupted run).
    public var already: Int
  }

  /// Lines per call of `sapm.migrate` (one transaction each).
  static let batch = 5_000

  public static func migrate(
    file: String, to location: StoreLocation, progress: (Int, Int64, Int64) -> Void = { _, _, _ in }
  ) throws -> Outcome {
    guard let address = try location.serverAddress() else {
      throw StoreLocationProblem(
        message: "\(location.path): the target of 'sapm migrate' is a postgresql:// address")
    }
    let source = try EventLog.open(at: file, readOnly: true)
    let total = try source.size()
    try PostgresLog.createSchema(address, allowExisting: true)
    let target = try PostgresLog.open(address, mirrorPath: nil, readOnly: false, allowEmpty: true)
    defer { target.relinquish() }
    let head = try target.head()
    var chain = ChainCursor()
    var lines: [[UInt8]] = []
    var copied = 0
    func flush() throws {
      guard !lines.isEmpty else { return }
      try target.copyVerbatim(lines, after: chain)
      for line in lines {
        _ = try line.withUnsafeBufferPointer { (b) throws(RecordError) in try chain.accept(line: b) }
      }
      copied += lines.count
      lines.removeAll(keepingCapacity: true)
      progress(copied, chain.offset, total)
    }
    var already = 0
    try source.readNewLines { record, line in
      if record.sequence <= head.sequence {
        // The server has it: it must be this very record.
        _ = try chain.accept(line: line)
        already += 1
        if record.sequence == head.sequence, chain.hashHex != head.hashHex {
          throw StoreError.server(
            store: address.display,
            reason:
              "the database already holds a store whose record \(head.sequence) is not this file's: nothing was copied; migrate into an empty database"
          )
        }
        return
      }
      lines.append(Array(line))
      if lines.count == batch { try flush() }
    }
    if already < head.sequence {
      throw StoreError.server(
        store: address.display,
        reason:
          "the database already holds a store with more records (\(head.sequence)) than this file (\(already)): nothing was copied; migrate into an empty database"
      )
    }
    try flush()
    return Outcome(records: copied, bytes: chain.offset, already: already)
  }
}
