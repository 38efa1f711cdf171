import Crypto
import Foundation
import Store
import TestSupport

@testable import Session

/// The two implementations of the store, for tests that must hold on both: the file,
/// and PostgreSQL (a throwaway cluster these tests start themselves).
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
  case file, postgres
  var description: String { rawValue }
}

/// One empty store of a backend, reachable by several users (each their own login on
/// a server, as each is their own OS account), removed by `remove()`.
struct TestStore {
  let backend: Backend
  private let dir: String
  let database: String?

  init(_ backend: Backend, owner: String = "admin") throws {
    self.backend = backend
    dir = NSTemporaryDirectory() + "sapm-backend-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    database = backend == .postgres ? try PostgresCluster.shared().createDatabase(owner: owner) : nil
  }

  /// Where `user` reaches the store: the same file for all, or the server as that login.
  func location(for user: String) throws -> StoreLocation {
    guard let database else { return StoreLocation(path: dir + "/s.sapm", source: .flag) }
    let cluster = try PostgresCluster.shared()
    try cluster.createLogin(user, writer: true)
    return StoreLocation(serverURI: cluster.uri(database: database, user: user), source: .flag)
  }

  /// SHA-256 of every record's bytes as stored (the file; the server's rows, read straight).
  func digest() throws -> String {
    var hash = SHA256()
    let log = try location(for: "admin").openLog(readOnly: true, mirror: false)
    try log.readNewLines { _, line in hash.update(data: UnsafeRawBufferPointer(line)) }
    return hash.finalize().description
  }

  /// Records in the store, read straight from it.
  func count() throws -> Int {
    try location(for: "admin").openLog(readOnly: true, mirror: false).readNew { _ in }
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: dir)
    guard database != nil else { return }
    for user in ["admin", "officer", "officer-a", "officer-b", "tester", "kiosk", "colleague"]
      + (0..<8).map({ "racer\($0)" })
    {
      if let copy = try? location(for: user).localCopy() { unlink(copy) }
    }
  }
}
