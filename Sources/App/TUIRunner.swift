import Basics
import CanonicalJSON
import Foundation
import Output
import Portfolio
import Session
import Store
import Synchronization
import TUI
import Terminal

/// Runs the TUI over a session: the loop that turns terminal keys and store changes
/// into messages, and effects into I/O. All decisions are in `AppModel`.
public final class TUIRunner {
  var session: Session
  /// Said once when the store file disappears, until it is back.
  var storeMissing = false
  let terminal: any TerminalDevice
  var model: AppModel
  let themes: ThemeCatalog
  let clock: () -> Day
  /// The alerts being computed on another thread while keys are answered (`AppModel.adoptBook`).
  var pendingBook: BookBuilder?

  /// `preview`: the checkpoint's figures the first frame was drawn from. When they are of
  /// today and of the whole log as read, the model starts from them and its alerts are
  /// computed on another thread, so that keys are answered as soon as the programs are in.
  public init(
    session: Session, terminal: any TerminalDevice, theme: Theme, themes: ThemeCatalog, asOf: Day?,
    clock: @escaping () -> Day, notices extra: [String] = [], preview: CheckpointPreview? = nil
  ) throws {
    self.session = session
    self.terminal = terminal
    self.themes = themes
    self.clock = clock
    let user = session.user
    let info = SessionInfo(
      store: session.location.path, user: user,
      role: session.portfolio.roster.statusTitle(of: user),
      demo: session.isDemo, readOnly: session.isReadOnly)
    let size = terminal.size
    let today = clock()
    if asOf == nil, let preview, preview.day == today,
      preview.portfolio.lastSequence == session.portfolio.lastSequence
    {
      model = AppModel(
        portfolio: session.portfolio, pendingSummary: preview.summary, today: today, info: info, theme: theme,
        width: size.width, height: size.height)
      pendingBook = BookBuilder(session.portfolio, day: today)
    } else if asOf == nil, session.portfolio.eventCount >= 20_000 {
      // A large store read from its start (no checkpoint of today): the money's figures
      // at once, the alert counts `…` until the alerts computed meanwhile are in.
      model = AppModel(
        portfolio: session.portfolio,
        pendingSummary: PortfolioSummary(session.portfolio, alerts: [], day: today),
        countsKnown: false, today: today, info: info, theme: theme, width: size.width, height: size.height)
      pendingBook = BookBuilder(session.portfolio, day: today)
    } else {
      model = AppModel(
        portfolio: session.portfolio, today: today, info: info, theme: theme, width: size.width,
        height: size.height)
    }
    if let asOf { perform(.travel(to: asOf)) }
    var notices = extra + session.notices
    if session.portfolio.skippedCount > 0 {
      // Records the fold could not apply (an out-of-range policy value, say): said at
      // once, as the CLI does; those about a program also raise record-not-applied.
      notices.append(
        "\(session.portfolio.skippedCount) record(s) in the log are not applied; 'sapm verify' lists them")
    }
    if !notices.isEmpty {
      model.message = notices.joined(separator: " · ")
      model.messageIsError = true
    }
  }

  /// The first frame of a large store from its checkpoint's figures (`preview`), while
  /// the programs are read: the overview with real numbers, keys held until the
  /// whole model is ready. Nil when the figures are not today's.
  public static func previewModel(
    _ preview: CheckpointPreview, store: String, theme: Theme, width: Int, height: Int, today: Day
  ) -> AppModel? {
    guard preview.day == today else { return nil }
    let portfolio = Portfolio(snapshot: preview.portfolio)
    let user = Identity.currentUser()
    var model = AppModel(
      preview: portfolio, summary: preview.summary, today: today,
      info: SessionInfo(
        store: store, user: user, role: portfolio.roster.statusTitle(of: user),
        demo: portfolio.isDemo, readOnly: false),
      theme: theme, width: width, height: height)
    model.message = "reading the programs… keys wait until they are in · q quits"
    return model
  }

