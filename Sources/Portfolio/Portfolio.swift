import Basics
import CanonicalJSON

/// The portfolio as it stands after a sequence of events: a pure fold.
///
/// Nothing here reads a file or a clock. The caller feeds envelopes in log order
/// (`apply`) and asks questions with an explicit day (`alerts(on:)`), which is what
/// makes time travel and tests exact.
public struct Portfolio: Sendable {
  public internal(set) var name = "portfolio"
  public internal(set) var isDemo = false
  public internal(set) var partners: [String: Partner] = [:]
  public internal(set) var programs: [String: Program] = [:]
  /// Program ids per partner, in creation order.
  public internal(set) var programsByPartner: [String: [String]] = [:]
  public internal(set) var units: [String: RecipientUnit] = [:]
  public internal(set) var requests: [String: Request] = [:]
  public internal(set) var requestsByProgram: [String: [String]] = [:]
  public internal(set) var acknowledgements: [String: Acknowledgement] = [:]
  public internal(set) var roster = Roster()
  /// The creator's key from the first record: set, the store is signed.
  public internal(set) var creatorKey: String?
  public var isSigned: Bool { creatorKey != nil }
  public internal(set) var policy = Policy()
  /// Sequence numbers of the events about each program, oldest first. The events
  /// themselves stay in the log; a history view reads them back by number.
  public internal(set) var history: [String: [Int]] = [:]
  public internal(set) var eventCount = 0
  public internal(set) var lastSequence = 0
  public internal(set) var newest: Timestamp?
  /// What each change touched, for views that update incrementally.
  public internal(set) var journal = ChangeJournal()
  /// Events that were kept in the log but not applied, with the reason.
  public internal(set) var skipped: [SkippedEvent] = []
  /// Ids → positions for programs' long lists (ItemIndex.swift); derived, not saved.
  var itemIndexes: [String: [String: Int]] = [:]
  public internal(set) var skippedCount = 0

  public init() {}

  /// An event that is in the log but not part of the portfolio.
  public struct SkippedEvent: Sendable, Hashable, Codable {
    public var sequence: Int
    public var type: String
    public var reason: String
    /// The program the event names, when it names one that exists: the
    /// record-not-applied alert is raised on it.
    public var program: String?
    public var day: Day?
    /// Skipped because its signer may not write it (a signed store's authority check),
    /// not because it could not apply: a critical `record-not-authorized` alert.
    public var unauthorized: Bool = false
    /// A gated fact (an obligation, an LOA offered) that no executed request covers: a
    /// critical `unapproved-fact` alert. Counted with the unauthorized ones.
    public var unapproved: Bool = false
  }

  /// Records of a signed store that were not applied because their signer may not
  /// write them (all of them; `skipped` keeps the first thousand reasons).
  public internal(set) var unauthorizedCount = 0

  /// What the reader found about the store itself against what this account saw
  /// before (rollback, fork): set by the session, raised as critical alerts.
  public internal(set) var integrity: [IntegrityFinding] = []

  /// Notes a finding about the store (the session's check of the head it remembers).
  public mutating func noteIntegrity(_ finding: IntegrityFinding) {
    if !integrity.contains(finding) {
      integrity.append(finding)
      journal.record(.everything)
    }
  }

  /// Positions in `skipped` of the events about each program.
  public internal(set) var skippedByProgram: [String: [Int]] = [:]

  /// One package drawn on FAA §506(a)(1)'s annual cap.
  public struct AnnualDraw: Sendable, Hashable {
    public var program: String
    public var package: String
    public var on: Day
    public var value: Dollars
  }
  /// The packages drawn on §506(a)(1)'s annual cap, by fiscal year, whichever partner
  /// (derived: rebuilt from the programs when a snapshot is read).
  public internal(set) var annualDrawdown: [Int: [AnnualDraw]] = [:]

  /// Congressional notifications of funds by number, and each partner's numbers in the
  /// order transmitted (Notifications.swift).
  public internal(set) var notifications: [String: FundsNotification] = [:]
  public internal(set) var notificationsByPartner: [String: [String]] = [:]
  /// What each partner's programs of a notified account (FMF, IMET, PKO) committed and
  /// obligated in each fiscal year (derived: rebuilt from the programs when a snapshot is read).
  public internal(set) var accountYears: [AccountYear: AccountYearFigures] = [:]

