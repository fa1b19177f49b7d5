import TextLayout

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
    let dumb = getenv("TERM").map { String(cString: $0) } == "dumb"
    return OutputStyle(
      color: isTerminal && !noColorRequested && !dumb, width: terminalWidth(isTerminal))
  }

  /// NO_COLOR set to anything non-empty (https://no-color.org).
  static var noColorRequested: Bool {
    !(getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty
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

/// Breaks text into lines of at most `width` columns at spaces; paragraphs stay apart.
///
/// Works on UTF-8 bytes and counts a column per Unicode scalar: the catalog's text is nearly all
/// ASCII, and grapheme-by-grapheme counting made wrapping the slowest part of `show`.
func wrap(_ text: String, width: Int) -> [String] {
  let width = max(width, 10)
  var lines: [String] = []
  var line: [UInt8] = []
  var lineColumns = 0
  var word: [UInt8] = []
  var wordColumns = 0
  func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
  func finishWord() {
    guard !word.isEmpty else { return }
    if lineColumns > 0, lineColumns + 1 + wordColumns <= width {
      line.append(UInt8(ascii: " "))
      line += word
      lineColumns += 1 + wordColumns
    } else {
      if lineColumns > 0 { lines.append(String(decoding: line, as: UTF8.self)) }
      line = word
      lineColumns = wordColumns
      // A word longer than the line (a URL) is cut rather than overflowing.
      while lineColumns > width {
        var cut = 0
        var columns = 0
        while cut < line.count, columns < width || isContinuation(line[cut]) {
          if !isContinuation(line[cut]) { columns += 1 }
          cut += 1
        }
        lines.append(String(decoding: line[..<cut], as: UTF8.self))
        line.removeFirst(cut)
        lineColumns -= width
      }
    }
    word.removeAll(keepingCapacity: true)
    wordColumns = 0
  }
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: " "):
      finishWord()
    case UInt8(ascii: "\n"):
      finishWord()
      lines.append(String(decoding: line, as: UTF8.self))
      line.removeAll(keepingCapacity: true)
      lineColumns = 0
    default:
      word.append(byte)
      if !isContinuation(byte) { wordColumns += 1 }
    }
  }
  finishWord()
  lines.append(String(decoding: line, as: UTF8.self))
  return lines
}

/// Pads to a visible width (characters, not bytes).
func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Writes text and a line break to standard output in one go. (`print` costs a protocol
/// conformance lookup over the whole binary on first use, a measurable part of start-up.)
func printOut(_ text: String) {
  var text = text + "\n"
  text.withUTF8 { writeAll(STDOUT_FILENO, $0) }
}

private func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
  var offset = 0
  while offset < bytes.count {
    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      return
    }
    offset += written
  }
}

/// Writes one line to standard error. Every error line passes here, and every one is escaped
/// (SafeText): arguments, file names and theme files reach it, and must not drive the terminal.
/// Messages that escaped their parts already stay the same (escaping leaves `\` alone).
func printError(_ message: String) {
  var line = "smtpcodes: \(SafeText.escape(message))\n"
  line.withUTF8 { writeAll(STDERR_FILENO, $0) }
}
