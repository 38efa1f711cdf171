import Testing
import Store
@Test func placeholderStore() { #expect(Bool(true)) }
