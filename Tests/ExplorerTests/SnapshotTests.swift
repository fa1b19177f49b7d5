import Explorer
import Foundation
import ReplyCatalog
import Testing
import TextLayout

/// Screens at fixed sizes, compared with the files in `__Snapshots__/`: the text of every row
/// (trailing spaces trimmed), then the style of every cell (see `styleMap`). To re-record after a
/// deliberate change: `SNAPSHOT_RECORD=1 swift test --filter SnapshotTests`, then read the diff.
@Suite struct SnapshotTests {
  static func screen(_ state: AppState, theme: Theme = .builtInDefault) -> String {
    render(state, theme: theme).text
  }

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("__Snapshots__")

  static func comparing(
    _ left: String, _ right: String, width: Int, height: Int, strings: Strings = .english
  ) -> AppState {
    var state = Fixture.state(width: width, height: height, strings: strings)
    state.openCompare(
      CodeReference(entry: Fixture.catalog.entry(left)!),
      CodeReference(entry: Fixture.catalog.entry(right)!))
    return state
  }

  static func realComparing(_ left: String, _ right: String, width: Int, height: Int) -> AppState {
    var state = AppState(catalog: .builtIn, width: width, height: height)
    state.openCompare(
      CodeReference(entry: Catalog.builtIn.entry(left)!),
      CodeReference(entry: Catalog.builtIn.entry(right)!))
    return Fixture.apply([.nextDifference], to: state)
  }

  static let cases: [(String, AppState)] = [
    (
      "browse-40x12",
      Fixture.apply([.moveDown, .toggleMark], to: Fixture.state(width: 40, height: 12))
    ),
    (
      "browse-80x24",
      Fixture.apply([.moveDown, .toggleMark, .moveDown, .moveDown, .moveDown], to: Fixture.state())
    ),
    (
      "browse-160x40",
      Fixture.apply(Fixture.type("mailbox"), to: Fixture.state(width: 160, height: 40))
    ),
    ("compare-40x12", comparing("421", "556", width: 40, height: 12)),
    ("compare-80x24", comparing("421", "556", width: 80, height: 24)),
    ("compare-160x40", comparing("421", "556", width: 160, height: 40)),
    ("help-80x24", Fixture.apply([.toggleHelp], to: Fixture.state())),
    // The real catalog: 452 and 552, with the word emphasis (re-record when their entries change).
    ("compare-452-552-40x12", realComparing("452", "552", width: 40, height: 12)),
    ("compare-452-552-80x24", realComparing("452", "552", width: 80, height: 24)),
    ("compare-452-552-160x40", realComparing("452", "552", width: 160, height: 40)),
    ("too-small-20x5", Fixture.state(width: 20, height: 5)),
    ("help-40x12", Fixture.apply([.toggleHelp], to: Fixture.state(width: 40, height: 12))),
    // A pasted multi-line reply, explained with the real catalog; r highlighted its first link.
    (
      "explain-paste-80x24",
      Fixture.apply(
        [.paste(Fixture.blockedReply), .nextLink],
        to: AppState(catalog: .builtIn, width: 80, height: 24))
    ),
    (
      "explain-paste-40x12",
      Fixture.apply(
        [.paste(Fixture.blockedReply)], to: AppState(catalog: .builtIn, width: 40, height: 12))
    ),
    // The detail pane searched: matches marked, the current one stronger.
    (
      "detail-search-80x24",
      Fixture.apply(
        [.focusNext, .startSearch] + "mail".map { .edit(.insert(String($0))) } + [.promptAccept],
        to: Fixture.state())
    ),
    // Japanese: CJK labels and headings, two columns a character, measured by the shared layout.
    (
      "ja-browse-40x12",
      Fixture.apply(
        [.moveDown, .toggleMark],
        to: Fixture.state(width: 40, height: 12, strings: Fixture.japanese))
    ),
    (
      "ja-browse-80x24",
      Fixture.apply(
        [.moveDown, .toggleMark, .moveDown], to: Fixture.state(strings: Fixture.japanese))
    ),
    ("ja-compare-80x24", comparing("421", "556", width: 80, height: 24, strings: Fixture.japanese)),
    (
      "ja-compare-120x35",
      comparing("421", "556", width: 120, height: 35, strings: Fixture.japanese)
    ),
    (
      "ja-help-40x12",
      Fixture.apply(
        [.toggleHelp], to: Fixture.state(width: 40, height: 12, strings: Fixture.japanese))
    ),
    (
      "ja-help-120x35",
      Fixture.apply(
        [.toggleHelp], to: Fixture.state(width: 120, height: 35, strings: Fixture.japanese))
    ),
    // Hindi (there is no ja.toml yet; add ja cases when there is): Devanagari titles, labels
    // and headings measured by the shared layout; 5.X.X has no translation and shows marked.
    (
      "hi-browse-40x12",
      Fixture.apply(
        [.moveDown, .toggleMark], to: Fixture.state(width: 40, height: 12, strings: Fixture.hindi))
    ),
    (
      "hi-browse-80x24",
      Fixture.apply(
        [.moveDown, .toggleMark, .moveDown, .moveDown, .moveDown],
        to: Fixture.state(strings: Fixture.hindi))
    ),
    (
      "hi-browse-120x35",
      Fixture.apply([.bottom], to: Fixture.state(width: 120, height: 35, strings: Fixture.hindi))
    ),
    ("hi-compare-40x12", comparing("421", "556", width: 40, height: 12, strings: Fixture.hindi)),
    ("hi-compare-80x24", comparing("421", "556", width: 80, height: 24, strings: Fixture.hindi)),
    ("hi-compare-120x35", comparing("421", "556", width: 120, height: 35, strings: Fixture.hindi)),
    (
      "hi-help-40x12",
      Fixture.apply([.toggleHelp], to: Fixture.state(width: 40, height: 12, strings: Fixture.hindi))
    ),
    ("hi-help-80x24", Fixture.apply([.toggleHelp], to: Fixture.state(strings: Fixture.hindi))),
    (
      "hi-help-120x35",
      Fixture.apply(
        [.toggleHelp], to: Fixture.state(width: 120, height: 35, strings: Fixture.hindi))
    ),
  ]

