import Testing
import Session
@Test func placeholderSession() { #expect(Bool(true)) }
