import ReplyCatalog
import TextLayout

/// Draws the whole screen for a state into a new grid. Pure: tests snapshot its text.
public func render(_ state: AppState, theme: Theme) -> CellGrid {
  renderFrame(state, theme: theme).grid
}

/// The screen, and what it laid out: the event loop hands the facts back to `update` as
/// `.framed`, so scrolling knows its bounds without laying text out again.
public func renderFrame(_ state: AppState, theme: Theme) -> (grid: CellGrid, facts: FrameFacts) {
  var renderer = Renderer(state: state, theme: theme)
  renderer.draw()
  return (renderer.grid, renderer.facts)
}

struct Renderer {
  let state: AppState
  let theme: Theme
  let layout: Layout
  var grid: CellGrid
  var facts = FrameFacts()

  init(state: AppState, theme: Theme) {
    self.state = state
    self.theme = theme
    layout = state.layout
    grid = CellGrid(width: layout.width, height: layout.height)
  }

  var strings: Strings { state.strings }

  func style(_ role: Role) -> Style { theme.style(role) }

  mutating func draw() {
    let base = style(.text)
    grid.fill(Rect(x: 0, y: 0, width: grid.width, height: grid.height), style: base)
    if layout.tooSmall {
      let note = strings.tooSmall(
        layout.width, layout.height, Layout.minimumWidth, Layout.minimumHeight)
      // One note, wrapped over the rows there are when the line is narrower than the note.
      for (y, line) in wrapText(note, width: layout.width).prefix(layout.height).enumerated() {
        grid.write(line, x: 0, y: y, style: base.patched(by: style(.warning)))
      }
      return
    }
    drawTitle()
    if let log = state.log, !log.showingCatalog {
      drawLog(log)
    } else if let compare = state.compare {
      drawCompare(compare)
    } else if let explain = state.explain {
      drawExplain(explain)
    } else {
      drawBrowser()
    }
    if state.showingHelp { drawHelp() }
    drawStatus()
  }

  /// Writes spans from (x, y), cut at `width` columns; `over` is laid under every span's style,
  /// `top` over it (a selected row: its colours win over each span's own).
  @discardableResult
  mutating func write(
    _ line: Line, x: Int, y: Int, width: Int, over: Style? = nil, top: Style? = nil
  ) -> Int {
    var used = 0
    let base = over ?? style(.text)
    for span in line where used < width {
      let text = truncate(span.text, width: width - used, ellipsis: strings.ellipsis)
      var spanStyle = base.patched(by: style(span.role))
      if let overlay = span.overlay { spanStyle = spanStyle.patched(by: style(overlay)) }
      if let top { spanStyle = spanStyle.patched(by: top) }
      used += grid.write(text, x: x + used, y: y, style: spanStyle, limit: width - used)
    }
    return used
  }

  mutating func drawTitle() {
    let bar = style(.title)
    grid.fill(layout.title, style: bar)
    var right: String
    let left: String
    if let compare = state.compare {
      left = " " + strings.compareTitle(compare.left.written, compare.right.written)
      right = compare.differencesOnly ? strings.differencesOnlyBanner : ""
    } else if let explain = state.explain {
      let count = explain.explanations.count
      left = " " + strings.explainTitle(explain.current + 1, count)
      right = count > 1 ? strings.explainTitleHint : ""
    } else {
      left = " " + strings.appTitle + " · " + strings.appSubtitle
      right = strings.codesCount(state.shownCount, state.catalog.entries.count)
      // Titles shown in English for want of a translation: said once for the whole screen.
      let rows = ListView(state: state, height: layout.list.height).rows
      if rows.contains(where: \.untranslated)
        || state.selectedEntry.map(strings.isUntranslated) == true
      {
        right = strings.untranslatedMarker + "  " + right
      }
    }
    right += right.isEmpty ? "" : " "
    let rightWidth = displayWidth(right)
    let leftWidth = max(0, layout.width - rightWidth - 1)
    grid.write(truncate(left, width: leftWidth, ellipsis: strings.ellipsis), x: 0, y: 0, style: bar)
    if rightWidth + displayWidth(left) < layout.width {
      grid.write(right, x: layout.width - rightWidth, y: 0, style: bar)
    }
  }

