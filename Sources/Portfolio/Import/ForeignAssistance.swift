/// What sapm knows to read ForeignAssistance.gov's complete CSV: which countries are
/// partners in which region, and which funding accounts are security assistance
/// (REFERENCE.md; docs/import.md). Data, not code: a new account or country is a line.
public enum ForeignAssistance {
  /// A country: its ISO alpha-2 code (partners are keyed by it), name, region (nil:
  /// outside sapm's four regions, reported by an import) and §36(b) tier.
  public struct Country: Sendable, Hashable {
    public var alpha2: String
    public var alpha3: String
    public var name: String
    public var region: Region?
    public var tier: NotificationTier
  }

  /// `ALPHA3 ALPHA2 R[+] Name`: R is E (Europe/NATO), I (Indo-Pacific), M (Middle
  /// East/Africa), U (Ukraine) or O (outside the four); + marks NATO+5 (§36(b)). Every
  /// ISO 3166-1 code is here (the last lines: territories and the rest, outside the four
  /// regions), and Kosovo's XKX as the published files write it: a real file's valid
  /// code never stops an import (`ForeignAssistanceTableTests` holds the list whole).
  static let table = """
    ALB AL E+ Albania|AND AD E Andorra|AUT AT E Austria|BLR BY E Belarus|BEL BE E+ Belgium
    BIH BA E Bosnia and Herzegovina|BGR BG E+ Bulgaria|HRV HR E+ Croatia|CYP CY E Cyprus|CZE CZ E+ Czechia
    DNK DK E+ Denmark|EST EE E+ Estonia|FIN FI E+ Finland|FRA FR E+ France|GEO GE E Georgia|DEU DE E+ Germany
    GRC GR E+ Greece|HUN HU E+ Hungary|ISL IS E+ Iceland|IRL IE E Ireland|ITA IT E+ Italy|XKX XK E Kosovo
    LVA LV E+ Latvia|LIE LI E Liechtenstein|LTU LT E+ Lithuania|LUX LU E+ Luxembourg|MLT MT E Malta
    MDA MD E Moldova|MCO MC E Monaco|MNE ME E+ Montenegro|NLD NL E+ Netherlands|MKD MK E+ North Macedonia
    NOR NO E+ Norway|POL PL E+ Poland|PRT PT E+ Portugal|ROU RO E+ Romania|RUS RU E Russia|SMR SM E San Marino
    SRB RS E Serbia|SVK SK E+ Slovakia|SVN SI E+ Slovenia|ESP ES E+ Spain|SWE SE E+ Sweden|CHE CH E Switzerland
    GBR GB E+ United Kingdom|ARM AM E Armenia|AZE AZ E Azerbaijan|TUR TR E+ Turkey|CAN CA O+ Canada
    UKR UA U Ukraine
    AUS AU I+ Australia|BGD BD I Bangladesh|BTN BT I Bhutan|BRN BN I Brunei|KHM KH I Cambodia|CHN CN I China
    FJI FJ I Fiji|IND IN I India|IDN ID I Indonesia|JPN JP I+ Japan|KIR KI I Kiribati|PRK KP I North Korea
    KOR KR I+ South Korea|LAO LA I Laos|MYS MY I Malaysia|MDV MV I Maldives|MHL MH I Marshall Islands
    FSM FM I Micronesia|MNG MN I Mongolia|MMR MM I Burma (Myanmar)|NRU NR I Nauru|NPL NP I Nepal
    NZL NZ I+ New Zealand|PLW PW I Palau|PNG PG I Papua New Guinea|PHL PH I Philippines|WSM WS I Samoa
    SGP SG I Singapore|SLB SB I Solomon Islands|LKA LK I Sri Lanka|TWN TW I Taiwan|THA TH I Thailand
    TLS TL I Timor-Leste|TON TO I Tonga|TUV TV I Tuvalu|VUT VU I Vanuatu|VNM VN I Vietnam
    DZA DZ M Algeria|BHR BH M Bahrain|EGY EG M Egypt|IRN IR M Iran|IRQ IQ M Iraq|ISR IL M+ Israel|JOR JO M Jordan
    KWT KW M Kuwait|LBN LB M Lebanon|LBY LY M Libya|MAR MA M Morocco|OMN OM M Oman|PSE PS M West Bank and Gaza
    QAT QA M Qatar|SAU SA M Saudi Arabia|SYR SY M Syria|TUN TN M Tunisia|ARE AE M United Arab Emirates
    YEM YE M Yemen|AFG AF M Afghanistan|PAK PK M Pakistan|KAZ KZ M Kazakhstan|KGZ KG M Kyrgyzstan
    TJK TJ M Tajikistan|TKM TM M Turkmenistan|UZB UZ M Uzbekistan
    AGO AO M Angola|BEN BJ M Benin|BWA BW M Botswana|BFA BF M Burkina Faso|BDI BI M Burundi|CPV CV M Cabo Verde
    CMR CM M Cameroon|CAF CF M Central African Republic|TCD TD M Chad|COM KM M Comoros
    COD CD M Democratic Republic of the Congo|COG CG M Republic of the Congo|CIV CI M Cote d'Ivoire
    DJI DJ M Djibouti|GNQ GQ M Equatorial Guinea|ERI ER M Eritrea|SWZ SZ M Eswatini|ETH ET M Ethiopia
    GAB GA M Gabon|GMB GM M The Gambia|GHA GH M Ghana|GIN GN M Guinea|GNB GW M Guinea-Bissau|KEN KE M Kenya
    LSO LS M Lesotho|LBR LR M Liberia|MDG MG M Madagascar|MWI MW M Malawi|MLI ML M Mali|MRT MR M Mauritania
    MUS MU M Mauritius|MOZ MZ M Mozambique|NAM NA M Namibia|NER NE M Niger|NGA NG M Nigeria|RWA RW M Rwanda
    STP ST M Sao Tome and Principe|SEN SN M Senegal|SYC SC M Seychelles|SLE SL M Sierra Leone|SOM SO M Somalia
    ZAF ZA M South Africa|SSD SS M South Sudan|SDN SD M Sudan|TZA TZ M Tanzania|TGO TG M Togo|UGA UG M Uganda
    ZMB ZM M Zambia|ZWE ZW M Zimbabwe
    ARG AR O Argentina|BHS BS O Bahamas|BRB BB O Barbados|BLZ BZ O Belize|BOL BO O Bolivia|BRA BR O Brazil
    CHL CL O Chile|COL CO O Colombia|CRI CR O Costa Rica|CUB CU O Cuba|DMA DM O Dominica|DOM DO O Dominican Republic
    ECU EC O Ecuador|SLV SV O El Salvador|GRD GD O Grenada|GTM GT O Guatemala|GUY GY O Guyana|HTI HT O Haiti
    HND HN O Honduras|JAM JM O Jamaica|MEX MX O Mexico|NIC NI O Nicaragua|PAN PA O Panama|PRY PY O Paraguay
    PER PE O Peru|KNA KN O Saint Kitts and Nevis|LCA LC O Saint Lucia|VCT VC O Saint Vincent and the Grenadines
    SUR SR O Suriname|TTO TT O Trinidad and Tobago|URY UY O Uruguay|VEN VE O Venezuela
    ABW AW O Aruba|AIA AI O Anguilla|ALA AX O Åland Islands|ASM AS O American Samoa|ATA AQ O Antarctica
    ATF TF O French Southern Territories|ATG AG O Antigua and Barbuda
    BES BQ O Bonaire, Sint Eustatius and Saba|BLM BL O Saint Barthélemy|BMU BM O Bermuda
    BVT BV O Bouvet Island|CCK CC O Cocos (Keeling) Islands|COK CK O Cook Islands|CUW CW O Curaçao
    CXR CX O Christmas Island|CYM KY O Cayman Islands|ESH EH O Western Sahara
    FLK FK O Falkland Islands (Malvinas)|FRO FO O Faroe Islands|GGY GG O Guernsey|GIB GI O Gibraltar
    GLP GP O Guadeloupe|GRL GL O Greenland|GUF GF O French Guiana|GUM GU O Guam|HKG HK O Hong Kong
    HMD HM O Heard Island and McDonald Islands|IMN IM O Isle of Man
    IOT IO O British Indian Ocean Territory|JEY JE O Jersey|MAC MO O Macao
    MAF MF O Saint Martin (French part)|MNP MP O Northern Mariana Islands|MSR MS O Montserrat
    MTQ MQ O Martinique|MYT YT O Mayotte|NCL NC O New Caledonia|NFK NF O Norfolk Island|NIU NU O Niue
    PCN PN O Pitcairn|PRI PR O Puerto Rico|PYF PF O French Polynesia|REU RE O Réunion
    SGS GS O South Georgia and the South Sandwich Islands
    SHN SH O Saint Helena, Ascension and Tristan da Cunha|SJM SJ O Svalbard and Jan Mayen
    SPM PM O Saint Pierre and Miquelon|SXM SX O Sint Maarten (Dutch part)
    TCA TC O Turks and Caicos Islands|TKL TK O Tokelau|UMI UM O United States Minor Outlying Islands
    USA US O United States|VAT VA O Holy See (Vatican City State)|VGB VG O Virgin Islands, British
    VIR VI O Virgin Islands, U.S.|WLF WF O Wallis and Futuna
    """

