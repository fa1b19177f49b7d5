import ReplyCatalog
import TextLayout

/// A column of a `TableView`.
public struct TableColumn: Sendable {
  public let title: String
  public let alignRight: Bool
  /// The widest the column gets; the flexible column takes what room is left.
  public let maxWidth: Int
  public let flexible: Bool
  /// Columns that may go when the table is too narrow, lowest first; nil columns always stay.
  public let dropOrder: Int?

  public init(
    _ title: String, alignRight: Bool = false, maxWidth: Int = 40, flexible: Bool = false,
    dropOrder: Int? = nil
  ) {
    self.title = title
    self.alignRight = alignRight
    self.maxWidth = maxWidth
    self.flexible = flexible
    self.dropOrder = dropOrder
  }
}

/// A table of cells fitted to a width: columns as wide as their content (up to their maximum),
/// the flexible column shrinking first; cells that do not fit end in an ellipsis. No line is
/// wider than `width`.
public struct TableView: Sendable {
  public let header: Line
  /// Each row's lines (more than one when its last cell wraps).
  public let rows: [[Line]]

  public init(columns: [TableColumn], rows: [[Span]], width: Int, strings: Strings) {
    let width = max(1, width)
    let gap = 2
    // Too narrow for every column: drop the droppable ones while the flexible one would get
    // fewer than 24 columns.
    var columns = columns
    var rows = rows
    func natural(_ index: Int) -> Int {
      min(
        columns[index].maxWidth,
        max(
          displayWidth(columns[index].title),
          rows.map { index < $0.count ? displayWidth($0[index].text) : 0 }.max() ?? 0))
    }
    while let flexible = columns.firstIndex(where: \.flexible),
      let drop = columns.indices.filter({ columns[$0].dropOrder != nil })
        .min(by: { columns[$0].dropOrder! < columns[$1].dropOrder! })
    {
      let others = columns.indices.filter { $0 != flexible }.map(natural).reduce(0, +)
      guard width - others - gap * (columns.count - 1) < 24 else { break }
      columns.remove(at: drop)
      rows = rows.map { row in
        var row = row
        if drop < row.count { row.remove(at: drop) }
        return row
      }
    }
    var widths = columns.enumerated().map { index, column in
      min(
        column.maxWidth,
        max(
          displayWidth(column.title),
          rows.map { index < $0.count ? displayWidth($0[index].text) : 0 }.max() ?? 0))
    }
    func total() -> Int { widths.reduce(0, +) + gap * max(0, widths.count - 1) }
    // Shrink the flexible column, then the widest others, down to a few columns each.
    if let flexible = columns.firstIndex(where: \.flexible), total() > width {
      widths[flexible] = max(6, widths[flexible] - (total() - width))
    }
    while total() > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
      widths[widest] > 4
    {
      widths[widest] -= 1
    }
    func cell(_ span: Span, _ column: Int) -> Span {
      let text = truncate(span.text, width: widths[column], ellipsis: strings.ellipsis)
      let isLast = column == columns.count - 1
      if columns[column].alignRight { return Span(paddedLeft(text, widths[column]), span.role) }
      return Span(isLast ? text : padded(text, widths[column]), span.role)
    }
    func line(_ cells: [Span]) -> Line {
      var line: Line = []
      for (index, span) in cells.enumerated() where index < columns.count {
        if index > 0 { line.append(Span(String(repeating: " ", count: gap), .text)) }
        line.append(cell(span, index))
      }
      return fitted(line, width: width, ellipsis: strings.ellipsis)
    }
    /// A row whose last column is the flexible one wraps that cell onto more lines instead of
    /// cutting it: the verdict is what a reader came for.
    func rowLines(_ cells: [Span]) -> [Line] {
      let last = columns.count - 1
      guard last >= 0, columns[last].flexible, cells.count == columns.count,
        displayWidth(cells[last].text) > widths[last]
      else { return [line(cells)] }
      let wrapped = wrapText(cells[last].text, width: widths[last])
      var first = cells
      first[last] = Span(wrapped[0], cells[last].role)
      let indent = String(
        repeating: " ", count: width - widths[last] <= 0 ? 0 : total() - widths[last])
      return [line(first)]
        + wrapped.dropFirst().map { fitted([Span(indent + $0, cells[last].role)], width: width) }
    }
    header = line(columns.map { Span($0.title, .label) })
    self.rows = rows.map(rowLines)
  }

  /// The header, then every row's lines.
  public var lines: [Line] { [header] + rows.flatMap { $0 } }
}

