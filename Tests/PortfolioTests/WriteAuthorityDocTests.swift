import Foundation
import Portfolio
import Testing

/// The text of one of docs/.
func documentText(_ name: String) throws -> String {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/\(name)").path
  return try String(contentsOfFile: path, encoding: .utf8)
}

/// docs/security.md prints the write-authority table the commands and the fold read.
@Suite struct WriteAuthorityDocTests {
  @Test func securityDocPrintsTheTable() throws {
    #expect(
      try documentText("security.md").contains(WriteAuthority.markdown),
      "docs/security.md needs:\n\(WriteAuthority.markdown)")
  }
}

/// docs/approvals.md prints the gated-facts table the commands and the fold read.
@Suite struct GatedFactsDocTests {
  @Test func approvalsDocPrintsTheTable() throws {
    #expect(
      try documentText("approvals.md").contains(GatedFacts.markdown),
      "docs/approvals.md needs:\n\(GatedFacts.markdown)")
  }
}
