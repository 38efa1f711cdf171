#if canImport(Glibc)
  import Glibc
#endif

/// Who is acting: the operating-system account running sapm. Nobody can act as
/// another user on a real store; only a demo store accepts `--as NAME`.
public enum Identity {
  /// The account of the real uid: neither `$USER` nor a setuid wrapper decides who acts.
  public static func currentUser() -> String {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
      return String(cString: name)
    }
    return "uid\(getuid())"
  }

  /// Whether this machine has an account of that name.
  public static func accountExists(_ name: String) -> Bool { name.withCString { getpwnam($0) } != nil }

  /// The group a shared store is given to, or why it cannot be: it must exist and
  /// the account creating the store must belong to it.
  public static func group(named name: String) throws -> gid_t {
    guard let gr = name.withCString({ getgrnam($0) }) else {
      throw GroupProblem(message: "there is no group '\(name)' on this machine (create it with groupadd)")
    }
    let gid = gr.pointee.gr_gid
    if getuid() != 0 {
      var groups = [gid_t](repeating: 0, count: Int(NGROUPS_MAX) + 1)
      let n = getgroups(Int32(groups.count), &groups)
      if gid != getgid(), !groups.prefix(Int(max(0, n))).contains(gid) {
        throw GroupProblem(
          message:
            "\(currentUser()) is not a member of group '\(name)'; an administrator adds it (usermod -aG \(name) \(currentUser())) and you log in again"
        )
      }
    }
    return gid
  }

  public struct GroupProblem: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }
}
