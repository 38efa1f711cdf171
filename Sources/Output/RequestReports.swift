import CanonicalJSON
import Portfolio

/// What the command line prints about requests and the roster, as text and JSON.
public enum RequestReports {
  /// One line per request for `sapm requests`.
  public static func line(_ r: Request, _ p: Portfolio, day: Day) -> String {
    // A decided request's checks held (or not) when it was decided, not today.
    let failing = r.state.isOpen ? p.failingChecks(for: r, on: day).count : 0
    let partner = p.partner(ofProgram: r.program)?.name ?? "?"
    return [
      r.id, r.state.rawValue, r.kind.rawValue, r.program, partner, r.amount.compact,
      !r.state.isOpen ? "decided" : failing == 0 ? "checks ✔" : "\(failing) failing ✘", "by \(r.requester)",
    ].joined(separator: "  ")
  }

  /// `sapm request show`: fields, checks, approvals, who is still needed, history.
  public static func text(_ r: Request, _ p: Portfolio, day: Day) -> [String] {
    let program = p.programs[r.program]
    let partner = program.flatMap { p.partners[$0.partner] }
    var out = [
      "\(r.id) · \(r.kind.title) · \(r.state.rawValue)",
      "  program    \(r.program) — \(program?.title ?? "?")",
      "  partner    \(partner.map { "\($0.name) (\($0.region.title))" } ?? "?")",
      "  details    \(r.details.isEmpty ? "—" : r.details)",
      "  reason     \(r.summary)",
      "  raised     \(r.raised) by \(r.requester)",
      "  approvals  \(r.approvals.isEmpty ? "none" : r.approvals.joined(separator: ", ")) — \(p.nextStep(of: r))",
    ]
    if r.state.isOpen {
      out.append("checks on \(day):")
      out += p.checks(for: r, on: day).map { "  " + $0.line }
    } else if let step = r.lastCheckedStep, let checks = step.checks {
      // A decided request's checks as they stood when it was decided; today's figures,
      // which its own execution changed, would say nothing true about it.
      out.append(
        "checks when \(step.by) \(step.state == .executed ? "executed" : "approved") it on \(step.on):")
      out += checks.map { "  " + $0 }
    } else {
      out.append(
        "checks: not recorded (\(r.state.rawValue) before this build kept them; checked at each step)")
    }
    out.append("history:")
    out += r.steps.map { s in
      "  \(s.on)  \(s.state.rawValue)  by \(s.by)" + (s.signed == true ? "  signed ✔" : "")
        + (s.reason.map { ": \($0)" } ?? "")
    }
    return out
  }

  public static func json(_ r: Request, _ p: Portfolio, day: Day) -> JSONValue {
    // Today's checks for an open request; a decided one's are on its steps, frozen.
    let checks: [JSONValue] = (r.state.isOpen ? p.checks(for: r, on: day) : []).map { c in
      .object([
        .init("check", .string(c.kind.rawValue)),
        .init(
          "outcome",
          .string(c.outcome == .pass ? "pass" : c.outcome == .fail ? "fail" : "not-applicable")),
        .init("detail", .string(c.detail)),
      ])
    }
    let steps: [JSONValue] = r.steps.map { s in
      .object([
        .init("state", .string(s.state.rawValue)), .init("by", .string(s.by)),
        .init("on", .string(s.on.description)),
        .init("reason", s.reason.map { .string($0) } ?? .null),
        .init("signed", .bool(s.signed == true)),
        .init("checks", s.checks.map { .array($0.map { .string($0) }) } ?? .null),
      ])
    }
    return .object([
      .init("id", .string(r.id)), .init("program", .string(r.program)),
      .init("kind", .string(r.kind.rawValue)),
      .init("state", .string(r.state.rawValue)), .init("amount", .int(r.amount.amount)),
      .init("fiscalYear", r.fiscalYear.map { .int(Int64($0)) } ?? .null),
      .init("units", .array(r.units.map { .string($0) })),
      .init("course", r.course.map { .string($0) } ?? .null),
      .init("students", r.students.map { .int(Int64($0)) } ?? .null),
      .init("lines", .array(r.lines.map { .int(Int64($0)) })),
      .init("until", r.until.map { .string($0.description) } ?? .null), .init("reason", .string(r.summary)),
      .init("requester", .string(r.requester)), .init("raised", .string(r.raised.description)),
      .init("approvals", .array(r.approvals.map { .string($0) })),
      .init("approvalsNeeded", .int(Int64(r.approvalsNeeded))),
      .init("next", .string(p.nextStep(of: r))), .init("checks", .array(checks)),
      .init("history", .array(steps)),
    ])
  }

  public static func rosterJSON(_ p: Portfolio) -> JSONValue {
    .array(
      p.roster.grants.map { g in
        .object([
          .init("user", .string(g.user)), .init("role", .string(g.role.rawValue)),
          .init("regions", .array(g.regions.map { .string($0.rawValue) })),
        ])
      })
  }
}