  /// Every country, by alpha-3 and by alpha-2 (the published files use alpha-3;
  /// alpha-2 is accepted too: JOR and JO are one partner).
  public static let countries: [String: Country] = {
    var out: [String: Country] = [:]
    for entry in table.split(whereSeparator: { $0 == "|" || $0 == "\n" }) {
      let parts = entry.split(separator: " ", maxSplits: 3).map(String.init)
      guard parts.count == 4, let r = parts[2].first else { continue }
      let region: Region? =
        r == "E"
        ? .europe : r == "I" ? .indoPacific : r == "M" ? .middleEastAfrica : r == "U" ? .ukraine : nil
      let c = Country(
        alpha2: parts[1], alpha3: parts[0], name: parts[3], region: region,
        tier: parts[2].hasSuffix("+") ? .natoPlus5 : .other)
      out[c.alpha3] = c
      out[c.alpha2] = c
    }
    return out
  }()

  public static func country(_ code: String) -> Country? {
    countries[code.uppercased()]
  }

  /// A security-assistance funding account: how its name reads (lowercased, a
  /// fragment), the program kind it becomes, and a short name for titles.
  public struct Account: Sendable, Hashable {
    public var fragment: String
    public var kind: ProgramKind
    public var short: String
  }

  /// The accounts an import takes by default; every other account is counted and
  /// reported by name.
  public static let accounts: [Account] = [
    Account(fragment: "foreign military financing", kind: .fmf, short: "FMF"),
    Account(fragment: "international military education and training", kind: .imet, short: "IMET"),
    Account(fragment: "peacekeeping operations", kind: .securityCooperation, short: "PKO"),
    Account(
      fragment: "nonproliferation, anti-terrorism, demining", kind: .securityCooperation, short: "NADR"),
    Account(fragment: "international narcotics control and law enforcement", kind: .ssr, short: "INCLE"),
    Account(fragment: "ukraine security assistance initiative", kind: .usai, short: "USAI"),
    Account(fragment: "counterterrorism partnerships fund", kind: .securityCooperation, short: "CTPF"),
    Account(fragment: "global security contingency fund", kind: .securityCooperation, short: "GSCF"),
    Account(fragment: "afghanistan security forces fund", kind: .securityCooperation, short: "ASFF"),
    Account(fragment: "train and equip fund", kind: .securityCooperation, short: "CTEF"),
    Account(fragment: "defense security cooperation agency", kind: .securityCooperation, short: "§333"),
  ]

  /// The funding account a program's ID names (`PL-NADR-PO-0113-001` → NADR), for an
  /// imported program: several accounts share a kind (NADR, PKO and CTPF are all
  /// security cooperation), and a desk officer reads them by account. Nil for any other ID.
  public static func account(ofProgram id: String) -> String? {
    let parts = id.split(separator: "-", maxSplits: 2)
    guard parts.count == 3 else { return nil }
    return accounts.first { $0.short == parts[1] }?.short
  }

  public static func account(named name: String) -> Account? {
    let lower = name.lowercased()
    return accounts.first { lower.contains($0.fragment) }
  }
}
