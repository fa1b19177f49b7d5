/// A reader for the part of TOML that the config and notes files use: comments, table headers
/// (bare or quoted names; a dotted name such as `[5.7.606]` is one name, a reply code, not nested
/// tables), `key = value` with basic, multi-line basic and literal strings, booleans, integers
/// and arrays of strings. Written here rather than linking a TOML library, which would pull
/// Foundation into the binary (30 MB → 83 MB). Every error names its line.
public enum TOMLValue: Equatable, Sendable {
  case string(String)
  case bool(Bool)
  case integer(Int)
  case strings([String])

  /// What kind of value this is, for error lines ("a string", "a boolean", …).
  public var kindName: String {
    switch self {
    case .string: "a string"
    case .bool: "a boolean"
    case .integer: "an integer"
    case .strings: "an array"
    }
  }
}

/// `key = value`, with the line it starts on.
public struct TOMLEntry: Equatable, Sendable {
  public let key: String
  public let value: TOMLValue
  public let line: Int
}

/// The keys under one header (or before any header: name nil).
public struct TOMLTable: Equatable, Sendable {
  public let name: String?
  public let line: Int
  public internal(set) var entries: [TOMLEntry] = []

  public subscript(key: String) -> TOMLEntry? { entries.first { $0.key == key } }
}

public struct TOMLDocument: Equatable, Sendable {
  /// The keys before the first header.
  public internal(set) var root = TOMLTable(name: nil, line: 1)
  /// The headed tables, in file order.
  public internal(set) var tables: [TOMLTable] = []
}

/// What is wrong, and on which line (counted from 1).
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let message: String
  public var description: String { "line \(line): \(message)" }

  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }
}

public enum TOMLSubset {
  public static func parse(_ text: String) throws(TOMLError) -> TOMLDocument {
    var reader = Reader(Array(text.unicodeScalars))
    return try reader.document()
  }
}

private struct Reader {
  let scalars: [Unicode.Scalar]
  var index = 0
  var line = 1

  init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

  var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
  func peek(_ offset: Int) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  func error(_ message: String, line: Int? = nil) -> TOMLError {
    TOMLError(line: line ?? self.line, message: message)
  }

  mutating func advance() {
    if current == "\n" { line += 1 }
    index += 1
  }

  mutating func skipSpaces() {
    while current == " " || current == "\t" { advance() }
  }

  /// Spaces, then a comment or the end of the line (or file); consumes the line break.
  mutating func endOfLine(after what: String) throws(TOMLError) {
    skipSpaces()
    if current == "#" {
      while let c = current, c != "\n" {
        if isForbiddenControl(c) { throw error("control character in a comment") }
        advance()
      }
    }
    if current == "\r", peek(1) == "\n" { advance() }
    guard let c = current else { return }
    guard c == "\n" else {
      throw error("unexpected text after \(what); one key = value or [header] per line")
    }
    advance()
  }

  mutating func document() throws(TOMLError) -> TOMLDocument {
    var document = TOMLDocument()
    var seenTables: [String: Int] = [:]
    var table = TOMLTable(name: nil, line: 1)
    var keysSeen: [String: Int] = [:]
    func finish(_ table: TOMLTable, into document: inout TOMLDocument) {
      if table.name == nil { document.root = table } else { document.tables.append(table) }
    }
    while true {
      skipSpaces()
      guard let c = current else { break }
      if c == "\n" || c == "#" || c == "\r" {
        try endOfLine(after: "a comment")
        continue
      }
      if c == "[" {
        let headerLine = line
        if peek(1) == "[" {
          throw error("arrays of tables ([[…]]) are not supported here; use one [name] per table")
        }
        advance()
        skipSpaces()
        let name = try key(what: "table name", allowDots: true)
        skipSpaces()
        guard current == "]" else { throw error("expected ']' to close the table header") }
        advance()
        try endOfLine(after: "the table header")
        if let first = seenTables[name] {
          throw error("table [\(name)] appears twice (first on line \(first))", line: headerLine)
        }
        seenTables[name] = headerLine
        finish(table, into: &document)
        table = TOMLTable(name: name, line: headerLine)
        keysSeen = [:]
        continue
      }
      let keyLine = line
      let name = try key(what: "key", allowDots: false)
      skipSpaces()
      if current == "." {
        throw error("dotted keys are not supported here; write [table] headers instead")
      }
      guard current == "=" else { throw error("expected '=' after the key '\(name)'") }
      advance()
      skipSpaces()
      let value = try value()
      try endOfLine(after: "the value")
      if let first = keysSeen[name] {
        throw error("key '\(name)' appears twice (first on line \(first))", line: keyLine)
      }
      keysSeen[name] = keyLine
      table.entries.append(TOMLEntry(key: name, value: value, line: keyLine))
    }
    finish(table, into: &document)
    return document
  }