  @Test(arguments: cases.map(\.0))
  func snapshot(name: String) throws {
    let state = Self.cases.first { $0.0 == name }!.1
    let grid = render(state, theme: .builtInDefault)
    let actual = grid.text + "\n" + styleMap(grid)
    let file = Self.directory.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] != nil {
      try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
      try actual.write(to: file, atomically: true, encoding: .utf8)
      Issue.record("recorded \(name): unset SNAPSHOT_RECORD and run again")
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(actual == expected, "\(name):\n\(actual)")
  }

  static func text(_ name: String) -> String {
    render(cases.first { $0.0 == name }!.1, theme: .builtInDefault).text
  }

  /// What the screens show, said in words: the parts a person relies on.
  @Test func snapshotsShowWhatMatters() {
    let browse = Self.text("browse-80x24").split(separator: "\n", omittingEmptySubsequences: false)
    #expect(browse[3].hasPrefix("● 421"))  // marked
    #expect(browse[6].contains("556") && browse[2].contains("556  Domain does not accept mail"))
    // The pane titles: the list's position, the entry and how far down its page is.
    #expect(browse[1].hasPrefix(" CODES") && browse[1].contains("5/7 │ 556"))
    #expect(browse[1].hasSuffix("100% of 17 lines"))
    #expect(browse.last!.contains("marked: 421") && browse.last!.contains("? help"))
    let compare = Self.text("compare-80x24").split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(compare[0].contains("Compare 421 ⇄ 556"))
    #expect(compare.contains { $0.contains("≠ transient") && $0.hasSuffix("│ permanent") })
    #expect(compare.contains { $0.contains("= basic") })
    // Verdict rows come before prose rows; Code and Title head the view.
    #expect(
      compare.firstIndex { $0.hasPrefix(" Stages") }! < compare.firstIndex {
        $0.hasPrefix(" Summary")
      }!)
    #expect(compare[1].hasPrefix(" Field") && compare[2].hasPrefix(" Title"))
    // A wrapped value keeps both columns aligned: the divider stays in one column.
    let dividers = Set(
      compare.dropFirst().prefix(12).compactMap { line in
        line.firstIndex(of: "│").map { line.distance(from: line.startIndex, to: $0) }
      })
    #expect(dividers.count == 1)
    let stacked = Self.text("compare-40x12")
    #expect(!stacked.contains("│"))
    let wide = Self.text("compare-160x40")
    #expect(
      wide.contains("KEY DIFFERENCES") && wide.contains("WHEN TO USE WHICH")
        && wide.contains("NOTES"))
    #expect(Self.text("browse-160x40").contains(" /mailbox "))
    #expect(Self.text("browse-160x40").contains("3 of 7 codes"))
    #expect(Self.text("help-80x24").contains("Tab               switch focus: list ⇄ detail"))
    // At 40 columns the help's descriptions wrap instead of being cut.
    #expect(!Self.text("help-40x12").contains("…"))
    let explain = Self.text("explain-paste-80x24")
    #expect(
      explain.contains("554 5.7.1") && explain.contains("Reason") && explain.contains("blocklisted")
    )
    #expect(Self.text("too-small-20x5").hasPrefix("Too small: 20×5,"))
    // Word emphasis: in the retry row of 452/552, "retry" is shared and plain while the words
    // only one side has carry the diff style (underline in the default theme).
    let grid = render(
      Self.cases.first { $0.0 == "compare-452-552-160x40" }!.1, theme: .builtInDefault)
    let row = (0..<grid.height).first { grid.lineText($0).contains("do not retry") }!
    let text = grid.lineText(row)
    func style(of word: String) -> Style {
      let offset = text.distance(from: text.startIndex, to: text.range(of: word)!.lowerBound)
      return grid[offset, row].style
    }
    #expect(style(of: "not").attributes.contains(.underline))
    #expect(!style(of: "retry later").attributes.contains(.underline))
  }

  /// The Hindi screens say what matters in Hindi, and the columns line up in cells.
  /// No line of any snapshot is wider than its screen (CJK and Devanagari measured by the shared
  /// layout), and the Japanese screens speak Japanese.
  @Test func translatedSnapshotsFitAndSpeakTheirLanguage() {
    for (name, state) in Self.cases where name.hasPrefix("ja-") || name.hasPrefix("hi-") {
      let grid = render(state, theme: .builtInDefault)
      for y in 0..<grid.height {
        #expect(displayWidth(grid.lineText(y)) <= grid.width, "\(name) row \(y)")
      }
    }
    let browse = Self.text("ja-browse-80x24")
    #expect(browse.contains("? ヘルプ") && browse.contains("(英語)"))
    let compare = Self.text("ja-compare-120x35")
    #expect(compare.contains("主な違い") && !compare.contains("KEY DIFFERENCES"))
  }

  @Test func hindiSnapshotsShowWhatMatters() {
    let browse = Self.text("hi-browse-80x24").split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(browse[0].contains("SMTP उत्तर कोड") && browse[0].contains("7 कोड"))
    #expect(browse[0].contains("(अंग्रेज़ी)"))  // 5.X.X is on screen, in English
    #expect(browse.last!.contains("चिह्नित: 421") && browse.last!.contains("? सहायता"))
    #expect(browse.contains { $0.contains("गंभीरता") })
    let compare = Self.text("hi-compare-80x24")
    #expect(compare.contains("तुलना 421 ⇄ 556") && compare.contains("≠ अस्थायी"))
    #expect(compare.contains("फ़ील्ड") && compare.contains("शीर्षक"))
    let wide = Self.text("hi-compare-120x35")
    #expect(wide.contains("मुख्य अंतर") && wide.contains("कब किसका उपयोग करें"))
    #expect(Self.text("hi-help-120x35").contains("तुलना के लिए चिह्नित करें"))
    // In the grid, the divider of the side-by-side comparison is in one column on every row.
    let grid = render(Self.cases.first { $0.0 == "hi-compare-80x24" }!.1, theme: .builtInDefault)
    var columns: Set<Int> = []
    for y in 1..<(grid.height - 1) {
      if let x = (0..<grid.width).first(where: { grid[$0, y].text == "│" }) { columns.insert(x) }
    }
    #expect(columns.count == 1)
  }

  /// Styles cell by cell: each row of the screen as a row of letters, one per cell ("." for the
  /// plain style, then a letter per distinct style in order of first use), and a legend that
  /// names each letter's colours and attributes. A change of selection, class colour or emphasis
  /// changes the map even where the text stays the same.
  func styleMap(_ grid: CellGrid) -> String {
    var letters: [Style: Character] = [Style.plain: "."]
    var legend: [String] = []
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var rows: [String] = []
    for y in 0..<grid.height {
      var row = ""
      for x in 0..<grid.width {
        let style = grid[x, y].style
        if letters[style] == nil {
          let letter = alphabet[min(letters.count - 1, alphabet.count - 1)]
          letters[style] = letter
          legend.append("\(letter) \(describe(style))")
        }
        row.append(letters[style]!)
      }
      rows.append(row)
    }
    return "--- styles\n" + rows.joined(separator: "\n") + "\n--- legend\n"
      + legend.joined(separator: "\n") + "\n"
  }

  func describe(_ style: Style) -> String {
    var parts: [String] = []
    if let fg = style.foreground { parts.append("fg=\(fg)") }
    if let bg = style.background { parts.append("bg=\(bg)") }
    let names: [(Attributes, String)] = [
      (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"),
      (.reverse, "reverse"),
    ]
    parts += names.filter { style.attributes.contains($0.0) }.map(\.1)
    return parts.isEmpty ? "plain" : parts.joined(separator: " ")
  }
}
