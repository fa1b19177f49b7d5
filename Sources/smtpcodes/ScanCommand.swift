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
    abstract: "Triage a Postfix, Exim or sendmail log: what fails, for whom, since when, and why.",
    discussion: """
      Reads the files given ('-' or none: standard input; gzip-compressed files such as \
      mail.log.2.gz are read as they are) in chunks, so memory stays flat on a log of any size. \
      Each line counts once, for the reply it carries, in a group of replies with the same codes, \
      reason and provider (--by chooses another grouping). Memory grows with the number of \
      groups, not of lines; past 10,000 groups the rarest are folded into an "other" row whose \
      count is kept. An unreadable file is reported and the others are still scanned (exit 2).
      """
  )

  @Argument(help: "Log files to scan; '-' is standard input (also when none are given).")
  var files: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "Show at most this many rows.")
  var limit: Int?

  @Option(
    name: .long,
    help: "Group by code+reason (default), code, reason, provider, domain or template.")
  var by: String = ScanGrouping.codeAndReason.rawValue

  @Option(
    name: .long,
    help:
      "Only replies at or after this time: 2024-05-09, '2024-05-09 04:00', 'May 9 04:00', 04:00.")
  var since: String?

  @Option(name: .long, help: "Only replies at or before this time (same forms as --since).")
  var until: String?

  @Option(
    name: .long,
    help: "Only these severities (comma-separated): success, intermediate, transient, permanent.")
  var severity: [String] = []

  @Flag(name: .long, help: "Keep reading the file as it grows and survive rotation (like tail -F).")
  var follow = false

  @Option(name: .long, help: "With --follow on a terminal: seconds between redraws.")
  var interval: Double = 2

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
    _ = try options()
    if follow {
      guard files.count == 1, files[0] != "-" else {
        throw ValidationError("--follow takes exactly one log file (not standard input)")
      }
      guard interval > 0, interval <= 3600 else {
        throw ValidationError("--interval must be between 0 and 3600 seconds, not \(interval)")
      }
    }
  }

  /// The grouping and filter the flags ask for, or a one-line error naming what is accepted.
  func options(reference: LogTime = .now()) throws -> (ScanGrouping, ScanFilter) {
    guard let grouping = ScanGrouping(rawValue: by.lowercased()) else {
      let accepted = ScanGrouping.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("--by must be one of \(accepted), not '\(SafeText.escape(by))'")
    }
    var filter = ScanFilter()
    func time(_ text: String?, _ flag: String) throws -> LogTime? {
      guard let text else { return nil }
      guard let time = LogTime.parse(argument: text, reference: reference) else {
        throw ValidationError(
          "\(flag) takes a time such as 2024-05-09, '2024-05-09 04:21', '2024-05-09T04:21:10', 'May 9 04:21' or 04:21, not '\(SafeText.escape(text))'"
        )
      }
      return time
    }
    filter.since = try time(since, "--since")
    filter.until = try time(until, "--until")
    if let since = filter.since, let until = filter.until, until < since {
      throw ValidationError("--until (\(until)) is before --since (\(since))")
    }
    if !severity.isEmpty {
      var chosen = Set<Severity>()
      for word in severity.flatMap({ $0.split(separator: ",") }) {
        let name = word.trimmingBlanks.lowercased()
        guard let value = Severity(rawValue: name) else {
          let accepted = Severity.allCases.map(\.rawValue).joined(separator: ", ")
          throw ValidationError(
            "--severity must be one or more of \(accepted), not '\(SafeText.escape(String(word)))'")
        }
        chosen.insert(value)
      }
      filter.severities = chosen
    }
    return (grouping, filter)
  }

  func run() throws {
    let (grouping, filter) = try options()
    var tally = ReplyTally(grouping: grouping, filter: filter)
    if follow {
      tally.tracksNewGroups = true
      try ScanFollower(path: files[0], interval: interval, json: output.json, limit: limit)
        .run(&tally)
      return
    }
    let inputs = files.isEmpty ? ["-"] : files
    if inputs.contains("-"), Input.stdinIsTerminal, files.isEmpty {
      throw UsageError(
        description: "give log files to scan, or pipe a log in: smtpcodes scan /var/log/mail.log")
    }
    var failed = 0
    for path in inputs {
      do {
        try ScanInput.scan(path, into: &tally)
      } catch let error as UsageError {
        printError(error.description)
        failed += 1
      }
    }
    if failed == inputs.count { throw ExitCode(2) }
    var rows = tally.rows()
    let total = rows.count
    if let limit { rows = Array(rows.prefix(limit)) }
    if output.json {
      printOut(JSON.array(rows.map(\.json)).rendered())
    } else {
      let text = TextOutput.detect()
      text.print(
        ScanTableView(
          rows: rows, total: total, tally: tally, width: text.width, strings: text.strings
        )
        .lines)
    }
    if failed > 0 { throw ExitCode(2) }
  }
}

