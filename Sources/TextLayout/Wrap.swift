// Breaking text into lines of a display width, and cutting it to one. Both front ends lay out
// text here, so the command line and the explorer break lines the same way. Widths are terminal
// columns (see `displayWidth`); nothing is ever split inside a grapheme cluster.

/// Breaks prose into lines of at most `width` columns at spaces; paragraphs (separated by
/// newlines) stay apart. A word longer than a line is cut, except one that must stay whole to be
/// usable (a URL, an e-mail address, a code like `5.7.26`, a `[TSS04]` tag): that one stands alone
/// on its line, even if the line is then wider than `width`.
public func wrapText(_ text: String, width: Int) -> [String] {
  wrapRuns([(text: text, tag: 0)], width: width).map { line in
    line.count == 1 ? line[0].text : line.map(\.text).joined()
  }
}

/// The same wrapping for text in runs that each carry a tag (a style role, a diff mark): the tags
/// stay with their characters across line breaks, and a space between two words takes the tag of
/// the run it stood in. Adjacent pieces with the same tag are merged.
public func wrapRuns<Tag: Equatable>(_ runs: [(text: String, tag: Tag)], width: Int) -> [[(
  text: String, tag: Tag
)]] {
  typealias Piece = (text: String, tag: Tag)
  let width = max(1, width)
  var lines: [[Piece]] = []
  var line: [Piece] = []
  var lineWidth = 0
  var word: [Piece] = []
  var wordWidth = 0
  var gapTag: Tag?

  func append(_ piece: Piece, to pieces: inout [Piece]) {
    guard !piece.text.isEmpty else { return }
    if let last = pieces.last, last.tag == piece.tag {
      pieces[pieces.count - 1].text += piece.text
    } else {
      pieces.append(piece)
    }
  }
  func breakLine() {
    lines.append(line)
    line = []
    lineWidth = 0
  }
  func flushWord() {
    guard !word.isEmpty else { return }
    defer {
      word = []
      wordWidth = 0
      gapTag = nil
    }
    if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
      append((" ", gapTag ?? word[0].tag), to: &line)
      for piece in word { append(piece, to: &line) }
      lineWidth += 1 + wordWidth
      return
    }
    if lineWidth > 0 { breakLine() }
    if wordWidth > width, !isUnbreakable(word.map(\.text).joined()) {
      // Cut at grapheme clusters, a line at a time.
      for piece in word {
        var rest = Substring(piece.text)
        while let first = rest.first {
          // Never overflow: a cluster that does not fit in what is left starts a new line.
          if lineWidth > 0, lineWidth + displayWidth(first) > width { breakLine() }
          let (head, tail) = splitAtWidth(rest, width - lineWidth)
          append((String(head), piece.tag), to: &line)
          lineWidth += displayWidth(head)
          rest = tail
        }
      }
      return
    }
    for piece in word { append(piece, to: &line) }
    lineWidth = wordWidth
  }
  func addToWord(_ text: Substring, _ tag: Tag) {
    guard !text.isEmpty else { return }
    append((String(text), tag), to: &word)
    wordWidth += displayWidth(text)
  }

  for run in runs {
    let text = run.text
    var start = text.utf8.startIndex
    var index = start
    while index < text.utf8.endIndex {
      let byte = text.utf8[index]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
        addToWord(text[start..<index], run.tag)
        if byte == UInt8(ascii: "\n") {
          flushWord()
          breakLine()
        } else {
          flushWord()
          if gapTag == nil { gapTag = run.tag }
        }
        start = text.utf8.index(after: index)
      }
      index = text.utf8.index(after: index)
    }
    addToWord(text[start..<text.utf8.endIndex], run.tag)
  }
  flushWord()
  lines.append(line)
  return lines
}

/// Lines of text that must keep their own breaks (a server's multi-line reply): each line stays a
/// line; one too wide is continued on lines indented by `hangingIndent` columns, never re-flowed
/// into its neighbours.
public func wrapVerbatim(_ text: String, width: Int, hangingIndent: Int = 2) -> [String] {
  let width = max(1, width)
  let indent = min(max(0, hangingIndent), width / 2)
  let prefix = String(repeating: " ", count: indent)
  var lines: [String] = []
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    let line = line.hasSuffix("\r") ? line.dropLast() : line
    if displayWidth(line) <= width {
      lines.append(String(line))
      continue
    }
    let first = wrapText(String(line), width: width)
    lines.append(first[0])
    let rest = first.dropFirst().joined(separator: " ")
    lines += wrapText(rest, width: width - indent).map { prefix + $0 }
  }
  return lines
}

/// Whether a word loses its use when split: a URL, an e-mail address, a dotted code (`5.7.26`,
/// `X.1.1`), a bracketed tag (`[TSS04]`). Trailing sentence punctuation does not count.
public func isUnbreakable(_ word: some StringProtocol) -> Bool {
  var bytes = Array(word.utf8)
  while let last = bytes.last,
    [
      UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"),
      UInt8(ascii: ")"), UInt8(ascii: ":"),
    ].contains(last)
  {
    bytes.removeLast()
  }
  guard !bytes.isEmpty else { return false }
  let text = String(decoding: bytes, as: UTF8.self)
  if text.contains("://") || text.hasPrefix("www.") { return true }
  if let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0,
    bytes[(at + 1)...].contains(UInt8(ascii: "."))
  {
    return true
  }
  // A short tag such as [TSS04] or [BL21]; a long bracketed host name may break.
  if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]"), bytes.count <= 16 {
    return true
  }
  // A dotted code: digits or X separated by dots.
  let parts = text.split(separator: ".", omittingEmptySubsequences: false)
  return parts.count == 3
    && parts.allSatisfy { part in
      !part.isEmpty && part.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x58 }
    }
}

/// The longest prefix that fits in `width` columns (at least one grapheme cluster), and the rest.
public func splitAtWidth(_ text: Substring, _ width: Int) -> (Substring, Substring) {
  var used = 0
  var index = text.startIndex
  while index < text.endIndex {
    let w = displayWidth(text[index])
    if used + w > width, index > text.startIndex { break }
    used += w
    index = text.index(after: index)
  }
  return (text[..<index], text[index...])
}

/// Text cut to `width` columns, ending in an ellipsis when something was cut.
public func truncate(_ text: String, width: Int, ellipsis: String = "…") -> String {
  guard width > 0 else { return "" }
  if displayWidth(text) <= width { return text }
  guard width > 1 else { return String(splitAtWidth(Substring(text), 1).0) }
  let (head, _) = splitAtWidth(Substring(text), width - displayWidth(ellipsis))
  // A wide character that did not fit whole leaves a column: keep the width exact.
  let result = String(head) + ellipsis
  return padded(result, width)
}

/// Pads with spaces to `width` columns.
public func padded(_ text: String, _ width: Int) -> String {
  let w = displayWidth(text)
  return w >= width ? text : text + String(repeating: " ", count: width - w)
}

/// Pads on the left with spaces to `width` columns (numbers in a table).
public func paddedLeft(_ text: String, _ width: Int) -> String {
  let w = displayWidth(text)
  return w >= width ? text : String(repeating: " ", count: width - w) + text
}
