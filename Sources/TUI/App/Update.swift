import Portfolio
import Terminal

extension AppModel {
  /// Elm's update: the new state for a message, and the I/O to do. Pure.
  public static func update(_ model: AppModel, _ message: Message) -> (AppModel, [Effect]) {
    var m = model
    let effects = m.handle(message)
    return (m, effects)
  }

  public mutating func handle(_ message: Message) -> [Effect] {
    defer {
      // The alerts view's filter searches every alert's text: made when first needed, a
      // slice per update (the matches so far are shown while the rest are made).
      if alertSearchPending { advanceAlertSearch() }
      let identity = tableIdentity
      if tableCache?.identity != identity { tableCache = (identity, computeCurrentTable()) }
    }
    switch message {
    case .key(let key):
      if detail != nil, key != .resize {
        detail = nil
        return []
      }
      if kiosk != nil { return handleKioskKey(key) }
      if form != nil { return handleForm(key) }
      if input != nil { return handleInput(key) }
      self.message = nil
      messageIsError = false
      return handleKey(key)
    case .resize(let w, let h):
      width = w
      height = h
      keepSelectionsVisible()
      return []
    case .portfolio(let p, let asOf, let today):
      setPortfolio(redaction?.apply(to: p) ?? p, asOf: asOf, today: today)
      if let now = kiosk?.now { kiosk?.updated = now }
      reconcileSelections()
      if case .program(let id) = page.screen, page.tab == .history, asOf == nil {
        return [.loadHistory(program: id)]
      }
      return []
    case .history(let lines):
      history = lines
      return []
    case .status(let text, let error):
      self.message = text
      messageIsError = error
      return []
    case .connection(let since):
      info.offlineSince = since
      return []
    case .theme(let t):
      theme = t
      return []
    case .performed(let title, let problems):
      if let problems {
        form?.problems = problems
        form?.isSubmitting = false
        fail("not recorded: \(problems.first ?? title)")
      } else {
        form = nil
        self.message = "recorded: \(title) as \(info.user)"
        messageIsError = false
      }
      return []
    case .confirmOverwrite(let path, let rows):
      input = .confirmOverwrite(path: path, rows: rows)
      inputText = ""
      return []
    case .tick(let now):
      kioskTick(now)
      return []
    case .storeUnavailable(let since):
      kiosk?.unavailableSince = since
      return []
    case .searchMore:
      return []  // the next slice is made as every update ends
    }
  }

  mutating func fail(_ text: String) {
    message = text
    messageIsError = true
  }

  // MARK: Keys

  mutating func handleKey(_ key: Key) -> [Effect] {
    if case .click(let x, let y) = key { return click(x: x, y: y) }
    if case .paste = key {
      fail("pasted text is only taken at a prompt: / to filter, : for a command")
      return []
    }
    if key == .resize { return [] }
    guard let action = KeyMap.action(for: key) else {
      fail("\(key.label) is not bound here; ? shows the keys")
      return []
    }
    if let reason = KeyMap.disabledReason(action, in: self) {
      fail(reason)
      return []
    }
    switch action {
    case .region(let i):
      while stack.count > 1 { stack.removeLast() }
      focusedRegion = i
    case .nextPane, .previousPane:
      let step = action == .nextPane ? 1 : -1
      guard let effects = page.screen.screen.tab(&self, by: step) else {
        fail("Tab moves between panes on the overview, tabs on a program and lists on approvals")
        return []
      }
      return effects
    case .up: move(by: -1)
    case .down: move(by: 1)
    case .pageUp: move(by: -max(1, listHeight - 1))
    case .pageDown: move(by: max(1, listHeight - 1))
    case .top: move(by: -Int.max / 2)
    case .bottom: move(by: Int.max / 2)
    case .drill: return drill()
    case .back: return back()
    case .home:
      stack = [stack[0]]
    case .sort:
      page.sort = page.sort.next
      message = "sorted by \(page.sort.title)"
      reconcileSelections()
    case .detail:
      guard let d = detailOfSelectedRow() else {
        fail("no row selected")
        return []
      }
      detail = d
    case .previousTab, .nextTab:
      if case .program(let id) = page.screen {
        return switchTab(by: action == .nextTab ? 1 : -1, program: id)
      }
      if case .approvals = page.screen { switchScope(by: action == .nextTab ? 1 : -1) }
    case .filter:
      input = .filter
      inputText = page.filter
    case .command:
      input = .command
      inputText = ""
    case .alerts:
      jump(to: .alerts)
    case .timeTravel:
      input = .date
      editor = LineEditor(asOf?.description ?? "", prefilled: true)
    case .acknowledge:
      guard let row = selectedRow(), let alert = alerts.first(where: { $0.id.description == row.key }) else {
        fail("no alert selected: move to one of the program's alerts")
        return []
      }
      guard alert.isOpen else {
        fail(
          "\(row.key) was acknowledged by \(alert.acknowledgement?.by ?? "someone") on \(alert.acknowledgement?.on.description ?? "")"
        )
        return []
      }
      input = .note(alert: row.key)
      inputText = ""
    case .new:
      // Each screen says which form n opens there.
      guard var f = page.screen.screen.newForm(self) else { return [] }
      f.validate(portfolio, actor: info.user, today: today)
      form = f
    case .approvals:
      openApprovals()
    case .cases:
      jump(to: .cases)
    case .brief:
      guard case .partner(let code) = page.screen else { return [] }
      return [.writeBrief(partner: code, asOf: asOf)]
    case .previousYear, .nextYear:
      showFiscalYear(fiscalYearShown + (action == .nextYear ? 1 : -1))
      message = "figures of FY\(fiscalYearShown)" + (shownFiscalYear == nil ? " (the current year)" : "")
    case .newRequest:
      guard case .program(let id) = page.screen, let program = portfolio.programs[id] else { return [] }
      var f = Form.request(program: program, today: today)
      f.validate(portfolio, actor: info.user, today: today)
      form = f
    case .step(let state):
      startStep(state)
    case .help:
      if page.screen != .help { stack.append(Page(.help)) }
    case .quit:
      shouldQuit = true
      return [.quit]
    case .redraw:
      return [.redraw]
    }
    return []
  }

