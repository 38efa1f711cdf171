/// An over-obligation reported as an Antideficiency Act violation (31 USC 1351, 1517):
/// the one way its critical alert is settled. It is not acknowledged away: the record
/// says who reported it, when, and under which reference, and stays in the history.
public struct ADAViolationReported: EventPayload {
  public static let type = "funds.ada-reported"
  public var program: String
  public var fiscalYear: Int
  /// The report's reference (the agency's ADA case number, the letter's date and addressee).
  public var reference: String
  public var on: Day

  public init(program: String, fiscalYear: Int, reference: String, on: Day) {
    self.program = program
    self.fiscalYear = fiscalYear
    self.reference = reference
    self.on = on
  }

  /// The over-obligation alert this report settles.
  public var alert: AlertID { AlertID(rule: .overObligation, program: program, detail: "FY\(fiscalYear)") }

  public var programID: String? { program }
  public var summary: String {
    "FY\(fiscalYear) over-obligation reported as an Antideficiency Act violation \(on): \(reference)"
  }

  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard reference.hasVisibleText else { throw FoldError("an ADA report needs its reference") }
    let prog = try p.requireProgram(program)
    guard let f = prog.funding.first(where: { $0.fiscalYear == fiscalYear }) else {
      throw FoldError("\(program) has no FY\(fiscalYear) funds")
    }
    guard f.obligated > f.available else {
      throw FoldError(
        "\(program) FY\(fiscalYear) is not over-obligated (\(f.obligated.compact) of \(f.available.compact)): nothing to report"
      )
    }
    p.setAcknowledgement(
      Acknowledgement(
        alert: alert.description, by: context.actor, on: on,
        note: "reported as an ADA violation: \(reference)"))
  }

  public func touch(in portfolio: Portfolio) -> Touch { .program(program) }
}

/// Report an over-obligation as an Antideficiency Act violation (`x` on its alert).
public struct ReportADAViolation: Command {
  public var event: ADAViolationReported

  public init(program: String, fiscalYear: Int, reference: String, on: Day) {
    event = ADAViolationReported(program: program, fiscalYear: fiscalYear, reference: reference, on: on)
  }

  /// The report for an over-obligation alert's id ("over-obligation/P1/FY2026"), or nil.
  public init?(alert: String, reference: String, on: Day) {
    guard let id = AlertID(alert), id.rule == .overObligation, let detail = id.detail, detail.hasPrefix("FY"),
      let fy = Int(detail.dropFirst(2))
    else { return nil }
    self.init(program: id.program, fiscalYear: fy, reference: reference, on: on)
  }

  public var title: String { "report \(event.alert) as an ADA violation" }

  public func decide(_ p: Portfolio, actor: String, today: Day) -> Decision {
    var reasons: [String] = []
    if !event.reference.hasVisibleText {
      reasons.append(
        "an ADA report needs its reference (the case number, or the letter's date and addressee)")
    }
    if event.on > today {
      reasons.append("the report's date \(event.on) is in the future (today is \(today))")
    }
    if let ack = p.acknowledgements[event.alert.description] {
      reasons.append("\(event.alert) was already reported by \(ack.by) on \(ack.on): \(ack.note)")
    }
    return .check(reasons, [event])
  }
}
