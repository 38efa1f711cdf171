import ArgumentParser
import CanonicalJSON
import Output
import Portfolio
import Session
import Terminal

/// `sapm roles`: the roster, and an administrator's grants and revocations.
struct Roles: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the roster; an administrator grants and revokes roles.",
    discussion: """
      Roles: viewer, officer (raises requests), approver (approves, rejects, returns), \
      admin (the roster and policy); each includes the ones before it and may be \
      limited to regions. The account that created the store is its first admin. \
      Nobody grants a role to themselves, and the last admin cannot be revoked.
      """,
    subcommands: [List.self, Grant.self, Revoke.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the roster.")
    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
      try failing {
        let session = try storeOptions.open(readOnly: true)
        let p = session.portfolio
        if json {
          say(CanonicalJSON.string(RequestReports.rosterJSON(p)))
          return
        }
        if session.isDemo { say("[DEMO] \(session.location.path)") }
        // Aligned: the widest name sets the column.
        let width = p.roster.users.map { DisplayWidth.of($0.sanitizedForTerminal) }.max() ?? 0
        for user in p.roster.users {
          let name = user.sanitizedForTerminal
          say(
            name + String(repeating: " ", count: width - DisplayWidth.of(name))
              + "  \(p.roster.describe(user))"
              + (user == session.user ? "  (you)" : ""))
        }
        if p.roster.grants(of: session.user).isEmpty { say("you (\(session.user)) are not on the roster") }
      }
    }
  }

  struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Grant USER a role (admin only).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The account name.") var user: String
    @Argument(help: "viewer, officer, approver or admin.") var role: String
    @Option(
      name: .customLong("region"),
      help: "Limit the role to a region (repeatable): europe, indo-pacific, middle-east-africa or ukraine.")
    var regions: [String] = []
    @Option(
      help: ArgumentHelp(
        "The user's public key, as 'sapm identity --public' prints it for them: in a signed store their records count only when signed with it.",
        valueName: "HEX")) var key: String?

    func run() throws {
      try failing {
        let command = GrantRole(
          user: user, role: try parseRole(role), regions: try regions.map(parseRegion),
          key: key?.lowercased())
        let session = try storeOptions.open(readOnly: false, allowDemo: true)
        try session.perform(command, today: today())
        say("\(user) now holds \(session.portfolio.roster.describe(user))")
        if let enrolled = session.portfolio.roster.key(of: user) {
          say("\(user)'s signing key: \(IdentityKey.fingerprint(enrolled))")
        } else if session.portfolio.isSigned {
          complain(
            "note: \(user) has no enrolled key, so cannot write to this signed store; they run 'sapm identity --public' and you grant again with --key"
          )
        }
        if !Identity.accountExists(user) {
          complain(
            "note: there is no account '\(user)' on this machine (a roster name is an OS account name)")
        }
      }
    }
  }

  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revoke USER's role, or some of its regions (admin only).")
    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The account name.") var user: String
    @Argument(help: "viewer, officer, approver or admin.") var role: String
    @Option(name: .customLong("region"), help: "Revoke only this region (repeatable).") var regions:
      [String] = []

    func run() throws {
      try failing {
        let command = RevokeRole(user: user, role: try parseRole(role), regions: try regions.map(parseRegion))
        let session = try storeOptions.open(readOnly: false, allowDemo: true)
        try session.perform(command, today: today())
        say("\(user) now holds \(session.portfolio.roster.describe(user))")
        if let enrolled = session.portfolio.roster.key(of: user) {
          say("\(user)'s signing key: \(IdentityKey.fingerprint(enrolled))")
        } else if session.portfolio.isSigned {
          complain(
            "note: \(user) has no enrolled key, so cannot write to this signed store; they run 'sapm identity --public' and you grant again with --key"
          )
        }
      }
    }
  }
}

func parseRole(_ text: String) throws -> Role {
  guard let role = Role(rawValue: text.lowercased()) else {
    throw ValidationError(
      "'\(text)' is not a role; one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
  }
  return role
}

func parseRegion(_ text: String) throws -> Region {
  guard let region = Region(loose: text) else {
    throw ValidationError(
      "'\(text)' is not a region; one of \(Region.allCases.map(\.rawValue).joined(separator: ", "))")
  }
  return region
}
