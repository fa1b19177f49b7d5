import ArgumentParser
import Explorer
import ReplyCatalog
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Count the replies in a Postfix, Exim or sendmail log, most frequent first.",
    discussion: """
      Reads the files given (standard input when none) in chunks, so memory stays flat on a log \
      of any size. Each line counts once, for the reply code it carries.
      """
  )

  @Argument(help: "Log files to scan (standard input when none).")
  var files: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "Show at most this many rows.")
  var limit: Int?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
  }

  func run() throws {
    var tally = ReplyTally()
    var splitter = LineSplitter()
    func scan(_ fd: Int32, _ name: String) throws {
      try Input.chunks(of: fd, name: name) { chunk in
        splitter.feed(chunk) { tally.add(line: $0) }
      }
      splitter.finish { tally.add(line: $0) }
    }
    if files.isEmpty {
      if Input.stdinIsTerminal {
        throw UsageError(
          description: "give log files to scan, or pipe a log in: smtpcodes scan /var/log/mail.log")
      }
      try scan(STDIN_FILENO, "standard input")
    } else {
      // Open every file first, so a bad name fails before any output.
      let descriptors = try files.map { try Input.openFile($0) }
      defer { for fd in descriptors { close(fd) } }
      for (fd, name) in zip(descriptors, files) { try scan(fd, SafeText.escape(name)) }
    }
    var rows = tally.rows()
    if let limit { rows = Array(rows.prefix(limit)) }
    if output.json {
      printOut(JSON.array(rows.map(\.json)).rendered())
      return
    }
    let text = TextOutput.detect()
    text.print(
      ScanTableView(
        rows: rows, lines: tally.lines, replies: tally.replies, width: text.width,
        strings: text.strings
      ).lines)
  }
}

extension ScanRow {
  var json: JSON {
    .object([
      ("code", .optional(code)),
      ("enhanced", .optional(enhanced?.description)),
      ("count", .int(count)),
      ("severity", .optional(severity?.rawValue)),
      ("meaning", .string(meaning)),
      ("provider", .optional(provider?.name)),
      ("providerCount", .int(providerCount)),
    ])
  }
}
