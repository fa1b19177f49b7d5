import ReplyCatalog
import TextLayout

/// The semantic roles a theme styles. A theme key may also be a shorter prefix of a role
/// ("code.class" styles every class that has no key of its own).
public enum Role: Int, CaseIterable, Sendable {
  case text
  case textDim
  case title
  case border
  case heading
  case label
  case selection
  case selectionInactive
  case statusLine
  case statusKey
  case statusMessage
  case filter
  case mark
  case help
  case helpKey
  case warning
  case class2
  case class3
  case class4
  case class5
  case compareHeader
  case compareMarkerSame
  case compareMarkerChanged
  case comparePlaceholder
  /// The differing row that n and N moved to.
  case compareMarkerCurrent
  /// Words one side of a compared field has and the other lacks: a style (bold, underline,
  /// reverse) laid over the word's own colour, never a colour of its own.
  case diffChanged
  /// A compared field that is equal on both sides: dimmed.
  case diffSame
  /// Severity words, in the colours of the classes they belong to.
  case severitySuccess
  case severityIntermediate
  case severityTransient
  case severityPermanent
  /// A pane's title row, and the focused pane's.
  case paneTitle
  case paneTitleFocused
  /// A code the page links to, and the one r/R highlighted.
  case link
  case linkCurrent
  /// Text matching the search or the filter, and the match n/N went to.
  case match
  case matchCurrent
  /// The cursor of a prompt.
  case cursor

  /// The theme key: "ui.selection", "code.class.5xx", …
  public var key: String { Role.keys[rawValue] }

  static let keys = [
    "ui.text",
    "ui.text.dim",
    "ui.title",
    "ui.border",
    "ui.heading",
    "ui.label",
    "ui.selection",
    "ui.selection.inactive",
    "ui.statusline",
    "ui.statusline.key",
    "ui.statusline.message",
    "ui.filter",
    "ui.mark",
    "ui.help",
    "ui.help.key",
    "ui.warning",
    "code.class.2xx",
    "code.class.3xx",
    "code.class.4xx",
    "code.class.5xx",
    "compare.header",
    "compare.marker.same",
    "compare.marker.changed",
    "compare.placeholder",
    "compare.marker.current",
    "diff.changed",
    "diff.same",
    "severity.success",
    "severity.intermediate",
    "severity.transient",
    "severity.permanent",
    "ui.pane.title",
    "ui.pane.title.focused",
    "ui.link",
    "ui.link.current",
    "ui.match",
    "ui.match.current",
    "ui.cursor",
  ]

  /// The colour of a severity word; nil (no severity) is plain text.
  public static func severity(_ severity: Severity?) -> Role {
    switch severity {
    case .success: .severitySuccess
    case .intermediate: .severityIntermediate
    case .transient: .severityTransient
    case .permanent: .severityPermanent
    case nil: .text
    }
  }

  public static func codeClass(_ digit: Int) -> Role {
    switch digit {
    case 2: .class2
    case 3: .class3
    case 4: .class4
    default: .class5
    }
  }

  /// Every key a theme may set: the roles and each of their shorter prefixes.
  static let acceptedKeys: Set<String> = {
    var keys: Set<String> = []
    for role in Role.allCases {
      var parts = role.key.split(separator: ".")
      while !parts.isEmpty {
        keys.insert(parts.joined(separator: "."))
        parts.removeLast()
      }
    }
    return keys
  }()
}

/// A theme problem, as the one line the user sees. Theme files are untrusted: whatever they
/// hold (role names, colours, `inherits` values, paths) reaches the line escaped.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = SafeText.escape(description) }
}

/// Colours and attributes per role, resolved from a theme's TOML and what it inherits.
public struct Theme: Sendable {
  public let name: String
  private let styles: [Style]

