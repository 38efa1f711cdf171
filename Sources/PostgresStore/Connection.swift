import CLibPQ

#if canImport(Glibc)
  import Glibc
#endif

/// One libpq connection, used by one thread at a time (its log's).
///
/// libpq's synchronous API is the point (issue 25): a query is a call that returns,
/// and NOTIFY arrives on the connection's socket, which sapm's own loop can poll — no
/// threads, no event loop of its own. Authentication is libpq's (peer, SCRAM, TLS,
/// certificates, GSSAPI, `.pgpass`, service files, `PG*` variables).
final class Connection {
  private(set) var handle: OpaquePointer?

  private init(_ handle: OpaquePointer) { self.handle = handle }

  deinit { if let handle { PQfinish(handle) } }

  /// Connects, waiting for the answer (a command, a test, the first open).
  static func connect(_ conninfo: String) throws(PostgresError) -> Connection {
    guard let handle = PQconnectdb(conninfo) else { throw PostgresError(message: "out of memory") }
    let connection = Connection(handle)
    guard PQstatus(handle) == CONNECTION_OK else {
      throw PostgresError(message: connection.lastMessage, connectionLost: true)
    }
    connection.quiet()
    return connection
  }

  /// Starts a connection without waiting (a reconnect from the screen's loop):
  /// `advance()` moves it on when its socket is ready.
  static func start(_ conninfo: String) -> Connection? {
    guard let handle = PQconnectStart(conninfo) else { return nil }
    guard PQstatus(handle) != CONNECTION_BAD else {
      PQfinish(handle)
      return nil
    }
    return Connection(handle)
  }

  /// How a connection started with `start` is going.
  enum Progress { case waiting, ready, failed(String) }

  /// One step of a non-blocking connect: never waits.
  func advance() -> Progress {
    guard let handle else { return .failed("closed") }
    for _ in 0..<16 {
      switch PQconnectPoll(handle) {
      case PGRES_POLLING_OK:
        quiet()
        return .ready
      case PGRES_POLLING_FAILED:
        return .failed(lastMessage)
      case PGRES_POLLING_READING:
        if !Self.ready(PQsocket(handle), events: Int16(POLLIN)) { return .waiting }
      case PGRES_POLLING_WRITING:
        if !Self.ready(PQsocket(handle), events: Int16(POLLOUT)) { return .waiting }
      default:
        return .waiting
      }
    }
    return .waiting
  }

  private static func ready(_ fd: Int32, events: Int16) -> Bool {
    guard fd >= 0 else { return false }
    var pfd = pollfd(fd: fd, events: events, revents: 0)
    return poll(&pfd, 1, 0) > 0
  }

  /// Server notices (the schema's "already exists, skipping") are not for the screen.
  private func quiet() {
    guard let handle else { return }
    PQsetNoticeProcessor(handle, { _, _ in }, nil)
  }

  var isOK: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

  /// The socket to poll for NOTIFY (-1 when closed).
  var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

  /// The login this connection authenticated as (what `append` compares actors with).
  var user: String { handle.flatMap { PQuser($0) }.map { String(cString: $0) } ?? "" }

  var lastMessage: String {
    guard let handle, let text = PQerrorMessage(handle) else { return "no connection" }
    // libpq's first line says what happened; the rest is advice for psql's users.
    let whole = String(cString: text)
    return String(whole.split(separator: "\n").first ?? "").trimmingCharacters(in: " \t")
  }

  func close() {
    if let handle { PQfinish(handle) }
    handle = nil
  }

  /// Runs statements with no parameters, several at once (the schema).
  func executeScript(_ sql: String) throws(PostgresError) {
    guard let handle else { throw PostgresError(message: "not connected", connectionLost: true) }
    guard let result = PQexec(handle, sql) else {
      throw PostgresError(message: lastMessage, connectionLost: PQstatus(handle) != CONNECTION_OK)
    }
    defer { PQclear(result) }
    if let failure = failure(result) { throw failure }
  }

  /// What went wrong with a statement's result (nil: it succeeded): PostgreSQL's
  /// SQLSTATE and primary message, and whether the connection went with it.
  private func failure(_ result: OpaquePointer) -> PostgresError? {
    let status = PQresultStatus(result)
    guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK else { return nil }
    let state = PQresultErrorField(result, sapm_pg_diag_sqlstate()).map { String(cString: $0) }
    let primary = PQresultErrorField(result, sapm_pg_diag_message_primary()).map { String(cString: $0) }
    return PostgresError(sqlState: state, message: primary ?? lastMessage, connectionLost: !isOK)
  }

  /// A statement's parameter, sent in binary (bytes go as they are, never as text).
  enum Parameter {
    case int(Int64)
    case text(String)
    case bytes([UInt8])
    case byteaArray([[UInt8]])
  }

