/// What a request asks for. The raw values are the command line's `--kind` words.
public enum RequestKind: String, Codable, Sendable, CaseIterable {
  case releaseFunds = "release-funds"
  case offerLOA = "offer-loa"
  case enrollIMET = "enroll-imet"
  case deliver = "deliver"
  case extendSunset = "extend-sunset"
  /// A change of a policy value (a threshold, a period): not on a program, but on
  /// `Request.policyProgram`; raised and approved by administrators.
  case changePolicy = "change-policy"
  /// A waiver of a restriction in force (§7008, §7012, §620I) for one program: approved
  /// by the region's approvers, carried out by an administrator (restrictions are theirs).
  case waiveRestriction = "waive-restriction"
  /// Excess defense articles allocated to an EDA program (FAA §516): no fiscal year's
  /// funds, but articles of an original value, which the allocation then records.
  case allocateEDA = "allocate-eda"

  /// The kinds raised on a program (the request form's choices).
  public static var onPrograms: [RequestKind] { allCases.filter { $0 != .changePolicy } }

  public var title: String {
    switch self {
    case .releaseFunds: return "Release funds"
    case .offerLOA: return "Offer LOA"
    case .enrollIMET: return "Enroll IMET students"
    case .deliver: return "Deliver equipment"
    case .extendSunset: return "Extend past sunset"
    case .changePolicy: return "Change a policy value"
    case .waiveRestriction: return "Waive a restriction"
    case .allocateEDA: return "Allocate excess defense articles"
    }
  }

  /// The fields a request of this kind needs, for forms and help.
  public var fields: String {
    switch self {
    case .releaseFunds: return "amount, fiscal year"
    case .offerLOA: return "the program's FMS case"
    case .enrollIMET: return "course, students, units"
    case .deliver: return "units, case lines (optional)"
    case .extendSunset: return "new sunset date"
    case .changePolicy: return "setting, value"
    case .waiveRestriction: return "the restriction (7008, 7012, 620I)"
    case .allocateEDA: return "the articles' original value"
    }
  }

  /// Accepts the names of earlier builds (`enroll-students`, `deliver-equipment`) so
  /// that requests already in a log still read.
  public init(from decoder: any Decoder) throws {
    let raw = try decoder.singleValueContainer().decode(String.self)
    switch raw {
    case "enroll-students": self = .enrollIMET
    case "deliver-equipment": self = .deliver
    default:
      guard let kind = RequestKind(rawValue: raw) else {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: decoder.codingPath,
            debugDescription:
              "unknown request kind '\(raw)' (one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")))"
          ))
      }
      self = kind
    }
  }
}

/// Where a request stands: draft → submitted → approved / rejected / returned →
/// executed; returned goes back to submitted; rejected and executed are final.
public enum RequestState: String, Codable, Sendable, CaseIterable {
  case draft, submitted, approved, rejected, returned, executed

  public var isPending: Bool { self == .submitted }
  public var isOpen: Bool { self != .rejected && self != .executed }

  /// The states a step may lead to from here.
  public var next: [RequestState] {
    switch self {
    case .draft, .returned: return [.submitted]
    case .submitted: return [.approved, .rejected, .returned]
    case .approved: return [.executed]
    case .rejected, .executed: return []
    }
  }

  /// Why a step to `target` is not allowed from here; nil when it is.
  public func refusal(to target: RequestState) -> String? {
    if next.contains(target) { return nil }
    let allowed = next.map(\.rawValue).joined(separator: " or ")
    return "it is \(rawValue); "
      + (next.isEmpty ? "\(rawValue) is final" : "from \(rawValue) it can only be \(allowed)")
  }

  /// The verb for a step to this state: "approve", "return".
  public var verb: String {
    switch self {
    case .draft: return "draft"
    case .submitted: return "submit"
    case .approved: return "approve"
    case .rejected: return "reject"
    case .returned: return "return"
    case .executed: return "execute"
    }
  }
}