  /// Styles per role key as written (after inheritance); roles fall back to shorter keys.
  public init(name: String, keyed: [String: Style]) {
    self.name = name
    styles = Role.allCases.map { role in
      var key = Substring(role.key)
      while true {
        if let style = keyed[String(key)] { return style }
        guard let dot = key.lastIndex(of: ".") else { break }
        key = key[..<dot]
      }
      return role == .text ? .plain : (keyed[Role.text.key] ?? .plain)
    }
  }

  private init(name: String, styles: [Style]) {
    self.name = name
    self.styles = styles
  }

  public func style(_ role: Role) -> Style {
    styles[role.rawValue]
  }

  /// NO_COLOR: the same theme without colours; selection stays visible in reverse video.
  public var withoutColor: Theme {
    var plain = styles.map(\.withoutColor)
    for role in [Role.selection, .statusLine, .title, .paneTitleFocused, .linkCurrent, .cursor] {
      plain[role.rawValue].attributes.insert(.reverse)
    }
    return Theme(name: name, styles: plain)
  }

  // MARK: Loading

  /// Built-in theme names, in the order help and errors list them.
  public static var builtInNames: [String] { builtInThemeSources.map(\.name) }

  public static let defaultName = "default"

  /// What `--theme` accepts, for error messages.
  public static var acceptedDescription: String {
    "a built-in theme (\(builtInNames.joined(separator: ", "))) or the path of a .toml theme file"
  }

  /// A built-in theme by name, or a theme file by path (anything with a "/" or ending ".toml").
  /// This module does no file I/O: `read` fetches theme files (the executable opens them
  /// non-blocking, requires regular files and bounds their size).
  public static func load(_ nameOrPath: String, readingFilesWith read: ThemeFileReader)
    throws(ThemeError) -> Theme
  {
    var chain: [Hop] = []
    let raw = try resolve(nameOrPath, from: nil, chain: &chain, read: read)
    return try raw.theme(name: nameOrPath)
  }

  /// A built-in theme; nil when there is none of that name.
  public static func builtIn(_ name: String) -> Theme? {
    guard builtInThemeSources.contains(where: { $0.name == name }) else { return nil }
    return try? load(
      name,
      readingFilesWith: { path throws(ThemeFileProblem) in
        throw ThemeFileProblem(description: "built-in themes inherit only built-in themes")
      })
  }

  public static var builtInDefault: Theme {
    // The default theme is tested; failing here is a build mistake, not a user's.
    builtIn(defaultName) ?? Theme(name: defaultName, keyed: [:])
  }

  /// How many themes an inheritance chain may hold.
  static let maximumDepth = 16

  private static func isPath(_ text: String) -> Bool {
    text.contains("/") || text.hasSuffix(".toml")
  }

  /// One theme in an inheritance chain: its identity (to see a cycle however a path is spelled)
  /// and the name it is shown by.
  private struct Hop {
    let identity: String
    let shown: String
  }

