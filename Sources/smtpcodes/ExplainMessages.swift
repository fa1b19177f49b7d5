import ReplyCatalog
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One input to explain as a whole message: where it came from and its bytes.
struct MessageInput {
  let source: String
  let bytes: [UInt8]
  /// The input was cut at `MessageInputs.maximumMessage`.
  let truncated: Bool
}

/// What one message turned out to be: a bounce report, or (when it is not a mail message or no
/// recipient could be found) the flat explanation of its text.
struct MessageResult {
  let source: String
  let report: BounceReport?
  /// The explanation that speaks for the message: the primary recipient's, or the flat one.
  let explanation: Explanation
  let truncated: Bool

  var foundCode: Bool { explanation.foundCode }
}

enum MessageInputs {
  /// One message is read up to this size; bigger ones are cut and say so.
  static let maximumMessage = 64 << 20

  /// Whether every argument names a readable file or a directory (then they are inputs, not text).
  static func areFiles(_ arguments: [String]) -> Bool {
    !arguments.isEmpty
      && arguments.allSatisfy { argument in
        var info = stat()
        guard !argument.isEmpty, stat(argument, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return (type == S_IFREG || type == S_IFDIR) && access(argument, R_OK) == 0
      }
  }

  /// The messages in files, mbox files and maildir (or plain) folders, in the order given.
  static func collect(_ paths: [String]) throws -> [MessageInput] {
    var inputs: [MessageInput] = []
    for path in paths {
      var info = stat()
      if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        for file in try folderFiles(path) {
          inputs += try messages(inFile: file)
        }
      } else {
        inputs += try messages(inFile: path)
      }
    }
    return inputs
  }

  /// The files of a maildir (cur/ and new/) or, for any other folder, the files in it; sorted.
  static func folderFiles(_ path: String) throws -> [String] {
    let base = path.hasSuffix("/") ? String(path.dropLast()) : path
    let sub = ["cur", "new"].map { base + "/" + $0 }.filter { isDirectory($0) }
    let folders = sub.isEmpty ? [base] : sub
    var files: [String] = []
    for folder in folders {
      guard let dir = opendir(folder) else {
        throw UsageError(
          description: "cannot read folder '\(SafeText.escape(folder))': \(Input.errorText())")
      }
      defer { closedir(dir) }
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        let full = folder + "/" + name
        var info = stat()
        if stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG { names.append(full) }
      }
      files += names.sorted()
    }
    return files
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// The messages of one file: several when it is an mbox, else one.
  static func messages(inFile path: String, forceMbox: Bool = false) throws -> [MessageInput] {
    let fd = try Input.openFile(path)
    defer { close(fd) }
    let name = SafeText.escape(path)
    let bytes = try readAll(fd, name: name, limit: Int.max)
    if forceMbox || Mailbox.isMbox(bytes) {
      let ranges = Mailbox.split(bytes)
      if ranges.count > 1 || forceMbox {
        return ranges.enumerated().map { index, range in
          let cut = range.count > maximumMessage
          let end = cut ? range.lowerBound + maximumMessage : range.upperBound
          return MessageInput(
            source: "\(name)#\(index + 1)", bytes: Array(bytes[range.lowerBound..<end]),
            truncated: cut)
        }
      }
    }
    let cut = bytes.count > maximumMessage
    return [
      MessageInput(
        source: name, bytes: cut ? Array(bytes.prefix(maximumMessage)) : bytes, truncated: cut)
    ]
  }

  static func readAll(_ fd: Int32, name: String, limit: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    var info = stat()
    if fstat(fd, &info) == 0, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
    try Input.chunks(of: fd, name: name) { chunk in
      if bytes.count < limit { bytes.append(contentsOf: chunk.prefix(limit - bytes.count)) }
    }
    return bytes
  }
}

extension Catalog {
  /// A message explained: its bounce report when it has failed recipients; otherwise its own
  /// text (never its headers or a returned message) explained as one reply.
  func explainInput(_ input: MessageInput) -> MessageResult {
    if let report = explainMessage(bytes: input.bytes) {
      if let primary = report.primary {
        return MessageResult(
          source: input.source, report: report, explanation: primary.explanation,
          truncated: input.truncated)
      }
      let text = BounceText.ownText(of: MessageParser.parse(input.bytes))
      return MessageResult(
        source: input.source, report: report, explanation: explain(bytes: Array(text.utf8)),
        truncated: input.truncated)
    }
    return MessageResult(
      source: input.source, report: nil, explanation: explain(bytes: input.bytes),
      truncated: input.truncated)
  }
}

// MARK: - JSON

extension MessageResult {
  /// Today's top-level fields (for the primary recipient), then the message and every recipient.
  var json: JSON {
    guard case .object(var members) = explanation.json else { return explanation.json }
    members.insert(("source", .string(source)), at: 0)
    if let report {
      members.append(("format", .string(report.format.rawValue)))
      members.append(("message", report.message.json))
      members.append(("recipients", .array(report.recipients.map(\.json))))
      var notes = report.notes
      if truncated {
        notes.append(
          "The message is larger than \(MessageInputs.maximumMessage >> 20) MiB; only its start was read."
        )
      }
      members.append(("notes", .strings(notes)))
    } else {
      members.append(("format", .null))
      members.append(("message", .null))
      members.append(("recipients", .array([])))
    }
    return .object(members)
  }
}

extension BounceMessageInfo {
  var json: JSON {
    .object([
      ("from", .optional(from)), ("to", .optional(to)), ("subject", .optional(subject)),
      ("date", .optional(date)), ("messageId", .optional(messageID)),
      ("reportingMTA", .optional(reportingMTA)), ("arrivalDate", .optional(arrivalDate)),
    ])
  }
}

extension BounceRecipient {
  var json: JSON {
    let e = explanation
    return .object([
      ("recipient", .string(recipient)),
      ("originalRecipient", .optional(originalRecipient)),
      ("action", .string(action)),
      ("status", .optional(status)),
      ("code", .optional(e.code)),
      ("enhanced", .optional(e.enhanced)),
      ("verdict", .string(e.verdict)),
      ("reason", .string(e.reason.rawValue)),
      ("reasonSource", .string(e.reasonSource.rawValue)),
      ("severity", .optional(e.severity?.rawValue)),
      ("retry", .optional(e.retry?.rawValue)),
      ("provider", .optional(e.provider?.name)),
      ("remoteMTA", .optional(remoteMTA)),
      ("diagnostic", .string(SafeText.escape(Array(diagnostic.utf8)))),
      ("lastAttemptDate", .optional(lastAttemptDate)),
      ("willRetryUntil", .optional(willRetryUntil)),
      ("warnings", .strings(e.warnings)),
    ])
  }
}
