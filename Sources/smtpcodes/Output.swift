#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How output for people looks here: colour or not, and how wide.
struct OutputStyle {
  let color: Bool
  let width: Int

  /// Colour only on a terminal and never with NO_COLOR set (to anything non-empty).
  static func detect() -> OutputStyle {
    let isTerminal = isatty(STDOUT_FILENO) == 1
    let noColor = (getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty == false
    let dumb = getenv("TERM").map { String(cString: $0) } == "dumb"
    return OutputStyle(color: isTerminal && !noColor && !dumb, width: terminalWidth(isTerminal))
  }

  private static func terminalWidth(_ isTerminal: Bool) -> Int {
    if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 {
      return max(columns, 20)
    }
    var size = winsize()
    if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return max(Int(size.ws_col), 20)
    }
    return 80
  }

  private func sgr(_ code: String, _ text: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  /// Colours by reply class: 2 green, 3 cyan, 4 yellow, 5 red.
  func byClass(_ digit: Int, _ text: String) -> String {
    switch digit {
    case 2: sgr("32", text)
    case 3: sgr("36", text)
    case 4: sgr("33", text)
    case 5: sgr("31", text)
    default: text
    }
  }

  func bold(_ text: String) -> String { sgr("1", text) }
  func dim(_ text: String) -> String { sgr("2", text) }
  func same(_ text: String) -> String { sgr("2", text) }
  func changed(_ text: String) -> String { sgr("33", text) }
}

/// Breaks text into lines of at most `width` characters at spaces; paragraphs stay apart.
func wrap(_ text: String, width: Int) -> [String] {
  let width = max(width, 10)
  var lines: [String] = []
  for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
    var line = ""
    for word in paragraph.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
      // A word longer than the line (a URL) is cut rather than overflowing.
      while line.count > width {
        lines.append(String(line.prefix(width)))
        line = String(line.dropFirst(width))
      }
    }
    lines.append(line)
  }
  return lines
}

/// Pads to a visible width (characters, not bytes).
func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Writes one line to standard error.
func printError(_ message: String) {
  var line = "smtpcodes: \(message)\n"
  line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
