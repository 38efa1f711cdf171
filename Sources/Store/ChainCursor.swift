import CanonicalJSON
import Crypto

/// Where a reader stands in the chain: the byte offset after the last good record,
/// its sequence number and its hash. Reading on from a cursor checks every new
/// record against it, so a reader can never accept a record that does not extend
/// what it has already verified.
public struct ChainCursor: Sendable, Hashable {
  public var offset: Int64 = 0
  public var sequence: Int = 0
  /// SHA-256 of the last record's line, as 64 lowercase hex digits (ASCII).
  public var hashHex: [UInt8] = Array(Record.genesis.utf8)

  public init() {}

  public init(offset: Int64, sequence: Int, hashHex: [UInt8]) {
    self.offset = offset
    self.sequence = sequence
    self.hashHex = hashHex
  }

  /// Checks one line against the cursor and advances past it.
  public mutating func accept(line: UnsafeBufferPointer<UInt8>) throws(RecordError) -> Record {
    let record = try Record.parse(line: line)
    guard record.sequence == sequence + 1 else {
      throw RecordError(
        "sequence \(record.sequence) where \(sequence + 1) was expected (a record is missing, repeated or out of order)"
      )
    }
    guard record.prev.utf8.elementsEqual(hashHex) else {
      throw RecordError(
        "chain broken: 'prev' does not match the SHA-256 of record \(sequence) (a record before it was edited, removed or reordered)"
      )
    }
    hashHex = ChainCursor.hex(SHA256.hash(data: UnsafeRawBufferPointer(line)))
    sequence = record.sequence
    offset += Int64(line.count + 1)
    return record
  }

  /// Reads the complete lines of `bytes` as records from this cursor, exactly as a
  /// reader of the file would (for tools, tests and fuzzing). Returns the records
  /// and the number of bytes after the last newline.
  public mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(RecordError) -> (
    records: [Record], tail: Int
  ) {
    var records: [Record] = []
    var start = 0
    while let nl = bytes[start...].firstIndex(of: 0x0A) {
      records.append(try accept(line: UnsafeBufferPointer(rebasing: bytes[start..<nl])))
      start = nl + 1
    }
    return (records, bytes.count - start)
  }

  static let digits: [UInt8] = Array("0123456789abcdef".utf8)

  static func hex(_ digest: SHA256.Digest) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return out
  }

  public static func hash(_ line: [UInt8]) -> [UInt8] {
    line.withUnsafeBytes { hex(SHA256.hash(data: $0)) }
  }
}
