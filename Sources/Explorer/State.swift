import ReplyCatalog
import SettingsFile

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

/// An explanation of pasted or typed text, one page per reply found in it.
public struct ExplainState: Sendable {
  public var explanations: [Explanation]
  /// Replies past `PastedReplies.maximumReplies` were left out.
  public var cut: Bool
  /// The text held nothing but blanks.
  public var empty: Bool
  /// The reply on screen.
  public var current = 0
  public var scroll = 0

  public init(explanations: [Explanation], cut: Bool, empty: Bool) {
    self.explanations = explanations
    self.cut = cut
    self.empty = empty
  }

  /// Explains text as `smtpcodes explain` would, one page per reply found in it.
  public init(text: String, catalog: Catalog) {
    let bytes = Array(text.utf8)
    let (explanations, cut) = catalog.explainPasted(bytes)
    let empty = explanations.isEmpty
    self.init(
      explanations: empty ? [catalog.explain(bytes: bytes)] : explanations, cut: cut, empty: empty)
  }

  public var explanation: Explanation { explanations[current] }
}

/// Which one-line prompt is open in the status line.
public enum Prompt: Equatable, Sendable {
  /// Narrows the list as it is typed.
  case filter
  /// Finds text in the detail pane or the explanation (n/N go to the next and previous match).
  case search
  /// A reply to explain (e).
  case explain
}

/// Where the user was: what Backspace (Ctrl-O) goes back to after following a link.
public struct Place: Sendable {
  var code: String?
  var focus: Focus
  var detailScroll: Int
  var filter: String
  var results: [Int]?
  var explain: ExplainState?
  var link: Int?
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
  public var explainLines = 0
  public var explainHeight = 0
  /// The line of each link on the page shown (detail pane or explanation), in link order.
  public var linkLines: [Int] = []
  /// The lines holding a match of the detail search, in order.
  public var matchLines: [Int] = []
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
  /// The filter the list shows (while typing, the filter editor's text).
  public var filter = ""
  /// The prompt being typed into, if any, and each prompt's editor (they keep their history).
  public var prompt: Prompt?
  public var filterEditor = LineEditor()
  public var searchEditor = LineEditor()
  public var explainEditor = LineEditor()
  /// The text searched for in the detail pane or explanation, and the match n/N last went to.
  public var search = ""
  public var currentMatch: Int?
  /// The explanation on screen, over the browser.
  public var explain: ExplainState?
  /// The highlighted link of the page shown (r/R), an index into `links`.
  public var link: Int?
  /// Places to go back to, the latest last.
  public var history: [Place] = []
  /// Digits typed in the list to jump to a code.
  public var typedCode = ""
  /// Text for the clipboard: the event loop copies it (OSC 52) and clears it.
  public var pendingCopy: String?
  /// A search was accepted: the next frame's matches decide where to go.
  var pendingSearchJump = false
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
  /// The team's notes, shown in the detail pane (reloaded after `E`).
  public var notes = TeamNotes.none
  /// The log view (`tui --log`), when a log is open (see LogView.swift).
  public var log: LogViewState?

  public var catalog: Catalog { engine.catalog }

  public init(engine: FilterEngine, width: Int, height: Int, strings: Strings = .english) {
    self.engine = engine
    self.strings = strings
    self.width = width
    self.height = height
  }

  public init(catalog: Catalog, width: Int, height: Int, strings: Strings = .english) {
    self.init(engine: FilterEngine(catalog), width: width, height: height, strings: strings)
  }

  public var layout: Layout {
    Layout(width: width, height: height, wideListWidth: engine.widestRow)
  }

  public var mode: Mode {
    if showingHelp { return .help }
    if prompt != nil { return .prompt }
    if let log, !log.showingCatalog { return log.opened == nil ? .log : .logGroup }
    if compare != nil { return .compare }
    if explain != nil { return .explain }
    return focus == .list ? .list : .detail
  }

  public var editingFilter: Bool { prompt == .filter }

