import ReplyCatalog
import TextLayout

// The log view (`smtpcodes tui --log FILE`): `scan`'s group table on screen, live while the file
// is followed, and a page per group with the explanation of its reply and what the log says about
// it (count, first and last seen, domains, template, sample lines). Its state, update and view
// model live here; State.swift, Keys.swift and Render.swift only hook them in.

/// What has been read of the log so far: the tally's rows and totals. The event loop owns the
/// tally (it reads the file) and sends a new snapshot as `.logRead`.
public struct LogSnapshot: Equatable, Sendable {
  public var rows: [ScanRow]
  public var summary: ScanSummary
  /// The file is still being read (its first pass, before the end was reached).
  public var reading: Bool
  /// Why reading stopped, when it failed (already escaped).
  public var error: String?

  public init(
    rows: [ScanRow] = [], summary: ScanSummary = ScanSummary(), reading: Bool = true,
    error: String? = nil
  ) {
    self.rows = rows
    self.summary = summary
    self.reading = reading
    self.error = error
  }
}

/// What the last frame laid out in the log view (reported back as part of `FrameFacts`).
public struct LogFrameFacts: Equatable, Sendable {
  /// The frame drew the log view (the other fields mean something).
  public var drawn = false
  /// The first table line shown, after keeping the selected group on screen.
  public var top = 0
  /// Groups that fit on a page (PgUp/PgDn move the selection by this many).
  public var groupsPerPage = 1
  public var pageLines = 0
  public var pageHeight = 0

  public init() {}
}

/// The log view's state: the snapshot, the selected group, and the open group page, if any.
public struct LogViewState: Sendable {
  /// The log's name as shown (escaped).
  public let source: String
  public let following: Bool
  public private(set) var snapshot = LogSnapshot()
  /// The selected row (an index into `snapshot.rows`) and the first table line on screen.
  public var selected = 0
  public var top = 0
  /// The group whose page is open (kept up to date while the log grows).
  public var opened: ScanRow?
  public var pageScroll = 0
  /// The catalog views are showing instead (`l` switches).
  public var showingCatalog = false

  public init(source: String, following: Bool) {
    self.source = SafeText.escape(source)
    self.following = following
  }

  public var rows: [ScanRow] { snapshot.rows }

  public var selectedRow: ScanRow? {
    rows.indices.contains(selected) ? rows[selected] : nil
  }

  /// What stays the same about a group while its count and times change: it keeps the selection
  /// (and the open page) on the same group when a new snapshot reorders the rows.
  static func identity(_ row: ScanRow) -> String {
    [
      row.code ?? "-", row.enhanced?.description ?? "-", row.reason.rawValue,
      row.provider?.id ?? "-", row.label ?? "", row.isOther ? "*" : "",
    ].joined(separator: "|")
  }

  /// Takes a new snapshot, keeping the same groups selected and open.
  public mutating func refresh(_ next: LogSnapshot) {
    let selectedIdentity = selectedRow.map(Self.identity)
    snapshot = next
    if let selectedIdentity,
      let index = rows.firstIndex(where: { Self.identity($0) == selectedIdentity })
    {
      selected = index
    }
    selected = min(max(0, selected), max(0, rows.count - 1))
    if let opened {
      let identity = Self.identity(opened)
      self.opened = rows.first { Self.identity($0) == identity } ?? opened
    }
  }

  mutating func clamp(to facts: LogFrameFacts) {
    guard facts.drawn else { return }
    if opened == nil {
      top = facts.top
    } else if facts.pageHeight > 0 {
      pageScroll = min(max(0, pageScroll), max(0, facts.pageLines - facts.pageHeight))
    }
  }
}