extension Substring {
  var trimmingBlanks: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

/// Reading one scan input: a file or standard input, plain or gzip-compressed.
enum ScanInput {
  /// Small enough to stay in the CPU cache between the kernel's copy and the scan.
  static let chunkSize = 128 * 1024

  static func open(_ path: String) throws -> (Int32, String) {
    if path == "-" { return (STDIN_FILENO, "standard input") }
    return (try Input.openFile(path), "'\(SafeText.escape(path))'")
  }

  /// Scans the whole input into `tally`; throws a one-line error naming the input.
  static func scan(_ path: String, into tally: inout ReplyTally) throws {
    let (fd, name) = try open(path)
    defer { if fd != STDIN_FILENO { close(fd) } }
    var splitter = LineSplitter()
    var gzip: GzipReader?
    var first = true
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = read(fd, buffer.baseAddress, chunkSize)
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        let why = Input.errorText()
        splitter.finish { tally.add(line: $0) }
        throw UsageError(description: "cannot read \(name): \(why)")
      }
      let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
      if first {
        first = false
        if GzipReader.isGzip(chunk) { gzip = GzipReader() }
      }
      if let gzip {
        do {
          try gzip.feed(chunk) { piece in splitter.feed(piece) { tally.add(line: $0) } }
        } catch {
          splitter.finish { tally.add(line: $0) }
          throw UsageError(description: "cannot read \(name): \(error)")
        }
      } else {
        splitter.feed(chunk) { tally.add(line: $0) }
      }
    }
    splitter.finish { tally.add(line: $0) }
    if let gzip {
      do { try gzip.finish() } catch {
        throw UsageError(description: "cannot read all of \(name): \(error)")
      }
    }
  }
}

/// `scan --follow`: reads a growing log like `tail -F`, through rotation and truncation.
struct ScanFollower {
  let path: String
  let interval: Double
  let json: Bool
  let limit: Int?

  func run(_ tally: inout ReplyTally) throws {
    var fd = try Input.openFile(path)
    var info = stat()
    fstat(fd, &info)
    var identity = (info.st_dev, info.st_ino)
    var offset = 0
    var splitter = LineSplitter()
    let terminal = isatty(STDOUT_FILENO) == 1 && !json
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: ScanInput.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var lastDraw = 0.0
    func drain() {
      while true {
        let count = read(fd, buffer.baseAddress, ScanInput.chunkSize)
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return }
        offset += count
        splitter.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { tally.add(line: $0) }
      }
    }
    while true {
      drain()
      if terminal {
        let now = Self.seconds()
        if now - lastDraw >= interval {
          lastDraw = now
          let text = TextOutput.detect()
          var rows = tally.rows()
          let total = rows.count
          if let limit { rows = Array(rows.prefix(limit)) }
          let table = ScanTableView(
            rows: rows, total: total, tally: tally, width: text.width, strings: text.strings
          ).lines
          let footer: Line = [Span(text.strings.scanFollowing(SafeText.escape(path)), .textDim)]
          printRaw("\u{1B}[H\u{1B}[2J")
          text.print(table + [footer])
        }
      } else {
        for row in tally.takeNewRows() {
          printOut(
            json
              ? row.json.rendered().split(separator: "\n").map { $0.trimmingBlanks }.joined(
                separator: " ") : newGroupLine(row))
        }
      }
      usleep(200_000)
      // Rotated (a new file under the name) or truncated (copytruncate)?
      var now = stat()
      guard stat(path, &now) == 0 else { continue }  // between rename and re-creation
      if now.st_dev != identity.0 || now.st_ino != identity.1 {
        drain()
        splitter.finish { tally.add(line: $0) }
        guard let next = try? Input.openFile(path) else { continue }
        close(fd)
        fd = next
        identity = (now.st_dev, now.st_ino)
        offset = 0
      } else if Int(now.st_size) < offset {
        splitter.finish { tally.add(line: $0) }
        lseek(fd, 0, SEEK_SET)
        offset = 0
      }
    }
  }

  static func seconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// One line for a group seen for the first time, for piping.
  func newGroupLine(_ row: ScanRow) -> String {
    var parts = [
      "new group:", row.code ?? "-", row.enhanced?.description ?? "-", row.reason.rawValue,
    ]
    parts.append(row.provider?.name ?? "-")
    if let label = row.label, row.label != row.provider?.name, row.label != row.reason.rawValue {
      parts.append(SafeText.escape(label))
    }
    parts.append("—")
    parts.append(row.verdict)
    parts.append("—")
    parts.append(SafeText.escape(row.template))
    return parts.joined(separator: " ")
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
      ("reason", .string(reason.rawValue)),
      ("verdict", .string(verdict)),
      (
        "domains",
        .array(
          domains.map { .object([("domain", .string($0.domain)), ("count", .int($0.count))]) })
      ),
      ("otherDomains", .int(otherDomains)),
      ("firstSeen", .optional(firstSeen?.description)),
      ("lastSeen", .optional(lastSeen?.description)),
      ("template", .string(template)),
      ("sample", .string(sample)),
      ("label", .optional(label)),
      ("other", .bool(isOther)),
    ])
  }
}
