import TextLayout

/// An edit to a one-line prompt (the filter, the detail search, the explain prompt).
public enum LineEdit: Equatable, Sendable {
  case insert(String)
  case deleteBackward, deleteForward
  case left, right, home, end
  /// Ctrl-U: everything before the cursor.
  case deleteToStart
  /// Ctrl-W: the word before the cursor (and the blanks after it).
  case deleteWordBackward
  /// ↑ and ↓: earlier and later queries.
  case historyPrevious, historyNext
}

/// A one-line editor: text, a cursor, and the history of accepted lines. Pure, so every edit is
/// a unit test; the cost of an edit does not grow with the line (no re-scan of the whole text).
public struct LineEditor: Equatable, Sendable {
  /// The longest line kept: a pasted log excerpt must not become a 10 KB query.
  public static let maximumLength = 256

  public private(set) var characters: [Character] = []
  /// Where the next character goes, 0...characters.count.
  public private(set) var cursor = 0
  /// Accepted lines, oldest first.
  public private(set) var history: [String] = []
  /// Where ↑/↓ is in the history; nil while editing a new line.
  private var historyIndex: Int?
  /// The line being typed before ↑ went into the history.
  private var draft: [Character] = []
  /// Set when an insert was cut at `maximumLength` (the status line says so).
  public private(set) var wasCut = false
  /// A re-opened line is selected: typing replaces it, any other edit keeps it (as in an
  /// address bar), so `/` then a new query needs no Ctrl-U.
  public private(set) var selected = false

  public init(_ text: String = "") {
    characters = Array(text.prefix(Self.maximumLength))
    cursor = characters.count
  }

  public var text: String { String(characters) }

  /// Starts a new line (keeping the history); `text` pre-fills it, selected, with the cursor
  /// at its end.
  public mutating func reset(_ text: String = "") {
    characters = Array(text.prefix(Self.maximumLength))
    cursor = characters.count
    historyIndex = nil
    wasCut = false
    selected = !characters.isEmpty
  }

  /// Remembers the line for ↑ (not twice in a row, never blank).
  public mutating func commit() {
    let line = text
    historyIndex = nil
    guard line.contains(where: { !$0.isWhitespace }), history.last != line else { return }
    history.append(line)
    if history.count > 100 { history.removeFirst() }
  }

  public mutating func apply(_ edit: LineEdit) {
    wasCut = false
    if selected, case .insert = edit {
      characters = []
      cursor = 0
    }
    selected = false
    switch edit {
    case .insert(let text):
      // Only what a one-line prompt can hold: the first line, no control characters.
      let firstLine =
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
        .first ?? ""
      var kept = firstLine.filter { displayWidth($0) > 0 || $0 == " " }.map {
        $0 == "\t" ? " " : $0
      }
      let room = Self.maximumLength - characters.count
      if kept.count > room {
        kept = Array(kept.prefix(max(0, room)))
        wasCut = true
      }
      if firstLine.count < text.count { wasCut = true }
      characters.insert(contentsOf: kept, at: cursor)
      cursor += kept.count
    case .deleteBackward:
      if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case .deleteForward:
      if cursor < characters.count { characters.remove(at: cursor) }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(characters.count, cursor + 1)
    case .home: cursor = 0
    case .end: cursor = characters.count
    case .deleteToStart:
      characters.removeFirst(cursor)
      cursor = 0
    case .deleteWordBackward:
      var start = cursor
      while start > 0, characters[start - 1].isWhitespace { start -= 1 }
      while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    case .historyPrevious:
      guard !history.isEmpty else { return }
      if historyIndex == nil { draft = characters }
      let index = max(0, (historyIndex ?? history.count) - 1)
      historyIndex = index
      characters = Array(history[index])
      cursor = characters.count
    case .historyNext:
      guard let index = historyIndex else { return }
      if index + 1 < history.count {
        historyIndex = index + 1
        characters = Array(history[index + 1])
      } else {
        historyIndex = nil
        characters = draft
      }
      cursor = characters.count
    }
  }

  /// The part of the line that fits `width` columns with the cursor on screen: the text, and
  /// the cursor's column in it. Long lines scroll so the cursor stays visible.
  public func visible(width: Int) -> (text: String, cursorColumn: Int) {
    let width = max(1, width)
    // Start far enough back that the cursor (plus one cell for it) fits.
    var start = cursor
    var used = 1
    while start > 0 {
      let cell = displayWidth(characters[start - 1])
      if used + cell > width { break }
      used += cell
      start -= 1
    }
    var text = ""
    var columns = 0
    var column = 0
    for index in start..<characters.count {
      if index == cursor { column = columns }
      let cell = displayWidth(characters[index])
      if columns + cell > width { break }
      text.append(characters[index])
      columns += cell
    }
    if cursor == characters.count { column = columns }
    return (text, min(column, width - 1))
  }
}