  /// Reads one theme and, recursively, what it inherits; `chain` detects cycles.
  private static func resolve(
    _ nameOrPath: String, from directory: String?, chain: inout [Hop], read: ThemeFileReader
  ) throws(ThemeError) -> RawTheme {
    let source: String
    let hop: Hop
    var ownDirectory: String? = nil
    let shownName = SafeText.escape(nameOrPath)
    if let builtIn = builtInThemeSources.first(where: { $0.name == nameOrPath }) {
      source = builtIn.source
      hop = Hop(identity: "built-in:" + nameOrPath, shown: nameOrPath)
    } else if isPath(nameOrPath) || directory != nil {
      var path = nameOrPath
      // An inherited name that is not built in is a file beside the theme that names it.
      if let directory, !path.hasPrefix("/") {
        let file = isPath(path) ? path : path + ".toml"
        path = directory == "." ? file : directory + "/" + file
      }
      let file: ThemeFile
      do {
        file = try read(path)
      } catch {
        guard let parent = chain.last else {
          throw ThemeError(
            error.isMissing
              ? error.description + "; --theme takes \(acceptedDescription)" : error.description)
        }
        if error.isMissing {
          throw ThemeError(
            "theme '\(parent.shown)' inherits '\(shownName)', which is neither \(acceptedDescription)"
              + " (\(error.description))")
        }
        throw ThemeError("theme '\(parent.shown)' inherits '\(shownName)': \(error.description)")
      }
      source = file.text
      hop = Hop(identity: "file:" + file.identity, shown: SafeText.escape(path))
      ownDirectory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    } else if let parent = chain.last {
      throw ThemeError(
        "theme '\(parent.shown)' inherits unknown theme '\(shownName)'; expected \(acceptedDescription)"
      )
    } else {
      throw ThemeError("unknown theme '\(shownName)'; --theme takes \(acceptedDescription)")
    }
    if chain.contains(where: { $0.identity == hop.identity }) {
      let cycle = (chain.map(\.shown) + [hop.shown]).joined(separator: " → ")
      throw ThemeError(
        "theme '\(chain[0].shown)' inherits itself: \(cycle); remove one 'inherits' of this cycle")
    }
    if chain.count >= maximumDepth {
      throw ThemeError(
        "theme '\(chain[0].shown)' inherits more than \(maximumDepth) themes deep (at '\(hop.shown)'); at most \(maximumDepth) are followed"
      )
    }
    chain.append(hop)
    var raw = try ThemeParser.parse(source, origin: hop.shown)
    if let parent = raw.inherits {
      let base = try resolve(parent, from: ownDirectory ?? directory, chain: &chain, read: read)
      raw = base.overlaid(by: raw)
    }
    return raw
  }
}

/// A theme file as the executable read it.
public struct ThemeFile: Sendable {
  /// Names the file uniquely (device and inode, say), so an inheritance cycle is seen however
  /// its path is spelled.
  public let identity: String
  public let text: String

  public init(identity: String, text: String) {
    self.identity = identity
    self.text = text
  }
}

/// Why a theme file could not be read, as the one line the user sees.
public struct ThemeFileProblem: Error, CustomStringConvertible {
  public let description: String
  /// Nothing is there (the name may be a typo for a built-in theme).
  public let isMissing: Bool

  public init(description: String, isMissing: Bool = false) {
    self.description = description
    self.isMissing = isMissing
  }
}

/// Reads the theme file at a path (the executable's job: this module does no file I/O).
public typealias ThemeFileReader = (String) throws(ThemeFileProblem) -> ThemeFile

/// A theme as written: its roles with colour names unresolved, its palette, what it inherits.
struct RawTheme {
  struct RawStyle {
    var foreground: String?
    var background: String?
    var modifiers: [String] = []
    var line: Int
  }

  var origin: String
  var inherits: String?
  var palette: [String: String] = [:]
  var roles: [String: RawStyle] = [:]

  /// The parent with this theme's keys and palette entries laid over it (a key replaces a key).
  func overlaid(by child: RawTheme) -> RawTheme {
    var result = self
    result.origin = child.origin
    result.inherits = nil
    for (key, value) in child.palette { result.palette[key] = value }
    for (key, value) in child.roles { result.roles[key] = value }
    return result
  }

  func theme(name: String) throws(ThemeError) -> Theme {
    var keyed: [String: Style] = [:]
    for (key, raw) in roles {
      var style = Style()
      if let fg = raw.foreground { style.foreground = try color(fg, key: key) }
      if let bg = raw.background { style.background = try color(bg, key: key) }
      for modifier in raw.modifiers {
        guard let attribute = RawTheme.modifiers[modifier] else {
          throw ThemeError(
            "theme '\(origin)': '\(key)': unknown modifier '\(modifier)'; expected one of \(RawTheme.modifiers.keys.sorted().joined(separator: ", "))"
          )
        }
        style.attributes.insert(attribute)
      }
      keyed[key] = style
    }
    return Theme(name: name, keyed: keyed)
  }

