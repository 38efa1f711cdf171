/// How articles reach a partner outside an FMS case: a drawdown package from DoD
/// stocks, a USAI contract with industry, or an allocation of excess defense articles.
public enum TransferKind: String, Codable, Sendable, CaseIterable {
  case drawdown = "package"
  case contract = "contract"
  case eda = "allocation"

  public var title: String {
    switch self {
    case .drawdown: return "drawdown package"
    case .contract: return "USAI contract"
    case .eda: return "EDA allocation"
    }
  }
}

/// One line of a transfer: what, how many, its value, and how many have arrived.
public struct TransferArticle: Codable, Sendable, Hashable {
  public var item: String
  public var quantity: Int
  /// The line's value: against the drawdown authority, the contract, or (EDA) the
  /// original acquisition value the notification threshold is judged on.
  public var value: Dollars
  /// Significant military equipment (EDA notification; MDE for the others).
  public var sme: Bool
  public var delivered: Int

  public init(item: String, quantity: Int, value: Dollars, sme: Bool = false, delivered: Int = 0) {
    self.item = item
    self.quantity = quantity
    self.value = value
    self.sme = sme
    self.delivered = delivered
  }

  /// The value of what has arrived, pro rata by quantity.
  public var deliveredValue: Dollars {
    guard quantity > 0 else { return .zero }
    return Dollars(Int64((Double(value.amount) * Double(delivered) / Double(quantity)).rounded()))
  }
}

/// A drawdown package, a USAI contract or an EDA allocation on a program.
public struct Transfer: Codable, Sendable, Hashable, Identifiable {
  /// Whether a drawdown package draws on FAA §506(a)(1)'s annual cap, one figure for
  /// every partner (`drawdown.annual.amount`), rather than on an authority a law gave
  /// the program (its basis cites the act: "FAA §506(a)(1), P.L. 117-103").
  public static func drawsOnAnnualCap(kind: TransferKind, basis: String?) -> Bool {
    kind == .drawdown && !(basis ?? "").contains("P.L.")
  }
  public var drawsOnAnnualCap: Bool { Self.drawsOnAnnualCap(kind: kind, basis: basis) }

  public var id: String
  public var kind: TransferKind
  public var title: String
  /// The fiscal year whose authority or appropriation it counts against (EDA: the
  /// year of the allocation).
  public var fiscalYear: Int
  /// Presidential determination, contract award, or allocation day.
  public var on: Day
  /// Legal basis as cited ("FAA §506(a)(1)", "P.L. 118-50"), or the vendor of a contract.
  public var basis: String?
  public var articles: [TransferArticle]
  /// EDA only: a grant (no charge; the recipient pays transport) or a sale.
  public var grant: Bool?
  /// The day of the first and of the latest delivery.
  public var firstDelivery: Day?
  public var lastDelivery: Day?

  public init(
    id: String, kind: TransferKind, title: String, fiscalYear: Int, on: Day, basis: String? = nil,
    articles: [TransferArticle], grant: Bool? = nil
  ) {
    self.id = id
    self.kind = kind
    self.title = title
    self.fiscalYear = fiscalYear
    self.on = on
    self.basis = basis
    self.articles = articles
    self.grant = grant
  }

  public var value: Dollars { articles.reduce(.zero) { $0 + $1.value } }
  public var deliveredValue: Dollars { articles.reduce(.zero) { $0 + $1.deliveredValue } }
  public var isDelivered: Bool { articles.allSatisfy { $0.delivered >= $0.quantity } }
  public var hasSME: Bool { articles.contains { $0.sme } }
}

/// A notification to Congress under a program's authority: before a USAI obligation,
/// before a §333 program starts, before an EDA delivery.
public struct Notice: Codable, Sendable, Hashable {
  public var reference: String
  public var on: Day
  /// The amount notified (USAI: obligations it covers).
  public var amount: Dollars?
  /// The transfer it notifies (EDA), when it names one.
  public var transfer: String?

  public init(reference: String, on: Day, amount: Dollars? = nil, transfer: String? = nil) {
    self.reference = reference
    self.on = on
    self.amount = amount
    self.transfer = transfer
  }
}

/// A component a program includes. §333 programs must include human-rights and
/// law-of-armed-conflict training (10 USC 333(c)).
public struct ProgramComponent: Codable, Sendable, Hashable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case humanRights = "human-rights"
    case lawOfArmedConflict = "law-of-armed-conflict"
    case institutionalCapacity = "institutional-capacity"
    case equipment
    case training

    public var title: String {
      switch self {
      case .humanRights: return "human-rights training"
      case .lawOfArmedConflict: return "law-of-armed-conflict training"
      case .institutionalCapacity: return "institutional capacity building"
      case .equipment: return "equipment"
      case .training: return "training"
      }
    }
  }

  public var kind: Kind
  public var description: String
  public var on: Day

  public init(kind: Kind, description: String, on: Day) {
    self.kind = kind
    self.description = description
    self.on = on
  }
}
