import TextLayout
import ReplyCatalog

/// A column of a `TableView`.
public struct TableColumn: Sendable {
  public let title: String
  public let alignRight: Bool
  /// The widest the column gets; the flexible column takes what room is left.
  public let maxWidth: Int
  public let flexible: Bool

  public init(_ title: String, alignRight: Bool = false, maxWidth: Int = 40, flexible: Bool = false) {
    self.title = title
    self.alignRight = alignRight
    self.maxWidth = maxWidth
    self.flexible = flexible
  }
}

/// A table of cells fitted to a width: columns as wide as their content (up to their maximum),
/// the flexible column shrinking first; cells that do not fit end in an ellipsis. No line is
/// wider than `width`.
public struct TableView: Sendable {
  public let lines: [Line]

  public init(columns: [TableColumn], rows: [[Span]], width: Int, strings: Strings) {
    let width = max(1, width)
    let gap = 2
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
    var lines = [line(columns.map { Span($0.title, .label) })]
    for row in rows { lines.append(line(row)) }
    self.lines = lines
  }
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

/// `scan`'s table: one row per reply seen, most frequent first, and a summary line.
public struct ScanTableView: Sendable {
  public let lines: [Line]

  public init(rows: [ScanRow], lines count: Int, replies: Int, width: Int, strings: Strings) {
    guard !rows.isEmpty else {
      lines = [[Span(strings.scanNothing(count), .text)]]
      return
    }
    let columns = [
      TableColumn(strings.columnCount, alignRight: true),
      TableColumn(strings.columnCode), TableColumn(strings.columnEnhanced),
      TableColumn(strings.columnSeverity), TableColumn(strings.columnProvider, maxWidth: 24),
      TableColumn(strings.columnMeaning, maxWidth: 200, flexible: true),
    ]
    let cells = rows.map { row -> [Span] in
      let role = Role.codeClass(row.severity?.classDigit ?? 0)
      return [
        Span(String(row.count), .text), Span(row.code ?? "-", role),
        Span(row.enhanced?.description ?? "-", role), Span(row.severity?.rawValue ?? "-", .text),
        Span(row.provider?.name ?? "-", .text), Span(row.meaning, .text),
      ]
    }
    var lines = TableView(columns: columns, rows: cells, width: width, strings: strings).lines
    lines += wrapSpans(
      [Span(strings.scanSummary(replies, count, rows.count), .textDim)], width: width)
    self.lines = lines
  }
}
