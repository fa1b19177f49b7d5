import Explorer
import Foundation
import Testing
import TextLayout

@Suite struct ThemeTests {
  @Test(arguments: ["default", "light", "high-contrast", "colorblind", "mono"])
  func builtInThemesLoad(name: String) throws {
    let theme = try Theme.load(name)
    #expect(theme.name == name)
    // Selection must stand out in every theme.
    #expect(theme.style(.selection) != theme.style(.text))
  }

  @Test func builtInNames() {
    #expect(Set(Theme.builtInNames) == ["default", "light", "high-contrast", "colorblind", "mono"])
  }

  @Test func defaultUsesTheTerminalsSixteenColoursAndBackground() throws {
    let theme = try Theme.load("default")
    #expect(theme.style(.class5).foreground == .ansi(1))
    #expect(theme.style(.class2).foreground == .ansi(2))
    for role in Role.allCases {
      let style = theme.style(role)
      #expect(style.background == nil, "\(role) sets a background")
      if case .ansi = style.foreground ?? .ansi(0) {
      } else {
        Issue.record("\(role) uses more than 16 colours")
      }
    }
  }

  @Test func rolesFallBackToShorterKeys() throws {
    let directory = try temporaryDirectory()
    let path = directory + "/fallback.toml"
    try """
    "code.class" = { fg = "magenta", modifiers = ["italic"] }
    "code.class.2xx" = "green"
    "ui.text" = { fg = "#102030" }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let theme = try Theme.load(path)
    #expect(theme.style(.class5) == Style(foreground: .ansi(5), attributes: .italic))
    #expect(theme.style(.class2) == Style(foreground: .ansi(2)))
    // Roles with no key at all take plain text's style.
    #expect(theme.style(.comparePlaceholder) == Style(foreground: .rgb(0x10, 0x20, 0x30)))
  }

  @Test func inheritsAndPalette() throws {
    let directory = try temporaryDirectory()
    try """
    inherits = "default"
    "code.class.5xx" = { fg = "alarm", modifiers = ["bold"] }
    [palette]
    alarm = "196"
    """.write(toFile: directory + "/child.toml", atomically: true, encoding: .utf8)
    let theme = try Theme.load(directory + "/child.toml")
    #expect(theme.style(.class5) == Style(foreground: .indexed(196), attributes: .bold))
    #expect(theme.style(.class2).foreground == .ansi(2))  // inherited
  }

  @Test func inheritanceCyclesAreReported() throws {
    let directory = try temporaryDirectory()
    try "inherits = \"b\"\n".write(toFile: directory + "/a.toml", atomically: true, encoding: .utf8)
    try "inherits = \"a\"\n".write(toFile: directory + "/b.toml", atomically: true, encoding: .utf8)
    #expect {
      try Theme.load(directory + "/a.toml")
    } throws: { error in
      "\(error)".contains("inherits itself") && "\(error)".contains("a.toml → ")
    }
  }

  @Test func badThemesSayWhatWasWrongAndWhatIsAccepted() throws {
    #expect(throws: ThemeError.self) { try Theme.load("nope") }
    do {
      _ = try Theme.load("nope")
    } catch {
      #expect(
        error.description.hasPrefix(
          "unknown theme 'nope'; --theme takes a built-in theme (colorblind, default"))
      #expect(!error.description.contains("\n"))
    }
    let directory = try temporaryDirectory()
    let cases: [(String, String)] = [
      ("\"ui.text\" = { fg = \"chartreuse\" }", "unknown colour 'chartreuse'"),
      ("\"ui.txet\" = \"red\"", "unknown role 'ui.txet'"),
      ("\"ui.text\" = { modifiers = [\"blink\"] }", "unknown modifier 'blink'"),
      ("[colours]", "unknown table [colours]"),
      ("\"ui.text\" = { fg = \"red\"", "line 1"),
    ]
    for (index, (text, expected)) in cases.enumerated() {
      let path = directory + "/bad\(index).toml"
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try Theme.load(path)
        Issue.record("\(text) was accepted")
      } catch {
        #expect(error.description.contains(expected), "\(error.description)")
      }
    }
    do {
      _ = try Theme.load(directory + "/missing.toml")
    } catch {
      #expect(error.description.hasPrefix("cannot read theme file"))
    }
  }

  @Test func noColorKeepsSelectionVisible() throws {
    let theme = try Theme.load("light").withoutColor
    for role in Role.allCases {
      #expect(theme.style(role).foreground == nil && theme.style(role).background == nil)
    }
    #expect(theme.style(.selection).attributes.contains(.reverse))
  }

  @Test func coloursDowngrade() {
    #expect(Color.rgb(0xE6, 0x9F, 0x00).downgraded(toColors: 256) == .indexed(178))
    #expect(Color.indexed(196).downgraded(toColors: 16) == .ansi(9))
    #expect(Color.indexed(3).downgraded(toColors: 8) == .ansi(3))
  }

  func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "smtpcodes-theme-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

@Suite struct GridTests {
  @Test func wideCharactersTakeTwoCells() {
    var grid = CellGrid(width: 10, height: 1)
    let used = grid.write("a漢b", x: 0, y: 0, style: .plain)
    #expect(used == 4)
    #expect(grid[1, 0].text == "漢")
    #expect(grid[2, 0].isContinuation)
    #expect(grid[3, 0].text == "b")
    #expect(grid.text == "a漢b")
  }

  @Test func wideCharacterThatDoesNotFitIsLeftOut() {
    var grid = CellGrid(width: 3, height: 1)
    grid.write("ab漢", x: 0, y: 0, style: .plain)
    #expect(grid.text == "ab")
    #expect(!grid[2, 0].isContinuation)
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var grid = CellGrid(width: 4, height: 1)
    grid.write("漢字", x: 0, y: 0, style: .plain)
    grid.write("x", x: 1, y: 0, style: .plain)
    #expect(grid.text == " x字")
  }

  @Test func widths() {
    #expect(displayWidth("abc") == 3)
    #expect(displayWidth("漢字") == 4)
    #expect(displayWidth("≠=•—…§") == 6)
    #expect(displayWidth("é") == 1)
    #expect(displayWidth("e\u{301}") == 1)  // combining acute
    #expect(displayWidth("नमस्ते") == 4)
    #expect(displayWidth("📬") == 2)
  }

  @Test func wrappingByColumns() {
    #expect(wrapText("one two three four", width: 9) == ["one two", "three", "four"])
    #expect(wrapText("漢字漢字漢字 ab", width: 4) == ["漢字", "漢字", "漢字", "ab"])
    #expect(wrapText("first\nsecond", width: 20) == ["first", "second"])
    #expect(wrapText("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(truncate("Service not available", width: 10) == "Service n…")
    #expect(truncate("漢字漢字", width: 5) == "漢字…")
  }
}

@Suite struct SelectionStyleTests {
  /// High contrast: the selected row is black on bright yellow from edge to edge, over the code's
  /// own class colour and every span's black background.
  @Test func selectedRowCarriesTheSelectionOverEveryCell() throws {
    let theme = try Theme.load("high-contrast")
    let state = Fixture.state(width: 80, height: 24)
    let grid = render(state, theme: theme)
    let list = state.layout.list
    let selection = theme.style(.selection)
    let y = list.y  // the first row is selected at start
    for x in list.x..<(list.x + list.width) {
      #expect(grid[x, y].style.background == selection.background, "x=\(x)")
      #expect(grid[x, y].style.foreground == selection.foreground, "x=\(x)")
    }
    // The row below keeps its own colours.
    #expect(grid[list.x + 2, y + 1].style.background != selection.background)
  }
}
