import Crypto
import Foundation
import Portfolio
import PortfolioDemo
import Testing

@testable import Session

/// The checkpoint's binary coder is positional: a field added to a stored type makes an
/// older payload decode into nonsense rather than fail. The payload names its layout
/// (`CheckpointPayload.layout`); this test notices when the stored types' fields change
/// so that the layout number changes with them.
@Suite struct CheckpointLayoutTests {
  /// The fields of the snapshot's types as the demo portfolio holds them, and the
  /// layout number they were last given.
  static let known: (layout: Int, fields: String) = (3, "cfe8a70425e6b87a")

  /// "Type.field: FieldType" for every stored field reached from `value`.
  static func fields(of value: Any, into out: inout Set<String>) {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .collection, .set, .dictionary, .optional, .tuple:
      for child in mirror.children { fields(of: child.value, into: &out) }
    case .struct, .class:
      let owner = String(describing: Swift.type(of: value))
      for child in mirror.children {
        guard let label = child.label else { continue }
        let entry = "\(owner).\(label): \(String(describing: Swift.type(of: child.value)))"
        out.insert(entry)
        fields(of: child.value, into: &out)
      }
    default:
      for child in mirror.children { fields(of: child.value, into: &out) }
    }
  }

  @Test func theLayoutNumberFollowsTheStoredFields() throws {
    var p = Portfolio()
    for (i, item) in DemoPortfolio.events(today: try #require(Day("2026-11-29"))).enumerated() {
      p.apply(
        Envelope(context: EventContext(sequence: i + 1, at: item.at, actor: item.actor), event: item.event))
    }
    var found = Set<String>()
    Self.fields(of: p.snapshot(), into: &found)
    let digest = SHA256.hash(data: Data(found.sorted().joined(separator: "\n").utf8))
    let fingerprint = digest.map { String(format: "%02x", $0) }.joined().prefix(16)
    #expect(
      CheckpointPayload.layout == Self.known.layout && String(fingerprint) == Self.known.fields,
      """
      the checkpoint's stored fields changed (fingerprint \(fingerprint)): raise \
      CheckpointPayload.layout above \(Self.known.layout) and set `known` here to \
      (\(Self.known.layout + 1), "\(fingerprint)")
      """)
  }
}
