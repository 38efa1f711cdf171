/// The authorities outside FMS and FMF: presidential drawdown packages, USAI
/// contracts, excess defense articles, the notifications they need and what arrives.

/// A line as recorded in a package, contract or allocation.
public struct TransferLine: Codable, Sendable, Hashable {
  public var item: String
  public var quantity: Int
  public var value: Dollars
  /// Significant military equipment.
  public var sme: Bool?

  public init(item: String, quantity: Int, value: Dollars, sme: Bool? = nil) {
    self.item = item
    self.quantity = quantity
    self.value = value
    self.sme = sme
  }
}

extension Program {
  /// Adds a transfer whose lines are checked. A package or contract counts its value
  /// against the fiscal year's authority or appropriation, which must exist; an EDA
  /// allocation has none.
  mutating func addTransfer(_ t: Transfer, lines: [TransferLine]) throws(FoldError) {
    guard let expected = kind.transferKind, expected == t.kind else {
      throw FoldError(
        "\(id) is a \(kind.rawValue) program; a \(t.kind.title) belongs on a \(ProgramKind.allCases.first { $0.transferKind == t.kind }?.rawValue ?? "") program"
      )
    }
    guard !transfers.contains(where: { $0.id == t.id }) else {
      throw FoldError("\(t.kind.title) \(t.id) is already recorded on \(id)")
    }
    guard !lines.isEmpty else { throw FoldError("\(t.kind.title) \(t.id) has no articles") }
    var total = Dollars.zero
    for line in lines {
      guard line.quantity >= 1, line.value >= .zero else {
        throw FoldError("\(t.id) '\(line.item)': quantity must be 1 or more and value not negative")
      }
      total = try total.plus(line.value, "\(t.id) value")
    }
    if t.kind != .eda, !t.drawsOnAnnualCap {
      guard let i = funding.firstIndex(where: { $0.fiscalYear == t.fiscalYear }) else {
        throw FoldError(
          "\(id) has no FY\(t.fiscalYear) \(kind == .pda ? "drawdown authority" : "appropriation"); record funds.available first"
        )
      }
      funding[i].obligated = try funding[i].obligated.plus(total, "\(id) FY\(t.fiscalYear) obligated")
      if funding[i].firstObligation.map({ t.on < $0 }) ?? true { funding[i].firstObligation = t.on }
    }
    var transfer = t
    transfer.articles = lines.map {
      TransferArticle(item: $0.item, quantity: $0.quantity, value: $0.value, sme: $0.sme ?? false)
    }
    transfers.append(transfer)
  }
}

/// A presidential drawdown package: a determination under FAA §506, its articles and
/// their value against the fiscal year's drawdown authority.
public struct DrawdownPackageAnnounced: EventPayload {
  public static let type = "drawdown.package"
  public var program: String
  public var package: String
  public var title: String
  public var fiscalYear: Int
  public var determined: Day
  /// "FAA §506(a)(1)", with the law that raised the cap where one did.
  public var basis: String?
  public var articles: [TransferLine]
  /// The executed release-funds request that approved this use of the authority.
  public var request: String?
  public init(
    program: String, package: String, title: String, fiscalYear: Int, determined: Day, basis: String? = nil,
    articles: [TransferLine], request: String? = nil
  ) {
    self.request = request
    self.program = program
    self.package = package
    self.title = title
    self.fiscalYear = fiscalYear
    self.determined = determined
    self.basis = basis
    self.articles = articles
  }
  public var programID: String? { program }
  public var summary: String {
    let value = articles.reduce(Int64(0)) { $0 &+ $1.value.amount }
    return
      "drawdown package \(package) '\(title)' determined \(determined), FY\(fiscalYear), \(Dollars(value).compact)"
      + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      try prog.addTransfer(
        Transfer(
          id: package, kind: .drawdown, title: title, fiscalYear: fiscalYear, on: determined, basis: basis,
          articles: []), lines: articles)
    }
    if Transfer.drawsOnAnnualCap(kind: .drawdown, basis: basis) {
      p.annualDrawdown[fiscalYear, default: []].append(
        Portfolio.AnnualDraw(
          program: program, package: package, on: determined, value: articlesValue(articles)))
    }
  }

  /// A package on the annual cap changes what every drawdown program's alerts say.
  public func touch(in portfolio: Portfolio) -> Touch {
    Transfer.drawsOnAnnualCap(kind: .drawdown, basis: basis) ? .everything : .program(program)
  }
}

/// A USAI contract: DoD buys new production from industry for the partner, obligating
/// the fiscal year's appropriation.
public struct USAIContractAwarded: EventPayload {
  public static let type = "usai.contract"
  public var program: String
  public var contract: String
  public var title: String
  public var fiscalYear: Int
  public var awarded: Day
  public var vendor: String?
  public var articles: [TransferLine]
  /// The executed release-funds request that approved this obligation.
  public var request: String?
  public init(
    program: String, contract: String, title: String, fiscalYear: Int, awarded: Day, vendor: String? = nil,
    articles: [TransferLine], request: String? = nil
  ) {
    self.request = request
    self.program = program
    self.contract = contract
    self.title = title
    self.fiscalYear = fiscalYear
    self.awarded = awarded
    self.vendor = vendor
    self.articles = articles
  }
  public var programID: String? { program }
  public var summary: String {
    let value = articles.reduce(Int64(0)) { $0 &+ $1.value.amount }
    return
      "USAI contract \(contract) '\(title)' awarded \(awarded)\(vendor.map { " to \($0)" } ?? ""), FY\(fiscalYear), \(Dollars(value).compact)"
      + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      try prog.addTransfer(
        Transfer(
          id: contract, kind: .contract, title: title, fiscalYear: fiscalYear, on: awarded, basis: vendor,
          articles: []), lines: articles)
    }
  }
}