  /// p and :approvals jump to the approvals screen (back to it if it is open below).
  mutating func openApprovals() { jump(to: .approvals) }

  /// A new search replaces an earlier one and what was opened from it.
  mutating func openSearch(_ text: String) {
    if let i = stack.lastIndex(where: { if case .search = $0.screen { return true } else { return false } }) {
      stack.removeSubrange(i...)
    }
    stack.append(Page(.search(text)))
  }

  /// A jump to a list screen: back to it if it is already open below, else on top,
  /// so repeated jumps never grow the stack.
  mutating func jump(to screen: ScreenKind) {
    if let i = stack.lastIndex(where: { $0.screen == screen }) {
      stack.removeSubrange((i + 1)...)
    } else {
      stack.append(Page(screen))
    }
  }

  mutating func switchScope(by step: Int) {
    let all = Portfolio.RequestScope.allCases
    let i = all.firstIndex(of: page.scope) ?? 0
    page.scope = all[(i + step + all.count) % all.count]
    page.list = ListState()
  }

  /// Enter (or → or l): each screen says where it leads.
  mutating func drill() -> [Effect] { page.screen.screen.drill(&self) }

  mutating func openProgram(_ id: String) -> [Effect] {
    history = []
    stack.append(Page(.program(id)))
    return []
  }

  mutating func back() -> [Effect] {
    if !page.filter.isEmpty {
      page.filter = ""
      reconcileSelections()
      return []
    }
    if stack.count > 1 {
      stack.removeLast()
      return []
    }
    if asOf != nil {
      message = "back to now"
      return [.travel(to: nil)]
    }
    return []
  }

  // MARK: Form

  mutating func handleForm(_ key: Key) -> [Effect] {
    guard var f = form, !f.isSubmitting else { return [] }
    if key == .escape {
      form = nil
      fail("cancelled: nothing was recorded")
      return []
    }
    let submit = f.handle(key)
    f.validate(portfolio, actor: info.user, today: today)
    form = f
    guard submit else { return [] }
    // The last choice of some forms opens the form for something new instead.
    let next = f.followUp(portfolio, today: today)
    if var next {
      next.validate(portfolio, actor: info.user, today: today)
      form = next
      if case .request = next.kind {
        let what: String
        if case .caseStep = f.kind { what = "an LOA offer" } else { what = "money" }
        message =
          "\(what) is written by executing an approved request: say why, Enter raises it (nothing was recorded)"
        messageIsError = false
      }
      return []
    }
    guard f.problems.isEmpty, case .success(let command) = f.command() else {
      fail("not recorded: \(f.problems.first ?? "the form is not complete")")
      return []
    }
    form?.isSubmitting = true
    return [.perform(CommandRequest(command))]
  }

  // MARK: Input line

  /// Esc (or n) at a step's question: nothing is written.
  mutating func cancelStep(_ id: String, _ state: RequestState) {
    input = nil
    fail("not \(state.rawValue): \(id) left as it was")
  }