  static func isBare(_ c: Unicode.Scalar) -> Bool {
    ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_"
      || c == "-"
  }

  /// A bare or quoted key; in a table header, dots stay part of the one name.
  mutating func key(what: String, allowDots: Bool) throws(TOMLError) -> String {
    if current == "\"" { return try basicString() }
    if current == "'" { return try literalString() }
    var name = ""
    while let c = current, Self.isBare(c) || (allowDots && c == ".") {
      name.unicodeScalars.append(c)
      advance()
    }
    if name.isEmpty {
      let found = current.map { "'\(String($0).debugDescription.dropFirst().dropLast())'" }
      throw error(
        "expected a \(what) (letters, digits, '_', '-', or quoted), found \(found ?? "the end")")
    }
    return name
  }

  mutating func value() throws(TOMLError) -> TOMLValue {
    guard let c = current, c != "\n", c != "#" else { throw error("expected a value after '='") }
    switch c {
    case "\"":
      if peek(1) == "\"", peek(2) == "\"" { return .string(try multilineBasicString()) }
      return .string(try basicString())
    case "'":
      if peek(1) == "'", peek(2) == "'" { return .string(try multilineLiteralString()) }
      return .string(try literalString())
    case "[":
      return .strings(try stringArray())
    case "t", "f":
      var word = ""
      while let c = current, Self.isBare(c) {
        word.unicodeScalars.append(c)
        advance()
      }
      if word == "true" { return .bool(true) }
      if word == "false" { return .bool(false) }
      throw error("'\(word)' is not a value; strings need quotes: \"\(word)\"")
    default:
      var word = ""
      while let c = current, Self.isBare(c) || c == "+" {
        word.unicodeScalars.append(c)
        advance()
      }
      let digits = word.replacingUnderscores
      if !word.isEmpty, !word.hasPrefix("_"), !word.hasSuffix("_"), !word.contains("__"),
        let number = Int(digits)
      {
        return .integer(number)
      }
      if word.isEmpty { word = String(c) }
      if let first = word.unicodeScalars.first, Self.isBare(first), !("0"..."9").contains(first) {
        throw error("'\(word)' is not a value; strings need quotes: \"\(word)\"")
      }
      throw error(
        "'\(word)' is not a value; a value is a \"string\", true, false, a number or [\"a\", …]")
    }
  }

  mutating func stringArray() throws(TOMLError) -> [String] {
    let start = line
    advance()  // [
    var items: [String] = []
    func skipBlank(_ reader: inout Reader) throws(TOMLError) {
      while true {
        reader.skipSpaces()
        if reader.current == "#" {
          while let c = reader.current, c != "\n" { reader.advance() }
        }
        if reader.current == "\n" || reader.current == "\r" {
          reader.advance()
        } else {
          return
        }
      }
    }
    while true {
      try skipBlank(&self)
      guard let c = current else {
        throw error("array is not closed with ']'", line: start)
      }
      if c == "]" {
        advance()
        return items
      }
      switch c {
      case "\"":
        items.append(
          peek(1) == "\"" && peek(2) == "\"" ? try multilineBasicString() : try basicString())
      case "'":
        items.append(
          peek(1) == "'" && peek(2) == "'" ? try multilineLiteralString() : try literalString())
      default:
        throw error("arrays here hold strings only: [\"a\", \"b\"]")
      }
      try skipBlank(&self)
      if current == nil { throw error("array is not closed with ']'", line: start) }
      if current == "," {
        advance()
      } else if current != "]" {
        throw error("expected ',' or ']' in the array")
      }
    }
  }

  func isForbiddenControl(_ c: Unicode.Scalar) -> Bool {
    (c.value < 0x20 && c != "\t") || c.value == 0x7F
  }

