import Session
import Store

/// The checkpoint: any file contents, never a crash. The container is checked and
/// split; the payload decoder is fed the raw bytes too, since random bytes never
/// pass the container's MAC.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  if let loaded = Checkpoint.parse(bytes, secret: [UInt8](repeating: 7, count: 32)) {
    _ = CheckpointPayload.decode(loaded.payload)
  }
  _ = CheckpointPayload.decode(bytes)
  // The first frame's figures, read on their own before the programs.
  bytes.withUnsafeBufferPointer { b in
    if let parts = CheckpointPayload.parts(b) { _ = CheckpointPayload.preview(b, parts) }
  }
  return 0
}