  mutating func handleInput(_ key: Key) -> [Effect] {
    guard let mode = input else { return [] }
    if case .confirmStep(let id, let state) = mode {
      switch key {
      case .character("y"), .character("Y"):
        input = nil
        return [.perform(CommandRequest(StepRequest(id: id, to: state)))]
      case .character("n"), .character("N"), .escape:
        cancelStep(id, state)
      case .character("m"), .character("M"):
        // A note with the step, as `sapm request approve --note` takes one.
        input = .stepNote(request: id, state: state)
        editor = LineEditor()
      default:
        break
      }
      return []
    }
    switch mode {
    case .stepNote(let id, let state) where key == .escape,
      .stepReason(let id, let state) where key == .escape:
      cancelStep(id, state)
      return []
    default:
      break
    }
    if case .confirmOverwrite(let path, let rows) = mode {
      switch key {
      case .character("y"), .character("Y"):
        input = nil
        return [.export(path: path, rows: rows, overwrite: true)]
      case .character("n"), .character("N"), .escape:
        input = nil
        fail("not exported: \(path) left as it was")
      default:
        break
      }
      return []
    }
    switch key {
    case .escape:
      input = nil
      if mode == .filter {
        page.filter = ""
        reconcileSelections()
      }
      return []
    case .enter:
      input = nil
      return submit(mode, inputText.trimmingWhitespace)
    default:
      guard editor.handle(key) else { return [] }
    }
    if mode == .filter {
      page.filter = inputText
      page.list.index = 0
      page.list.offset = 0
      if case .overview = page.screen { regionLists[focusedRegion] = ListState() }
    }
    return []
  }

  mutating func submit(_ mode: InputMode, _ text: String) -> [Effect] {
    switch mode {
    case .filter:
      // On the overview, Enter searches the whole portfolio; elsewhere it keeps the filter.
      if case .overview = page.screen, !text.isEmpty {
        page.filter = ""
        regionLists[focusedRegion] = ListState()
        reconcileSelections()
        openSearch(text)
        return []
      }
      page.filter = text
      return []
    case .confirmOverwrite, .confirmStep:
      return []  // answered by y/n in handleInput
    case .stepNote(let id, let state):
      return [
        .perform(CommandRequest(StepRequest(id: id, to: state, reason: text.hasVisibleText ? text : nil)))
      ]
    case .stepReason(let id, let state):
      guard text.hasVisibleText else {
        fail("to \(state.verb) a request, give the reason; \(state == .rejected ? "R" : "B") to try again")
        return []
      }
      return [.perform(CommandRequest(StepRequest(id: id, to: state, reason: text)))]
    case .date:
      if text.isEmpty || text == "now" { return asOf == nil ? [] : [.travel(to: nil)] }
      guard let d = Day(text) else {
        fail("'\(text)' is not a date; type YYYY-MM-DD, e.g. 2025-10-01")
        return []
      }
      return [.travel(to: d)]
    case .note(let alert) where AlertID(alert)?.rule == .overObligation:
      guard let report = ReportADAViolation(alert: alert, reference: text, on: today) else { return [] }
      return [.perform(CommandRequest(report))]
    case .note(let alert):
      if let problem = AlertAcknowledged.problem(withNote: text) {
        fail("\(problem); x to try again")
        return []
      }
      return [.acknowledge(alert: alert, note: text)]
    case .command:
      return command(text)
    }
  }

  mutating func command(_ text: String) -> [Effect] {
    let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
    let name = parts.first?.lowercased() ?? ""
    let argument = parts.count > 1 ? parts[1].trimmingWhitespace : ""
    switch name {
    case "":
      return []
    case "alerts", "a":
      jump(to: .alerts)
    case "approvals", "p", "requests":
      openApprovals()
    case "cases", "c":
      jump(to: .cases)
    case "expiring", "close":
      jump(to: .expiring)
    case "cns", "cn":
      jump(to: .cns)
    case "find", "f", "search":
      guard !argument.isEmpty else {
        fail(":find needs a text, e.g. :find javelin")
        return []
      }
      openSearch(argument)
    case "help", "h", "?":
      if page.screen != .help { stack.append(Page(.help)) }
    case "quit", "q":
      shouldQuit = true
      return [.quit]
    case "fy":
      if argument.isEmpty || argument == "now" {
        showFiscalYear(nil)
      } else if let fy = Int(
        argument.hasPrefix("FY") || argument.hasPrefix("fy") ? String(argument.dropFirst(2)) : argument),
        (1946...2100).contains(fy)
      {
        showFiscalYear(fy)
      } else {
        fail("'\(argument)' is not a fiscal year; try :fy 2024, or :fy now")
        return []
      }
      message = "figures of FY\(fiscalYearShown)" + (shownFiscalYear == nil ? " (the current year)" : "")
    case "region", "r":
      guard let region = Region(loose: argument), let i = Region.allCases.firstIndex(of: region) else {
        fail("unknown region '\(argument)'; try europe, indo-pacific, middle-east-africa or ukraine")
        return []
      }
      while stack.count > 1 { stack.removeLast() }
      focusedRegion = i
    case "asof", "as-of":
      return submit(.date, argument)
    case "now":
      return asOf == nil ? [] : [.travel(to: nil)]
    case "theme":
      guard !argument.isEmpty else {
        fail(":theme needs a name, e.g. :theme light")
        return []
      }
      return [.loadTheme(argument)]
    case "export":
      guard !argument.isEmpty else {
        fail(":export needs a file name, e.g. :export ukraine.csv")
        return []
      }
      // The portfolio's screens export what `sapm export` writes for them; the others
      // (alerts, approvals, cases, search) the rows they list.
      switch page.screen {
      case .overview:
        return [.exportPortfolio(path: argument, scope: ExportScope(region: Region.allCases[focusedRegion]))]
      case .partner(let code):
        return [.exportPortfolio(path: argument, scope: ExportScope(partner: code))]
      case .program(let id):
        return [.exportPortfolio(path: argument, scope: ExportScope(program: id))]
      default:
        guard let table = currentTable() else { return [] }
        return [.export(path: argument, rows: table.exportRows, overwrite: false)]
      }
    default:
      fail(
        "unknown command ':\(name)'; try :find TEXT, :alerts, :approvals, :cases, :expiring, :cns, :region R, :asof DATE, :theme NAME, :export FILE.csv, :quit"
      )
    }
    return []
  }