  /// Runs one statement; results come in binary when `binary` (bytea as its bytes).
  @discardableResult
  func execute(_ sql: String, _ parameters: [Parameter] = [], binary: Bool = false) throws(PostgresError)
    -> ResultSet
  {
    guard let handle else { throw PostgresError(message: "not connected", connectionLost: true) }
    var types: [Oid] = []
    var values: [[UInt8]] = []
    for parameter in parameters {
      switch parameter {
      case .int(let v):
        types.append(20)
        values.append(Self.bigEndian(v))
      case .text(let s):
        types.append(25)
        values.append(Array(s.utf8))
      case .bytes(let b):
        types.append(17)
        values.append(b)
      case .byteaArray(let lines):
        types.append(1001)
        values.append(Self.arrayOfBytea(lines))
      }
    }
    let lengths = values.map { Int32($0.count) }
    let formats = [Int32](repeating: 1, count: values.count)
    let result: OpaquePointer? = withPointers(values) { pointers in
      PQexecParams(
        handle, sql, Int32(values.count), types, pointers, lengths, formats, binary ? 1 : 0)
    }
    guard let result else {
      throw PostgresError(message: lastMessage, connectionLost: PQstatus(handle) != CONNECTION_OK)
    }
    if let failure = failure(result) {
      PQclear(result)
      throw failure
    }
    return ResultSet(result)
  }

  /// Reads what the server sent without waiting; true when a notification came on
  /// `channel`. False with the connection gone: the caller checks `isOK`.
  func drainNotifications(channel: String) -> Bool {
    guard let handle else { return false }
    guard PQconsumeInput(handle) == 1 else { return false }
    var heard = false
    while let notice = PQnotifies(handle) {
      if String(cString: notice.pointee.relname) == channel { heard = true }
      PQfreemem(notice)
    }
    return heard
  }

  /// Whether the socket has something to read now (or within `milliseconds`).
  func readable(milliseconds: Int32 = 0) -> Bool {
    let fd = socket
    guard fd >= 0 else { return false }
    var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&pfd, 1, milliseconds) > 0
  }

  static func bigEndian(_ v: Int64) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }

  /// A one-dimensional `bytea[]` in PostgreSQL's binary array format.
  static func arrayOfBytea(_ items: [[UInt8]]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(20 + items.reduce(0) { $0 + $1.count + 4 })
    func int32(_ v: Int32) { withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) } }
    int32(1)  // dimensions
    int32(0)  // no nulls
    int32(17)  // element type: bytea
    int32(Int32(items.count))
    int32(1)  // lower bound
    for item in items {
      int32(Int32(item.count))
      out.append(contentsOf: item)
    }
    return out
  }
}

/// Calls `body` with a C pointer to each value's bytes, valid for the call: the values
/// laid end to end in one buffer (an empty value still gets a pointer, as libpq wants).
private func withPointers<R>(_ arrays: [[UInt8]], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
  var joined: [UInt8] = []
  joined.reserveCapacity(arrays.reduce(1) { $0 + $1.count })
  var starts: [Int] = []
  for a in arrays {
    starts.append(joined.count)
    joined.append(contentsOf: a)
  }
  joined.append(0)
  return joined.withUnsafeBufferPointer { b in
    // `joined` holds at least its final zero, so it always has an address.
    let base = b.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
    return body(starts.map { start in base.map { $0 + start } })
  }
}

/// The rows a statement returned.
final class ResultSet {
  private let result: OpaquePointer
  init(_ result: OpaquePointer) { self.result = result }
  deinit { PQclear(result) }

  var count: Int { Int(PQntuples(result)) }

  func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

  /// The value's bytes as sent (binary results: bytea raw, integers big-endian).
  func bytes(_ row: Int, _ column: Int) -> [UInt8] {
    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
    guard length > 0, let value = PQgetvalue(result, Int32(row), Int32(column)) else { return [] }
    return value.withMemoryRebound(to: UInt8.self, capacity: length) {
      Array(UnsafeBufferPointer(start: $0, count: length))
    }
  }

  func withBytes<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
  {
    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
    guard length > 0, let value = PQgetvalue(result, Int32(row), Int32(column)) else {
      return try body(UnsafeBufferPointer(start: nil, count: 0))
    }
    return try value.withMemoryRebound(to: UInt8.self, capacity: length) {
      try body(UnsafeBufferPointer(start: $0, count: length))
    }
  }

  /// A text-format value.
  func text(_ row: Int, _ column: Int) -> String { String(decoding: bytes(row, column), as: UTF8.self) }

  /// A binary `bigint`.
  func int64(_ row: Int, _ column: Int) -> Int64 {
    bytes(row, column).reduce(Int64(0)) { $0 << 8 | Int64($1) }
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    return String(s)
  }
}
