/// A condition attached to a program (e.g. a certification Congress requires).
public struct Condition: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var text: String
  public var due: Day
  public var met: Day?
  public var waived: Day?
  public var waiverReason: String?

  public init(id: String, text: String, due: Day) {
    self.id = id
    self.text = text
    self.due = due
  }

  public var isSettled: Bool { met != nil || waived != nil }
}

/// A performance metric of a security-cooperation or SSR program.
public struct Metric: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var name: String
  public var unit: String
  public var target: Double
  public var actual: Double?
  public var measured: Day?

  public init(id: String, name: String, unit: String, target: Double) {
    self.id = id
    self.name = name
    self.unit = unit
    self.target = target
  }
}

/// An end-use-monitoring item (AECA §40A; Golden Sentry).
public struct EUMItem: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var description: String
  /// Enhanced EUM: serial-number inventories.
  public var enhanced: Bool
  public var quantity: Int
  public var arrival: Day
  public var lastInventory: Day?
  /// Serial numbers the last enhanced inventory found (nil: not counted).
  public var lastCounted: Int?

  public init(id: String, description: String, enhanced: Bool, quantity: Int, arrival: Day) {
    self.id = id
    self.description = description
    self.enhanced = enhanced
    self.quantity = quantity
    self.arrival = arrival
  }

  /// The day the next inventory is due under `policy`.
  public func nextInventoryDue(policy: Policy) -> Day {
    if let last = lastInventory { return last.adding(days: policy.eumPeriodicInventoryDays) }
    return arrival.adding(days: policy.eumInitialInventoryDays)
  }
}

/// A note that a person has seen an alert and is acting on it.
public struct Acknowledgement: Codable, Sendable, Hashable {
  public var alert: String
  public var by: String
  public var on: Day
  public var note: String

  public init(alert: String, by: String, on: Day, note: String) {
    self.alert = alert
    self.by = by
    self.on = on
    self.note = note
  }
}

/// An end-use check and what it found: Golden Sentry (DoD, articles transferred
/// government to government) or Blue Lantern (State, direct commercial sales).
public struct EUMFinding: Codable, Sendable, Hashable, Identifiable {
  public enum Program: String, Codable, Sendable, CaseIterable {
    case goldenSentry = "golden-sentry"
    case blueLantern = "blue-lantern"

    public var title: String { self == .goldenSentry ? "Golden Sentry" : "Blue Lantern" }
  }

  public enum Result: String, Codable, Sendable, CaseIterable {
    case favorable
    /// Diversion, unauthorized transfer or use, or a failure to safeguard.
    case derogatory
  }

  /// The check's reference; a later finding on the same check supersedes it.
  public var id: String
  public var program: Program
  public var on: Day
  public var result: Result
  public var note: String
  /// The day a derogatory finding was resolved (corrective action recorded).
  public var resolved: Day?

  public init(id: String, program: Program, on: Day, result: Result, note: String, resolved: Day? = nil) {
    self.id = id
    self.program = program
    self.on = on
    self.result = result
    self.note = note
    self.resolved = resolved
  }
}
