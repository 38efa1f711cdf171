public struct ConditionSet: EventPayload {
  public static let type = "condition.set"
  public var program: String
  public var id: String
  public var text: String
  public var due: Day
  public init(program: String, id: String, text: String, due: Day) {
    self.program = program
    self.id = id
    self.text = text
    self.due = due
  }
  public var programID: String? { program }
  public var summary: String { "condition \(id) set, due \(due): \(text)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .conditions, ofProgram: program)
    try p.updateProgram(program) { prog in
      if let i = existing {
        prog.conditions[i].text = text
        prog.conditions[i].due = due
      } else {
        prog.conditions.append(Condition(id: id, text: text, due: due))
      }
    }
    if existing == nil { p.appended(.conditions, program: program) }
  }
}

public struct ConditionMet: EventPayload {
  public static let type = "condition.met"
  public var program: String
  public var id: String
  public var on: Day
  public init(program: String, id: String, on: Day) {
    self.program = program
    self.id = id
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String { "condition \(id) met \(on)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .conditions, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = existing else { throw FoldError("no condition '\(id)'") }
      prog.conditions[i].met = on
    }
  }
}

public struct ConditionWaived: EventPayload {
  public static let type = "condition.waived"
  public var program: String
  public var id: String
  public var on: Day
  public var reason: String
  public init(program: String, id: String, on: Day, reason: String) {
    self.program = program
    self.id = id
    self.on = on
    self.reason = reason
  }
  public var programID: String? { program }
  public var summary: String { "condition \(id) waived \(on): \(reason)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .conditions, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = existing else { throw FoldError("no condition '\(id)'") }
      prog.conditions[i].waived = on
      prog.conditions[i].waiverReason = reason
    }
  }
}

public struct MetricDefined: EventPayload {
  public static let type = "metric.defined"
  public var program: String
  public var id: String
  public var name: String
  public var unit: String
  public var target: Double
  public init(program: String, id: String, name: String, unit: String, target: Double) {
    self.program = program
    self.id = id
    self.name = name
    self.unit = unit
    self.target = target
  }
  public var programID: String? { program }
  public var summary: String { "metric \(name): target \(target) \(unit)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .metrics, ofProgram: program)
    try p.updateProgram(program) { prog in
      if let i = existing {
        prog.metrics[i].name = name
        prog.metrics[i].unit = unit
        prog.metrics[i].target = target
      } else {
        prog.metrics.append(Metric(id: id, name: name, unit: unit, target: target))
      }
    }
    if existing == nil { p.appended(.metrics, program: program) }
  }
}

public struct MetricMeasured: EventPayload {
  public static let type = "metric.measured"
  public var program: String
  public var id: String
  public var actual: Double
  public var on: Day
  public init(program: String, id: String, actual: Double, on: Day) {
    self.program = program
    self.id = id
    self.actual = actual
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String { "metric \(id) measured \(actual) on \(on)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .metrics, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = existing else { throw FoldError("no metric '\(id)'") }
      prog.metrics[i].actual = actual
      prog.metrics[i].measured = on
    }
  }
}

public struct EUMItemReceived: EventPayload {
  public static let type = "eum.received"
  public var program: String
  public var id: String
  public var description: String
  public var enhanced: Bool
  public var quantity: Int
  public var arrival: Day
  public init(program: String, id: String, description: String, enhanced: Bool, quantity: Int, arrival: Day) {
    self.program = program
    self.id = id
    self.description = description
    self.enhanced = enhanced
    self.quantity = quantity
    self.arrival = arrival
  }
  public var programID: String? { program }
  public var summary: String {
    "\(quantity) × \(description) arrived \(arrival) (\(enhanced ? "enhanced" : "routine") EUM)"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .eum, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard existing == nil else { throw FoldError("EUM item '\(id)' already recorded") }
      prog.eum.append(
        EUMItem(id: id, description: description, enhanced: enhanced, quantity: quantity, arrival: arrival))
    }
    p.appended(.eum, program: program)
  }
}

public struct EUMInventoried: EventPayload {
  public static let type = "eum.inventoried"
  public var program: String
  public var id: String
  public var on: Day
  /// Serial numbers found (enhanced EUM counts them against what was delivered).
  public var counted: Int?
  public init(program: String, id: String, on: Day, counted: Int? = nil) {
    self.program = program
    self.id = id
    self.on = on
    self.counted = counted
  }
  public var programID: String? { program }
  public var summary: String {
    "EUM item \(id) inventoried \(on)" + (counted.map { ", \($0) serial numbers counted" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: id, in: .eum, ofProgram: program)
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let i = existing else { throw FoldError("no EUM item '\(id)'") }
      prog.eum[i].lastInventory = on
      prog.eum[i].lastCounted = counted
    }
  }
}

/// A Golden Sentry or Blue Lantern check's finding. A favorable finding on a check
/// whose last finding was derogatory records that it was resolved.
public struct EUMFindingRecorded: EventPayload {
  public static let type = "eum.finding"
  public var program: String
  public var check: String
  public var checkProgram: EUMFinding.Program
  public var on: Day
  public var result: EUMFinding.Result
  public var note: String
  public init(
    program: String, check: String, checkProgram: EUMFinding.Program, on: Day, result: EUMFinding.Result,
    note: String
  ) {
    self.program = program
    self.check = check
    self.checkProgram = checkProgram
    self.on = on
    self.result = result
    self.note = note
  }
  public var programID: String? { program }
  public var summary: String { "\(checkProgram.title) check \(check) \(on): \(result.rawValue) — \(note)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      if let i = prog.findings.lastIndex(where: { $0.id == check }) {
        guard on >= prog.findings[i].on else {
          throw FoldError("check \(check) has a finding of \(prog.findings[i].on), later than \(on)")
        }
        if prog.findings[i].result == .derogatory, prog.findings[i].resolved == nil, result == .favorable {
          prog.findings[i].resolved = on
          return
        }
      }
      prog.findings.append(
        EUMFinding(id: check, program: checkProgram, on: on, result: result, note: note))
    }
  }
}
