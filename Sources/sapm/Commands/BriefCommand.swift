import ArgumentParser
import Foundation
import Output
import Portfolio
import Session
import Terminal

/// `sapm brief PARTNER`: one partner's page for leadership (docs/user-guide.md).
struct BriefCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "brief",
    abstract: "One partner's brief: authorities, money by fiscal year, cases, alerts, deadlines, requests.",
    discussion: """
      Markdown (a bar per year) or one self-contained HTML file (an SVG chart, print CSS \
      for A4 and Letter, no network); --format pdf renders that HTML with headless \
      Chromium when it is installed (Debian: apt-get install chromium). --redact hides \
      what the kiosk hides. Files are written as exports are: new, 0600, never the store.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case md, html, pdf }

  @Argument(help: "The partner's code (JO, UA …).")
  var partner: String

  @OptionGroup var storeOptions: StoreOptions

  @Option(help: "md, html or pdf.")
  var format: Format = .md

  @OptionGroup var asOf: AsOfOption

  @Option(
    name: [.short, .long], help: ArgumentHelp("Write to this file (pdf needs one).", valueName: "file"))
  var output: String?

  @Flag(help: "Replace the --output file if it exists.")
  var force = false

  @Flag(help: "Hide what the kiosk hides (unit names, vetting details, notes, reasons, people).")
  var redact = false

  func run() throws {
    try failing {
      let session = try storeOptions.open(readOnly: true)
      printNotices(session)
      let (portfolio, day) = try asOf.portfolio(of: session)
      let code = partner.uppercased()
      guard
        let brief = Brief(portfolio, partner: code, day: day, redaction: redact ? Redaction.kiosk : nil)
      else {
        throw ValidationError(
          "'\(code.sanitizedForTerminal)' is no partner of this store on \(day); 'sapm overview' lists them")
      }
      switch format {
      case .md, .html:
        let text = format == .md ? brief.markdown : brief.html
        if let output {
          let written = try ExportFile.write(
            Array(text.utf8), to: output, overwrite: force, protecting: session.protectedPaths)
          complain("brief written to \(written)", prefix: "")
        } else {
          StandardOutput.shared.write(text)
        }
      case .pdf:
        guard let output else { throw ValidationError("--format pdf writes a file: give -o FILE.pdf") }
        let pdf = try PDFRenderer.render(html: brief.html)
        let written = try ExportFile.write(
          pdf, to: output, overwrite: force, protecting: session.protectedPaths)
        complain("brief written to \(written)", prefix: "")
      }
    }
  }
}

/// Headless Chromium prints the HTML brief to PDF.
enum PDFRenderer {
  struct Missing: Error, CustomStringConvertible {
    var description: String {
      "--format pdf needs headless Chromium, which is not installed (Debian: apt-get install chromium); --format html writes the same brief, which any browser prints"
    }
  }

  static func browser() -> String? {
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
      for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"]
      where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
      }
    }
    return nil
  }

  static func render(html: String) throws -> [UInt8] {
    guard let browser = browser() else { throw Missing() }
    let dir = NSTemporaryDirectory() + "sapm-brief-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try html.write(toFile: dir + "/brief.html", atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: browser)
    p.arguments = [
      "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer",
      "--user-data-dir=\(dir)/profile",
      "--print-to-pdf=\(dir)/brief.pdf", "file://\(dir)/brief.html",
    ]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: dir + "/brief.pdf") else {
      throw ValidationError(
        "headless Chromium (\(browser)) did not print the brief (exit \(p.terminationStatus))")
    }
    return [UInt8](data)
  }
}
