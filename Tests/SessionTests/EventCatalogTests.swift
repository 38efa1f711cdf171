import CanonicalJSON
import Foundation
import Output
import Portfolio
import Testing

@testable import Session

@Suite struct EventCatalogTests {
  /// docs/events.md is generated from the code: regenerate with `swift run sapm events > docs/events.md`.
  @Test func eventsDocumentMatchesTheCode() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/events.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
      text == EventCatalog.markdown, "regenerate docs/events.md: swift run sapm events > docs/events.md")
  }

  /// Every type has its fields and an example a script can copy, and the example
  /// decodes back into the type.
  @Test func everyTypeHasADecodableExample() throws {
    let doc = EventCatalog.markdown
    #expect(!doc.contains("(no example)"))
    for type in EventRegistry.types {
      let marker = "Example: `{\"type\":\"\(type.type)\",\"payload\":"
      let start = try #require(doc.range(of: marker), "\(type.type)")
      let rest = doc[start.upperBound...]
      let end = try #require(rest.range(of: "}`\n"))
      let payload = String(rest[..<end.lowerBound])
      let value = try Array(payload.utf8).withUnsafeBufferPointer { try JSONParser.parse(buffer: $0) }
      guard case .event = EventRegistry.decode(type: type.type, version: type.version, payload: value) else {
        Issue.record("\(type.type): the example does not decode")
        continue
      }
    }
  }
}
