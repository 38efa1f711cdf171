/// The four regions a desk officer's portfolio is split into, in pane order.
public enum Region: String, CaseIterable, Codable, Sendable, Hashable {
  case europe = "europe"
  case indoPacific = "indo-pacific"
  case middleEastAfrica = "middle-east-africa"
  case ukraine = "ukraine"

  public var title: String {
    switch self {
    case .europe: return "Europe/NATO"
    case .indoPacific: return "Indo-Pacific"
    case .middleEastAfrica: return "Middle East/Africa"
    case .ukraine: return "Ukraine"
    }
  }

  /// Accepts the raw value, the title, or a loose spelling (`europe-nato`, `mea`).
  public init?(loose text: String) {
    let t = text.lowercased().filter { $0.isLetter }
    switch t {
    case "europe", "europenato", "nato", "eur": self = .europe
    case "indopacific", "indopac", "pacific", "asia": self = .indoPacific
    case "middleeastafrica", "middleeast", "mea", "africa", "mideast": self = .middleEastAfrica
    case "ukraine", "ua": self = .ukraine
    default: return nil
    }
  }
}
