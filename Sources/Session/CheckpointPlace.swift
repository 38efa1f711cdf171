import Crypto
import Foundation
import Store

/// Where this account keeps a store's checkpoint: its own cache
/// (`$XDG_CACHE_HOME/sapm/checkpoints/`, 0700), one file per store ID and path, with a
/// MAC key derived from its own signing key. Never the store's folder: a file the
/// store's group can write is one any member could edit, and a checkpoint carries the
/// policy, the roster and every figure (docs/security.md).
enum CheckpointPlace {
  static func directory(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    BaseDirectories.cache(environment) + "/sapm/checkpoints"
  }

  /// Makes `folder` and the folders above it that are missing, each 0700; the error
  /// names the folder and why (a cache that is not the account's own, say).
  static func makeFolders(_ folder: String) throws {
    var path = ""
    for part in folder.split(separator: "/") {
      path += "/" + part
      if mkdir(path, 0o700) != 0, errno != EEXIST {
        throw IdentityKey.Problem(
          message: "cannot create \(path) for this account's checkpoints: \(String(cString: strerror(errno)))"
        )
      }
    }
  }

  /// The place for the store at `storePath` whose record 1 hashes to `storeID`,
  /// authenticated by this account's `key`; `create` makes the cache folders if missing.
  static func place(storeID: String, storePath: String, key: RecordSigner, create: Bool) throws
    -> Checkpoint.Place
  {
    let folder = directory()
    if create { try makeFolders(folder) }
    // Copies of one store at two paths keep two checkpoints instead of displacing each other.
    let canonical = (storePath as NSString).standardizingPath
    let absolute =
      canonical.hasPrefix("/") ? canonical : FileManager.default.currentDirectoryPath + "/" + canonical
    let where_ = Hex.encode(Array(SHA256.hash(data: Array(absolute.utf8)).prefix(8)))
    return Checkpoint.Place(
      path: "\(folder)/\(storeID.prefix(32))-\(where_)", secret: key.secret(for: "sapm checkpoint mac v1"))
  }
}
