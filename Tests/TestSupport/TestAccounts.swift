import Foundation

/// OS accounts and a group made for one test (root only), removed by `tearDown`:
/// an officer, two approvers in the group, and an outsider.
public struct TestAccounts {
  public let group: String
  public let officer: String
  public let approver1: String
  public let approver2: String
  public let outsider: String

  public static var canCreate: Bool { getuid() == 0 }

  public init() throws {
    let tag = String(getpid() % 100_000) + String(Int.random(in: 10...99))
    group = "sapmg\(tag)"
    officer = "sapmo\(tag)"
    approver1 = "sapma\(tag)"
    approver2 = "sapmb\(tag)"
    outsider = "sapmx\(tag)"
    try Self.sh("/usr/sbin/groupadd", [group])
    for user in [officer, approver1, approver2] {
      try Self.sh("/usr/sbin/useradd", ["-M", "-N", "-G", group, user])
    }
    try Self.sh("/usr/sbin/useradd", ["-M", "-N", outsider])
  }

  public func tearDown() {
    for user in [officer, approver1, approver2, outsider] { try? Self.sh("/usr/sbin/userdel", [user]) }
    try? Self.sh("/usr/sbin/groupdel", [group])
  }

  static func sh(_ tool: String, _ args: [String]) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) \(args) failed"])
    }
  }
}
