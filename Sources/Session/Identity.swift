#if canImport(Glibc)
  import Glibc
#endif

/// Who is acting: the operating-system account running sapm. Nobody can act as
/// another user on a real store; only a demo store accepts `--as NAME`.
public enum Identity {
  public static func currentUser() -> String {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
      return String(cString: name)
    }
    return "uid\(getuid())"
  }
}
