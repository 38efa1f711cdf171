/// What a change to the portfolio can change in what is derived from it (alerts,
/// the alerts view's rows, region and partner figures): so that a view updates the
/// programs an event touched instead of re-evaluating a hundred thousand (issue 13).
public enum Touch: Sendable, Hashable {
  /// Nothing derived depends on it (a role granted).
  case nothing
  case program(String)
  /// A partner's programs of one notified account (FMF, IMET, PKO), whose CN alerts
  /// read the account's totals: resolved when a view asks (`reach`), not as the fold
  /// records it (a million events fold with no list made).
  case account(partner: String, account: String)
  /// Every program of the partner, and the partner's own place in the lists.
  case partner(String)
  /// Every program that funds the unit, or whose open requests name it.
  case unit(String)
  /// Anything (a policy value, the store's integrity): recompute it all.
  case everything
}

/// The touches of the events applied to one fold, newest last, so that a view that
/// computed from revision R can ask what changed since.
public struct ChangeJournal: Sendable {
  /// One fold: a portfolio folded afresh, restored from a checkpoint, or folded as of a
  /// past day is another lineage, and a view recomputes from scratch.
  public let lineage = UInt64.random(in: 1...UInt64.max)
  /// Changes recorded since the fold began.
  public private(set) var revision = 0
  /// `touches[i]` is revision `base + i + 1`.
  public private(set) var base = 0
  public private(set) var touches: [Touch] = []
  static let kept = 4096

  mutating func record(_ touch: Touch) {
    revision += 1
    touches.append(touch)
    if touches.count >= 2 * Self.kept {
      touches.removeFirst(touches.count - Self.kept)
      base = revision - touches.count
    }
  }

  /// What changed after `revision`, or nil when those touches are no longer kept.
  public func touches(since revision: Int) -> ArraySlice<Touch>? {
    guard revision >= base, revision <= self.revision else { return nil }
    return touches[(revision - base)...]
  }
}

extension EventPayload {
  /// What this event, applied, can change in derived views. The default is the
  /// program it names, or everything when it names none: a new event type is safe
  /// before it says more.
  public func touch(in portfolio: Portfolio) -> Touch { programID.map(Touch.program) ?? .everything }
}

extension StoreCreated {
  public func touch(in portfolio: Portfolio) -> Touch { .nothing }
}
extension RoleGranted {
  public func touch(in portfolio: Portfolio) -> Touch { .nothing }
}
extension RoleRevoked {
  public func touch(in portfolio: Portfolio) -> Touch { .nothing }
}
extension PartnerRegistered {
  public func touch(in portfolio: Portfolio) -> Touch { .partner(code) }
}
extension RestrictionImposed {
  public func touch(in portfolio: Portfolio) -> Touch { .partner(partner) }
}
extension RestrictionLifted {
  public func touch(in portfolio: Portfolio) -> Touch { .partner(partner) }
}
extension RestrictionWaived {
  public func touch(in portfolio: Portfolio) -> Touch { .partner(partner) }
}
extension UnitRegistered {
  public func touch(in portfolio: Portfolio) -> Touch { .unit(id) }
}
extension UnitVetted {
  public func touch(in portfolio: Portfolio) -> Touch { .unit(unit) }
}
extension AlertAcknowledged {
  public func touch(in portfolio: Portfolio) -> Touch {
    AlertID(alert).map { $0.program == "store" ? .everything : .program($0.program) } ?? .everything
  }
}

extension Portfolio {
  /// The programs (and partners) a set of touches reaches, or nil for everything.
  public func reach(of touches: some Sequence<Touch>) -> (programs: Set<String>, partners: Set<String>)? {
    var programs = Set<String>()
    var partners = Set<String>()
    var units = Set<String>()
    for touch in touches {
      switch touch {
      case .nothing: break
      case .program(let id):
        programs.insert(id)
        if let partner = self.programs[id]?.partner { partners.insert(partner) }
      case .account(let partner, let account):
        partners.insert(partner)
        for id in programsByPartner[partner] ?? [] where self.programs[id]?.notifiedAccount == account {
          programs.insert(id)
        }
      case .partner(let code):
        partners.insert(code)
        programs.formUnion(programsByPartner[code] ?? [])
      case .unit(let id): units.insert(id)
      case .everything: return nil
      }
    }
    if !units.isEmpty {
      // A unit reaches the programs that fund it and those whose open requests name it.
      for program in self.programs.values where program.units.contains(where: units.contains) {
        programs.insert(program.id)
        partners.insert(program.partner)
      }
      for request in requests.values
      where request.state.isOpen && request.units.contains(where: units.contains) {
        programs.insert(request.program)
        if let partner = self.programs[request.program]?.partner { partners.insert(partner) }
      }
    }
    return (programs, partners)
  }
}

/// Money of a notified account moves the partner's figures that CN alerts read on
/// every program of that account: those programs are touched, not the program alone.
extension FundsObligated {
  public func touch(in portfolio: Portfolio) -> Touch { portfolio.fundsTouch(program, sameAccount: true) }
}
extension FundsCommitted {
  public func touch(in portfolio: Portfolio) -> Touch { portfolio.fundsTouch(program, sameAccount: true) }
}

extension Portfolio {
  /// The program alone, or for a notified account's program its partner's programs of
  /// that account (`sameAccount`) or all of them (a program opening or closing moves
  /// where the partner's CN holds are shown).
  func fundsTouch(_ program: String, sameAccount: Bool = false) -> Touch {
    guard let p = programs[program], let account = p.notifiedAccount else { return .program(program) }
    return sameAccount ? .account(partner: p.partner, account: account) : .partner(p.partner)
  }
}

/// A program of a notified account opening or closing can move its partner's CN alerts
/// to another program of that account (`isNotificationAnchor`).
extension ProgramStatusChanged {
  public func touch(in portfolio: Portfolio) -> Touch { portfolio.fundsTouch(program) }
}
extension ProgramCreated {
  public func touch(in portfolio: Portfolio) -> Touch { portfolio.fundsTouch(id) }
}
