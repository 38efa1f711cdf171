/// Foreign Military Sales case types (SAMM).
public enum CaseType: String, Codable, Sendable, CaseIterable {
  case definedOrder = "defined-order"
  case blanketOrder = "blanket-order"
  case clssa = "CLSSA"
}

/// The milestones of an FMS case after the LOR, in lifecycle order.
public enum CaseMilestone: String, Codable, Sendable, CaseIterable {
  case lorValidated = "lor-validated"
  case loaOffered = "loa-offered"
  case accepted = "accepted"
  case implemented = "implemented"
  case supplyComplete = "supply-complete"
  case closed = "closed"

  public var title: String {
    switch self {
    case .lorValidated: return "LOR validated"
    case .loaOffered: return "LOA offered"
    case .accepted: return "LOA accepted"
    case .implemented: return "implemented"
    case .supplyComplete: return "supply/services complete"
    case .closed: return "closed"
    }
  }
}

/// A USML category, I–XXI (22 CFR 121.1).
public struct USMLCategory: Hashable, Sendable, Codable, CustomStringConvertible {
  public var number: Int

  public init?(_ number: Int) {
    guard (1...21).contains(number) else { return nil }
    self.number = number
  }

  private init(unchecked number: Int) { self.number = number }

  /// Category XXI, Articles Not Otherwise Enumerated.
  public static let notOtherwiseEnumerated = USMLCategory(unchecked: 21)

  public static let titles = [
    "Firearms", "Guns and Armament", "Ammunition and Ordnance",
    "Launch Vehicles, Guided Missiles, Ballistic Missiles, Rockets, Torpedoes, Bombs, Mines",
    "Explosives and Energetic Materials", "Surface Vessels of War", "Ground Vehicles", "Aircraft",
    "Military Training Equipment and Training", "Personal Protective Equipment", "Military Electronics",
    "Fire Control, Laser, Imaging, Guidance", "Materials and Miscellaneous", "Toxicological Agents",
    "Spacecraft", "Nuclear Weapons Related", "Classified Articles", "Directed Energy Weapons",
    "Gas Turbine Engines", "Submersible Vessels", "Articles Not Otherwise Enumerated",
  ]

  public var roman: String {
    let numerals = [
      "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
      "XVII", "XVIII", "XIX", "XX", "XXI",
    ]
    return numerals[number - 1]
  }

  public var title: String { USMLCategory.titles[number - 1] }
  public var description: String { "Cat \(roman)" }

  public init(from decoder: any Decoder) throws {
    let n = try decoder.singleValueContainer().decode(Int.self)
    guard let category = USMLCategory(n) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "USML category \(n) is not in I–XXI"))
    }
    self = category
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(number)
  }
}

/// A change to an offered LOA: an amendment (a line added or restated: scope, accepted
/// by the purchaser, approved by an offer-loa request) or a modification (a line
/// re-priced without a change of scope: unilateral) [SAMM C6.7].
public struct CaseChange: Codable, Sendable, Hashable {
  public enum Kind: String, Codable, Sendable { case amendment, modification }
  public var kind: Kind
  public var line: Int
  /// The line's value before (nil: a new line) and after.
  public var from: Dollars?
  public var to: Dollars
  public var on: Day
  public var reason: String?

  public init(kind: Kind, line: Int, from: Dollars?, to: Dollars, on: Day, reason: String? = nil) {
    self.kind = kind
    self.line = line
    self.from = from
    self.to = to
    self.on = on
    self.reason = reason
  }
}

/// One line of an LOA.
public struct CaseLine: Codable, Sendable, Hashable {
  public var number: Int
  public var description: String
  public var usml: USMLCategory
  /// Major Defense Equipment (22 USC 2794(6)).
  public var mde: Bool
  /// Design and construction services, which have their own §36(b) threshold.
  public var designAndConstruction: Bool
  public var quantity: Int
  public var value: Dollars

  public init(
    number: Int, description: String, usml: USMLCategory, mde: Bool, designAndConstruction: Bool = false,
    quantity: Int, value: Dollars
  ) {
    self.number = number
    self.description = description
    self.usml = usml
    self.mde = mde
    self.designAndConstruction = designAndConstruction
    self.quantity = quantity
    self.value = value
  }
}

