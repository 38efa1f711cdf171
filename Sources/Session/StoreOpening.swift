import Crypto
import Foundation
import PostgresStore
import Store

/// Opens the log a location names: the file, or the PostgreSQL server with this
/// account's mirror of it.
extension StoreLocation {
  /// `mirror`: keep (and read through) this account's copy of a server's log; without
  /// one the server is read straight (the kiosk, which writes no file; `sapm verify`).
  public func openLog(readOnly: Bool, mirror: Bool = true) throws -> any RecordLog {
    guard let address = try serverAddress() else { return try EventLog.open(at: path, readOnly: readOnly) }
    if source == .flag, address.hasPassword {
      throw StoreLocationProblem(
        message:
          "--store: the address holds a password, which every account on this machine could read in the process list; put it in ~/.pgpass (or use peer or certificate authentication) and give the address without it"
      )
    }
    return try PostgresLog.open(
      address, mirrorPath: mirror ? try mirrorPath(address) : nil, readOnly: readOnly)
  }

  /// Where this account keeps its copy of a server's log: its cache, one file per
  /// address (`$XDG_CACHE_HOME/sapm/mirrors/`, 0700, the file 0600).
  func mirrorPath(_ address: ServerAddress) throws -> String {
    let folder = BaseDirectories.cache() + "/sapm/mirrors"
    try CheckpointPlace.makeFolders(folder)
    let key = Hex.encode(Array(SHA256.hash(data: Array(address.display.utf8)).prefix(12)))
    return "\(folder)/\(key).sapm"
  }

  /// The file that holds this store's records on this machine: the store itself, or a
  /// server store's mirror (nil when there is none yet).
  public func localCopy() -> String? {
    guard let address = try? serverAddress() else { return path }
    return try? mirrorPath(address)
  }
}
