import CLibPQ

/// A PostgreSQL store's address: a `postgresql://` URI in libpq's own syntax
/// (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING), and the
/// name sapm shows for it — never with a password in it.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
  /// What libpq is given, exactly as written (it may hold a password: never printed).
  let conninfo: String
  /// The address without password: `postgresql://user@host:port/db`.
  public let display: String
  /// Whether a password is written in the address itself.
  public let hasPassword: Bool

  public var description: String { display }

  /// Whether `text` is meant as a server address rather than a file path.
  public static func isServerAddress(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Parses with libpq itself, so that what sapm accepts is what libpq will use.
  public init(_ uri: String) throws(PostgresError) {
    var message: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(uri, &message) else {
      let why = message.map { String(cString: $0) } ?? "not a connection URI"
      if let message { PQfreemem(message) }
      // libpq's message quotes nothing of the URI's secrets: it names the part it read.
      throw PostgresError(message: "not a PostgreSQL address: \(why.split(separator: "\n").first ?? "")")
    }
    defer { PQconninfoFree(options) }
    var values: [String: String] = [:]
    var i = 0
    while let keyword = options[i].keyword {
      if let value = options[i].val { values[String(cString: keyword)] = String(cString: value) }
      i += 1
    }
    conninfo = uri
    hasPassword = !(values["password"] ?? "").isEmpty
    var text = "postgresql://"
    if let user = values["user"] { text += user + "@" }
    let host = values["host"] ?? values["hostaddr"] ?? ""
    if !host.hasPrefix("/") { text += host }
    if let port = values["port"] { text += ":" + port }
    text += "/" + (values["dbname"] ?? "")
    if host.hasPrefix("/") { text += "?host=" + host }
    display = text
  }
}

/// What the server or libpq said, with PostgreSQL's SQLSTATE when there is one.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
  public var sqlState: String?
  public var message: String
  /// The connection is gone (the server stopped, the network failed).
  public var connectionLost = false

  public init(sqlState: String? = nil, message: String, connectionLost: Bool = false) {
    self.sqlState = sqlState
    self.message = message
    self.connectionLost = connectionLost
  }

  public var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }
}
