import Portfolio

/// Which form, and what it builds: one case per form, so a new form has one home.
public enum FormKind: Sendable, Hashable {
  /// Funding tab: funds made available, committed, obligated or disbursed.
  /// `years`: how long funds made available stay available by default (FMF: two).
  case funds(program: String, years: Int)
  /// Overview, a region pane: register a partner in that region (administrators).
  case partner(region: Region)
  /// Partner screen: a new program for the partner.
  case program(partner: String)
  /// Units & vetting tab: a vetting result for one of the program's units.
  case vetting(program: String)
  /// Case tab: a milestone of the FMS case or its §36(b) notification.
  case caseStep(program: String)
  /// End-use monitoring tab: an inventory of an item.
  case inventory(program: String)
  /// Conditions & metrics tab: a condition met or waived.
  case condition(program: String)
  /// Summary tab: the program's status.
  case status(program: String)
  /// Units & vetting tab: register a unit of the partner and assign it to the program.
  case unit(program: String, partner: String)
  /// End-use monitoring tab: an item received.
  case item(program: String)
  /// Case tab, a program without a case: a case opened on an LOR received.
  case caseOpen(program: String)
  /// Case tab: a line added or restated.
  case caseLine(program: String)
  /// Conditions & metrics tab: a metric measured.
  case metric(program: String)
  /// Partner screen (administrators): a restriction imposed, lifted or waived.
  case restriction(partner: String)
  /// Program screen, N: a request raised (draft or submitted).
  case request(program: String)
  /// Packages / Contracts / Allocations tab: articles delivered.
  case delivery(program: String)
  /// Notices tab (and from the delivery form): a notification to Congress.
  case notice(program: String)

  public var title: String {
    switch self {
    case .funds(let program, _): return "Record funds — \(program)"
    case .partner(let region): return "Register a partner — \(region.title)"
    case .program(let partner): return "New program — \(partner)"
    case .vetting(let program): return "Record a vetting result — \(program)"
    case .caseStep(let program): return "Record a case step — \(program)"
    case .inventory(let program): return "Record an EUM inventory — \(program)"
    case .condition(let program): return "Record a condition met or waived — \(program)"
    case .status(let program): return "Change the status — \(program)"
    case .unit(let program, _): return "Register a unit — \(program)"
    case .item(let program): return "Record an item received — \(program)"
    case .caseOpen(let program): return "Open an FMS case (LOR received) — \(program)"
    case .caseLine(let program): return "Add or restate a case line — \(program)"
    case .metric(let program): return "Record a metric measured — \(program)"
    case .restriction(let partner): return "A country restriction — \(partner)"
    case .request(let program): return "Raise a request — \(program)"
    case .delivery(let program): return "Record articles delivered — \(program)"
    case .notice(let program): return "Record a notification to Congress — \(program)"
    }
  }
}

/// A ready-to-perform command, compared by its title (effects are values in tests).
public struct CommandRequest: Sendable, Equatable {
  public var command: any Command
  public init(_ command: any Command) { self.command = command }
  public var title: String { command.title }
  public static func == (a: CommandRequest, b: CommandRequest) -> Bool { a.title == b.title }
}

extension Form {
  /// The command the fields describe, or what is wrong with them.
  func command() -> Result<any Command, Rejection> {
    switch kind {
    case .funds(let program, let years): return fundsCommand(program, years: years)
    case .partner(let region): return partnerCommand(region)
    case .program(let partner): return programCommand(partner)
    case .vetting: return vettingCommand()
    case .caseStep(let program): return caseCommand(program)
    case .inventory(let program): return inventoryCommand(program)
    case .condition(let program): return conditionCommand(program)
    case .status(let program): return statusCommand(program)
    case .unit(let program, let partner): return unitCommand(program, partner: partner)
    case .item(let program): return itemCommand(program)
    case .caseOpen(let program): return caseOpenCommand(program)
    case .caseLine(let program): return caseLineCommand(program)
    case .metric(let program): return metricCommand(program)
    case .restriction(let partner): return restrictionCommand(partner)
    case .request(let program): return requestCommand(program)
    case .delivery(let program): return deliveryCommand(program)
    case .notice(let program): return noticeCommand(program)
    }
  }

