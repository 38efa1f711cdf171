/// RFC 4180 CSV, with spreadsheet formula injection neutralized: a text cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return — also after leading
/// spaces, which spreadsheets skip — is prefixed with `'` so a spreadsheet shows it
/// instead of running it.
public enum CSVWriter {
  public static func field(_ text: String) -> String {
    var t = text
    let first = t.unicodeScalars.first { $0 != " " && $0 != "\u{A0}" && $0 != "\u{3000}" }
    if let first, "=+-@\t\r\n".unicodeScalars.contains(first), Double(t) == nil { t = "'" + t }
    if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + t.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
        + "\""
    }
    return t
  }

  /// The document as a terminal should show it: a line break inside a quoted field is
  /// shown as `␤`, so that no field can fake a row of its own (a file gets it exactly).
  public static func forTerminal(_ document: String) -> String {
    var out = String.UnicodeScalarView()
    var quoted = false
    for scalar in document.unicodeScalars {
      if scalar == "\"" { quoted.toggle() }
      if quoted, scalar == "\n" || scalar == "\r" {
        out.append(scalar == "\n" ? "\u{2424}" : "\u{240D}")
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  public static func document(_ rows: [[String]]) -> String {
    rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }
}