  mutating func drawBrowser() {
    drawPaneHeaders()
    drawList()
    let border = style(.text).patched(by: style(.border))
    if layout.sideBySide {
      for y in layout.divider.y..<layout.divider.maxY {
        grid.write("│", x: layout.divider.x, y: y, style: border)
      }
    }
    drawDetail()
  }

  /// Each pane's name and position on its title row; the focused pane's row stands out, so
  /// where the keys go is never a guess.
  mutating func drawPaneHeaders() {
    let listFocused = state.focus == .list
    let listPosition =
      state.shownCount == 0
      ? "" : strings.listPosition(min(state.selected + 1, state.shownCount), state.shownCount)
    paneHeader(
      layout.listHeader, left: strings.paneCodes, right: listPosition, focused: listFocused)
    guard let entry = state.selectedEntry else {
      paneHeader(layout.detailHeader, left: "", right: "", focused: !listFocused)
      return
    }
    paneHeader(
      layout.detailHeader, left: entry.code, right: detailPosition, focused: !listFocused)
  }

  /// "40% of 88 lines": where the detail's last visible line is, known after the detail is
  /// laid out (the header row is drawn again then).
  var detailPosition = ""

  mutating func paneHeader(_ rect: Rect, left: String, right: String, focused: Bool) {
    guard !rect.isEmpty else { return }
    let bar = style(.text).patched(by: style(focused ? .paneTitleFocused : .paneTitle))
    grid.fill(rect, style: bar)
    let rightText = right.isEmpty ? "" : right + " "
    let rightWidth = displayWidth(rightText)
    let leftRoom = max(0, rect.width - rightWidth - 1)
    let leftText = truncate(" " + left, width: leftRoom, ellipsis: strings.ellipsis)
    grid.write(leftText, x: rect.x, y: rect.y, style: bar, limit: leftRoom)
    if rightWidth + displayWidth(leftText) < rect.width {
      grid.write(rightText, x: rect.maxX - rightWidth, y: rect.y, style: bar)
    }
  }