/// The update for the log view's modes (and `l` from the catalog).
func updateLog(_ state: inout AppState, _ action: Action) {
  guard var log = state.log else {
    if action == .switchLog { state.message = state.strings.logNoLog }
    return
  }
  defer { state.log = log }
  if log.showingCatalog {
    if action == .switchLog { log.showingCatalog = false }
    return
  }
  let facts = state.frame.log
  if log.opened != nil {
    let page = max(1, facts.pageHeight - 1)
    switch action {
    case .back:
      log.opened = nil
      log.pageScroll = 0
    case .moveUp, .moveDown, .pageUp, .pageDown, .halfPageUp, .halfPageDown, .top, .bottom:
      log.pageScroll = scrolled(log.pageScroll, by: action, page: page, lines: facts.pageLines)
    case .switchLog: log.showingCatalog = true
    default: break
    }
    log.clamp(to: facts)
    return
  }
  let page = max(1, facts.groupsPerPage)
  switch action {
  case .moveUp: log.selected -= 1
  case .moveDown: log.selected += 1
  case .pageUp: log.selected -= page
  case .pageDown: log.selected += page
  case .halfPageUp: log.selected -= max(1, page / 2)
  case .halfPageDown: log.selected += max(1, page / 2)
  case .top: log.selected = 0
  case .bottom: log.selected = log.rows.count - 1
  case .openGroup:
    if let row = log.selectedRow {
      log.opened = row
      log.pageScroll = 0
    }
  case .switchLog: log.showingCatalog = true
  default: break
  }
  log.selected = min(max(0, log.selected), max(0, log.rows.count - 1))
}

/// The page of one group: the explanation of its reply (as `explain` shows it), then what the
/// log says about the group, then raw sample lines, escaped.
public struct LogGroupView: Sendable {
  public let lines: [Line]

  public init(row: ScanRow, counted: Int, catalog: Catalog, width: Int, strings: Strings) {
    var lines: [Line] = []
    if !row.isOther, !row.sample.isEmpty {
      lines =
        ExplainView(
          explanation: catalog.explain(row.sample), empty: false, width: width, strings: strings
        ).lines
    } else {
      lines = wrapSpans([Span("* ", .text), Span(row.verdict, .heading)], width: width)
    }
    var page = PageBuilder(
      width: width,
      labels: [
        strings.fieldCount, strings.fieldFirstSeen, strings.fieldLastSeen, strings.fieldDomains,
        strings.fieldTemplate,
      ], strings: strings)
    page.heading(strings.sectionInThisLog)
    page.field(strings.fieldCount, strings.logCountShare(row.count, counted))
    if let first = row.firstSeen, let last = row.lastSeen {
      page.field(strings.fieldFirstSeen, first.description)
      page.field(strings.fieldLastSeen, last.description)
    } else {
      page.field(strings.fieldFirstSeen, strings.logNoTime, .textDim)
    }
    var domains = row.domains.map { "\(SafeText.escape($0.domain)) \($0.count)" }
    if row.otherDomains > 0 { domains.append(strings.logOtherDomains(row.otherDomains)) }
    page.field(strings.fieldDomains, domains.joined(separator: ", "))
    if row.isOther {
      page.paragraph(strings.scanFolded(row.foldedGroups), indent: 0, role: .textDim)
    } else {
      page.field(strings.fieldTemplate, SafeText.escape(row.template))
    }
    if !row.samples.isEmpty {
      page.heading(strings.sectionSampleLines)
      for sample in row.samples {
        page.verbatim(SafeText.escape(sample), indent: 2, role: .textDim)
      }
    }
    self.lines = lines + page.lines
  }
}

