extension String {
  /// True when the text holds something a reader can see: not only whitespace,
  /// controls, or invisible format characters (zero-width space and joiners,
  /// bidirectional marks) and blank letters such as the Hangul filler.
  public var hasVisibleText: Bool {
    unicodeScalars.contains { s in
      let p = s.properties
      switch p.generalCategory {
      case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator: return false
      default: break
      }
      if p.isWhitespace || p.isDefaultIgnorableCodePoint { return false }
      return !["\u{2800}", "\u{3164}", "\u{115F}", "\u{1160}", "\u{FFA0}"].contains(s)
    }
  }
}
