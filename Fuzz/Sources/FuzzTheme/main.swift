import TUI

/// The theme parser: any file, never a crash, never a stall (libFuzzer's -timeout
/// catches a slow input), always a theme or a ThemeError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  _ = try? ThemeParser.parse(text, file: "fuzz.toml", base: { _ in .builtIn })
  return 0
}