  static let modifiers: [String: Attributes] = [
    "bold": .bold, "dim": .dim, "italic": .italic, "underlined": .underline, "reversed": .reverse,
  ]

  static let colorNames: [String: UInt8] = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    "gray": 8, "grey": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10,
    "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14,
    "bright-white": 15, "light-gray": 7, "light-red": 9, "light-green": 10, "light-yellow": 11,
    "light-blue": 12, "light-magenta": 13, "light-cyan": 14,
  ]

  func color(_ text: String, key: String, depth: Int = 0) throws(ThemeError) -> Color {
    if text == "default" || text == "reset" { return .terminalDefault }
    if let index = RawTheme.colorNames[text] { return .ansi(index) }
    if let number = Int(text), (0...255).contains(number) {
      return number < 16 ? .ansi(UInt8(number)) : .indexed(UInt8(number))
    }
    if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
      return .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }
    if depth < 8, let named = palette[text] { return try color(named, key: key, depth: depth + 1) }
    throw ThemeError(
      "theme '\(origin)': '\(key)': unknown colour '\(text)'; expected a colour name (red, bright-blue, …), 0–255, #rrggbb or a [palette] name"
    )
  }
}

/// A parser for the small part of TOML themes use: `key = value` lines with bare or quoted keys,
/// strings, arrays of strings, inline tables of those, comments, and a `[palette]` table.
enum ThemeParser {
  static func parse(_ source: String, origin: String) throws(ThemeError) -> RawTheme {
    var theme = RawTheme(origin: origin)
    var inPalette = false
    var lineNumber = 0
    for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var scanner = Scanner(Array(rawLine.utf8), origin: origin, line: lineNumber)
      scanner.skipSpaces()
      if scanner.atEndOrComment { continue }
      if scanner.peek == UInt8(ascii: "[") {
        scanner.index += 1
        let name = try scanner.key()
        try scanner.expect("]")
        try scanner.expectEnd()
        guard name == "palette" else {
          throw scanner.error("unknown table [\(name)]; a theme has only [palette]")
        }
        inPalette = true
        continue
      }
      let key = try scanner.key()
      try scanner.expect("=")
      let value = try scanner.value()
      try scanner.expectEnd()
      if inPalette {
        guard case .string(let colour) = value else {
          throw scanner.error("palette colour '\(key)' must be a string")
        }
        theme.palette[key] = colour
      } else if key == "inherits" {
        guard case .string(let parent) = value else {
          throw scanner.error("'inherits' must be a string (a theme name)")
        }
        theme.inherits = parent
      } else {
        guard Role.acceptedKeys.contains(key) else {
          throw scanner.error(
            "unknown role '\(key)'; roles are \(Role.allCases.map(\.key).joined(separator: ", ")) or a shorter prefix"
          )
        }
        theme.roles[key] = try style(value, scanner: scanner)
      }
    }
    return theme
  }

  static func style(_ value: Value, scanner: Scanner) throws(ThemeError) -> RawTheme.RawStyle {
    switch value {
    case .string(let fg):
      return RawTheme.RawStyle(foreground: fg, line: scanner.line)
    case .table(let members):
      var style = RawTheme.RawStyle(line: scanner.line)
      for (name, member) in members {
        switch (name, member) {
        case ("fg", .string(let colour)): style.foreground = colour
        case ("bg", .string(let colour)): style.background = colour
        case ("modifiers", .array(let list)): style.modifiers = list
        default:
          throw scanner.error(
            "'\(name)' is not a style field; a style is { fg = \"…\", bg = \"…\", modifiers = [\"bold\", …] }"
          )
        }
      }
      return style
    case .array:
      throw scanner.error("a style is a colour string or { fg = …, bg = …, modifiers = […] }")
    }
  }

  indirect enum Value {
    case string(String)
    case array([String])
    case table([(String, Value)])
  }

  struct Scanner {
    let bytes: [UInt8]
    let origin: String
    let line: Int
    var index = 0

    init(_ bytes: [UInt8], origin: String, line: Int) {
      self.bytes = bytes
      self.origin = origin
      self.line = line
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    var atEndOrComment: Bool { peek == nil || peek == UInt8(ascii: "#") || peek == 13 }

    func error(_ message: String) -> ThemeError {
      ThemeError("theme '\(origin)' line \(line): \(message)")
    }

    mutating func skipSpaces() {
      while let byte = peek, byte == 32 || byte == 9 { index += 1 }
    }

    mutating func expect(_ character: Character) throws(ThemeError) {
      skipSpaces()
      guard peek == character.asciiValue else {
        throw error("expected '\(character)'")
      }
      index += 1
      skipSpaces()
    }

    mutating func expectEnd() throws(ThemeError) {
      skipSpaces()
      guard atEndOrComment else { throw error("unexpected text after the value") }
    }

    mutating func key() throws(ThemeError) -> String {
      skipSpaces()
      if peek == UInt8(ascii: "\"") { return try string() }
      let start = index
      while let byte = peek,
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
          || (byte >= 0x61 && byte <= 0x7A)
          || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      {
        index += 1
      }
      guard index > start else { throw error("expected a key") }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(ThemeError) -> String {
      guard peek == UInt8(ascii: "\"") else { throw error("expected a string") }
      index += 1
      var out: [UInt8] = []
      while let byte = peek {
        index += 1
        if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        if byte == UInt8(ascii: "\\") {
          guard let next = peek else { break }
          index += 1
          switch next {
          case UInt8(ascii: "n"): out.append(10)
          case UInt8(ascii: "t"): out.append(9)
          case UInt8(ascii: "r"): out.append(13)
          case UInt8(ascii: "b"): out.append(8)
          case UInt8(ascii: "f"): out.append(12)
          case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(next)
          case UInt8(ascii: "u"), UInt8(ascii: "U"):
            // TOML's \uXXXX and \UXXXXXXXX: any scalar, controls included (errors escape them).
            let digits = next == UInt8(ascii: "u") ? 4 : 8
            let hex = bytes[index..<min(index + digits, bytes.count)]
            guard hex.count == digits,
              hex.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x46).contains($0 & 0xDF) }),
              let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16),
              let scalar = Unicode.Scalar(value)
            else {
              throw error("an escape \\u takes 4 hex digits, \\U takes 8, of a Unicode scalar")
            }
            index += digits
            out.append(contentsOf: String(scalar).utf8)
          default:
            throw error(
              "unsupported escape in a string; strings take \\n \\t \\r \\b \\f \\\" \\\\ \\uXXXX \\UXXXXXXXX"
            )
          }
          continue
        }
        out.append(byte)
      }
      throw error("unterminated string")
    }

    mutating func value() throws(ThemeError) -> Value {
      skipSpaces()
      switch peek {
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "["):
        index += 1
        var items: [String] = []
        skipSpaces()
        while peek != UInt8(ascii: "]") {
          guard peek != nil else { throw error("unterminated array (arrays must fit on one line)") }
          items.append(try string())
          skipSpaces()
          if peek == UInt8(ascii: ",") {
            index += 1
            skipSpaces()
          } else if peek != UInt8(ascii: "]") {
            throw error("expected ',' or ']' in an array")
          }
        }
        index += 1
        return .array(items)
      case UInt8(ascii: "{"):
        index += 1
        var members: [(String, Value)] = []
        skipSpaces()
        while peek != UInt8(ascii: "}") {
          guard peek != nil else { throw error("unterminated inline table") }
          let name = try key()
          try expect("=")
          members.append((name, try value()))
          skipSpaces()
          if peek == UInt8(ascii: ",") {
            index += 1
            skipSpaces()
          } else if peek != UInt8(ascii: "}") {
            throw error("expected ',' or '}' in an inline table")
          }
        }
        index += 1
        return .table(members)
      default:
        throw error("expected a value: a string, an array of strings or an inline table")
      }
    }
  }
}
