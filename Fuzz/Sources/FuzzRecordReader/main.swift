import Store

/// The record reader: any file contents, never a crash; what it accepts accounts for
/// every byte (complete lines up to the cursor, then the incomplete tail), and each
/// record's sequence follows the one before.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordReader(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let buffer = UnsafeBufferPointer(start: start, count: count)
  var cursor = ChainCursor()
  guard let (records, tail) = try? cursor.read(buffer) else { return 0 }
  precondition(cursor.offset + Int64(tail) == Int64(count), "bytes unaccounted for")
  precondition(
    records.enumerated().allSatisfy { $0.element.sequence == $0.offset + 1 }, "sequence gap accepted")
  return 0
}
