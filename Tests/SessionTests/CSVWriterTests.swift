import Testing

@testable import Output

/// The CSV writer's one-pass fast path (issue 30) writes every field exactly as the full
/// rules do: formula starts neutralized (also after the spaces a spreadsheet skips),
/// separators quoted, numbers with a sign left alone.
@Suite struct CSVWriterTests {
  static let cases = [
    "", "plain", "B12", "=SUM(A1)", "+1", "-5000", "-x", "@cmd", "\tx", "\rx", "\nx", " =1", "\u{A0}=1",
    "\u{3000}+1", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "Ünïcode", "日本", " lead", "trail ",
    "1e5", "-1.5", "=", ",", "\"", "a\u{A0}b", "€100", "🙂",
  ]

  @Test func theFastPathEqualsTheFullRules() {
    for text in Self.cases {
      #expect(CSVWriter.field(text) == CSVWriter.slowField(text), "\(text.debugDescription)")
    }
    #expect(CSVWriter.field("=SUM(A1)") == "'=SUM(A1)")
    #expect(CSVWriter.field("-5000") == "-5000")
    #expect(CSVWriter.field("a,b") == "\"a,b\"")
    // Random texts over an alphabet of the characters that matter.
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("ab1-+=@,\"\n\r\t .\u{A0}\u{3000}é")
    for _ in 0..<5000 {
      let text = String(
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
      #expect(CSVWriter.field(text) == CSVWriter.slowField(text), "\(text.debugDescription)")
    }
  }
}
