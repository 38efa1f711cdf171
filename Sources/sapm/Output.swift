import Foundation
import Session
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

func csvField(_ text: String) -> String { CSV.field(text) }
