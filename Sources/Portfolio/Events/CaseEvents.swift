/// An LOR arrives and an FMS case opens on the program.
/// A line of an offered LOA re-priced without a change of scope: a modification,
/// unilateral [SAMM C6.7]. It changes the case's value, so the §36(b) rules see it (a
/// notified case grown past its notified values needs notice again).
public struct CaseModified: EventPayload {
  public static let type = "case.modified"
  public var program: String
  public var line: Int
  public var value: Dollars
  public var reason: String
  public init(program: String, line: Int, value: Dollars, reason: String) {
    self.program = program
    self.line = line
    self.value = value
    self.reason = reason
  }
  public var programID: String? { program }
  public var summary: String { "line \(line) modified to \(value.compact): \(reason)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    guard reason.hasVisibleText else { throw FoldError("a modification says why (the reason)") }
    guard value >= .zero else { throw FoldError("line values must not be negative") }
    try p.updateCase(program) { (c: inout FMSCase) throws(FoldError) in
      guard c.loaOffered != nil else {
        throw FoldError("case \(c.identifier) is not offered yet: restate its line instead (case.line)")
      }
      guard let i = c.lines.firstIndex(where: { $0.number == line }) else {
        throw FoldError("case \(c.identifier) has no line \(line); a new line is an amendment (case.line)")
      }
      c.changes.append(
        CaseChange(
          kind: .modification, line: line, from: c.lines[i].value, to: value, on: context.day, reason: reason)
      )
      c.lines[i].value = value
    }
  }
}

/// How an FMS case is paid: FMF of a named program (up to an amount) and the rest the
/// partner's national funds. Without it a case is taken as paid with national funds.
public struct CaseFinanced: EventPayload {
  public static let type = "case.financed"
  public var program: String
  /// The FMF program paying for it; nil: national funds only.
  public var fmfProgram: String?
  public var fmfAmount: Dollars?
  public init(program: String, fmfProgram: String?, fmfAmount: Dollars? = nil) {
    self.program = program
    self.fmfProgram = fmfProgram
    self.fmfAmount = fmfAmount
  }
  public var programID: String? { program }
  public var summary: String {
    guard let fmfProgram else { return "case paid with national funds" }
    return
      "case paid with FMF of \(fmfProgram) up to \((fmfAmount ?? .zero).compact), the rest national funds"
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let partner = try p.requireProgram(program).partner
    if let fmfProgram {
      guard let fmf = p.programs[fmfProgram], fmf.kind == .fmf else {
        throw FoldError("'\(fmfProgram)' is not an FMF program")
      }
      guard fmf.partner == partner else {
        throw FoldError("\(fmfProgram) is \(fmf.partner)'s FMF, not \(partner)'s")
      }
      guard let amount = fmfAmount, amount > .zero else {
        throw FoldError("a case paid with FMF names the amount (above $0)")
      }
    }
    try p.updateCase(program) { (c: inout FMSCase) throws(FoldError) in
      c.fmfProgram = fmfProgram
      c.fmfAmount = fmfProgram == nil ? nil : fmfAmount
    }
  }
}

/// The case's Anticipated Offer Date, as DSAMS sets it when the LOR is validated (and
/// as it is re-set): the day the LOA is due to be offered by.
public struct CaseAnticipatedOffer: EventPayload {
  public static let type = "case.aod"
  public var program: String
  public var on: Day
  public init(program: String, on: Day) {
    self.program = program
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String { "anticipated offer date \(on)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateCase(program) { (c: inout FMSCase) throws(FoldError) in
      guard on >= c.lorReceived else {
        throw FoldError("the anticipated offer date \(on) is before the LOR (\(c.lorReceived))")
      }
      c.anticipatedOffer = on
    }
  }
}

public struct CaseOpened: EventPayload {
  public static let type = "case.opened"
  public var program: String
  public var identifier: String
  public var caseType: CaseType
  public var training: Bool?
  public var buildingPartnerCapacity: Bool?
  public var lorReceived: Day
  public init(
    program: String, identifier: String, caseType: CaseType, training: Bool? = nil,
    buildingPartnerCapacity: Bool? = nil, lorReceived: Day
  ) {
    self.program = program
    self.identifier = identifier
    self.caseType = caseType
    self.training = training
    self.buildingPartnerCapacity = buildingPartnerCapacity
    self.lorReceived = lorReceived
  }
  public var programID: String? { program }
  public var summary: String { "case \(identifier) opened, LOR received \(lorReceived)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard prog.fmsCase == nil else {
        throw FoldError("\(program) already has case \(prog.fmsCase?.identifier ?? "")")
      }
      prog.fmsCase = FMSCase(
        identifier: identifier, type: caseType, training: training ?? false,
        buildingPartnerCapacity: buildingPartnerCapacity ?? false, lorReceived: lorReceived)
    }
  }
}