/// A line cut to `width` columns (the last visible span ends in an ellipsis when cut).
public func fitted(_ line: Line, width: Int, ellipsis: String = "…") -> Line {
  guard lineWidth(line) > width else { return line }
  var result: Line = []
  var used = 0
  for span in line {
    let room = width - used
    guard room > 0 else { break }
    let w = displayWidth(span.text)
    if w <= room {
      result.append(span)
      used += w
    } else {
      result.append(Span(truncate(span.text, width: room, ellipsis: ellipsis), span.role))
      break
    }
  }
  return result
}

/// `scan`'s table: one row per group, largest first, each with a dimmed line of its domains,
/// time span and reply template; then a summary that counts everything read.
public struct ScanTableView: Sendable {
  public let lines: [Line]
  /// Where each row's lines are in `lines` (its table lines and its dimmed detail line).
  public let groupLines: [Range<Int>]
  /// Where the summary starts in `lines`.
  public let summaryStart: Int

  /// `total`: how many groups there were before a `--limit` cut.
  public init(rows: [ScanRow], total: Int, tally: ReplyTally, width: Int, strings: Strings) {
    self.init(rows: rows, total: total, summary: tally.summary, width: width, strings: strings)
  }

  public init(rows: [ScanRow], total: Int, summary tally: ScanSummary, width: Int, strings: Strings)
  {
    let width = max(1, width)
    var lines: [Line] = []
    var groupLines: [Range<Int>] = []
    if rows.isEmpty {
      lines.append([Span(strings.scanNothing(tally.lines), .text)])
    } else {
      let labelled = tally.grouping == .domain || tally.grouping == .template
      var columns = [TableColumn(strings.columnCount, alignRight: true)]
      if labelled {
        columns.append(
          TableColumn(
            tally.grouping == .domain ? strings.columnDomain : strings.columnTemplate,
            maxWidth: 24))
      }
      columns += [
        TableColumn(strings.columnCode), TableColumn(strings.columnEnhanced, dropOrder: 2),
        TableColumn(strings.columnSeverity, dropOrder: 1),
        TableColumn(strings.columnReason, dropOrder: 3),
        TableColumn(strings.columnProvider, maxWidth: 20, dropOrder: 0),
        TableColumn(strings.columnVerdict, maxWidth: 200, flexible: true),
      ]
      var cells: [[Span]] = []
      for row in rows {
        let role = Role.codeClass(row.severity?.classDigit ?? 0)
        var line = [Span(String(row.count), .text)]
        if labelled { line.append(Span(SafeText.escape(row.label ?? "-"), .text)) }
        line += [
          Span(row.isOther ? "*" : row.code ?? "-", role),
          Span(row.isOther ? "" : row.enhanced?.description ?? "-", role),
          Span(
            row.isOther ? "" : row.severity.map(strings.severity) ?? "-",
            Role.severity(row.severity)),
          Span(row.isOther ? "" : row.reason.rawValue, .text),
          Span(row.isOther ? "" : row.provider?.name ?? "-", .text),
          Span(row.verdict, .text),
        ]
        cells.append(line)
      }
      let table = TableView(columns: columns, rows: cells, width: width, strings: strings)
      lines.append(table.header)
      let indent = min(7, width / 4)
      for (row, rowLines) in zip(rows, table.rows) {
        let first = lines.count
        defer { groupLines.append(first..<lines.count) }
        lines += rowLines
        var detail: [String] = []
        if !row.domains.isEmpty {
          var shown = row.domains.prefix(3).map { "\($0.domain) \($0.count)" }
            .joined(separator: ", ")
          let more = row.count - row.domains.prefix(3).reduce(0) { $0 + $1.count }
          if more > 0 { shown += ", +\(more)" }
          detail.append(shown)
        }
        if let first = row.firstSeen, let last = row.lastSeen {
          detail.append(first == last ? first.description : "\(first) – \(last)")
        }
        if row.isOther {
          detail.append(strings.scanFolded(row.foldedGroups))
        } else if tally.grouping != .template {
          detail.append(SafeText.escape(row.template))
        }
        if !detail.isEmpty {
          let prefix = String(repeating: " ", count: indent)
          for text in wrapText(detail.joined(separator: " · "), width: max(1, width - indent)) {
            lines.append([Span(prefix + text, .textDim)])
          }
        }
      }
    }
    summaryStart = lines.count
    var summary = strings.scanSummary(tally.replies, tally.lines, total)
    if rows.count < total { summary += strings.scanLargestShown(rows.count) }
    if tally.filteredOut > 0 {
      summary += strings.scanFilteredOut(tally.counted, tally.filteredOut)
      if tally.untimed > 0 { summary += strings.scanUntimed(tally.untimed) }
    }
    if tally.foldedGroups > 0 { summary += strings.scanFoldedSummary(tally.foldedGroups) }
    lines += wrapSpans([Span(summary + strings.scanSummaryEnd, .textDim)], width: width)
    self.lines = lines
    self.groupLines = groupLines
  }
}
