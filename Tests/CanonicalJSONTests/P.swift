import Testing
@testable import CanonicalJSON
@Test func placeholder() { #expect(Bool(true)) }
