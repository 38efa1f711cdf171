import Portfolio

/// The Case tab's form: a milestone of the FMS case, or its §36(b) notification.
extension Form {
  static let notified = "notified (§36(b))"

  static func caseStep(program: Program, today: Day) -> Form {
    let steps = CaseMilestone.allCases.map(\.rawValue) + [notified, newLine]
    let c = program.fmsCase
    // Suggest the next step the case has not reached.
    let next =
      c?.lorValidated == nil
      ? CaseMilestone.lorValidated
      : c?.loaOffered == nil ? .loaOffered : c?.accepted == nil ? .accepted : .implemented
    return Form(
      kind: .caseStep(program: program.id),
      fields: [
        Field(.step, .choice(steps), next.rawValue, hint: "← → to choose", prefilled: false),
        Field(.date, .date, today.description, hint: "YYYY-MM-DD"),
        Field(.offerExpires, .date, "", hint: "LOA offered only; empty: the policy's period"),
        Field(.transmittal, .text, "", hint: "notified only, e.g. 25-04"),
      ])
  }

  func caseCommand(_ program: String) -> Result<any Command, Rejection> {
    var problems: [String] = []
    let step = value(.step)
    if step == Form.newLine { return .failure(Rejection(["Step: Enter opens the form for a case line"])) }
    let on = day(.date, &problems)
    let offerExpires = day(.offerExpires, &problems, optional: true)
    if step == Form.notified, !value(.transmittal).hasVisibleText {
      problems.append("Transmittal: the transmittal number, e.g. 25-04")
    }
    guard problems.isEmpty, let on else { return .failure(Rejection(problems)) }
    let event: any EventPayload
    if step == Form.notified {
      event = CaseNotified(program: program, transmittal: value(.transmittal), delivered: on)
    } else {
      let milestone = CaseMilestone(rawValue: step) ?? .lorValidated
      event = CaseMilestoneReached(
        program: program, milestone: milestone, on: on,
        offerExpiration: milestone == .loaOffered ? offerExpires : nil)
    }
    return .success(RecordEvents([("", event)]))
  }
}
