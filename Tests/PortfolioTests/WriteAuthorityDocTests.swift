import Foundation
import Portfolio
import Testing

/// docs/security.md prints the write-authority table the commands and the fold read.
@Suite struct WriteAuthorityDocTests {
  @Test func securityDocPrintsTheTable() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/security.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(WriteAuthority.markdown), "docs/security.md needs:\n\(WriteAuthority.markdown)")
  }
}

/// docs/approvals.md prints the gated-facts table the commands and the fold read.
@Suite struct GatedFactsDocTests {
  @Test func approvalsDocPrintsTheTable() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/approvals.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains(GatedFacts.markdown), "docs/approvals.md needs:\n\(GatedFacts.markdown)")
  }
}
