import ReplyCatalog

/// Which pane of the browser takes movement keys.
public enum Focus: Equatable, Sendable {
  case list, detail
}

/// The compare view's state: the two sides, its scroll, and whether only differences show.
public struct CompareState: Equatable, Sendable {
  public var left: CodeReference
  public var right: CodeReference
  public var scroll = 0
  public var differencesOnly = false
  /// The differing row n or N last moved to (an index among the differing rows).
  public var current: Int?
  /// Prose rows shown whole while only differences show (Enter on the current row).
  public var expanded: Set<String> = []

  public init(left: CodeReference, right: CodeReference) {
    self.left = left
    self.right = right
  }
}

/// What the last frame laid out: how many lines each scrolling view had and how many rows it got,
/// and where the comparison's differences start. The renderer reports it (the event loop passes it
/// back as `.framed`), so `update` can clamp scrolls and jump between differences without laying
/// out any text itself.
public struct FrameFacts: Equatable, Sendable {
  public var detailLines = 0
  public var detailHeight = 0
  public var compareLines = 0
  public var compareHeight = 0
  public var compareDifferences: [Int] = []
  public var compareDifferenceFields: [String] = []
  public var compareKeyLines: [Int] = []
  public var compareKeyFields: [String] = []
  public var helpLines = 0
  public var helpHeight = 0
  /// The log view's (see LogView.swift).
  public var log = LogFrameFacts()

  public init() {}
}

/// Everything the explorer shows follows from this value; `update` is the only thing changing it.
public struct AppState: Sendable {
  public let engine: FilterEngine
  public let strings: Strings
  public var width: Int
  public var height: Int
  public var focus = Focus.list
  public var compare: CompareState?
  public var showingHelp = false
  public var helpScroll = 0
  /// The filter text, and whether it is being typed.
  public var filter = ""
  public var editingFilter = false
  /// Catalog positions shown, in order; nil shows the whole catalog.
  public var results: [Int]?
  /// The selected row (an index into the shown list) and the first row on screen.
  public var selected = 0
  public var listTop = 0
  public var detailScroll = 0
  /// Codes marked for comparison, oldest first; two at most.
  public var marks: [String] = []
  /// A one-off note shown in the status line until the next key.
  public var message: String?
  public var shouldQuit = false
  /// What the last frame laid out (see `FrameFacts`).
  public var frame = FrameFacts()
  /// The log view (`tui --log`), when a log is open (see LogView.swift).
  public var log: LogViewState?

  public var catalog: Catalog { engine.catalog }

  public init(engine: FilterEngine, width: Int, height: Int, strings: Strings = .english) {
    self.engine = engine
    self.strings = strings
    self.width = width
    self.height = height
  }

  public init(catalog: Catalog, width: Int, height: Int) {
    self.init(engine: FilterEngine(catalog), width: width, height: height)
  }

  public var layout: Layout { Layout(width: width, height: height) }

  public var mode: Mode {
    if showingHelp { return .help }
    if let log, !log.showingCatalog { return log.opened == nil ? .log : .logGroup }
    if compare != nil { return .compare }
    if editingFilter { return .filter }
    return focus == .list ? .list : .detail
  }

  public var shownCount: Int { results?.count ?? catalog.entries.count }

  /// The catalog position of a shown row.
  public func position(ofRow row: Int) -> Int { results?[row] ?? row }

  public var selectedEntry: CatalogEntry? {
    guard selected >= 0, selected < shownCount else { return nil }
    return catalog.entries[position(ofRow: selected)]
  }

  /// Selects a code if it is shown (used by `--code`).
  public mutating func select(code: String) {
    guard let position = engine.position(of: code) else { return }
    let row = results.map { $0.firstIndex(of: position) } ?? position
    if let row {
      selected = row
      detailScroll = 0
      keepSelectionVisible()
    }
  }

  /// Opens the compare view of two references (used by `--compare`).
  public mutating func openCompare(_ left: CodeReference, _ right: CodeReference) {
    compare = CompareState(left: left, right: right)
  }

  mutating func keepSelectionVisible() {
    let rows = max(1, layout.list.height)
    selected = min(max(0, selected), max(0, shownCount - 1))
    if selected < listTop { listTop = selected }
    if selected >= listTop + rows { listTop = selected - rows + 1 }
    listTop = min(max(0, listTop), max(0, shownCount - rows))
  }
}

/// The pure update: the state after an action.
public func update(_ state: AppState, _ action: Action) -> AppState {
  var next = state
  update(&next, action)
  return next
}

