import ArgumentParser
import ReplyCatalog

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

  @Option(name: .long, help: "Show at most this many rows.")
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
      let style = OutputStyle.detect()
      printOut(scanTable(rows, total: total, tally: tally, width: style.width, style: style))
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
          let style = OutputStyle.detect()
          var rows = tally.rows()
          let total = rows.count
          if let limit { rows = Array(rows.prefix(limit)) }
          let table = scanTable(rows, total: total, tally: tally, width: style.width, style: style)
          printOut(
            "\u{1B}[H\u{1B}[2J" + table + "\n"
              + style.dim("following \(SafeText.escape(path)); Ctrl-C stops"))
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

/// Cuts text to `width` characters, marking a cut with "…".
func fit(_ text: String, _ width: Int) -> String {
  guard width > 0 else { return "" }
  return text.count > width ? String(text.prefix(width - 1)) + "…" : text
}

/// `scan`'s table for people: one line per group (count, codes, severity, reason, provider and
/// verdict) and a dim line under it (domains, first and last seen, the template), then a summary.
/// No line is wider than `width`; cells are cut with "…".
func scanTable(_ rows: [ScanRow], total: Int, tally: ReplyTally, width: Int, style: OutputStyle)
  -> String
{
  let width = max(width, 20)
  var out: [String] = []
  if rows.isEmpty {
    out.append("No reply codes found in \(tally.lines) line\(tally.lines == 1 ? "" : "s").")
  } else {
    let countWidth = max(5, String(rows.map(\.count).max() ?? 0).count)
    let labelled = tally.grouping == .domain || tally.grouping == .template
    let labelWidth = labelled ? min(24, max(6, rows.map { ($0.label ?? "-").count }.max() ?? 6)) : 0
    let reasonWidth = max(6, rows.map { $0.reason.rawValue.count }.max() ?? 6)
    let fixed = countWidth + 2 + (labelled ? labelWidth + 2 : 0) + 5 + 9 + 10 + reasonWidth + 2
    let rest = width - fixed
    let providerNames = rows.map { $0.provider?.name ?? "-" }
    var providerWidth = min(20, max(8, providerNames.map(\.count).max() ?? 8), max(8, rest / 3))
    if rest - providerWidth - 2 < 12 { providerWidth = 0 }
    let verdictWidth = max(0, rest - (providerWidth > 0 ? providerWidth + 2 : 0))
    func line(_ cells: [(String, Int)]) -> String {
      var text = ""
      for (index, (cell, w)) in cells.enumerated() where w > 0 {
        if index > 0 { text += " " }
        text += pad(fit(cell, w), w)
      }
      while text.last == " " { text.removeLast() }
      return fit(text, width)
    }
    var header: [(String, Int)] = [(pad("COUNT", countWidth), countWidth + 1)]
    if labelled {
      header.append((tally.grouping == .domain ? "DOMAIN" : "TEMPLATE", labelWidth + 1))
    }
    header += [
      ("CODE", 4), ("ENHANCED", 8), ("SEVERITY", 9), ("REASON", reasonWidth + 1),
      ("PROVIDER", providerWidth + (providerWidth > 0 ? 1 : 0)), ("VERDICT", verdictWidth),
    ]
    out.append(style.bold(line(header)))
    for row in rows {
      let count =
        String(repeating: " ", count: countWidth - String(row.count).count) + String(row.count)
      var cells: [(String, Int)] = [(count, countWidth + 1)]
      if labelled { cells.append((SafeText.escape(row.label ?? "-"), labelWidth + 1)) }
      cells += [
        (row.isOther ? "*" : row.code ?? "-", 4),
        (row.isOther ? "" : row.enhanced?.description ?? "-", 8),
        (row.isOther ? "" : row.severity?.rawValue ?? "-", 9),
        (row.isOther ? "" : row.reason.rawValue, reasonWidth + 1),
        (row.isOther ? "" : row.provider?.name ?? "-", providerWidth + (providerWidth > 0 ? 1 : 0)),
        (row.verdict, verdictWidth),
      ]
      let plain = line(cells)
      out.append(
        style.color
          ? colorCodes(
            plain, row: row, after: countWidth + 2 + (labelled ? labelWidth + 2 : 0), style: style)
          : plain)
      var detail: [String] = []
      if !row.domains.isEmpty {
        var shown = row.domains.prefix(3).map { "\($0.domain) \($0.count)" }.joined(separator: ", ")
        let more = row.count - row.domains.prefix(3).reduce(0) { $0 + $1.count }
        if more > 0 { shown += ", +\(more)" }
        detail.append(shown)
      }
      if let first = row.firstSeen, let last = row.lastSeen {
        detail.append(first == last ? first.description : "\(first) – \(last)")
      }
      if row.isOther {
        detail.append("\(row.foldedGroups) rarer groups folded to bound memory")
      } else if !labelled || tally.grouping != .template {
        detail.append(SafeText.escape(row.template))
      }
      if !detail.isEmpty {
        out.append(style.dim(fit(pad("", countWidth + 2) + detail.joined(separator: " · "), width)))
      }
    }
  }
  var summary =
    "\(tally.replies) \(tally.replies == 1 ? "reply" : "replies") in \(tally.lines) \(tally.lines == 1 ? "line" : "lines"); \(total) \(total == 1 ? "group" : "groups")"
  if rows.count < total { summary += ", the \(rows.count) largest shown" }
  if tally.filteredOut > 0 {
    summary +=
      "; \(tally.counted) counted, \(tally.filteredOut) left out by --since/--until/--severity"
    if tally.untimed > 0 { summary += " (\(tally.untimed) without a timestamp)" }
  }
  if tally.foldedGroups > 0 {
    summary += "; \(tally.foldedGroups) rarer groups folded into the 'other' row to bound memory"
  }
  summary += "."
  out += wrap(summary, width: width).map(style.dim)
  return out.joined(separator: "\n")
}

/// Colours the code and enhanced code cells (which start at `column`) by class.
private func colorCodes(_ line: String, row: ScanRow, after column: Int, style: OutputStyle)
  -> String
{
  let digit = row.severity?.classDigit ?? 0
  let chars = Array(line)
  guard chars.count >= column + 13 else { return line }
  let before = String(chars[..<column])
  let codes = String(chars[column..<(column + 13)])
  return before + style.byClass(digit, codes) + String(chars[(column + 13)...])
}