  /// Runs until `q`, `:quit` or SIGTERM/SIGINT/SIGHUP; restores the terminal on the way out.
  public func run() {
    let watcher = session.log.makeWatcher()
    _ = followAvailability()
    var checkpointWriter: Thread?
    defer {
      // Quitting (q) while the checkpoint is written: it is finished first (a second or
      // two at 1M events), so that the next open draws at once. Stopped by a signal, it
      // is left unfinished: its temporary file goes, the last complete checkpoint stays.
      // Quit before it was started (the alerts of a first open still being computed):
      // they are finished and the checkpoint written now.
      if checkpointWriter == nil, TerminalRestorer.stopRequested == 0, model.asOf == nil,
        model.redaction == nil,
        session.checkpointIsStale(today: model.today)
      {
        model.message = "saving the checkpoint, so that the next open is quick…"
        model.messageIsError = false
        terminal.draw(model.render())
        while let builder = pendingBook, builder.book == nil, TerminalRestorer.stopRequested == 0 {
          usleep(10_000)
        }
        if let book = pendingBook?.book { _ = model.adoptBook(book) }
        if !model.alertsPending {
          checkpointWriter = session.writeCheckpointInBackground(day: model.today, summary: model.summary)
        }
      }
      if let writer = checkpointWriter, !writer.isFinished, TerminalRestorer.stopRequested == 0 {
        model.message = "saving the checkpoint, so that the next open is quick…"
        model.messageIsError = false
        terminal.draw(model.render())
        while !writer.isFinished && TerminalRestorer.stopRequested == 0 { usleep(10_000) }
      }
      terminal.shutdown()
      if let writer = checkpointWriter, !writer.isFinished, let place = session.checkpointPlace {
        unlink(place.temporaryPath)
      }
    }
    var dirty = true
    var lastCheck = Date()
    while !model.shouldQuit && TerminalRestorer.stopRequested == 0 {
      if let builder = pendingBook, let book = builder.book {
        pendingBook = nil
        if model.adoptBook(book) { dirty = true }
      }
      if dirty {
        terminal.draw(model.render())
        dirty = false
        // After the first frame: a large store's checkpoint brought up to today, so
        // that the next open draws its overview at once.
        if checkpointWriter == nil, model.asOf == nil, model.redaction == nil, !model.alertsPending,
          session.checkpointIsStale(today: model.today)
        {
          checkpointWriter = session.writeCheckpointInBackground(day: model.today, summary: model.summary)
        }
      }
      // While the alerts filter makes its search texts, keys are read without waiting
      // and the next slice follows (the matches so far are on screen meanwhile).
      let searching = model.alertSearchPending
      if drainKeys(terminal, firstWait: searching ? 0 : 50, stop: { self.model.shouldQuit }, dispatch) {
        dirty = true
      }
      if searching, model.alertSearchPending {
        dispatch(.searchMore)
        dirty = true
      }
      // Other processes' events: inotify says so at once; check at least every 250 ms
      // (once the alerts computed on another thread are in: they are of the fold as read).
      if pendingBook == nil, Date().timeIntervalSince(lastCheck) > 0.25 || watcher.drainIfReadable() {
        lastCheck = Date()
        if storeChanged() { dirty = true }
      }
    }
  }

  /// Feeds one message through update and performs its effects (also used by tests).
  public func dispatch(_ message: Message) {
    for effect in model.handle(message) { perform(effect) }
  }

  public var currentModel: AppModel { model }

  func storeChanged() -> Bool {
    switch session.log.pathStatus() {
    case .same:
      storeMissing = false
    case .replaced:
      storeMissing = false
      reload(because: "the store file was replaced by another file")
      return true
    case .missing:
      guard !storeMissing else { return false }
      storeMissing = true
      dispatch(
        .status(
          "the store file was deleted: what is on screen is what was read; nothing can be recorded until it is restored",
          error: true))
      return true
    }
    do {
      let n = try session.refresh()
      let today = clock()
      let connection = followAvailability()
      guard n > 0 || today != model.today else { return connection }
      if model.asOf == nil {
        dispatch(.portfolio(session.portfolio, asOf: nil, today: today))
      }
      return true
    } catch {
      dispatch(.status("store: \(error)", error: true))
      return true
    }
  }

  /// A server store lost or back: the status bar says since when, writes are refused
  /// meanwhile (`AppModel.writeBlocked`), and the screen keeps the last good view.
  /// True when the state changed.
  func followAvailability() -> Bool {
    var since: String?
    var reason = ""
    if case .offline(let t, let why) = session.log.availability {
      since = t.clockTime(seconds: false) + " UTC"
      reason = why
    }
    guard since != model.info.offlineSince else { return false }
    let wasOffline = model.info.offlineSince != nil
    dispatch(.connection(offlineSince: since))
    if let since {
      dispatch(
        .status(
          "offline since \(since) — showing the last good view; sapm reconnects by itself (\(reason))",
          error: true))
    } else if wasOffline {
      dispatch(.status("back online: caught up with the server", error: false))
    }
    return true
  }

  /// Opens the store afresh at its path and shows what the new file holds.
  func reload(because reason: String) {
    do {
      let old = session
      session = try session.reopened()
      old.close()  // the caller may still hold it: the old file must not stay open read-write
      if model.asOf == nil { dispatch(.portfolio(session.portfolio, asOf: nil, today: clock())) }
      dispatch(.status("\(reason); reloaded it (\(session.portfolio.eventCount) events)", error: true))
    } catch {
      dispatch(.status("\(reason), and it cannot be read: \(error)", error: true))
    }
  }