  mutating func basicString() throws(TOMLError) -> String {
    advance()  // "
    var text = ""
    while true {
      guard let c = current, c != "\n" else {
        throw error("string is not closed with '\"' on its line")
      }
      advance()
      if c == "\"" { return text }
      if c == "\\" {
        try escape(into: &text)
      } else if isForbiddenControl(c) {
        throw error("control character in a string; write it as an escape such as \\t")
      } else {
        text.unicodeScalars.append(c)
      }
    }
  }

  mutating func literalString() throws(TOMLError) -> String {
    advance()  // '
    var text = ""
    while true {
      guard let c = current, c != "\n" else {
        throw error("string is not closed with \"'\" on its line")
      }
      advance()
      if c == "'" { return text }
      if isForbiddenControl(c) { throw error("control character in a string") }
      text.unicodeScalars.append(c)
    }
  }

  mutating func multilineBasicString() throws(TOMLError) -> String {
    let start = line
    advance()
    advance()
    advance()
    // A line break right after the opening quotes is not part of the string.
    if current == "\r", peek(1) == "\n" { advance() }
    if current == "\n" { advance() }
    var text = ""
    while true {
      guard let c = current else {
        throw error("multi-line string is not closed with \"\"\"", line: start)
      }
      if c == "\"", peek(1) == "\"", peek(2) == "\"" {
        advance()
        advance()
        advance()
        // Up to two more quotes belong to the string ("""a"""" is a").
        var extra = 0
        while current == "\"", extra < 2 {
          text.unicodeScalars.append("\"")
          advance()
          extra += 1
        }
        return text
      }
      advance()
      if c == "\\" {
        // A backslash at the end of a line trims the break and the blanks after it.
        var look = index
        while look < scalars.count, scalars[look] == " " || scalars[look] == "\t" { look += 1 }
        if look < scalars.count, scalars[look] == "\n" || scalars[look] == "\r" {
          while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
          continue
        }
        try escape(into: &text)
      } else if c == "\r", current == "\n" {
        continue
      } else if isForbiddenControl(c), c != "\n" {
        throw error("control character in a string; write it as an escape such as \\t")
      } else {
        text.unicodeScalars.append(c)
      }
    }
  }

  mutating func multilineLiteralString() throws(TOMLError) -> String {
    let start = line
    advance()
    advance()
    advance()
    if current == "\r", peek(1) == "\n" { advance() }
    if current == "\n" { advance() }
    var text = ""
    while true {
      guard let c = current else {
        throw error("multi-line string is not closed with '''", line: start)
      }
      if c == "'", peek(1) == "'", peek(2) == "'" {
        advance()
        advance()
        advance()
        return text
      }
      advance()
      if c == "\r", current == "\n" { continue }
      if isForbiddenControl(c), c != "\n" { throw error("control character in a string") }
      text.unicodeScalars.append(c)
    }
  }

  /// After a backslash: \" \\ \b \t \n \f \r \e \uXXXX \UXXXXXXXX.
  mutating func escape(into text: inout String) throws(TOMLError) {
    guard let c = current else { throw error("string ends after a backslash") }
    advance()
    switch c {
    case "\"": text += "\""
    case "\\": text += "\\"
    case "b": text.unicodeScalars.append(Unicode.Scalar(8))
    case "t": text += "\t"
    case "n": text += "\n"
    case "f": text.unicodeScalars.append(Unicode.Scalar(12))
    case "r": text += "\r"
    case "e": text.unicodeScalars.append(Unicode.Scalar(27))
    case "u", "U":
      let count = c == "u" ? 4 : 8
      var hex = ""
      for _ in 0..<count {
        guard let h = current, h.properties.isASCIIHexDigit else {
          throw error("\\\(c) needs \(count) hexadecimal digits")
        }
        hex.unicodeScalars.append(h)
        advance()
      }
      guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
        throw error("\\\(c)\(hex) is not a Unicode scalar value")
      }
      text.unicodeScalars.append(scalar)
    default:
      throw error(
        "unknown escape '\\\(String(c).debugDescription.dropFirst().dropLast())'; "
          + "use \\\\ for a backslash")
    }
  }
}

extension String {
  fileprivate var replacingUnderscores: String {
    String(unicodeScalars.filter { $0 != "_" }.map(Character.init))
  }
}