public struct CaseMilestoneReached: EventPayload {
  public static let type = "case.milestone"
  public var program: String
  public var milestone: CaseMilestone
  public var on: Day
  /// For `loa-offered`: the Offer Expiration Date; defaults from policy.
  public var offerExpiration: Day?
  /// For `loa-offered`: the executed offer-loa request it was approved by.
  public var request: String?
  public init(
    program: String, milestone: CaseMilestone, on: Day, offerExpiration: Day? = nil, request: String? = nil
  ) {
    self.program = program
    self.milestone = milestone
    self.on = on
    self.offerExpiration = offerExpiration
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String {
    "case \(milestone.title) \(on)" + (offerExpiration.map { ", OED \($0)" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let policy = p.policy
    try p.updateCase(program) { c in
      switch milestone {
      case .lorValidated: c.lorValidated = on
      case .loaOffered:
        c.loaOffered = on
        c.offerExpiration =
          offerExpiration
          ?? on.adding(
            days: c.buildingPartnerCapacity ? policy.offerExpirationBPCDays : policy.offerExpirationDays)
      case .accepted: c.accepted = on
      case .implemented: c.implemented = on
      case .supplyComplete: c.supplyComplete = on
      case .closed: c.closed = on
      }
    }
  }
}

public struct CaseLineAdded: EventPayload {
  public static let type = "case.line"
  public var program: String
  public var line: CaseLine
  /// After the LOA is offered, a line is an amendment: the executed `offer-loa`
  /// request it carries out (docs/approvals.md).
  public var request: String?
  public init(program: String, line: CaseLine, request: String? = nil) {
    self.program = program
    self.line = line
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String {
    "line \(line.number): \(line.quantity) × \(line.description), \(line.usml)\(line.mde ? " MDE" : ""), \(line.value.compact)"
      + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let existing = p.position(of: String(line.number), in: .caseLines, ofProgram: program)
    try p.updateCase(program) { (c: inout FMSCase) throws(FoldError) in
      guard line.value >= .zero, line.quantity >= 0 else {
        throw FoldError("line values must not be negative")
      }
      // After the offer, a line added or restated is an amendment: kept as one.
      if c.loaOffered != nil {
        c.changes.append(
          CaseChange(
            kind: .amendment, line: line.number, from: existing.map { c.lines[$0].value }, to: line.value,
            on: context.day, reason: request.map { "request \($0)" }))
      }
      if let i = existing {
        c.lines[i] = line  // an amendment restates the line
      } else {
        c.lines.append(line)
      }
    }
    if existing == nil { p.appended(.caseLines, program: program) }
  }
}

/// A §36(b) transmittal delivered to Congress for this case.
public struct CaseNotified: EventPayload {
  public static let type = "case.notified"
  public var program: String
  public var transmittal: String
  public var delivered: Day
  public init(program: String, transmittal: String, delivered: Day) {
    self.program = program
    self.transmittal = transmittal
    self.delivered = delivered
  }
  public var programID: String? { program }
  public var summary: String { "§36(b) transmittal \(transmittal) delivered \(delivered)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    let prog = try p.requireProgram(program)
    guard let partner = p.partners[prog.partner] else { throw FoldError("no partner '\(prog.partner)'") }
    let days = p.policy.notification(for: partner.tier).reviewDays
    try p.updateCase(program) {
      $0.notification = Notification(
        transmittal: transmittal, delivered: delivered, reviewDays: days, notifiedMDE: $0.mdeValue,
        notifiedTotal: $0.value)
    }
  }
}

/// Informal (tiered) review with the foreign-affairs committees begins, before the
/// formal §36(b) transmittal.
public struct CaseInformalReviewStarted: EventPayload {
  public static let type = "case.review"
  public var program: String
  public var on: Day
  public init(program: String, on: Day) {
    self.program = program
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String { "informal tiered review began \(on)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateCase(program) { (c: inout FMSCase) throws(FoldError) in
      guard c.notification == nil else {
        throw FoldError("case \(c.identifier) is formally notified already; informal review comes before")
      }
      c.informalReview = on
    }
  }
}
