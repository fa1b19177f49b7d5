import TextLayout

/// Spans wrapped to a width, each piece keeping its roles (see `wrapRuns`).
public func wrapSpans(_ spans: Line, width: Int) -> [Line] {
  struct Roles: Equatable {
    let role: Role
    let overlay: Role?
  }
  let runs = spans.map { (text: $0.text, tag: Roles(role: $0.role, overlay: $0.overlay)) }
  return wrapRuns(runs, width: width).map { line in
    line.map { Span($0.text, $0.tag.role, overlay: $0.tag.overlay) }
  }
}

/// Builds the lines of a page — labelled fields, headed sections, bullets, verbatim blocks — to a
/// width. Every view that reads like a document (an entry, an explanation) is built with it, so
/// they share their shape on screen and on the command line.
struct PageBuilder {
  let width: Int
  let labelWidth: Int
  let strings: Strings
  var lines: [Line] = []

  init(width: Int, labels: [String], strings: Strings) {
    self.width = max(1, width)
    self.strings = strings
    let widest = labels.map { displayWidth($0) }.max() ?? 0
    labelWidth = min(widest + 2, max(1, self.width / 3))
  }

  mutating func blank() { lines.append([]) }

  /// The first line of a page: the code in its colour, two spaces, and the title, which wraps
  /// under itself.
  mutating func headline(_ code: Span, _ title: String, titleRole: Role = .heading) {
    let codeWidth = displayWidth(code.text)
    guard codeWidth + 2 < width / 2 else {
      lines += wrapSpans([code, Span(" " + title, titleRole)], width: width)
      return
    }
    let titleLines = wrapText(title, width: max(1, width - codeWidth - 2))
    lines.append([code, Span("  " + titleLines[0], titleRole)])
    for more in titleLines.dropFirst() {
      lines.append([Span(String(repeating: " ", count: codeWidth + 2) + more, titleRole)])
    }
  }

  mutating func heading(_ title: String) {
    blank()
    lines.append([Span(title, .heading)])
  }

  /// A label and its value beside it; the value wraps under itself. A value that cannot be
  /// broken (a long URL) goes on its own lines under the label instead of being cut.
  mutating func field(_ label: String, _ value: Line, indent: Int = 0) {
    guard value.contains(where: { !$0.text.isEmpty }) else { return }
    let room = max(1, width - labelWidth)
    let wrapped = wrapSpans(value, width: room)
    let labelSpan = Span(
      padded(
        String(repeating: " ", count: indent)
          + truncate(label, width: max(1, labelWidth - 1 - indent), ellipsis: strings.ellipsis),
        labelWidth), .label)
    let gap = Span(String(repeating: " ", count: labelWidth), .text)
    if wrapped.contains(where: { lineWidth($0) > room }) {
      lines.append([labelSpan])
      for line in wrapped { lines.append(lineWidth(line) > room ? line : [gap] + line) }
      return
    }
    lines.append([labelSpan] + wrapped[0])
    for line in wrapped.dropFirst() { lines.append([gap] + line) }
  }

  mutating func field(_ label: String, _ value: String, _ role: Role = .text, indent: Int = 0) {
    field(label, [Span(value, role)], indent: indent)
  }

  /// A heading and prose under it, indented by two.
  mutating func section(_ title: String, _ text: String) {
    guard !text.isEmpty else { return }
    heading(title)
    paragraph(text, indent: 2)
  }

  mutating func paragraph(_ text: String, indent: Int, role: Role = .text) {
    let prefix = String(repeating: " ", count: indent)
    for line in wrapText(text, width: max(1, width - indent)) {
      lines.append([Span(prefix + line, role)])
    }
  }

  /// A heading and one bulleted item per entry.
  mutating func bullets(_ title: String, _ items: [String]) {
    guard !items.isEmpty else { return }
    heading(title)
    for item in items { bullet(item) }
  }

  /// One bulleted item; `marker` replaces the bullet (the current item of a list one steps
  /// through).
  mutating func bullet(_ text: String, marker: Span? = nil) {
    let wrapped = wrapText(text, width: max(1, width - 4))
    if let marker {
      lines.append([Span("  ", .text), marker, Span(" " + wrapped[0], .text)])
    } else {
      lines.append([Span("  " + strings.bullet + " " + wrapped[0], .text)])
    }
    for more in wrapped.dropFirst() { lines.append([Span("    " + more, .text)]) }
  }

  /// Text that keeps its own line breaks (a server's reply), indented; long lines continue with
  /// a hanging indent.
  mutating func verbatim(_ text: String, indent: Int, role: Role = .text) {
    let prefix = String(repeating: " ", count: indent)
    for line in wrapVerbatim(text, width: max(1, width - indent)) {
      lines.append([Span(prefix + line, role)])
    }
  }
}

/// Columns a line takes.
public func lineWidth(_ line: Line) -> Int {
  line.reduce(0) { $0 + displayWidth($1.text) }
}

/// The lowercased words of a filter worth marking in the list (one letter would mark half of
/// every title).
func filterWords(_ filter: String) -> [[Character]] {
  filter.split(separator: " ").filter { $0.count >= 2 }.map { lowered(Array($0)) }
}

/// Characters lowercased one by one, so positions stay those of the original text.
func lowered(_ characters: [Character]) -> [Character] {
  characters.map { character in
    let lower = character.lowercased()
    return lower.count == 1 ? lower.first! : character
  }
}

/// The line with every occurrence of any of `words` (ignoring case) given `role` as overlay,
/// and whether there was one. Matches are found within a span.
func highlighted(_ line: Line, words: [[Character]], role: Role) -> (line: Line, found: Bool) {
  guard !words.isEmpty else { return (line, false) }
  var result: Line = []
  var found = false
  for span in line {
    let characters = Array(span.text)
    let lower = lowered(characters)
    var marked = [Bool](repeating: false, count: characters.count)
    for word in words where !word.isEmpty && word.count <= lower.count {
      var start = 0
      while start + word.count <= lower.count {
        if lower[start] == word[0], lower[start..<(start + word.count)].elementsEqual(word) {
          for index in start..<(start + word.count) { marked[index] = true }
          start += word.count
        } else {
          start += 1
        }
      }
    }
    guard marked.contains(true) else {
      result.append(span)
      continue
    }
    found = true
    var runStart = 0
    while runStart < characters.count {
      var runEnd = runStart
      while runEnd < characters.count, marked[runEnd] == marked[runStart] { runEnd += 1 }
      let text = String(characters[runStart..<runEnd])
      result.append(Span(text, span.role, overlay: marked[runStart] ? role : span.overlay))
      runStart = runEnd
    }
  }
  return (result, found)
}