/// A §36(b) congressional notification (transmittal).
public struct Notification: Codable, Sendable, Hashable {
  public var transmittal: String
  public var delivered: Day
  /// Formal review days that applied, from the partner's tier at delivery.
  public var reviewDays: Int

  /// The case's values as notified (MDE, and the total), so that growth past them is
  /// seen (AECA §36(b)(5)(C)). Nil in records folded before they were kept.
  public var notifiedMDE: Dollars?
  public var notifiedTotal: Dollars?

  public init(
    transmittal: String, delivered: Day, reviewDays: Int, notifiedMDE: Dollars? = nil,
    notifiedTotal: Dollars? = nil
  ) {
    self.transmittal = transmittal
    self.delivered = delivered
    self.reviewDays = reviewDays
    self.notifiedMDE = notifiedMDE
    self.notifiedTotal = notifiedTotal
  }

  /// First day on which the formal review period has run and the LOA may be offered.
  public var reviewEnds: Day { delivered.adding(days: reviewDays) }
}

/// An FMS case: LOR to closure.
public struct FMSCase: Codable, Sendable, Hashable {
  /// Case identifier, e.g. `PL-B-ZAH`.
  public var identifier: String
  public var type: CaseType
  /// Training cases close on a longer target (36 months).
  public var training: Bool
  /// Building Partner Capacity cases have a 30-day offer expiration.
  public var buildingPartnerCapacity: Bool
  public var lorReceived: Day
  public var lorValidated: Day?
  public var loaOffered: Day?
  public var offerExpiration: Day?
  public var accepted: Day?
  public var implemented: Day?
  public var supplyComplete: Day?
  public var closed: Day?
  public var lines: [CaseLine]
  /// The day informal (tiered) review with the committees began, before formal notice.
  public var informalReview: Day?
  public var notification: Notification?
  /// How the case is paid: up to `fmfAmount` from the FMF program `fmfProgram`, the rest
  /// the partner's national funds (nil: not recorded, taken as national funds).
  public var fmfProgram: String?
  public var fmfAmount: Dollars?
  /// The Anticipated Offer Date (DSAMS): the LOA is due to be offered by it (DSCA 11-46).
  public var anticipatedOffer: Day?
  /// Amendments and modifications since the offer, in order.
  public var changes: [CaseChange] = []

  public init(
    identifier: String, type: CaseType, training: Bool = false, buildingPartnerCapacity: Bool = false,
    lorReceived: Day
  ) {
    self.identifier = identifier
    self.type = type
    self.training = training
    self.buildingPartnerCapacity = buildingPartnerCapacity
    self.lorReceived = lorReceived
    self.lines = []
  }

  public var value: Dollars { lines.reduce(.zero) { $0 + $1.value } }
  /// Whether the LOA was offered on or before its Anticipated Offer Date; nil until both
  /// are known.
  public var offeredOnTime: Bool? {
    guard let aod = anticipatedOffer, let offered = loaOffered else { return nil }
    return offered <= aod
  }

  /// The part of the case paid with FMF: already counted as the FMF program's money, so
  /// a partner's value counts it once.
  public var fmfFinanced: Dollars { fmfProgram == nil ? .zero : min(fmfAmount ?? .zero, value) }
  public var mdeValue: Dollars { lines.filter(\.mde).reduce(.zero) { $0 + $1.value } }
  /// USML Category I (firearms) lines, which have their own $1M threshold (§36(c)).
  public var firearmsValue: Dollars { lines.filter { $0.usml.number == 1 }.reduce(.zero) { $0 + $1.value } }

  public var designAndConstructionValue: Dollars {
    lines.filter(\.designAndConstruction).reduce(.zero) { $0 + $1.value }
  }

  public func date(of milestone: CaseMilestone) -> Day? {
    switch milestone {
    case .lorValidated: return lorValidated
    case .loaOffered: return loaOffered
    case .accepted: return accepted
    case .implemented: return implemented
    case .supplyComplete: return supplyComplete
    case .closed: return closed
    }
  }

  /// The furthest milestone reached, as a short stage name.
  public var stage: String {
    for m in CaseMilestone.allCases.reversed() where date(of: m) != nil { return m.title }
    return "LOR received"
  }
}
