import Explorer
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How output for people looks here: how wide, and coloured (by the default theme) or plain.
/// The lines themselves come from the explorer's view models, so both front ends say the same.
struct TextOutput {
  /// Colours to print with; nil prints plain text.
  let theme: Theme?
  let width: Int
  let strings = Interface.strings

  /// Colour only on a terminal, never with NO_COLOR set or TERM=dumb. The width is COLUMNS, else
  /// the terminal's, else 80.
  static func detect() -> TextOutput {
    let isTerminal = isatty(STDOUT_FILENO) == 1
    let dumb = getenv("TERM").map { String(cString: $0) } == "dumb"
    let color = isTerminal && !noColorRequested && !dumb
    return TextOutput(theme: color ? Theme.builtInDefault : nil, width: terminalWidth(isTerminal))
  }

  /// NO_COLOR set to anything non-empty (https://no-color.org).
  static var noColorRequested: Bool {
    !(getenv("NO_COLOR").map { String(cString: $0) } ?? "").isEmpty
  }

  private static func terminalWidth(_ isTerminal: Bool) -> Int {
    if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 {
      return columns
    }
    var size = winsize()
    if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }

  /// Prints lines and flushes them at once (a pipe reader sees each result as it is made).
  func print(_ lines: [Line]) {
    printOut(renderText(lines, theme: theme))
  }

  /// A thin rule between results.
  var separator: Line {
    [Span(String(repeating: "─", count: min(width, 60)), .textDim)]
  }
}

/// Writes text and a line break to standard output in one go. (`print` costs a protocol
/// conformance lookup over the whole binary on first use, a measurable part of start-up, and
/// buffers when piped.)
func printOut(_ text: String) {
  var text = text + "\n"
  text.withUTF8 { writeAll(STDOUT_FILENO, $0) }
}

/// Writes text as it is, with no line break added.
func printRaw(_ text: String) {
  var text = text
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
