/// What a user wants done, checked by the domain before anything is written.
///
/// A command is pure: given the portfolio as it stands, who asks and today's date, it
/// returns the events to append or every reason it is refused. The session checks it
/// twice — before taking the store's lock, and again under the lock after catching up
/// with the log — so two processes racing can never both succeed where only one may,
/// and nothing the domain refuses ever reaches the file.
public protocol Command: Sendable {
  /// A few words for status lines: "acknowledge leahy-expired/UA-SC-001/U-1".
  var title: String { get }
  func decide(_ portfolio: Portfolio, actor: String, today: Day) -> Decision
  /// The reasons to show while the user is still typing: cheap enough for every key
  /// on a large portfolio. The default is the full decision; `perform` always runs it.
  /// (`judgedPreview`, what the forms call, uses RecordEvents' own and decides any other
  /// command once: a command that overrides this must be added there.)
  func preview(_ portfolio: Portfolio, actor: String, today: Day) -> [String]
}

extension Command {
  public func preview(_ portfolio: Portfolio, actor: String, today: Day) -> [String] {
    if case .reject(let r) = decide(portfolio, actor: actor, today: today) { return r.reasons }
    return []
  }
}

extension Command {
  /// The decision the session takes: the command's own rules, then every event it
  /// would write held to the write-authority table (`WriteAuthority`) — the same table
  /// the fold applies, so that no user writes a record that would not count.
  public func judge(_ portfolio: Portfolio, actor: String, today: Day) -> Decision {
    // Events known before deciding (a batch given as events): who may write them is said
    // first — a viewer is told they may not, not which request to raise.
    if let record = self as? RecordEvents {
      var reasons: [String] = []
      for (i, (origin, event)) in record.events.enumerated() {
        if let problem = WriteAuthority.problem(
          writing: event, as: actor, sequence: portfolio.lastSequence + 1 + i, in: portfolio)
        {
          let line = origin.isEmpty ? problem : "\(origin) (\(Swift.type(of: event).type)): \(problem)"
          if !reasons.contains(line) { reasons.append(line) }
        }
      }
      if !reasons.isEmpty { return .reject(Rejection(reasons)) }
      // Its own decision holds each event to the gated facts, line by line: done.
      return decide(portfolio, actor: actor, today: today)
    }
    let decision = decide(portfolio, actor: actor, today: today)
    guard case .accept(let events) = decision else { return decision }
    let reasons = Self.authorityReasons(events, portfolio, actor)
    return reasons.isEmpty ? decision : .reject(Rejection(reasons))
  }

  /// The reasons to show while typing (`preview`), with the write-authority table's
  /// and the gated facts' — a form says that an obligation needs a request as soon as
  /// it is typed, not after Enter.
  public func judgedPreview(_ portfolio: Portfolio, actor: String, today: Day) -> [String] {
    // RecordEvents' own decision is a dry run of the fold, too dear for every key: its
    // preview, then the table and the gates on its events.
    if let record = self as? RecordEvents {
      let reasons = record.preview(portfolio, actor: actor, today: today)
      return reasons.isEmpty ? Self.authorityReasons(record.events.map(\.event), portfolio, actor) : reasons
    }
    // Any other command's preview is its decision: decided once per key, not twice.
    switch decide(portfolio, actor: actor, today: today) {
    case .reject(let rejection): return rejection.reasons
    case .accept(let events): return Self.authorityReasons(events, portfolio, actor)
    }
  }

  static func authorityReasons(_ events: [any EventPayload], _ portfolio: Portfolio, _ actor: String)
    -> [String]
  {
    var reasons: [String] = []
    var gates = GatedFacts.Walk()
    for (i, event) in events.enumerated() {
      if let problem = WriteAuthority.problem(
        writing: event, as: actor, sequence: portfolio.lastSequence + 1 + i, in: portfolio),
        !reasons.contains(problem)
      {
        reasons.append(problem)
      }
      if let problem = gates.problem(of: event, in: portfolio) { reasons.append(problem) }
    }
    return reasons
  }
}

/// A command's outcome.
public enum Decision: Sendable {
  case accept([any EventPayload])
  case reject(Rejection)

  /// Refuses with reasons; an empty list accepts `events`.
  static func check(_ reasons: [String], _ events: @autoclosure () -> [any EventPayload]) -> Decision {
    reasons.isEmpty ? .accept(events()) : .reject(Rejection(reasons))
  }
}

/// Why the domain refused a command: every reason, each one line naming the thing,
/// the rule and the figures.
public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
  public var reasons: [String]
  public init(_ reasons: [String]) { self.reasons = reasons }
  public init(_ reason: String) { self.reasons = [reason] }
  public var description: String { "refused: " + reasons.joined(separator: "; ") }
}