  /// The codes the page on screen links to: an explanation's catalog entries, or the detail's
  /// related codes that the catalog has.
  public var links: [String] {
    if let explain {
      var codes: [String] = []
      for match in explain.explanation.matches where !codes.contains(match.entry.code) {
        codes.append(match.entry.code)
      }
      return codes
    }
    guard let entry = selectedEntry else { return [] }
    return entry.related.filter { engine.position(of: $0) != nil }
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

  /// Opens the explanation of text (used by `--explain` and piped input).
  public mutating func openExplanation(_ text: String) {
    Explorer.openExplanation(text, &self)
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
    if state.pendingSearchJump {
      state.pendingSearchJump = false
      updatePage(&state, .nextMatch)
    }
    return
  }
  // New lines read from the log are not the user's doing either.
  if case .logRead(let snapshot) = action {
    state.log?.refresh(snapshot)
    return
  }
  state.message = nil
  // Digits typed in the list build up a code until any other action.
  if case .typeCode = action {} else { state.typedCode = "" }
  switch action {
  case .resize(let width, let height):
    // A frame allocates width × height cells: an absurd window is drawn at a sane size.
    state.width = min(max(0, width), Layout.maximumWidth)
    state.height = min(max(0, height), Layout.maximumHeight)
    state.keepSelectionVisible()
    clampScrolls(&state)
    return
  case .interrupt, .quit:
    state.shouldQuit = true
    return
  case .suspend, .editNote:
    return  // The event loop suspends or runs the editor; nothing in the state changes here.
  case .framed:
    return
  case .toggleHelp:
    state.showingHelp.toggle()
    state.helpScroll = 0
    return
  case .paste(let text):
    paste(text, into: &state)
    return
  case .mouse(let event):
    mouse(event, &state)
    return
  case .copy, .copyAll:
    copy(&state, whole: action == .copyAll)
    return
  case .goBack:
    goBack(&state)
    return
  default:
    break
  }
  if state.showingHelp {
    updateHelp(&state, action)
  } else if state.prompt != nil {
    updatePrompt(&state, action)
  } else if state.mode == .log || state.mode == .logGroup || action == .switchLog {
    updateLog(&state, action)
  } else if state.compare != nil {
    updateCompare(&state, action)
  } else if state.explain != nil {
    updateExplain(&state, action)
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

/// Typing into the open prompt: the filter narrows the list at every edit; the search and the
/// explain prompt act on Enter.
private func updatePrompt(_ state: inout AppState, _ action: Action) {
  guard let prompt = state.prompt else { return }
  switch action {
  case .edit(let edit):
    switch prompt {
    case .filter:
      let before = state.filterEditor.text
      state.filterEditor.apply(edit)
      if state.filterEditor.wasCut {
        state.message = state.strings.promptCut(LineEditor.maximumLength)
      }
      if state.filterEditor.text != before {
        state.filter = state.filterEditor.text
        applyFilter(&state)
      }
    case .search:
      state.searchEditor.apply(edit)
      if state.searchEditor.wasCut {
        state.message = state.strings.promptCut(LineEditor.maximumLength)
      }
    case .explain:
      state.explainEditor.apply(edit)
      if state.explainEditor.wasCut {
        state.message = state.strings.promptCut(LineEditor.maximumLength)
      }
    }
  case .promptAccept:
    state.prompt = nil
    switch prompt {
    case .filter:
      state.filterEditor.commit()
    case .search:
      state.searchEditor.commit()
      state.search = state.searchEditor.text
      state.currentMatch = nil
      // The first match at or below the top line is found once the frame has laid it out.
      if !state.search.isEmpty { state.pendingSearchJump = true }
    case .explain:
      state.explainEditor.commit()
      openExplanation(state.explainEditor.text, &state)
    }
  case .promptCancel:
    state.prompt = nil
    if prompt == .filter { clearFilter(&state) }
  case .moveUp, .moveDown, .pageUp, .pageDown:
    // Arrows that are not the editor's still move the list while a filter is typed.
    if prompt == .filter { updateBrowser(&state, action) }
  default:
    break
  }
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
  case .moveUp, .moveDown, .pageUp, .pageDown, .halfPageUp, .halfPageDown, .top, .bottom:
    compare.scroll = scrolled(
      compare.scroll, by: action, page: page, lines: state.frame.compareLines)
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

/// The explanation page: scrolls, steps between the replies of a paste, follows its links.
private func updateExplain(_ state: inout AppState, _ action: Action) {
  guard var explain = state.explain else { return }
  let page = max(1, state.frame.explainHeight - 1)
  switch action {
  case .back:
    // Back to where the explanation was opened from.
    goBack(&state)
    return
  case .moveUp, .moveDown, .pageUp, .pageDown, .halfPageUp, .halfPageDown, .top, .bottom:
    explain.scroll = scrolled(
      explain.scroll, by: action, page: page, lines: state.frame.explainLines)
  case .nextReply, .previousReply:
    let step = action == .nextReply ? 1 : -1
    let target = explain.current + step
    guard target >= 0, target < explain.explanations.count else {
      state.message = state.strings.noMoreReplies(explain.explanations.count)
      break
    }
    explain.current = target
    explain.scroll = 0
    state.link = nil
    state.search = ""
  case .follow where state.link == nil:
    // Enter without a highlighted link opens the first catalog entry the reply names.
    if let first = state.links.first { follow(first, &state) }
    return
  case .nextLink, .previousLink, .follow, .startSearch, .nextMatch, .previousMatch,
    .startExplain:
    state.explain = explain
    updatePage(&state, action)
    return
  default:
    break
  }
  state.explain = explain
  clampScrolls(&state)
}

private func updateBrowser(_ state: inout AppState, _ action: Action) {
  let rows = max(1, state.layout.list.height)
  let detailPage = max(1, state.frame.detailHeight - 1)
  let moveDetail = state.focus == .detail && state.prompt == nil
  func moveSelection(by delta: Int) {
    let before = state.selected
    state.selected += delta
    state.keepSelectionVisible()
    if state.selected != before { selectionChanged(&state) }
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
    // `/` re-opens the kept filter for editing (Ctrl-U clears it), like a search in less.
    state.filterEditor.reset(state.filter)
    state.prompt = .filter
    state.focus = .list
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
  case .typeCode(let character):
    typeCode(character, &state)
  case .follow where state.link == nil:
    // Enter on the list shows the entry; on the detail without a highlighted link, nothing.
    if state.focus == .list { state.focus = .detail }
  case .nextLink, .previousLink, .follow, .startSearch, .nextMatch, .previousMatch,
    .startExplain:
    updatePage(&state, action)
  default:
    break
  }
  clampScrolls(&state)
}

/// What the detail pane and the explanation share: links, the search, the explain prompt.
private func updatePage(_ state: inout AppState, _ action: Action) {
  let links = state.links
  switch action {
  case .nextLink, .previousLink:
    guard !links.isEmpty else {
      state.message = state.strings.noLinks
      return
    }
    let forward = action == .nextLink
    if let link = state.link {
      state.link = (link + (forward ? 1 : links.count - 1)) % links.count
    } else {
      state.link = forward ? 0 : links.count - 1
    }
    state.message = state.strings.linkHint(links[state.link!])
    scrollTo(line: state.frame.linkLines, index: state.link!, &state)
  case .follow:
    guard let link = state.link, link < links.count else { return }
    follow(links[link], &state)
  case .startSearch:
    // The last search comes back selected: Enter repeats it, typing replaces it.
    state.searchEditor.reset(state.search)
    state.prompt = .search
  case .nextMatch, .previousMatch:
    guard !state.search.isEmpty else {
      state.message = state.strings.searchFirst
      return
    }
    let matches = state.frame.matchLines
    guard !matches.isEmpty else {
      state.message = state.strings.searchNotFound(state.search)
      return
    }
    let forward = action == .nextMatch
    var target = (state.currentMatch ?? (forward ? -1 : matches.count)) + (forward ? 1 : -1)
    if target >= matches.count {
      target = 0
      state.message = state.strings.searchWrapped
    } else if target < 0 {
      target = matches.count - 1
      state.message = state.strings.searchWrapped
    }
    state.currentMatch = target
    scrollTo(line: matches, index: target, &state)
    if state.message == nil {
      state.message = state.strings.matchCounter(target + 1, matches.count)
    }
  case .startExplain:
    state.explainEditor.reset()
    state.prompt = .explain
  default:
    break
  }
}

/// Scrolls the page shown so that a line (of a link or a match) is on screen, a little below
/// the top when the page had to move.
private func scrollTo(line lines: [Int], index: Int, _ state: inout AppState) {
  guard index < lines.count else { return }
  let line = lines[index]
  if var explain = state.explain {
    let height = state.frame.explainHeight
    if line < explain.scroll || line >= explain.scroll + height {
      explain.scroll = max(0, line - 2)
    }
    state.explain = explain
  } else {
    let height = state.frame.detailHeight
    if line < state.detailScroll || line >= state.detailScroll + height {
      state.detailScroll = max(0, line - 2)
    }
  }
  clampScrolls(&state)
}

/// The selection moved to another entry: its page starts at the top, with no link or match.
private func selectionChanged(_ state: inout AppState) {
  state.detailScroll = 0
  state.link = nil
  state.currentMatch = nil
}

/// Where the user is now, to come back to.
private func currentPlace(_ state: AppState) -> Place {
  Place(
    code: state.selectedEntry?.code, focus: state.focus, detailScroll: state.detailScroll,
    filter: state.filter, results: state.results, explain: state.explain, link: state.link)
}

/// Opens a code's entry in the detail pane, remembering where the user was.
private func follow(_ code: String, _ state: inout AppState) {
  state.history.append(currentPlace(state))
  if state.history.count > 100 { state.history.removeFirst() }
  state.explain = nil
  // A code the filter hides is shown by clearing the filter (back restores it).
  if let position = state.engine.position(of: code),
    state.results.map({ !$0.contains(position) }) ?? false
  {
    state.filter = ""
    state.results = nil
  }
  state.select(code: code)
  selectionChanged(&state)
  state.search = ""
  state.focus = .detail
  state.message = state.strings.followed(code)
}

/// Backspace, Ctrl-O, and Esc on an explanation: the previous place, as it was left.
private func goBack(_ state: inout AppState) {
  guard state.prompt == nil, state.compare == nil, !state.showingHelp else { return }
  guard let place = state.history.popLast() else {
    if state.explain != nil {
      state.explain = nil
      state.link = nil
    } else {
      state.message = state.strings.historyEmpty
    }
    return
  }
  state.explain = place.explain
  state.filter = place.filter
  state.results = place.results
  if let code = place.code { state.select(code: code) }
  state.focus = place.focus
  state.detailScroll = place.detailScroll
  state.link = place.link
  state.search = ""
  state.currentMatch = nil
  state.keepSelectionVisible()
}

/// Opens the explanation of text (a paste, the explain prompt, `tui --explain`).
func openExplanation(_ text: String, _ state: inout AppState) {
  guard text.contains(where: { !$0.isWhitespace }) else {
    state.message = state.strings.explainNothing
    return
  }
  state.history.append(currentPlace(state))
  state.explain = ExplainState(text: text, catalog: state.catalog)
  state.link = nil
  state.search = ""
  state.currentMatch = nil
  let count = state.explain!.explanations.count
  if state.explain!.cut {
    state.message = state.strings.repliesCut(PastedReplies.maximumReplies)
  } else if count > 1 {
    state.message = state.strings.repliesFound(count)
  }
}

/// A bracketed paste: into the open prompt as typed text (its first line), else explained.
private func paste(_ text: String, into state: inout AppState) {
  if state.prompt != nil {
    updatePrompt(&state, .edit(.insert(text)))
    return
  }
  guard !state.showingHelp else { return }
  state.compare = nil
  // From the log view too: the explanation is a catalog page (l goes back to the log).
  state.log?.showingCatalog = true
  openExplanation(text, &state)
}

/// y: the code and its summary (an explanation: its verdict); Y: the whole page as plain text.
private func copy(_ state: inout AppState, whole: Bool) {
  guard state.prompt == nil, !state.showingHelp else { return }
  let text: String
  if let explain = state.explain {
    let explanation = explain.explanation
    text =
      whole
      ? plainText(
        ExplainView(
          explanation: explanation, empty: explain.empty, width: 80, strings: state.strings
        ).lines)
      : explanation.verdict
  } else if let compare = state.compare {
    text = plainText(
      CompareView(
        comparison: state.catalog.compare(compare.left, compare.right), width: 100,
        differencesOnly: compare.differencesOnly, strings: state.strings
      ).allLines)
  } else if let entry = state.selectedEntry {
    text =
      whole
      ? plainText(DetailView(entry: entry, width: 80, strings: state.strings).lines)
      : "\(entry.code) \(entry.title): \(entry.summary)"
  } else {
    return
  }
  state.pendingCopy = text
  state.message =
    whole ? state.strings.copiedPage : state.strings.copied(String(text.prefix(40)))
}

/// Lines as plain text, trailing blanks trimmed.
func plainText(_ lines: [Line]) -> String {
  lines.map { line in
    var text = line.map(\.text).joined()
    while text.last == " " { text.removeLast() }
    return text
  }.joined(separator: "\n") + "\n"
}

/// A click selects a list row or focuses a pane; the wheel scrolls what is under the pointer.
private func mouse(_ event: MouseEvent, _ state: inout AppState) {
  guard state.prompt == nil else { return }
  let layout = state.layout
  let wheel: Int
  switch event.kind {
  case .wheelUp: wheel = -3
  case .wheelDown: wheel = 3
  case .press: wheel = 0
  }
  if state.showingHelp {
    state.helpScroll += wheel
  } else if state.mode == .log || state.mode == .logGroup {
    // The log view scrolls with the wheel as with the arrows; a click there selects nothing.
    for _ in 0..<abs(wheel) { updateLog(&state, wheel < 0 ? .moveUp : .moveDown) }
  } else if var compare = state.compare {
    compare.scroll += wheel
    state.compare = compare
  } else if var explain = state.explain {
    explain.scroll += wheel
    state.explain = explain
  } else if layout.list.contains(x: event.x, y: event.y)
    || layout.listHeader.contains(x: event.x, y: event.y)
  {
    if wheel != 0 {
      let before = state.selected
      state.selected += wheel
      state.keepSelectionVisible()
      if before != state.selected { selectionChanged(&state) }
    } else {
      state.focus = .list
      let row = state.listTop + event.y - layout.list.y
      if layout.list.contains(x: event.x, y: event.y), row < state.shownCount,
        row != state.selected
      {
        state.selected = row
        state.keepSelectionVisible()
        selectionChanged(&state)
      }
    }
  } else if layout.detail.contains(x: event.x, y: event.y)
    || layout.detailHeader.contains(x: event.x, y: event.y)
  {
    if wheel != 0 { state.detailScroll += wheel } else { state.focus = .detail }
  }
  clampScrolls(&state)
}

/// Digits typed in the list go to the first code that starts with them ("42" → 421).
private func typeCode(_ character: Character, _ state: inout AppState) {
  let typed = state.typedCode + String(character)
  func firstRow(startingWith prefix: String) -> Int? {
    for row in 0..<state.shownCount
    where state.catalog.entries[state.position(ofRow: row)].code.hasPrefix(prefix) {
      return row
    }
    return nil
  }
  // A new start when the digits so far lead nowhere ("45" then "5" → 5…).
  guard let row = firstRow(startingWith: typed) ?? firstRow(startingWith: String(character))
  else {
    state.typedCode = ""
    state.message = state.strings.noCodeStartsWith(typed)
    return
  }
  state.typedCode = firstRow(startingWith: typed) != nil ? typed : String(character)
  if row != state.selected {
    state.selected = row
    state.keepSelectionVisible()
    selectionChanged(&state)
  }
  state.message = state.strings.typedCode(state.typedCode)
}

/// Narrows the list to the filter; the best match (an exact code first) becomes the selection.
private func applyFilter(_ state: inout AppState) {
  state.results = state.engine.filter(state.filter)
  state.selected = 0
  state.listTop = 0
  selectionChanged(&state)
  state.keepSelectionVisible()
}

/// Shows the whole catalog again, keeping the selected entry selected.
private func clearFilter(_ state: inout AppState) {
  let code = state.selectedEntry?.code
  state.filter = ""
  state.filterEditor.reset()
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

/// Where a movement key takes a page that scrolls (the same for every such page); `page` is its
/// height less a line, `lines` its length (End goes there; `clampScrolls` keeps it in bounds).
func scrolled(_ scroll: Int, by action: Action, page: Int, lines: Int) -> Int {
  switch action {
  case .moveUp: scroll - 1
  case .moveDown: scroll + 1
  case .pageUp: scroll - page
  case .pageDown: scroll + page
  case .halfPageUp: scroll - page / 2
  case .halfPageDown: scroll + page / 2
  case .top: 0
  case .bottom: lines
  default: scroll
  }
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
  if var explain = state.explain {
    explain.scroll = clamp(explain.scroll, lines: frame.explainLines, height: frame.explainHeight)
    state.explain = explain
  }
  state.log?.clamp(to: frame.log)
}
