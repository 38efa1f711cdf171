import CNCursesW
import Foundation
import Glibc

/// Display columns, as the terminal will draw them: 2 for wide characters (Україна is
/// 7 columns, 日本 is 4), 0 for combining marks. Uses the C library's `wcwidth`
/// under a UTF-8 locale, which it makes sure of once.
public enum DisplayWidth {
  private static let ready: Bool = {
    let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
    if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
      if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
    }
    return true
  }()

  /// Columns of one character (grapheme cluster): its first scalar decides.
  public static func of(_ character: Character) -> Int {
    _ = ready
    guard let first = character.unicodeScalars.first else { return 0 }
    if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
    let w = sapm_wcwidth(first.value)
    if w < 0 { return 1 }  // unknown: the placeholder path sanitises controls before this
    return Int(min(w, 2))
  }

  public static func of(_ text: String) -> Int {
    var total = 0
    for c in text { total += of(c) }
    return total
  }

  /// The longest prefix of `text` that fits in `columns`, ending with `…` when cut.
  public static func truncate(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
    guard columns > 0 else { return "" }
    if of(text) <= columns { return text }
    var out = ""
    var used = 0
    let limit = ellipsis ? columns - 1 : columns
    for c in text {
      let w = of(c)
      if used + w > limit { break }
      out.append(c)
      used += w
    }
    return ellipsis ? out + "…" : out
  }

  /// The longest run of whole words of `text` that fits in `columns`, ending with ` …`
  /// when cut: a sentence that must give way loses whole words, so no amount, date or ID
  /// is shown cut ("25-21 delivered …", not "25-21 delivered 202…"). A first word that
  /// does not fit at all is cut as `truncate` cuts (a long name).
  public static func truncateWords(_ text: String, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    if of(text) <= columns { return text }
    var out = ""
    var used = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let w = of(String(word))
      let gap = out.isEmpty ? 0 : 1
      // Room is kept for " …" after the words taken.
      if used + gap + w + 2 > columns { break }
      if gap == 1 { out.append(" ") }
      out += word
      used += gap + w
    }
    if out.trimmingCharacters(in: .whitespaces).isEmpty { return truncate(text, to: columns) }
    return out + " …"
  }

  /// `text` cut at a word, or padded with spaces, to exactly `columns`.
  public static func fitWords(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
    let t = truncateWords(text, to: columns)
    let pad = String(repeating: " ", count: max(0, columns - of(t)))
    return alignRight ? pad + t : t + pad
  }

  /// `text` truncated or padded with spaces to exactly `columns`.
  public static func fit(_ text: String, _ columns: Int, alignRight: Bool = false) -> String {
    let t = truncate(text, to: columns)
    let pad = String(repeating: " ", count: max(0, columns - of(t)))
    return alignRight ? pad + t : t + pad
  }
}
