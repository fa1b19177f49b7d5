/// Breaks text into lines of at most `width` columns at spaces; paragraphs (blank-line or
/// newline separated) stay apart; a word longer than a line is cut.
public func wrapText(_ text: String, width: Int) -> [String] {
  let width = max(1, width)
  var lines: [String] = []
  for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
    var line = ""
    var lineWidth = 0
    for word in paragraph.split(separator: " ") {
      var word = Substring(word)
      var wordWidth = displayWidth(word)
      if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
        line += " "
        line += word
        lineWidth += 1 + wordWidth
        continue
      }
      if lineWidth > 0 {
        lines.append(line)
        line = ""
        lineWidth = 0
      }
      while wordWidth > width {
        let (head, rest) = splitAtWidth(word, width)
        lines.append(String(head))
        word = rest
        wordWidth = displayWidth(word)
      }
      line = String(word)
      lineWidth = wordWidth
    }
    lines.append(line)
  }
  return lines
}

/// The longest prefix that fits in `width` columns (at least one character), and the rest.
func splitAtWidth(_ text: Substring, _ width: Int) -> (Substring, Substring) {
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
  return String(head) + ellipsis
}

/// Pads with spaces to `width` columns.
func padded(_ text: String, _ width: Int) -> String {
  let w = displayWidth(text)
  return w >= width ? text : text + String(repeating: " ", count: width - w)
}
