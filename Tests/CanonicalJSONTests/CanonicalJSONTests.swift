import Basics
import Testing

@testable import CanonicalJSON

@Suite struct CanonicalJSONTests {
  @Test func parsesAndWritesCanonically() throws {
    let value = try JSONParser.parse(
      #"{ "b": 1, "a": [true, null, -2.5, "x\"y\\z\n"], "c": {"z": 0, "y": 1e3} }"#)
    #expect(CanonicalJSON.string(value) == #"{"a":[true,null,-2.5,"x\"y\\z\n"],"b":1,"c":{"y":1000,"z":0}}"#)
  }

  @Test func keysSortByUTF8Bytes() throws {
    let value = try JSONParser.parse(#"{"é":1,"z":2,"Z":3,"a":4}"#)
    #expect(CanonicalJSON.string(value) == #"{"Z":3,"a":4,"z":2,"é":1}"#)
  }

  @Test func controlCharactersAreEscapedSoARecordStaysOneLine() throws {
    let value = JSONValue.string("a\u{1B}[2Jb\u{7F}\r\t")
    let text = CanonicalJSON.string(value)
    #expect(text == #""a\u001b[2Jb\u007f\r\t""#)
    #expect(try JSONParser.parse(text) == value)
  }

  @Test func unicodeEscapesAndSurrogatesDecode() throws {
    #expect(try JSONParser.parse(#""\u0423\u043a\ud83d\ude00""#) == .string("Ук😀"))
  }

  @Test(arguments: [
    "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "{\"a\":1} x", "\"\u{01}\"", "\"\\ud800\"",
    "[1 2]", "{\"a\":1,}",
  ])
  func rejectsMalformedJSON(_ text: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
  }

  @Test func errorNamesTheOffset() {
    do {
      _ = try JSONParser.parse(#"{"a": tru}"#)
      Issue.record("expected an error")
    } catch {
      #expect(error.offset == 6)
      #expect(error.description.contains("byte 7"))
    }
  }

  @Test func bigIntegersFallBackToDouble() throws {
    #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
    #expect(try JSONParser.parse("92233720368547758070") == .double(92233720368547758070))
  }

  struct Sample: Codable, Equatable {
    var name: String
    var count: Int
    var ratio: Double
    var flag: Bool
    var tags: [String]
    var nested: [String: Int]
    var optional: String?
  }

  @Test func encoderAndDecoderRoundTrip() throws {
    let sample = Sample(
      name: "Україна", count: 42, ratio: 0.25, flag: true, tags: ["a", "b"], nested: ["x": 1], optional: nil)
    let value = try JSONValueEncoder().encode(sample)
    #expect(value["optional"] == nil)
    #expect(value["name"] == .string("Україна"))
    let back = try JSONValueDecoder().decode(Sample.self, from: value)
    #expect(back == sample)
  }

  @Test func decoderReportsMissingKeysAndTypes() throws {
    let value = try JSONParser.parse(
      #"{"name":"x","count":"seven","ratio":1,"flag":true,"tags":[],"nested":{}}"#)
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Sample.self, from: value) }
  }

  @Test func timestampsRoundTrip() throws {
    let t = try #require(Timestamp("2026-11-29T13:45:07.123Z"))
    #expect(t.description == "2026-11-29T13:45:07.123Z")
    #expect(Timestamp("2026-11-29T13:45:07Z")?.description == "2026-11-29T13:45:07.000Z")
    #expect(Timestamp(dayOrdinal: 0).description == "1970-01-01T00:00:00.000Z")
    #expect(Timestamp("1969-12-31T23:59:59.999Z")?.dayOrdinal == -1)
    for bad in ["2026-11-29", "2026-11-29T13:45:07", "2026-13-01T00:00:00Z", "2026-11-29 13:45:07Z", ""] {
      #expect(Timestamp(bad) == nil, "\(bad)")
    }
  }
}
