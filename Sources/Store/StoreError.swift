#if canImport(Glibc)
  import Glibc
#endif

/// Everything that can go wrong with a store, each with what to do about it.
public enum StoreError: Error, Sendable, CustomStringConvertible {
  case notFound(path: String)
  case alreadyExists(path: String)
  case io(path: String, operation: String, errno: Int32)
  /// A record in the middle of the log is unreadable or breaks the chain.
  case damaged(path: String, line: Int, reason: String)
  case readOnly(path: String)
  case notAStore(path: String, reason: String)
  /// The path names another file than the one this process has open.
  case replaced(path: String)
  /// The store file was removed while this process had it open.
  case deleted(path: String)
  /// A server store's server cannot be reached (`store` is its address, without password).
  case offline(store: String, since: String, reason: String)
  /// A server store's server refused or failed what was asked.
  case server(store: String, reason: String)

  public var description: String {
    switch self {
    case .notFound(let path):
      return
        "\(path): no store here; create one with 'sapm init' or point --store / SAPM_STORE at an existing one"
    case .alreadyExists(let path):
      return "\(path): a store already exists; 'sapm init' never overwrites one — choose another --store path"
    case .io(let path, let operation, let code):
      return "\(path): \(operation) failed: \(String(cString: strerror(code))) (errno \(code))"
    case .damaged(let path, let line, let reason):
      return
        "\(path):\(line): damaged record: \(reason); run 'sapm verify --store \(path)' and restore from a backup"
    case .readOnly(let path):
      return "\(path): opened read-only; no event can be written"
    case .notAStore(let path, let reason):
      return "\(path): not a sapm store: \(reason)"
    case .replaced(let path):
      return
        "\(path): the store file was replaced by another file since sapm opened it; nothing was written — reopen the store and try again"
    case .offline(let store, let since, let reason):
      return
        "\(store): offline since \(since) — nothing was recorded; the server cannot be reached (\(reason)); sapm reconnects by itself and catches up"
    case .server(let store, let reason):
      return "\(store): \(reason)"
    case .deleted(let path):
      return
        "\(path): the store file was deleted since sapm opened it; nothing was written — restore it from a backup or run 'sapm init'"
    }
  }
}

/// Something the store noticed and handled, which a person should hear about.
public enum StoreWarning: Sendable, Hashable, CustomStringConvertible {
  /// A torn last record was moved to `savedTo` and not applied.
  case tornTailSetAside(path: String, bytes: Int, savedTo: String)
  /// A read-only reader saw an incomplete last record and ignored it.
  case incompleteTail(path: String, bytes: Int)

  public var description: String {
    switch self {
    case .tornTailSetAside(let path, let bytes, let savedTo):
      return
        "\(path): the last record was torn (\(bytes) bytes, an interrupted write); it was not applied and was moved to \(savedTo)"
    case .incompleteTail(let path, let bytes):
      return
        "\(path): the last \(bytes) bytes are an incomplete record (a write in progress, or a crash); ignored — the next writer will set them aside"
    }
  }
}