  /// What is drawn on §506(a)(1)'s cap in `fiscalYear`, across every partner.
  public func annualDrawdownUsed(_ fiscalYear: Int) -> Dollars {
    (annualDrawdown[fiscalYear] ?? []).reduce(.zero) { $0 + $1.value }
  }

  /// Folds one event in. An event that cannot apply (it names a program that does
  /// not exist, say) is recorded in `skipped` and changes nothing.
  public mutating func apply(_ envelope: Envelope) {
    let context = envelope.context
    eventCount += 1
    lastSequence = max(lastSequence, context.sequence)
    if newest.map({ $0 < context.at }) ?? true { newest = context.at }
    // The program the event names, when it exists: a record not applied is shown there.
    var existingProgram: String? { envelope.event.programID.flatMap { programs[$0] == nil ? nil : $0 } }
    if let refusal = authorityRefusal(envelope) {
      skip(
        context.sequence, envelope.type, refusal, program: existingProgram, day: context.day,
        unauthorized: true)
      return
    }
    // A gated fact: in a signed store it counts only when an executed request covers it.
    let fact = envelope.event as? any RequestedFact
    let carriesOut = fact.flatMap { f in f.gate(in: self) == nil ? nil : f.request }
    if isSigned, let fact, let refusal = GatedFacts.refusal(of: fact, in: self) {
      skip(
        context.sequence, envelope.type, refusal, program: existingProgram, day: context.day,
        unauthorized: true, unapproved: true)
      return
    }
    do {
      try envelope.event.apply(to: &self, context: context)
      if let id = carriesOut, var r = requests[id], r.carriedOutBy == nil {
        r.carriedOutBy = context.sequence
        requests[id] = r
      }
      if let program = envelope.event.programID, programs[program] != nil {
        history[program, default: []].append(context.sequence)
      }
      journal.record(envelope.event.touch(in: self))
    } catch {
      skip(context.sequence, envelope.type, error.message, program: existingProgram, day: context.day)
    }
  }

  /// Records a record that could not become an event (unknown type, newer version,
  /// malformed payload), so the count and the reasons are visible.
  public mutating func skip(
    _ sequence: Int, _ type: String, _ reason: String, program: String? = nil, day: Day? = nil,
    unauthorized: Bool = false, unapproved: Bool = false
  ) {
    lastSequence = max(lastSequence, sequence)
    skippedCount += 1
    if unauthorized { unauthorizedCount += 1 }
    // A store-level alert (no program) changes what every view lists.
    journal.record(program.map(Touch.program) ?? (unauthorized ? .everything : .nothing))
    guard skipped.count < 1000 else { return }
    if let program { skippedByProgram[program, default: []].append(skipped.count) }
    skipped.append(
      SkippedEvent(
        sequence: sequence, type: type, reason: reason, program: program, day: day,
        unauthorized: unauthorized,
        unapproved: unapproved))
  }

  /// In a signed store, why a record does not count: it is not signed by its actor's
  /// enrolled key as the roster stood before it, or the actor's role and region do not
  /// allow its type (`WriteAuthority`). Nil: it counts. Unsigned stores (older ones,
  /// the demo) are not held to it; record 1 is judged by `WriteAuthority` alone (it
  /// enrols its creator).
  func authorityRefusal(_ envelope: Envelope) -> String? {
    let context = envelope.context
    let type = envelope.type
    if type == StoreCreated.type {
      // `eventCount` already counts this one: the first event folded is record 1.
      return eventCount <= 1
        ? nil
        : WriteAuthority.problem(
          writing: envelope.event, as: context.actor, sequence: context.sequence, in: self)
    }
    guard isSigned else { return nil }
    guard let key = context.verifiedKey else {
      return
        "\(type) by \(context.actor) is not signed by a valid key; in a signed store only signed records count"
    }
    guard key == roster.key(of: context.actor) else {
      return roster.key(of: context.actor) == nil
        ? "\(type) names \(context.actor), who has no enrolled key at this record (not on the roster, revoked, or a forged name)"
        : "\(type) names \(context.actor) but is signed by another key than \(context.actor)'s enrolled one (written in another's name, or with a replaced key)"
    }
    return WriteAuthority.problem(
      writing: envelope.event, as: context.actor, sequence: context.sequence, in: self)
  }

