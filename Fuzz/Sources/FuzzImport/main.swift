import FileImport
import Foundation
import Portfolio
import Session

/// The importer: any bytes as a CSV file, never a crash or a stall; always figures
/// or a Problem naming where.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  _ = try? ImportFile.read(
    stream: InputStream(data: data), name: "fuzz.csv", size: Int64(count),
    today: Day(year: 2026, month: 11, day: 30) ?? Day(ordinal: 0))
  return 0
}
