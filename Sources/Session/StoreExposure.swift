import Foundation

/// Warnings about where a store lives: who else could read, change or replace it,
/// and whether its name can be trusted on screen. Said once, when the store opens.
enum StoreExposure {
  static func warnings(for path: String) -> [String] {
    var out: [String] = []
    var st = stat()
    if stat(path, &st) == 0, st.st_mode & 0o007 != 0 {
      let mode = String(st.st_mode & 0o777, radix: 8)
      out.append(
        "\(path): the store is \(st.st_mode & 0o002 != 0 ? "writable" : "readable") by every account on this machine (mode \(mode)); run 'chmod 600 \(path)' (or 660 for a group-shared store)"
      )
    }
    let dir = (path as NSString).deletingLastPathComponent
    var file = stat()
    var folder = stat()
    // A store shared by a group, in a folder its group cannot write: a member who meets
    // a torn record (a writer that crashed) cannot set it aside, so cannot write.
    if stat(path, &file) == 0, file.st_mode & 0o060 != 0, stat(dir.isEmpty ? "/" : dir, &folder) == 0,
      folder.st_mode & 0o002 == 0, folder.st_gid != file.st_gid || folder.st_mode & 0o020 == 0
    {
      let group = getgrgid(file.st_gid).map { String(cString: $0.pointee.gr_name) } ?? String(file.st_gid)
      out.append(
        "\(dir): the store is shared by group \(group) but its folder is not writable by that group, so a member could not set aside a torn record after a crash; run 'chgrp \(group) \(dir) && chmod 2770 \(dir)'"
      )
    }
    if stat(dir.isEmpty ? "/" : dir, &st) == 0, st.st_mode & 0o002 != 0 {
      out.append(
        "\(dir): the store's directory is writable by every account, so anyone could replace or remove the store; keep stores in a directory only you (or your group) can write"
      )
    }
    // Unicode's Bidi_Control set: the one the terminal's sanitiser replaces.
    if path.unicodeScalars.contains(where: { $0.properties.isBidiControl }) {
      out.append(
        "the store path contains bidirectional-control characters (shown as �): the name on screen may not be the file's real name"
      )
    }
    return out
  }
}
