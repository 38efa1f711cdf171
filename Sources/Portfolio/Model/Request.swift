/// Roles in the roster (PRODUCT.md, approval workflow).
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
  case viewer, officer, approver, admin

  private var rank: Int {
    switch self {
    case .viewer: return 0
    case .officer: return 1
    case .approver: return 2
    case .admin: return 3
    }
  }
  public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// A user's role, optionally limited to some regions (empty = all).
public struct RoleGrant: Codable, Sendable, Hashable {
  public var user: String
  public var role: Role
  public var regions: [Region]

  public init(user: String, role: Role, regions: [Region] = []) {
    self.user = user
    self.role = role
    self.regions = regions
  }

  public func covers(_ region: Region) -> Bool { regions.isEmpty || regions.contains(region) }
}

/// What a request asks for.
public enum RequestKind: String, Codable, Sendable, CaseIterable {
  case releaseFunds = "release-funds"
  case offerLOA = "offer-loa"
  case enrollStudents = "enroll-students"
  case deliverEquipment = "deliver-equipment"
  case extendSunset = "extend-sunset"

  public var title: String {
    switch self {
    case .releaseFunds: return "Release FMF funds"
    case .offerLOA: return "Offer LOA"
    case .enrollStudents: return "Enroll IMET students"
    case .deliverEquipment: return "Deliver equipment"
    case .extendSunset: return "Extend past sunset"
    }
  }
}

/// Where a request stands: draft → submitted → approved / rejected / returned → executed.
public enum RequestState: String, Codable, Sendable, CaseIterable {
  case draft, submitted, approved, rejected, returned, executed

  public var isPending: Bool { self == .submitted }
}

/// One step taken on a request, with who and why.
public struct RequestStep: Codable, Sendable, Hashable {
  public var state: RequestState
  public var by: String
  public var on: Day
  public var reason: String?
}

/// An approval request on a program.
public struct Request: Codable, Sendable, Hashable, Identifiable {
  public var id: String
  public var program: String
  public var kind: RequestKind
  public var amount: Dollars
  public var fiscalYear: Int?
  public var unit: String?
  public var summary: String
  public var requester: String
  public var raised: Day
  public var state: RequestState
  public var approvals: [String]
  public var steps: [RequestStep]

  public init(
    id: String, program: String, kind: RequestKind, amount: Dollars, fiscalYear: Int? = nil,
    unit: String? = nil,
    summary: String, requester: String, raised: Day
  ) {
    self.id = id
    self.program = program
    self.kind = kind
    self.amount = amount
    self.fiscalYear = fiscalYear
    self.unit = unit
    self.summary = summary
    self.requester = requester
    self.raised = raised
    self.state = .draft
    self.approvals = []
    self.steps = []
  }

  /// Day it was last submitted (the age of a pending request runs from here).
  public var submitted: Day? { steps.last { $0.state == .submitted }?.on }
}