  // MARK: Selection

  /// The list the cursor keys move in: the focused pane on the overview.
  var currentList: ListState {
    get {
      if case .overview = page.screen { return regionLists[focusedRegion] }
      return page.list
    }
    set {
      if case .overview = page.screen { regionLists[focusedRegion] = newValue } else { page.list = newValue }
    }
  }

  func selectedRow() -> TableData.Row? {
    guard let table = currentTable(), !table.rows.isEmpty else { return nil }
    return table.rows[max(0, min(currentList.index, table.rows.count - 1))]
  }

  /// Rows of the list area (for paging and scrolling), from the layout.
  var listHeight: Int { Layout(self).listRows }

  mutating func move(by delta: Int) {
    guard let table = currentTable(), !table.rows.isEmpty else { return }
    var list = currentList
    let target =
      delta > 0
      ? min(table.rows.count - 1, list.index + min(delta, table.rows.count))
      : max(0, list.index + max(delta, -table.rows.count))
    list.index = target
    list.key = table.rows.key(at: target)
    list.offset = Self.scrolled(list, visible: listHeight)
    currentList = list
  }

  static func scrolled(_ list: ListState, visible: Int) -> Int {
    let v = max(1, visible)
    if list.index < list.offset { return list.index }
    if list.index >= list.offset + v { return list.index - v + 1 }
    return list.offset
  }

  mutating func keepSelectionsVisible() {
    var list = currentList
    list.offset = Self.scrolled(list, visible: listHeight)
    currentList = list
  }

  /// After the rows change, keep each cursor on the same row by its key.
  mutating func reconcileSelections() {
    for i in 0..<4 {
      let rows = overviewTable(Region.allCases[i]).filtered(stack[0].filter).rows
      regionLists[i] = Self.reconcile(regionLists[i], rows)
    }
    let saved = stack
    for i in stack.indices where stack[i].screen != .overview {
      stack = Array(saved.prefix(i + 1))
      if let rows = computeCurrentTable()?.rows { stack[i].list = Self.reconcile(stack[i].list, rows) }
      let fixed = stack[i]
      stack = saved
      stack[i] = fixed
    }
    keepSelectionsVisible()
  }

  static func reconcile(_ list: ListState, _ rows: TableData.Rows) -> ListState {
    var l = list
    if let key = l.key, let i = rows.position(ofKey: key) {
      l.index = i
    } else {
      l.index = max(0, min(l.index, rows.count - 1))
      l.key = rows.isEmpty ? nil : rows.key(at: l.index)
    }
    return l
  }

  // MARK: Mouse

  mutating func click(x: Int, y: Int) -> [Effect] {
    let layout = Layout(self)
    if case .overview = page.screen {
      for (i, rect) in layout.panes.enumerated() where rect.contains(x: x, y: y) {
        focusedRegion = i
        let row = y - rect.y - Layout.paneHeaderRows + regionLists[i].offset
        return selectOrDrill(row)
      }
      return []
    }
    let row = y - layout.list.y - 1 + page.list.offset
    guard y > layout.list.y, y < layout.list.y + layout.list.height else { return [] }
    return selectOrDrill(row)
  }

  mutating func selectOrDrill(_ row: Int) -> [Effect] {
    guard let table = currentTable(), row >= 0, row < table.rows.count else { return [] }
    if currentList.index == row && currentList.key == table.rows.key(at: row) { return drill() }
    var list = currentList
    list.index = row
    list.key = table.rows.key(at: row)
    currentList = list
    return []
  }
}

extension String {
  var trimmingWhitespace: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
