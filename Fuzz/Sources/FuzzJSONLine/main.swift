import CanonicalJSON

/// The JSON line parser: any bytes, never a crash; what parses re-serialises
/// canonically and parses back to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLine(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let buffer = UnsafeBufferPointer(start: start, count: count)
  guard let value = try? JSONParser.parse(buffer: buffer) else { return 0 }
  let canonical = CanonicalJSON.bytes(value)
  let again = canonical.withUnsafeBufferPointer { try? JSONParser.parse(buffer: $0) }
  precondition(
    again.map { CanonicalJSON.bytes($0) == canonical } == true, "canonical form does not round-trip")
  return 0
}
