import Foundation
import Terminal

extension String {
  /// Store text on its way to a terminal: control characters shown, never obeyed.
  var sanitizedForTerminalOutput: String { sanitizedForTerminal }

  func padded(_ width: Int) -> String {
    count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
  }

  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}

/// One CSV field (RFC 4180), with spreadsheet formula injection neutralized.
func csvField(_ text: String) -> String {
  var t = text
  if let first = t.first, "=+-@\t\r".contains(first), Double(t) == nil { t = "'" + t }
  if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
    return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
  return t
}
