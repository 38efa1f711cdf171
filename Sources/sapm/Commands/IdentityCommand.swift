import ArgumentParser
import Foundation
import Session

/// `sapm identity`: the account's signing key, made on first use.
struct IdentityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "identity",
    abstract:
      "Show your signing key (made on first use): its fingerprint, and whether a store has it enrolled.",
    discussion:
      "In a signed store every record you write is signed with this Ed25519 key; an administrator enrols it with 'sapm roles grant YOU ROLE --key HEX', HEX being what 'sapm identity --public' prints. The private key stays in the file named (0600, in a 0700 directory); never copy it to anyone."
  )

  @Option(name: .long, help: ArgumentHelp("A store to check your enrolment in.", valueName: "path"))
  var store: String?

  @Flag(name: .customLong("public"), help: "Print only the public key, to hand to an administrator.")
  var publicOnly = false

  func run() throws {
    try failing {
      let path = IdentityKey.path()
      let existed = FileManager.default.fileExists(atPath: path)
      let key = try IdentityKey.loadOrCreate(path: path)
      if publicOnly {
        say(key.publicKeyHex)
        return
      }
      say("account:     \(Identity.currentUser())")
      say("key file:    \(path)\(existed ? "" : " (created now)")")
      say("public key:  \(key.publicKeyHex)")
      say("fingerprint: \(IdentityKey.fingerprint(key.publicKeyHex))")
      if let store {
        let session = try Session.open(StoreLocation(path: store, source: .flag), readOnly: true)
        let p = session.portfolio
        guard p.isSigned else {
          say("\(store): an unsigned store (created before signatures, or a demo): nothing is enrolled")
          return
        }
        let enrolled = p.roster.key(of: Identity.currentUser())
        say(
          enrolled == key.publicKeyHex
            ? "\(store): enrolled — your records there are signed and count"
            : enrolled == nil
              ? "\(store): not enrolled — give the public key to an administrator"
              : "\(store): another key is enrolled for you (\(IdentityKey.fingerprint(enrolled ?? "")))")
      }
    }
  }
}
