import CanonicalJSON
import Portfolio

/// Events given as JSON Lines (`sapm record --json`): one object per line with
/// `type`, an optional `v` (the current version by default) and `payload`. The actor
/// and the time are the session's: an input naming them is refused, not obeyed.
public enum EventLines {
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var reasons: [String]
    public var description: String { reasons.joined(separator: "\n") }
  }

  /// Every line's event, or every line's problem ("line 3: …").
  public static func parse(_ text: String, source: String) throws(Failure) -> [(
    origin: String, event: any EventPayload
  )] {
    var events: [(origin: String, event: any EventPayload)] = []
    var problems: [String] = []
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      guard line.contains(where: { !$0.isWhitespace }) else { continue }
      let origin = "\(source):\(i + 1)"
      func fail(_ message: String) { problems.append("\(origin): \(message)") }
      let value: JSONValue
      do {
        value = try Array(line.utf8).withUnsafeBufferPointer { try JSONParser.parse(buffer: $0) }
      } catch {
        fail("not valid JSON (\(error))")
        continue
      }
      guard case .object(let members) = value else {
        fail("not a JSON object; write {\"type\": …, \"payload\": {…}}")
        continue
      }
      let unknown = members.map(\.key).filter { !["type", "v", "payload"].contains($0) }
      if !unknown.isEmpty {
        fail(
          "unknown key\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (keys: type, v, payload; the actor and the time are yours and now)"
        )
        continue
      }
      guard let type = value["type"]?.stringValue else {
        fail("missing 'type' (e.g. \"funds.obligated\"; 'sapm record --help' lists them)")
        continue
      }
      guard let payloadType = EventRegistry.payloadType(named: type) else {
        fail("unknown event type '\(type)'; 'sapm record --help' lists them")
        continue
      }
      var version = payloadType.version
      if let v = value["v"] {
        guard let n = v.intValue, n >= 1 else {
          fail("'v' must be a schema version (an integer ≥ 1)")
          continue
        }
        version = Int(n)
      }
      guard let payload = value["payload"] else {
        fail("missing 'payload'")
        continue
      }
      switch EventRegistry.decode(type: type, version: version, payload: payload) {
      case .event(let event): events.append((origin, event))
      case .unknown(let reason), .malformed(let reason): fail(reason)
      }
    }
    guard problems.isEmpty else { throw Failure(reasons: problems) }
    return events
  }
}
