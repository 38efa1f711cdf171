/// Text from the store is data, never terminal instructions: every control
/// character (C0, DEL, C1) is replaced with a visible placeholder before it can
/// reach a screen, so an escape sequence in a program name shows as `␛[2J`
/// instead of clearing the screen.
extension String {
  public var sanitizedForTerminal: String {
    // Most text is printable ASCII: one pass over the bytes settles it.
    var ascii = true
    for byte in utf8 {
      if byte < 0x20 || byte == 0x7F { return sanitizingScalars() }
      if byte >= 0x80 { ascii = false }
    }
    guard !ascii else { return self }
    return unicodeScalars.contains(where: Self.isControl) ? sanitizingScalars() : self
  }

  private func sanitizingScalars() -> String {
    var out = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      if Self.isControl(scalar) {
        out.append(Self.placeholder(for: scalar))
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// The same, but line breaks stay: for multi-line text such as help and usage.
  public var sanitizedForTerminalKeepingNewlines: String {
    split(separator: "\n", omittingEmptySubsequences: false).map { String($0).sanitizedForTerminal }
      .joined(separator: "\n")
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
      || isBidiControl(s)
  }

  /// Bidirectional embedding, override and isolate controls (U+202A–E, U+2066–9),
  /// which can make a name display as another (CVE-2021-42574, "Trojan Source").
  public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
      || s.value == 0x200E || s.value == 0x200F || s.value == 0x061C
  }

  /// U+2400 block pictures for C0 (␛ for ESC; ␤ for a line break), ␡ for DEL, � otherwise.
  static func placeholder(for s: Unicode.Scalar) -> Unicode.Scalar {
    if s.value == 0x0A { return "\u{2424}" }  // ␤: a line break inside one line of text
    if s.value < 0x20 { return Unicode.Scalar(0x2400 + s.value) ?? "?" }
    if s.value == 0x7F { return "\u{2421}" }
    return "\u{FFFD}"
  }
}