/// The same, in place: what the event loop and the benchmark call.
public func update(_ state: inout AppState, _ action: Action) {
  // A frame's report is not the user's doing: it keeps the message on screen.
  if case .framed(let facts) = action {
    state.frame = facts
    clampScrolls(&state)
    return
  }
  // New lines read from the log are not the user's doing either.
  if case .logRead(let snapshot) = action {
    state.log?.refresh(snapshot)
    return
  }
  state.message = nil
  switch action {
  case .resize(let width, let height):
    state.width = max(0, width)
    state.height = max(0, height)
    state.keepSelectionVisible()
    clampScrolls(&state)
    return
  case .interrupt, .quit:
    state.shouldQuit = true
    return
  case .suspend:
    return  // The backend suspends; nothing in the state changes.
  case .framed:
    return
  case .toggleHelp:
    state.showingHelp.toggle()
    state.helpScroll = 0
    return
  default:
    break
  }
  if state.showingHelp {
    updateHelp(&state, action)
  } else if state.mode == .log || state.mode == .logGroup || action == .switchLog {
    updateLog(&state, action)
  } else if state.compare != nil {
    updateCompare(&state, action)
  } else {
    updateBrowser(&state, action)
  }
}

private func updateHelp(_ state: inout AppState, _ action: Action) {
  let page = max(1, state.layout.body.height - 4)
  switch action {
  case .back: state.showingHelp = false
  case .moveUp: state.helpScroll -= 1
  case .moveDown: state.helpScroll += 1
  case .pageUp, .halfPageUp: state.helpScroll -= page
  case .pageDown, .halfPageDown: state.helpScroll += page
  case .top: state.helpScroll = 0
  case .bottom: state.helpScroll = .max / 2
  default: break
  }
  clampScrolls(&state)
}

private func updateCompare(_ state: inout AppState, _ action: Action) {
  guard var compare = state.compare else { return }
  let page = max(1, state.frame.compareHeight - 1)
  // n and N stop at each differing row, then at each key difference.
  let differences = state.frame.compareDifferences + state.frame.compareKeyLines
  switch action {
  case .back:
    state.compare = nil
    return
  case .moveUp: compare.scroll -= 1
  case .moveDown: compare.scroll += 1
  case .pageUp: compare.scroll -= page
  case .pageDown: compare.scroll += page
  case .halfPageUp: compare.scroll -= page / 2
  case .halfPageDown: compare.scroll += page / 2
  case .top: compare.scroll = 0
  case .bottom: compare.scroll = state.frame.compareLines
  case .swap:
    swap(&compare.left, &compare.right)
    state.message = state.strings.swapped(compare.left.written, compare.right.written)
  case .toggleDifferencesOnly:
    compare.differencesOnly.toggle()
    compare.scroll = 0
    compare.current = nil
  case .nextDifference, .previousDifference:
    guard !differences.isEmpty else {
      state.message = state.strings.noDifferences
      break
    }
    let forward = action == .nextDifference
    let target: Int
    if let current = compare.current {
      target = current + (forward ? 1 : -1)
    } else {
      // From where the view is: the first difference below (or above) the top line.
      target =
        forward
        ? (differences.firstIndex { $0 >= compare.scroll } ?? differences.count)
        : (differences.lastIndex { $0 < compare.scroll } ?? -1)
    }
    if target >= differences.count {
      state.message = state.strings.lastDifference(differences.count)
      compare.current = differences.count - 1
    } else if target < 0 {
      state.message = state.strings.firstDifference(differences.count)
      compare.current = 0
    } else {
      compare.current = target
    }
    compare.scroll = differences[compare.current!]
  case .toggleExpand:
    let fields = state.frame.compareDifferenceFields
    let rows = state.frame.compareDifferences
    if let current = compare.current, current >= fields.count {
      // On a key difference: go to the row it comes from.
      let keyFields = state.frame.compareKeyFields
      if current - fields.count < keyFields.count,
        let row = fields.firstIndex(of: keyFields[current - fields.count])
      {
        compare.current = row
        compare.scroll = rows[row]
      }
    } else if let current = compare.current, current < fields.count {
      let name = fields[current]
      if compare.expanded.contains(name) {
        compare.expanded.remove(name)
      } else {
        compare.expanded.insert(name)
      }
    }
  default: break
  }
  state.compare = compare
  clampScrolls(&state)
}

