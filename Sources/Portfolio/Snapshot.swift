import Basics
import CanonicalJSON

/// The folded portfolio as plain arrays, for a derived checkpoint: saving it spares a
/// large store the full replay on open. The log stays the only truth; a snapshot is
/// only ever used at the exact log position it was taken at.
public struct PortfolioSnapshot: Codable, Sendable {
  var name: String
  var isDemo: Bool
  var partners: [Partner]
  /// Programs grouped by partner in creation order (rebuilds `programsByPartner`).
  /// Public so that a caller may store and decode them in parallel chunks.
  public var programs: [Program]
  var units: [RecipientUnit]
  var requests: [Request]
  var acknowledgements: [Acknowledgement]
  var roster: [RoleGrant]
  /// Enrolled keys, as (user, key) pairs sorted by user, and the creator's key.
  var rosterKeys: [[String]]
  var creatorKey: String?
  var policy: Policy
  var historyPrograms: [String]
  /// Each program's sequence numbers, concatenated; `historyCounts` splits them.
  var historyCounts: [Int]
  var historySequences: [Int]
  var eventCount: Int
  /// The log position the snapshot is of (a preview's, to tell whether it is the store's).
  public internal(set) var lastSequence: Int
  var newest: Timestamp?
  var skipped: [Portfolio.SkippedEvent]
  var skippedCount: Int
  var unauthorizedCount: Int
  /// Congressional notifications of funds, by partner and in the order transmitted.
  var notifications: [FundsNotification] = []
}

extension Portfolio {
  public func snapshot() -> PortfolioSnapshot {
    var s = snapshotWithoutPrograms()
    s.programs = snapshotProgramIDs().compactMap { programs[$0] }
    return s
  }

  /// The programs' ids in the snapshot's order (grouped by partner, in creation order):
  /// a checkpoint encodes them a chunk at a time instead of copying them all at once.
  public func snapshotProgramIDs() -> [String] {
    partners.keys.sorted().flatMap { programsByPartner[$0] ?? [] }.filter { programs[$0] != nil }
  }

  /// The snapshot with `programs` empty (see `snapshotProgramIDs`).
  public func snapshotWithoutPrograms() -> PortfolioSnapshot {
    let partnerList = partners.values.sorted { $0.code < $1.code }
    let requestList = snapshotProgramIDs().flatMap { id in
      (requestsByProgram[id] ?? []).compactMap { requests[$0] }
    }
    let historyKeys = history.keys.sorted()
    return PortfolioSnapshot(
      name: name, isDemo: isDemo, partners: partnerList, programs: [],
      units: units.values.sorted { $0.id < $1.id }, requests: requestList,
      acknowledgements: acknowledgements.values.sorted { $0.alert < $1.alert },
      roster: roster.grants, rosterKeys: roster.keys.sorted { $0.key < $1.key }.map { [$0.key, $0.value] },
      creatorKey: creatorKey, policy: policy, historyPrograms: historyKeys,
      historyCounts: historyKeys.map { history[$0]?.count ?? 0 },
      historySequences: historyKeys.flatMap { history[$0] ?? [] }, eventCount: eventCount,
      lastSequence: lastSequence,
      newest: newest, skipped: skipped, skippedCount: skippedCount,
      unauthorizedCount: unauthorizedCount,
      notifications: notificationsByPartner.keys.sorted().flatMap { notifications(of: $0) })
  }

  /// The portfolio without its programs, units, requests and history: what a first
  /// frame drawn from a checkpoint's figures needs (partners, roster, event count).
  public func previewSnapshot() -> PortfolioSnapshot {
    PortfolioSnapshot(
      name: name, isDemo: isDemo, partners: partners.values.sorted { $0.code < $1.code }, programs: [],
      units: [], requests: [], acknowledgements: [], roster: roster.grants, rosterKeys: [],
      creatorKey: creatorKey, policy: policy, historyPrograms: [], historyCounts: [], historySequences: [],
      eventCount: eventCount,
      lastSequence: lastSequence, newest: newest, skipped: [], skippedCount: skippedCount,
      unauthorizedCount: unauthorizedCount)
  }

  public init(snapshot s: PortfolioSnapshot) {
    self.init(snapshot: s, programParts: [s.programs])
  }

  /// The portfolio of a snapshot whose programs come in parts (as a checkpoint decodes
  /// them), each let go once its programs are in: never two copies of them all.
  public init(snapshot s: PortfolioSnapshot, programParts: consuming [[Program]]) {
    self.init()
    name = s.name
    isDemo = s.isDemo
    partners.reserveCapacity(s.partners.count)
    for p in s.partners { partners[p.code] = p }
    programs.reserveCapacity(programParts.reduce(0) { $0 + $1.count })
    var parts = programParts
    for i in parts.indices {
      for p in parts[i] {
        addAccountFlows(of: p)
        addProgram(p)
      }
      parts[i] = []
    }
    for u in s.units { units[u.id] = u }
    for r in s.requests { setRequest(r) }
    for a in s.acknowledgements { acknowledgements[a.alert] = a }
    for g in s.roster { roster.grant(g) }
    for pair in s.rosterKeys where pair.count == 2 { roster.enroll(pair[0], key: pair[1]) }
    creatorKey = s.creatorKey
    policy = s.policy
    history.reserveCapacity(s.historyPrograms.count)
    var start = 0
    for (id, count) in zip(s.historyPrograms, s.historyCounts) {
      let end = min(s.historySequences.count, start + count)
      history[id] = Array(s.historySequences[start..<end])
      start = end
    }
    eventCount = s.eventCount
    lastSequence = s.lastSequence
    newest = s.newest
    skipped = s.skipped
    for (i, event) in s.skipped.enumerated() {
      if let program = event.program { skippedByProgram[program, default: []].append(i) }
    }
    skippedCount = s.skippedCount
    unauthorizedCount = s.unauthorizedCount
    for n in s.notifications {
      notifications[n.number] = n
      notificationsByPartner[n.partner, default: []].append(n.number)
    }
    // Derived from the programs' packages, not stored.
    for program in programs.values where program.kind == .pda {
      for t in program.transfers where t.drawsOnAnnualCap {
        annualDrawdown[t.fiscalYear, default: []].append(
          AnnualDraw(program: program.id, package: t.id, on: t.on, value: t.value))
      }
    }
  }
}