/// Excess defense articles allocated to the partner, by grant or sale, at their
/// original acquisition value (FAA §516).
public struct EDAAllocated: EventPayload {
  public static let type = "eda.allocated"
  public var program: String
  public var allocation: String
  public var title: String
  public var on: Day
  public var grant: Bool
  public var articles: [TransferLine]
  /// The executed `allocate-eda` request it carries out (docs/approvals.md).
  public var request: String?
  public init(
    program: String, allocation: String, title: String, on: Day, grant: Bool, articles: [TransferLine],
    request: String? = nil
  ) {
    self.program = program
    self.allocation = allocation
    self.title = title
    self.on = on
    self.grant = grant
    self.articles = articles
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String {
    let value = articles.reduce(Int64(0)) { $0 &+ $1.value.amount }
    return
      "EDA \(allocation) '\(title)' allocated \(on) by \(grant ? "grant" : "sale"), original value \(Dollars(value).compact)"
      + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      try prog.addTransfer(
        Transfer(
          id: allocation, kind: .eda, title: title, fiscalYear: on.fiscalYear, on: on, articles: [],
          grant: grant), lines: articles)
    }
  }
}

/// Articles of a package, contract or allocation arrive.
public struct TransferDelivered: EventPayload {
  public static let type = "transfer.delivered"
  public var program: String
  public var transfer: String
  public var item: String
  public var quantity: Int
  public var on: Day
  /// The executed `deliver` request it carries out (docs/approvals.md).
  public var request: String?
  public init(
    program: String, transfer: String, item: String, quantity: Int, on: Day, request: String? = nil
  ) {
    self.program = program
    self.transfer = transfer
    self.item = item
    self.quantity = quantity
    self.on = on
    self.request = request
  }
  public var programID: String? { program }
  public var summary: String {
    "\(transfer): \(quantity) × \(item) delivered \(on)" + requestNote(request, nil)
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard let t = prog.transfers.firstIndex(where: { $0.id == transfer }) else {
        throw FoldError("\(program) has no package, contract or allocation '\(transfer)'")
      }
      guard let a = prog.transfers[t].articles.firstIndex(where: { $0.item == item }) else {
        throw FoldError("\(transfer) has no article '\(item)'")
      }
      let article = prog.transfers[t].articles[a]
      guard quantity >= 1, article.delivered + quantity <= article.quantity else {
        throw FoldError(
          "\(transfer) '\(item)': \(quantity) more would make \(article.delivered + quantity) of \(article.quantity) delivered"
        )
      }
      prog.transfers[t].articles[a].delivered += quantity
      if prog.transfers[t].firstDelivery.map({ on < $0 }) ?? true { prog.transfers[t].firstDelivery = on }
      if prog.transfers[t].lastDelivery.map({ on > $0 }) ?? true { prog.transfers[t].lastDelivery = on }
    }
  }
}

/// Congress notified under the program's authority: a USAI obligation (with the
/// amount it covers), a §333 program before it starts, an EDA transfer before delivery.
/// FMS transmittals are `case.notified`.
public struct CongressNotified: EventPayload {
  public static let type = "authority.notified"
  public var program: String
  public var reference: String
  public var on: Day
  public var amount: Dollars?
  public var transfer: String?
  public init(program: String, reference: String, on: Day, amount: Dollars? = nil, transfer: String? = nil) {
    self.program = program
    self.reference = reference
    self.on = on
    self.amount = amount
    self.transfer = transfer
  }
  public var programID: String? { program }
  public var summary: String {
    "Congress notified \(on) (\(reference))" + (amount.map { ", \($0.compact)" } ?? "")
      + (transfer.map { " for \($0)" } ?? "")
  }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) { (prog: inout Program) throws(FoldError) in
      guard prog.kind != .fms else {
        throw FoldError("\(program) is an FMS program: its transmittal is recorded with case.notified")
      }
      if let transfer, !prog.transfers.contains(where: { $0.id == transfer }) {
        throw FoldError("\(program) has no package, contract or allocation '\(transfer)'")
      }
      prog.notices.append(Notice(reference: reference, on: on, amount: amount, transfer: transfer))
    }
  }
}

/// A component the program includes (for §333: the mandatory human-rights training).
public struct ComponentAdded: EventPayload {
  public static let type = "program.component"
  public var program: String
  public var component: ProgramComponent.Kind
  public var description: String
  public var on: Day
  public init(program: String, component: ProgramComponent.Kind, description: String, on: Day) {
    self.program = program
    self.component = component
    self.description = description
    self.on = on
  }
  public var programID: String? { program }
  public var summary: String { "\(component.title) added \(on): \(description)" }
  public func apply(to p: inout Portfolio, context: EventContext) throws(FoldError) {
    try p.updateProgram(program) {
      $0.components.append(ProgramComponent(kind: component, description: description, on: on))
    }
  }
}
