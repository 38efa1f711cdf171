import Portfolio

/// The demo's partners: real countries, real regions and §36(b) tiers.
enum DemoPartners {
  static let all: [(code: String, name: String, region: Region, tier: NotificationTier)] = [
    // Europe/NATO
    ("PL", "Poland", .europe, .natoPlus5), ("DE", "Germany", .europe, .natoPlus5),
    ("RO", "Romania", .europe, .natoPlus5), ("EE", "Estonia", .europe, .natoPlus5),
    ("LV", "Latvia", .europe, .natoPlus5), ("LT", "Lithuania", .europe, .natoPlus5),
    ("BG", "Bulgaria", .europe, .natoPlus5), ("SK", "Slovakia", .europe, .natoPlus5),
    ("CZ", "Czechia", .europe, .natoPlus5), ("GR", "Greece", .europe, .natoPlus5),
    ("NO", "Norway", .europe, .natoPlus5), ("FI", "Finland", .europe, .natoPlus5),
    ("HR", "Croatia", .europe, .natoPlus5), ("MK", "North Macedonia", .europe, .natoPlus5),
    ("GE", "Georgia", .europe, .other), ("MD", "Moldova", .europe, .other),
    ("BA", "Bosnia and Herzegovina", .europe, .other), ("XK", "Kosovo", .europe, .other),
    // Indo-Pacific
    ("JP", "Japan", .indoPacific, .natoPlus5), ("AU", "Australia", .indoPacific, .natoPlus5),
    ("KR", "South Korea", .indoPacific, .natoPlus5), ("NZ", "New Zealand", .indoPacific, .natoPlus5),
    ("TW", "Taiwan", .indoPacific, .other), ("PH", "Philippines", .indoPacific, .other),
    ("VN", "Vietnam", .indoPacific, .other), ("ID", "Indonesia", .indoPacific, .other),
    ("MY", "Malaysia", .indoPacific, .other), ("TH", "Thailand", .indoPacific, .other),
    ("IN", "India", .indoPacific, .other), ("MN", "Mongolia", .indoPacific, .other),
    ("LK", "Sri Lanka", .indoPacific, .other), ("FJ", "Fiji", .indoPacific, .other),
    ("MM", "Myanmar", .indoPacific, .other),
    // Middle East/Africa
    ("IL", "Israel", .middleEastAfrica, .natoPlus5), ("EG", "Egypt", .middleEastAfrica, .other),
    ("JO", "Jordan", .middleEastAfrica, .other), ("LB", "Lebanon", .middleEastAfrica, .other),
    ("TN", "Tunisia", .middleEastAfrica, .other), ("MA", "Morocco", .middleEastAfrica, .other),
    ("IQ", "Iraq", .middleEastAfrica, .other), ("BH", "Bahrain", .middleEastAfrica, .other),
    ("KE", "Kenya", .middleEastAfrica, .other), ("NG", "Nigeria", .middleEastAfrica, .other),
    ("GH", "Ghana", .middleEastAfrica, .other), ("SN", "Senegal", .middleEastAfrica, .other),
    ("NE", "Niger", .middleEastAfrica, .other), ("DJ", "Djibouti", .middleEastAfrica, .other),
    ("SO", "Somalia", .middleEastAfrica, .other), ("ZW", "Zimbabwe", .middleEastAfrica, .other),
    // Ukraine
    ("UA", "Ukraine", .ukraine, .other),
  ]

  /// Partners that buy through FMS with their own money and receive no FMF, and
  /// partners whose FMF is among the real figures (nothing generated on top).
  static let noFMF: Set<String> = [
    "JP", "AU", "DE", "NO", "NZ", "IN", "KR", "FI", "IL", "EG", "JO", "TW", "PL", "UA",
  ]

  /// Partners that receive no grant training or security-sector reform assistance
  /// (high-income partners that buy their own: no IMET, no SSR program is generated).
  static let noGrantTraining: Set<String> = ["JP", "AU", "KR", "NZ", "DE", "NO", "FI", "IL", "TW"]

  /// Small FMF recipients: a few million a year, not tens.
  static let smallFMF: Set<String> = ["FJ", "MN", "DJ", "SN", "MD", "XK", "BA", "MK", "LK"]
}
