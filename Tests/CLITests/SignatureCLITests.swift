import Foundation
import Testing

/// Signed stores through the real binary: `sapm init` prints the fingerprint,
/// `sapm identity` shows the key, `sapm verify` judges signatures, pins the creator key
/// (`--trust`) and refuses unsigned records on request (`--require-signatures`).
@Suite(.serialized) struct SignatureCLITests {
  @Test func initIdentityAndVerify() throws {
    let cli = CLI()
    defer { cli.cleanUp() }
    let store = cli.home + "/s.sapm"
    let created = try cli.run(["init", "--store", store])
    #expect(created.status == 0, "\(created.err)")
    let fp = try #require(
      created.out.split(separator: "\n").first { $0.contains("fingerprint") }?.split(separator: " ").first {
        $0.count == 39 && $0.contains(":")
      }.map(String.init), "\(created.out)")
    let identity = try cli.run(["identity", "--store", store])
    #expect(identity.out.contains("fingerprint: \(fp)"))
    #expect(identity.out.contains("enrolled — your records there are signed"))
    var st = stat()
    #expect(stat(cli.home + "/config/sapm/identity/ed25519", &st) == 0 && st.st_mode & 0o777 == 0o600)

    let verified = try cli.run(["verify", "--trust", fp, "--require-signatures", "--store", store])
    #expect(verified.status == 0, "\(verified.err)")
    #expect(verified.out.contains("signatures: 1 of 1 records signed by their actor's enrolled key"))
    let pinnedElsewhere = try cli.run([
      "verify", "--trust", "0000:0000:0000:0000:0000:0000:0000:0000", "--store", store,
    ])
    #expect(pinnedElsewhere.status == 1)
    #expect(pinnedElsewhere.err.contains("this is not the store you pinned"), "\(pinnedElsewhere.err)")

    // A demo store is unsigned: listed, and refused when signatures are required.
    let demo = cli.home + "/d.sapm"
    #expect(try cli.run(["init", "--demo", "--store", demo]).status == 0)
    let unsigned = try cli.run(["verify", "--store", demo])
    #expect(unsigned.status == 0)
    #expect(unsigned.out.contains("unsigned record(s) (1–"), "\(unsigned.out)")
    #expect(try cli.run(["verify", "--require-signatures", "--store", demo]).status == 1)

    // A loose key file is refused, with the fix.
    chmod(cli.home + "/config/sapm/identity/ed25519", 0o644)
    let loose = try cli.run(["identity"])
    #expect(loose.status == 1)
    #expect(loose.err.contains("chmod 600"), "\(loose.err)")
  }
}
