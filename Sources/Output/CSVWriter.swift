/// RFC 4180 CSV, with spreadsheet formula injection neutralized: a text cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return — also after leading
/// spaces, which spreadsheets skip — is prefixed with `'` so a spreadsheet shows it
/// instead of running it.
public enum CSVWriter {
  public static func field(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }

  /// Appends `text` as a field: as it is, unless it starts like a formula (`'` before
  /// it) or holds a comma, quote or line break (quoted). The common field, which needs
  /// neither, is decided in one pass over its UTF-8 bytes; anything else (a leading
  /// space or non-ASCII character, a sign, a separator) takes the full rules.
  public static func append(_ text: String, to out: inout String) {
    var simple = true
    var isFirst = true
    for byte in text.utf8 {
      if isFirst {
        isFirst = false
        // = + - @ tab CR LF, a space (spreadsheets skip leading spaces) or non-ASCII
        // (U+00A0, U+3000 are skipped too).
        if byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte <= 0x20 || byte >= 0x80 {
          simple = false
          break
        }
      }
      if byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
        simple = false
        break
      }
    }
    out.append(simple ? text : slowField(text))
  }

  static func slowField(_ text: String) -> String {
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