  /// The portfolio as it stood at the end of `day`: every event recorded on or before it.
  public static func asOf(_ day: Day, events: some Sequence<Envelope>) -> Portfolio {
    var portfolio = Portfolio()
    let end = Timestamp(dayOrdinal: day.ordinal + 1)
    for envelope in events where envelope.context.at < end {
      portfolio.apply(envelope)
    }
    return portfolio
  }

  // MARK: Queries

  public func partners(in region: Region) -> [Partner] {
    partners.values.filter { $0.region == region }.sorted { $0.name < $1.name }
  }

  public func programs(of partner: String) -> [Program] {
    (programsByPartner[partner] ?? []).compactMap { programs[$0] }
  }

  public func requests(on program: String) -> [Request] {
    (requestsByProgram[program] ?? []).compactMap { requests[$0] }
  }

  /// LOAs offered by their Anticipated Offer Date, of those offered with one: the SCIP
  /// metric (DSCA 11-46), against `Policy.offerOnTimeGoalPercent`.
  public var offersOnTime: (onTime: Int, offered: Int) {
    var onTime = 0
    var offered = 0
    for p in programs.values {
      guard let onTimeOffer = p.fmsCase?.offeredOnTime else { continue }
      offered += 1
      if onTimeOffer { onTime += 1 }
    }
    return (onTime, offered)
  }

  /// Executed requests of `kind` on `program` that have carried out no fact yet: what
  /// a fact recorded after its request (a delivery, an amendment's line) may name.
  public func requestsToCarryOut(_ kind: RequestKind, on program: String) -> [Request] {
    requests(on: program).filter { $0.kind == kind && $0.state == .executed && $0.carriedOutBy == nil }
  }

  public func region(ofProgram id: String) -> Region? { partner(ofProgram: id)?.region }

  public func partner(ofProgram id: String) -> Partner? { programs[id].flatMap { partners[$0.partner] } }

  // MARK: Helpers for events

  func requireProgram(_ id: String) throws(FoldError) -> Program {
    guard let p = programs[id] else { throw FoldError("no program '\(id)'") }
    return p
  }

  mutating func updateProgram(_ id: String, _ body: (inout Program) throws(FoldError) -> Void)
    throws(FoldError)
  {
    // Mutate in place through the values view: no rehash, no copy of the program.
    guard let index = programs.index(forKey: id) else { throw FoldError("no program '\(id)'") }
    try body(&programs.values[index])
  }

  mutating func updateCase(_ id: String, _ body: (inout FMSCase) throws(FoldError) -> Void) throws(FoldError)
  {
    try updateProgram(id) { (p: inout Program) throws(FoldError) in
      guard var c = p.fmsCase else { throw FoldError("program '\(id)' has no FMS case") }
      try body(&c)
      p.fmsCase = c
    }
  }

  mutating func updatePartner(_ code: String, _ body: (inout Partner) throws(FoldError) -> Void)
    throws(FoldError)
  {
    guard var p = partners[code] else { throw FoldError("no partner '\(code)'") }
    try body(&p)
    partners[code] = p
  }

  mutating func addProgram(_ program: Program) {
    programs[program.id] = program
    programsByPartner[program.partner, default: []].append(program.id)
  }

  mutating func setUnit(_ unit: RecipientUnit) { units[unit.id] = unit }
  mutating func setRequest(_ request: Request) {
    if requests[request.id] == nil { requestsByProgram[request.program, default: []].append(request.id) }
    requests[request.id] = request
  }
  mutating func setAcknowledgement(_ ack: Acknowledgement) { acknowledgements[ack.alert] = ack }
  mutating func setPolicy(_ p: Policy) { policy = p }
  mutating func setCreatorKey(_ key: String) { creatorKey = key }
  mutating func setStore(name: String, demo: Bool) {
    self.name = name
    self.isDemo = demo
  }
}

/// The store's head is not what this account saw before: records cut off (rollback)
/// or a different history (fork). It names the record.
public struct IntegrityFinding: Sendable, Hashable {
  public enum Kind: Sendable, Hashable { case rollback, fork }
  public var kind: Kind
  /// The record this account saw (its sequence number).
  public var sequence: Int
  public var message: String
  /// When the account saw it.
  public var seenOn: Day

  public init(kind: Kind, sequence: Int, message: String, seenOn: Day) {
    self.kind = kind
    self.sequence = sequence
    self.message = message
    self.seenOn = seenOn
  }
}