/// One step taken on a request, with who and why.
public struct RequestStep: Codable, Sendable, Hashable {
  public var state: RequestState
  public var by: String
  public var on: Day
  public var reason: String?
  /// True when the step's record was signed by its actor's enrolled key (in a
  /// signed store a step counts only then); nil in an unsigned store.
  public var signed: Bool?
  /// The checks as they stood at this step (approvals and the execution record them).
  public var checks: [String]?

  public init(state: RequestState, by: String, on: Day, reason: String? = nil, signed: Bool? = nil) {
    self.state = state
    self.by = by
    self.on = on
    self.reason = reason
    self.signed = signed
  }
}

/// An approval request on a program, with the typed fields of its kind.
public struct Request: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var program: String
  public var kind: RequestKind
  public var amount: Dollars
  public var fiscalYear: Int?
  /// Recipient units the request reaches (Leahy vetting is checked for each).
  public var units: [String]
  /// For `enroll-imet`: the course and how many students.
  public var course: String?
  public var students: Int?
  /// For `deliver`: the case lines delivered.
  public var lines: [Int]
  /// For `extend-sunset`: the new sunset.
  public var until: Day?
  /// The justification. Restricted: hidden in kiosk mode.
  public var summary: String
  public var requester: String
  public var raised: Day
  public var state: RequestState
  /// Distinct approvers of the current submission (reset when it is resubmitted).
  public var approvals: [String]
  /// Approvals this submission needs (one, or two at and above the policy amount).
  public var approvalsNeeded: Int
  public var steps: [RequestStep]
  /// For `waive-restriction`: which restriction.
  public var restriction: RestrictionKind?
  /// For `change-policy`: the setting (`Policy.settings`) and its new value.
  public var setting: String?
  public var value: Double?
  /// The record of the gated fact this executed request carried out (an obligation,
  /// an LOA offered): a request approves one fact, once (docs/approvals.md).
  public var carriedOutBy: Int?

  public init(
    id: String, program: String, kind: RequestKind, amount: Dollars, fiscalYear: Int? = nil,
    units: [String] = [], course: String? = nil, students: Int? = nil, lines: [Int] = [], until: Day? = nil,
    summary: String, requester: String, raised: Day
  ) {
    self.id = id
    self.program = program
    self.kind = kind
    self.amount = amount
    self.fiscalYear = fiscalYear
    self.units = units
    self.course = course
    self.students = students
    self.lines = lines
    self.until = until
    self.summary = summary
    self.requester = requester
    self.raised = raised
    self.state = .draft
    self.approvals = []
    self.approvalsNeeded = 1
    self.steps = []
  }

  /// What a `change-policy` request is raised on: no program, the store's policy.
  public static let policyProgram = "policy"

  /// The last step that recorded its checks: a decided request's checks are these,
  /// frozen when it was decided.
  public var lastCheckedStep: RequestStep? { steps.last { $0.checks != nil } }

  /// Day it was last submitted (the age of a pending request runs from here).
  public var submitted: Day? { steps.last { $0.state == .submitted }?.on }

  /// The request's typed fields as one line: "FY2026 · $200M", "course X · 6 students · units A, B".
  public var details: String {
    var parts: [String] = []
    if amount > .zero { parts.append(amount.compact) }
    if let fiscalYear { parts.append("FY\(fiscalYear)") }
    if let course { parts.append("course \(course)") }
    if let students { parts.append("\(students) student\(students == 1 ? "" : "s")") }
    if !units.isEmpty { parts.append("unit\(units.count == 1 ? "" : "s") \(units.joined(separator: ", "))") }
    if !lines.isEmpty {
      parts.append("line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))")
    }
    if let until { parts.append("until \(until)") }
    if let setting { parts.append("\(setting) = \(value.map { String($0) } ?? "?")") }
    if let restriction { parts.append("waive \(restriction.title)") }
    return parts.joined(separator: " · ")
  }

  /// How many more distinct approvers it needs before it is approved.
  public var approvalsMissing: Int { state == .submitted ? max(0, approvalsNeeded - approvals.count) : 0 }
}