  mutating func drawList() {
    let rect = layout.list
    if state.shownCount == 0 {
      let message = state.filter.isEmpty ? strings.emptyCatalog : strings.noMatches(state.filter)
      write([Span(message, .textDim)], x: rect.x + 1, y: rect.y, width: rect.width - 1)
      if !state.filter.isEmpty, rect.height > 1 {
        write(
          [Span(strings.noMatchesHint, .textDim)], x: rect.x + 1, y: rect.y + 1,
          width: rect.width - 1)
      }
      return
    }
    let view = ListView(state: state, height: rect.height)
    let words = filterWords(state.filter)
    for (offset, row) in view.rows.enumerated() {
      let y = rect.y + offset
      var over = style(.text)
      var selection: Style?
      if row.selected {
        selection = style(state.focus == .list ? .selection : .selectionInactive)
        over = over.patched(by: selection!)
        grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: over)
      }
      var line: Line = [
        Span(row.marked ? strings.markSymbol : " ", .mark), Span(" ", .text),
        Span(padded(row.code, view.codeWidth), .codeClass(row.displayClass)), Span(" ", .text),
      ]
      line += highlighted([Span(row.title, .text)], words: words, role: .match).line
      write(line, x: rect.x, y: y, width: rect.width, over: over, top: selection)
    }
  }

  mutating func drawDetail() {
    let rect = layout.detail
    guard let entry = state.selectedEntry, !rect.isEmpty else { return }
    let view = DetailView(
      entry: entry, width: rect.width, strings: strings, markUntranslated: false,
      teamNote: state.notes.note(for: entry.code), links: state.links, link: state.link)
    let lines = searched(view.lines)
    facts.detailLines = lines.count
    facts.detailHeight = rect.height
    let first = min(state.detailScroll, max(0, lines.count - rect.height))
    for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
      write(line, x: rect.x, y: rect.y + offset, width: rect.width)
    }
    drawScrollHints(rect: rect, above: first > 0, below: first + rect.height < lines.count)
    let shown = min(lines.count, first + rect.height)
    detailPosition = strings.detailPosition(
      lines.isEmpty ? 100 : shown * 100 / lines.count, lines.count)
    paneHeader(
      layout.detailHeader, left: entry.code, right: detailPosition, focused: state.focus == .detail)
  }

  /// The explanation of a paste or a typed reply: a page that scrolls, with links.
  mutating func drawExplain(_ explain: ExplainState) {
    let rect = layout.compare
    let view = ExplainView(
      explanation: explain.explanation, empty: explain.empty, width: rect.width, strings: strings,
      links: state.links, link: state.link)
    let lines = searched(view.lines)
    facts.explainLines = lines.count
    facts.explainHeight = rect.height
    let first = min(explain.scroll, max(0, lines.count - rect.height))
    for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
      write(line, x: rect.x, y: rect.y + offset, width: rect.width)
    }
    drawScrollHints(rect: rect, above: first > 0, below: first + rect.height < lines.count)
  }

  /// The page's lines with the search's matches marked, noting where the links and the matches
  /// are for `update` (r/R and n/N scroll to them).
  mutating func searched(_ lines: [Line]) -> [Line] {
    var linkLines: [Int] = []
    var matchLines: [Int] = []
    let words = state.search.isEmpty ? [] : [Array(state.search.lowercased())]
    var result: [Line] = []
    result.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      for span in line where span.role == .link { linkLines.append(index) }
      guard !words.isEmpty else {
        result.append(line)
        continue
      }
      let isCurrent = state.currentMatch == matchLines.count
      let (marked, found) = highlighted(
        line, words: words, role: isCurrent ? .matchCurrent : .match)
      if found { matchLines.append(index) }
      result.append(marked)
    }
    facts.linkLines = linkLines
    facts.matchLines = matchLines
    return result
  }

  /// Arrows at the right edge when there is more above or below.
  mutating func drawScrollHints(rect: Rect, above: Bool, below: Bool) {
    let hint = style(.text).patched(by: style(.textDim))
    let x = min(layout.width - 1, rect.maxX)
    if above { grid.write("↑", x: x, y: rect.y, style: hint) }
    if below { grid.write("↓", x: x, y: rect.maxY - 1, style: hint) }
  }

  mutating func drawCompare(_ compare: CompareState) {
    let rect = layout.compare
    let view = CompareView(
      comparison: state.catalog.compare(compare.left, compare.right), width: rect.width,
      differencesOnly: compare.differencesOnly, strings: strings, current: compare.current,
      expanded: compare.expanded)
    // The header stays; the body scrolls under it (the header takes at most half the rows).
    let header = view.header.prefix(max(0, rect.height / 2))
    for (offset, line) in header.enumerated() {
      write(line, x: rect.x, y: rect.y + offset, width: rect.width, over: style(.compareHeader))
    }
    let body = Rect(
      x: rect.x, y: rect.y + header.count, width: rect.width, height: rect.height - header.count)
    facts.compareLines = view.lines.count
    facts.compareHeight = body.height
    facts.compareDifferences = view.differenceLines
    facts.compareDifferenceFields = view.differenceFields
    facts.compareKeyLines = view.keyDifferenceLines
    facts.compareKeyFields = view.keyDifferenceFields
    let first = min(compare.scroll, max(0, view.lines.count - body.height))
    for (offset, line) in view.lines.dropFirst(first).prefix(body.height).enumerated() {
      write(line, x: body.x, y: body.y + offset, width: body.width)
    }
    drawScrollHints(rect: body, above: first > 0, below: first + body.height < view.lines.count)
  }

  mutating func drawHelp() {
    let body = layout.body
    let lines = HelpView(strings: strings).lines(width: body.width - 4, height: body.height - 2)
    let contentWidth = lines.map { $0.reduce(0) { $0 + displayWidth($1.text) } }.max() ?? 0
    let width = min(body.width, max(contentWidth, displayWidth(strings.helpFooter)) + 4)
    let height = min(body.height, lines.count + 2)
    let box = Rect(
      x: (layout.width - width) / 2, y: body.y + (body.height - height) / 2, width: width,
      height: height)
    let fill = style(.text).patched(by: style(.help))
    grid.fill(box, style: fill)
    let border = fill.patched(by: style(.border))
    let inner = max(0, width - 2)
    grid.write("┌" + String(repeating: "─", count: inner) + "┐", x: box.x, y: box.y, style: border)
    grid.write(
      "└" + String(repeating: "─", count: inner) + "┘", x: box.x, y: box.maxY - 1, style: border)
    for y in (box.y + 1)..<max(box.y + 1, box.maxY - 1) {
      grid.write("│", x: box.x, y: y, style: border)
      grid.write("│", x: box.maxX - 1, y: y, style: border)
    }
    write(
      [Span(" " + strings.helpTitle + " ", .heading)], x: box.x + 2, y: box.y,
      width: max(0, width - 4), over: fill)
    let footer = " " + strings.helpFooter + " "
    if displayWidth(footer) + 4 <= width {
      write(
        [Span(footer, .textDim)], x: box.maxX - 2 - displayWidth(footer), y: box.maxY - 1,
        width: width, over: fill)
    }
    let rows = max(0, height - 2)
    facts.helpLines = lines.count
    facts.helpHeight = rows
    let first = min(state.helpScroll, max(0, lines.count - rows))
    for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
      write(line, x: box.x + 2, y: box.y + 1 + offset, width: max(0, width - 4), over: fill)
    }
    if rows > 0 {
      let hint = fill.patched(by: style(.textDim))
      if first > 0 { grid.write("↑", x: box.maxX - 2, y: box.y + 1, style: hint) }
      if first + rows < lines.count {
        grid.write("↓", x: box.maxX - 2, y: box.maxY - 2, style: hint)
      }
    }
  }

  mutating func drawStatus() {
    let bar = style(.statusLine)
    let y = layout.status.y
    grid.fill(layout.status, style: bar)
    let view = StatusView(state: state)
    var used = 1
    if !view.left.isEmpty {
      used += write(view.left, x: used, y: y, width: layout.width - used, over: bar)
      used += 2
    }
    let room = layout.width - used - 1
    guard room > 0 else { return }
    if let message = view.message {
      write([Span(message, .statusMessage)], x: used, y: y, width: room, over: bar)
      return
    }
    // The most useful keys, right-aligned, as many as fit.
    var hints = view.keys
    func hintsWidth() -> Int {
      hints.reduce(0) { $0 + displayWidth($1.keys) + 1 + displayWidth($1.label) }
        + max(0, hints.count - 1) * 2
    }
    // Too narrow for all: drop the least important first (the last of equals).
    while !hints.isEmpty, hintsWidth() > room,
      let drop = hints.indices.max(by: { hints[$0].priority <= hints[$1].priority })
    {
      hints.remove(at: drop)
    }
    var x = layout.width - 1 - hintsWidth()
    for (index, hint) in hints.enumerated() {
      if index > 0 { x += grid.write("  ", x: x, y: y, style: bar) }
      x += grid.write(hint.keys, x: x, y: y, style: bar.patched(by: style(.statusKey)))
      x += grid.write(" " + hint.label, x: x, y: y, style: bar)
    }
  }
}
