/// A team's own note on a reply code, from its notes file: what *they* do when it arrives.
public struct TeamNote: Equatable, Sendable {
  public let code: String
  public let note: String
  public let owner: String?
  /// The line of the code's table header, where an editor opens.
  public let line: Int

  public init(code: String, note: String, owner: String? = nil, line: Int = 1) {
    self.code = code
    self.note = note
    self.owner = owner
    self.line = line
  }
}

/// The notes file, read: one note per code. Codes the catalog does not know (a provider's
/// 5.7.606) are allowed.
public struct TeamNotes: Equatable, Sendable {
  public let notes: [String: TeamNote]

  public init(_ notes: [TeamNote] = []) {
    var byCode: [String: TeamNote] = [:]
    for note in notes { byCode[note.code] = note }
    self.notes = byCode
  }

  public static let none = TeamNotes()

  public var isEmpty: Bool { notes.isEmpty }

  /// The note for the first of `codes` that has one ("5.1.1" before the catalog's "X.1.1").
  public func note(for codes: String?...) -> TeamNote? {
    for case let code? in codes {
      if let note = notes[code] { return note }
    }
    return nil
  }

  /// Parses a notes file: `[421]` or `["5.7.606"]` tables with `note` (required) and `owner`.
  public static func parse(_ text: String) throws(TOMLError) -> TeamNotes {
    let document = try TOMLSubset.parse(text)
    if let first = document.root.entries.first {
      throw TOMLError(
        line: first.line,
        message: "'\(first.key)' is outside a code table; put notes under [421] or [5.7.606]")
    }
    var notes: [TeamNote] = []
    for table in document.tables {
      let code = table.name ?? ""
      guard isCode(code) else {
        throw TOMLError(
          line: table.line,
          message:
            "[\(code)] is not a reply code; tables are named by code, such as [421] or [5.7.606]"
        )
      }
      var note: String?
      var owner: String?
      for entry in table.entries {
        guard case .string(let text) = entry.value else {
          throw TOMLError(
            line: entry.line,
            message: "'\(entry.key)' must be a string, not \(entry.value.kindName)")
        }
        switch entry.key {
        case "note": note = text
        case "owner": owner = text
        default:
          throw TOMLError(
            line: entry.line,
            message: "unknown key '\(entry.key)' in [\(code)]; a note has note and owner")
        }
      }
      guard let note else {
        throw TOMLError(line: table.line, message: "[\(code)] has no note = \"…\"")
      }
      notes.append(TeamNote(code: code, note: note, owner: owner, line: table.line))
    }
    return TeamNotes(notes)
  }

  /// 421, 5.7.606, X.1.1, 4.X.X: three digits, or three dotted parts of digits (or X).
  public static func isCode(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    let isDigit = { (c: Unicode.Scalar) in ("0"..."9").contains(c) }
    if scalars.count == 3, scalars.allSatisfy(isDigit) { return true }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return false }
    for (position, part) in parts.enumerated() {
      if part == "X" { continue }
      let limit = position == 0 ? 1 : 3
      guard !part.isEmpty, part.count <= limit, part.unicodeScalars.allSatisfy(isDigit) else {
        return false
      }
    }
    return true
  }

  /// Where the editor should open for `code`, and the text to write first if the file has no
  /// table for it yet (appended; nothing already in the file is changed).
  public static func entryLocation(for code: String, in text: String) -> (
    line: Int, append: String?
  ) {
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var header = line.trimmingSpaces
      guard header.hasPrefix("["), !header.hasPrefix("[[") else { continue }
      header = String(header.dropFirst())
      if let close = header.firstIndex(of: "]") { header = String(header[..<close]) }
      header = header.trimmingSpaces
      if header.count >= 2, header.first == "\"" || header.first == "'",
        header.last == header.first
      {
        header = String(header.dropFirst().dropLast())
      }
      if header == code { return (lineNumber, nil) }
    }
    // The new table starts after the file's lines (and a blank line when it has any).
    var prefix = ""
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    if text.isEmpty {
      lines = 0
    } else {
      if !text.hasSuffix("\n") { prefix += "\n" } else { lines -= 1 }
      prefix += "\n"
      lines += 1
    }
    return (lines + 1, prefix + "[\(code)]\nnote = \"\"\n")
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    var text = self
    while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
    while let last = text.last, last == " " || last == "\t" || last == "\r" {
      text = text.dropLast()
    }
    return String(text)
  }
}

extension String {
  fileprivate var trimmingSpaces: String { self[...].trimmingSpaces }
}