  func perform(_ effect: Effect) {
    switch effect {
    case .quit:
      break
    case .redraw:
      terminal.invalidate()
    case .acknowledge(let alert, let note):
      do {
        try session.perform(AcknowledgeAlert(alert: alert, note: note), today: clock())
        dispatch(.portfolio(session.portfolio, asOf: nil, today: clock()))
        dispatch(.status("acknowledged \(alert) as \(session.user)", error: false))
      } catch StoreError.replaced {
        reload(because: "not recorded: the store file was replaced by another file")
      } catch let rejection as Rejection {
        dispatch(.status("not recorded: " + rejection.reasons.joined(separator: "; "), error: true))
      } catch {
        dispatch(.status("\(error)", error: true))
      }
    case .perform(let request):
      do {
        let records = try session.perform(request.command, today: clock())
        dispatch(.portfolio(session.portfolio, asOf: nil, today: clock()))
        // A request's ID is given under the store's lock: say which it got.
        let raised = records.filter { $0.type == RequestRaised.type }.compactMap {
          $0.payload["id"]?.stringValue
        }
        let title = raised.isEmpty ? request.title : "\(request.title): \(raised.joined(separator: ", "))"
        dispatch(.performed(title: title, problems: nil))
      } catch let rejection as Rejection {
        dispatch(.performed(title: request.title, problems: rejection.reasons))
      } catch StoreError.replaced {
        dispatch(
          .performed(title: request.title, problems: ["the store file was replaced; nothing was recorded"]))
        reload(because: "not recorded: the store file was replaced by another file")
      } catch {
        dispatch(.performed(title: request.title, problems: ["\(error)"]))
      }
    case .travel(let day):
      if let day {
        do {
          dispatch(.portfolio(try session.portfolio(asOf: day), asOf: day, today: clock()))
          dispatch(
            .status(
              day > clock()
                ? "a projection: the portfolio as recorded now, its rules evaluated on \(day); Esc at the overview returns to now"
                : "showing the portfolio as it stood at the end of \(day); Esc at the overview returns to now",
              error: false))
        } catch {
          dispatch(.status("\(error)", error: true))
        }
      } else {
        dispatch(.portfolio(session.portfolio, asOf: nil, today: clock()))
      }
    case .loadHistory(let program):
      let end = model.asOf.map { Timestamp(dayOrdinal: $0.ordinal + 1) }
      let lines = session.history(ofProgram: program).filter { entry in end.map { entry.at < $0 } ?? true }
        .map {
          HistoryLine(
            at: String($0.at.description.prefix(19)).replacingOccurrences(of: "T", with: " "),
            actor: $0.actor, type: $0.type, summary: $0.summary)
        }
      dispatch(.history(lines))
    case .exportPortfolio(let path, let scope):
      let rows = Reports.csvRows(
        model.portfolio, region: scope.region, partner: scope.partner, program: scope.program,
        day: model.asOf ?? model.today)
      perform(.export(path: path, rows: rows, overwrite: false))
    case .writeBrief(let partner, let asOf):
      let day = asOf ?? model.today
      guard let brief = Brief(model.portfolio, partner: partner, day: day, redaction: model.redaction) else {
        dispatch(.status("no partner \(partner) on \(day)", error: true))
        return
      }
      // A new file beside where sapm was started, never over another (ExportFile's rules).
      let path = FileManager.default.currentDirectoryPath + "/brief-\(partner)-\(day).html"
      do {
        let written = try ExportFile.write(
          Array(brief.html.utf8), to: path, overwrite: false, protecting: session.protectedPaths)
        dispatch(.status("brief of \(partner) as of \(day) written to \(written)", error: false))
      } catch {
        dispatch(.status("brief not written: \(error)", error: true))
      }
    case .export(let path, let rows, let overwrite):
      do {
        let written = try ExportFile.write(
          Array(CSVWriter.document(rows).utf8), to: path, overwrite: overwrite,
          protecting: session.protectedPaths)
        dispatch(.status("exported \(rows.count - 1) rows to \(written)", error: false))
      } catch .exists(let existing) {
        dispatch(.confirmOverwrite(path: existing, rows: rows))
      } catch {
        dispatch(.status("not exported: \(error)", error: true))
      }
    case .loadTheme(let name):
      do {
        dispatch(.theme(try themes.load(name)))
        dispatch(.status("theme \(name)", error: false))
      } catch {
        dispatch(.status("\(error)", error: true))
      }
    }
  }
}

/// Every key already waiting is handled before the next frame is drawn, so a paste
/// or a held key never queues up behind one frame per key; waits `firstWait` ms for
/// the first. True when anything was handled. Shared by the TUI and the kiosk.
func drainKeys(
  _ terminal: any TerminalDevice, firstWait: Int32, stop: () -> Bool, _ dispatch: (Message) -> Void
) -> Bool {
  var wait = firstWait
  var handled = false
  let started = ContinuousClock.now
  while let key = terminal.readKey(timeout: wait) {
    if key == .resize {
      let size = terminal.size
      dispatch(.resize(width: size.width, height: size.height))
    } else {
      dispatch(.key(key))
    }
    handled = true
    wait = 0
    if stop() || ContinuousClock.now - started > .milliseconds(200) { break }
  }
  return handled
}

/// Computes a portfolio's alert book on a thread of its own (`TUIRunner.pendingBook`).
final class BookBuilder: Sendable {
  private let slot = Mutex<AlertBook?>(nil)

  init(_ portfolio: Portfolio, day: Day) {
    let thread = Thread { [self] in
      let book = AlertBook(portfolio, day: day)
      Session.releaseFreeMemory()  // the evaluation's and the sort's scratch
      slot.withLock { $0 = book }
    }
    thread.stackSize = 1 << 23
    thread.start()
  }

  /// The book, once computed.
  var book: AlertBook? { slot.withLock { $0 } }
}