private func updateBrowser(_ state: inout AppState, _ action: Action) {
  let rows = max(1, state.layout.list.height)
  let detailPage = max(1, state.frame.detailHeight - 1)
  let moveDetail = state.focus == .detail && !state.editingFilter
  func moveSelection(by delta: Int) {
    let before = state.selected
    state.selected += delta
    state.keepSelectionVisible()
    if state.selected != before { state.detailScroll = 0 }
  }
  switch action {
  case .moveUp:
    if moveDetail { state.detailScroll -= 1 } else { moveSelection(by: -1) }
  case .moveDown:
    if moveDetail { state.detailScroll += 1 } else { moveSelection(by: 1) }
  case .pageUp:
    if moveDetail { state.detailScroll -= detailPage } else { moveSelection(by: -rows) }
  case .pageDown:
    if moveDetail { state.detailScroll += detailPage } else { moveSelection(by: rows) }
  case .halfPageUp:
    if moveDetail { state.detailScroll -= detailPage / 2 } else { moveSelection(by: -rows / 2) }
  case .halfPageDown:
    if moveDetail { state.detailScroll += detailPage / 2 } else { moveSelection(by: rows / 2) }
  case .top:
    if moveDetail { state.detailScroll = 0 } else { moveSelection(by: -state.shownCount) }
  case .bottom:
    if moveDetail { state.detailScroll = .max / 2 } else { moveSelection(by: state.shownCount) }
  case .focusNext, .focusPrevious:
    state.focus = state.focus == .list ? .detail : .list
  case .startFilter:
    // `/` starts a new filter, like a new search in less or vim.
    if !state.filter.isEmpty { clearFilter(&state) }
    state.editingFilter = true
    state.focus = .list
  case .filterInsert(let character):
    state.filter.append(character)
    applyFilter(&state)
  case .filterDeleteBackward:
    if !state.filter.isEmpty {
      state.filter.removeLast()
      applyFilter(&state)
    }
  case .filterAccept:
    state.editingFilter = false
  case .filterCancel:
    state.editingFilter = false
    clearFilter(&state)
  case .back:
    if state.focus == .detail {
      state.focus = .list
    } else if !state.filter.isEmpty {
      clearFilter(&state)
    }
  case .toggleMark:
    toggleMark(&state)
  case .compare:
    openCompare(&state)
  default:
    break
  }
  clampScrolls(&state)
}

/// Narrows the list to the filter; the best match (an exact code first) becomes the selection.
private func applyFilter(_ state: inout AppState) {
  state.results = state.engine.filter(state.filter)
  state.selected = 0
  state.listTop = 0
  state.detailScroll = 0
  state.keepSelectionVisible()
}

/// Shows the whole catalog again, keeping the selected entry selected.
private func clearFilter(_ state: inout AppState) {
  let code = state.selectedEntry?.code
  state.filter = ""
  state.results = nil
  state.selected = 0
  state.listTop = 0
  if let code { state.select(code: code) }
  state.keepSelectionVisible()
}

private func toggleMark(_ state: inout AppState) {
  guard let code = state.selectedEntry?.code else { return }
  if let index = state.marks.firstIndex(of: code) {
    state.marks.remove(at: index)
    state.message = state.strings.unmarked(code)
  } else if state.marks.count >= 2 {
    state.message = state.strings.markLimit
  } else {
    state.marks.append(code)
    state.message = state.strings.marked(code)
  }
}

/// Compares the two marked codes, or the marked one with the selected one.
private func openCompare(_ state: inout AppState) {
  var codes = state.marks
  if codes.count == 1, let selected = state.selectedEntry?.code, selected != codes[0] {
    codes.append(selected)
  }
  guard codes.count == 2, let left = state.catalog.entry(codes[0]),
    let right = state.catalog.entry(codes[1])
  else {
    state.message = state.strings.compareNeedsTwo
    return
  }
  state.openCompare(CodeReference(entry: left), CodeReference(entry: right))
}

/// Keeps every scroll offset inside its content, as the last frame laid it out. A view not yet
/// drawn (its height is 0) keeps its offset; the renderer clamps at drawing time too.
func clampScrolls(_ state: inout AppState) {
  let frame = state.frame
  func clamp(_ scroll: Int, lines: Int, height: Int) -> Int {
    guard height > 0 else { return max(0, scroll) }
    return min(max(0, scroll), max(0, lines - height))
  }
  state.detailScroll = clamp(
    state.detailScroll, lines: frame.detailLines, height: frame.detailHeight)
  if var compare = state.compare {
    compare.scroll = clamp(compare.scroll, lines: frame.compareLines, height: frame.compareHeight)
    state.compare = compare
  }
  state.helpScroll = clamp(state.helpScroll, lines: frame.helpLines, height: frame.helpHeight)
  state.log?.clamp(to: frame.log)
}