  /// The form that Enter opens instead of recording, when the focused choice is one of
  /// the "+ …" entries (a new unit, item, case line, measurement or restriction).
  func followUp(_ portfolio: Portfolio, today: Day) -> Form? {
    switch kind {
    case .vetting(let id) where value(.unit) == Form.newUnit:
      return portfolio.programs[id].map { Form.unit(program: $0) }
    case .inventory(let id) where value(.item) == Form.newItem:
      return portfolio.programs[id].map { Form.item(program: $0, today: today) }
    case .caseStep(let id) where value(.step) == Form.newLine:
      return portfolio.programs[id].map {
        Form.caseLine(program: $0, requests: portfolio.requestsToCarryOut(.offerLOA, on: id))
      }
    case .delivery(let id) where value(.article) == Form.newNotice:
      return portfolio.programs[id].map { Form.notice(program: $0, today: today) }
    case .condition(let id) where value(.condition) == Form.newMeasurement:
      return portfolio.programs[id].map { Form.metric(program: $0, today: today) }
    // Money and LOA offers are written by executing an approved request
    // (docs/approvals.md): typed here, they become that request, filled in from them.
    case .funds(let id, _) where ["obligated", "committed"].contains(value(.what)) && onlyARequestIsMissing:
      return requestForm(id, .releaseFunds, carrying: [.amount, .fiscalYear], portfolio, today)
    case .caseStep(let id) where value(.step) == CaseMilestone.loaOffered.rawValue && onlyARequestIsMissing:
      return requestForm(id, .offerLOA, carrying: [], portfolio, today)
    // So are an amendment's line and a delivery: recorded after their request executed,
    // naming it; with none to name, Enter raises one.
    case .caseLine(let id) where onlyARequestIsMissing:
      var request = requestForm(id, .offerLOA, carrying: [], portfolio, today)
      request?.set(.amount, value(.value))
      return request
    case .delivery(let id) where onlyARequestIsMissing:
      return requestForm(id, .deliver, carrying: [], portfolio, today)
    case .program(let code) where value(.kind) == Form.newRestriction:
      return portfolio.partners[code].map {
        Form.restriction(partner: $0, programs: portfolio.programsByPartner[code] ?? [], today: today)
      }
    default:
      return nil
    }
  }

  /// Whether the domain's one objection is that a gated fact names no request (money
  /// beyond the funds, say, is refused, not turned into a request).
  var onlyARequestIsMissing: Bool {
    !problems.isEmpty && problems.allSatisfy { $0.contains(GatedFacts.namesNoRequest) }
  }

  /// The request form of `kind` on `program`, carrying the fields `labels` from this
  /// form, with the justification (what is left to say) focused.
  func requestForm(
    _ program: String, _ kind: RequestKind, carrying labels: [FieldLabel], _ portfolio: Portfolio,
    _ today: Day
  ) -> Form? {
    guard let program = portfolio.programs[program] else { return nil }
    var request = Form.request(program: program, today: today)
    request.set(.kind, kind.rawValue)
    for label in labels { request.set(label, value(label)) }
    request.focus = request.fields.firstIndex { $0.label == .justification } ?? 0
    return request
  }

  /// Re-checks the form as it stands: field problems first, then the domain's reasons.
  mutating func validate(_ portfolio: Portfolio, actor: String, today: Day) {
    showFieldsOfItsKind()
    switch command() {
    case .failure(let r): problems = r.reasons
    case .success(let c): problems = c.judgedPreview(portfolio, actor: actor, today: today)
    }
  }

  /// A field problem when `text` is not a day.
  func day(_ label: FieldLabel, _ problems: inout [String], optional: Bool = false) -> Day? {
    let text = value(label)
    if optional, text.isEmpty { return nil }
    guard let d = Day(text) else {
      problems.append("\(label.rawValue): YYYY-MM-DD\(optional ? ", or empty" : "")")
      return nil
    }
    return d
  }
}
