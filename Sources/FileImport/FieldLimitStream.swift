import Foundation

/// The import's input, with every CSV field held to a length: the CSV reader keeps a
/// field whole in memory, so one 50 MB field took 20 s and 456 MB. This stream follows
/// the quoting as the bytes pass, and ends the input (as if at end of file) when a field
/// grows past `limit`, noting where; the import then names the line and column.
final class FieldLimitStream: InputStream {
  private let inner: InputStream
  let limit: Int
  /// Where the first field over the limit began: its physical line and column (1-based).
  private(set) var tripped: (line: Int, column: Int)?
  private var inQuotes = false
  private var fieldLength = 0
  private var line = 1
  private var column = 1

  init(_ inner: InputStream, limit: Int) {
    self.inner = inner
    self.limit = limit
    super.init(data: Data())
  }

  override func open() { inner.open() }
  override func close() { inner.close() }
  override var streamStatus: Stream.Status { tripped == nil ? inner.streamStatus : .atEnd }
  override var streamError: (any Error)? { inner.streamError }
  override var hasBytesAvailable: Bool { tripped == nil && inner.hasBytesAvailable }

  override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
    guard tripped == nil else { return 0 }
    let n = inner.read(buffer, maxLength: len)
    guard n > 0 else { return n }
    for i in 0..<n {
      let byte = buffer[i]
      if byte == 0x0A { line += 1 }
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes, byte == UInt8(ascii: ",") {
        column += 1
        fieldLength = 0
        continue
      } else if !inQuotes, byte == 0x0A {
        column = 1
        fieldLength = 0
        continue
      }
      fieldLength += 1
      if fieldLength > limit {
        tripped = (line, column)
        return i  // the bytes before it; the reader then sees the end
      }
    }
    return n
  }
}
