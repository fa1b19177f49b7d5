/// The command line's renderer: the same lines the explorer draws into its grid, printed as text —
/// plain, or with ANSI colours from a theme. Trailing blanks are dropped, so padding never makes a
/// line wider than its content.
public func renderText(_ lines: [Line], theme: Theme?) -> String {
  var out = ""
  for (index, line) in lines.enumerated() {
    if index > 0 { out += "\n" }
    var spans = line
    // Drop trailing blanks, across spans.
    while let last = spans.last {
      var text = Substring(last.text)
      while text.last == " " { text = text.dropLast() }
      if text.isEmpty {
        spans.removeLast()
      } else {
        spans[spans.count - 1].text = String(text)
        break
      }
    }
    for span in spans {
      guard let theme else {
        out += span.text
        continue
      }
      var style = theme.style(span.role)
      if let overlay = span.overlay { style = style.patched(by: theme.style(overlay)) }
      let sgr = style.sgrParameters
      if sgr.isEmpty || span.text.allSatisfy({ $0 == " " }) {
        out += span.text
      } else {
        out += "\u{1B}[" + sgr + "m" + span.text + "\u{1B}[0m"
      }
    }
  }
  return out
}

extension Style {
  /// The SGR parameters ("1;31") that draw this style; empty for plain text.
  var sgrParameters: String {
    var codes: [String] = []
    if attributes.contains(.bold) { codes.append("1") }
    if attributes.contains(.dim) { codes.append("2") }
    if attributes.contains(.italic) { codes.append("3") }
    if attributes.contains(.underline) { codes.append("4") }
    if attributes.contains(.reverse) { codes.append("7") }
    if let code = foreground.flatMap({ Self.sgr($0, base: 30, bright: 90, extended: 38) }) {
      codes.append(code)
    }
    if let code = background.flatMap({ Self.sgr($0, base: 40, bright: 100, extended: 48) }) {
      codes.append(code)
    }
    return codes.joined(separator: ";")
  }

  private static func sgr(_ color: Color, base: Int, bright: Int, extended: Int) -> String? {
    switch color {
    case .terminalDefault: nil
    case .ansi(let index): String(index < 8 ? base + Int(index) : bright + Int(index) - 8)
    case .indexed(let index): "\(extended);5;\(index)"
    case .rgb(let r, let g, let b): "\(extended);2;\(r);\(g);\(b)"
    }
  }
}