extension Renderer {
  /// The log view: a header with the totals, then the group table (selected group highlighted),
  /// or the open group's page.
  mutating func drawLog(_ log: LogViewState) {
    let body = layout.body
    guard body.height > 0 else { return }
    let bar = style(.title)
    grid.fill(layout.title, style: bar)
    var title = " " + strings.appTitle + " · " + strings.logTitle(log.source)
    if let opened = log.opened {
      let codes = [opened.code, opened.enhanced?.description].compactMap { $0 }
      title += " · " + strings.logGroupTitle(opened.isOther ? "*" : codes.joined(separator: " "))
    }
    var right =
      log.snapshot.reading ? strings.logReading : log.following ? strings.logFollowing : ""
    right += right.isEmpty ? "" : " "
    let rightWidth = displayWidth(right)
    grid.write(
      truncate(title, width: max(0, layout.width - rightWidth - 1), ellipsis: strings.ellipsis),
      x: 0, y: 0, style: bar)
    if rightWidth + displayWidth(title) < layout.width {
      grid.write(right, x: layout.width - rightWidth, y: 0, style: bar)
    }
    facts.log.drawn = true
    let rect = Rect(x: 1, y: body.y, width: max(1, body.width - 2), height: body.height)
    if let opened = log.opened {
      drawLogGroup(opened, log: log, rect: rect)
    } else {
      drawLogTable(log, rect: rect)
    }
  }

  private mutating func drawLogGroup(_ row: ScanRow, log: LogViewState, rect: Rect) {
    let view = LogGroupView(
      row: row, counted: log.snapshot.summary.counted, catalog: state.catalog, width: rect.width,
      strings: strings)
    facts.log.pageLines = view.lines.count
    facts.log.pageHeight = rect.height
    let first = min(log.pageScroll, max(0, view.lines.count - rect.height))
    for (offset, line) in view.lines.dropFirst(first).prefix(rect.height).enumerated() {
      write(line, x: rect.x, y: rect.y + offset, width: rect.width)
    }
    drawScrollHints(rect: rect, above: first > 0, below: first + rect.height < view.lines.count)
  }

  private mutating func drawLogTable(_ log: LogViewState, rect: Rect) {
    let summary = log.snapshot.summary
    var header = strings.logHeader(
      log.source, summary.lines, summary.replies, log.rows.count)
    if summary.filteredOut > 0 { header += strings.logFiltered(summary.filteredOut) }
    var y = rect.y
    for line in wrapSpans([Span(header, .textDim)], width: rect.width).prefix(2) {
      write(line, x: rect.x, y: y, width: rect.width)
      y += 1
    }
    if let error = log.snapshot.error, y < rect.maxY {
      write([Span(strings.logStopped(error), .warning)], x: rect.x, y: y, width: rect.width)
      y += 1
    }
    guard y < rect.maxY else { return }
    if log.rows.isEmpty {
      let note = log.snapshot.reading ? strings.logReading : strings.logNoGroupsYet
      write([Span(note, .textDim)], x: rect.x, y: y, width: rect.width)
      return
    }
    let table = ScanTableView(
      rows: log.rows, total: log.rows.count, summary: summary, width: rect.width,
      strings: strings)
    // The column titles stay; the groups scroll under them.
    write(table.lines[0], x: rect.x, y: y, width: rect.width)
    y += 1
    let height = rect.maxY - y
    guard height > 0 else { return }
    let body = Array(table.lines[1..<table.summaryStart])
    let groups = table.groupLines.map { ($0.lowerBound - 1)..<($0.upperBound - 1) }
    let selected = groups[min(log.selected, groups.count - 1)]
    var top = log.top
    if selected.lowerBound < top { top = selected.lowerBound }
    if selected.upperBound > top + height {
      top = min(selected.lowerBound, selected.upperBound - height)
    }
    top = min(max(0, top), max(0, body.count - height))
    facts.log.top = top
    facts.log.groupsPerPage = max(
      1, groups.filter { $0.lowerBound >= top && $0.upperBound <= top + height }.count)
    let over = style(.text).patched(by: style(.selection))
    for (offset, line) in body.dropFirst(top).prefix(height).enumerated() {
      let index = top + offset
      if selected.contains(index) {
        grid.fill(Rect(x: rect.x - 1, y: y + offset, width: rect.width + 2, height: 1), style: over)
        write(line, x: rect.x, y: y + offset, width: rect.width, over: over)
      } else {
        write(line, x: rect.x, y: y + offset, width: rect.width)
      }
    }
    drawScrollHints(
      rect: Rect(x: rect.x, y: y, width: rect.width, height: height), above: top > 0,
      below: top + height < body.count)
  }
}
