import ArgumentParser
import Explorer
import ReplyCatalog
import Terminal

#if canImport(Glibc)
  import Glibc
#endif

struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the full-screen explorer (what `smtpcodes` alone does on a terminal).",
    discussion: """
      Keys: the arrow keys or k/j move, / filters, Space marks, c compares, Tab switches pane, \
      E edits the team's note on a code, ? shows all keys, q quits. Themes: \
      \(Theme.builtInNames.joined(separator: ", ")), or a .toml file; also SMTPCODES_THEME or the \
      config file's theme. NO_COLOR turns colour off. Without a terminal, prints plain text instead.
      """
  )

  @Option(
    name: .long, parsing: .unconditional,
    help: "Open with this code selected: 421, 5.1.1 or X.1.1.",
    completion: Completion.code)
  var code: String?

  @Option(
    name: .long, parsing: .upToNextOption,
    help: ArgumentHelp("Open straight into the comparison of two codes.", valueName: "code"),
    completion: Completion.code)
  var compare: [String] = []

  @OptionGroup var theme: ThemeOption

  func validate() throws {
    if !compare.isEmpty, compare.count != 2 {
      throw ValidationError("--compare takes two codes, such as --compare 421 556")
    }
  }

  func run() throws {
    let pair = try compare.isEmpty ? nil : comparablePair(compare[0], compare[1])
    let selected = try code.map { try singleReference(for: $0) }
    try ExplorerLauncher.open(selecting: selected, comparing: pair, themeName: theme.theme)
  }
}

/// `--theme NAME|PATH`, shared by `tui` and `compare --tui`.
struct ThemeOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Colour theme: a built-in name or a .toml file (default: $SMTPCODES_THEME, else the config file's, else default).",
      valueName: "name|path"),
    completion: Completion.theme)
  var theme: String?
}

enum ExplorerLauncher {
  /// Opens the explorer, or, without a usable terminal, prints what it would have shown.
  static func open(
    selecting selected: CodeReference? = nil, comparing pair: (CodeReference, CodeReference)? = nil,
    themeName: String?
  ) throws {
    // An explicit --theme is checked even without a terminal, so a mistake is reported the same
    // way everywhere; SMTPCODES_THEME only matters (and is only checked) when curses starts.
    let usable = CursesScreen.isUsable
    var theme = Theme.builtInDefault
    if usable || themeName != nil {
      // --theme, else SMTPCODES_THEME, else the config file's theme.
      let requested = Settings.theme(flag: themeName)
      do {
        theme = try Theme.load(requested.value, readingFilesWith: UserFile.readTheme)
      } catch {
        switch requested.source {
        case .flag, .builtIn:
          throw UsageError(description: error.description)
        case .environment:
          throw UsageError(description: error.description + " (from SMTPCODES_THEME)")
        case .configFile(let line):
          // A config mistake never stops the explorer: one warning, then the default theme.
          printWarning(
            Strings.english.settingsFileProblem(
              Strings.english.configFileWhat, Settings.configPath.value, line, error.description))
        }
      }
    }
    let noColor = TextOutput.noColorRequested
    if noColor { theme = theme.withoutColor }

    if usable {
      var state = AppState(catalog: .builtIn, width: 80, height: 24)
      state.notes = Settings.notes
      if let selected { state.select(code: selected.entry.code) }
      if let pair {
        state.select(code: pair.0.entry.code)
        state.openCompare(pair.0, pair.1)
      }
      if ExplorerLoop.run(state, theme: theme, color: !noColor) == .quit { return }
    }
    // No terminal to drive: the plain text of the same thing.
    let output = TextOutput.detect()
    if let pair {
      output.print(
        CompareView(
          comparison: Catalog.builtIn.compare(pair.0, pair.1), width: output.width,
          differencesOnly: false, strings: output.strings
        ).allLines)
    } else if let selected {
      output.print(
        DetailView(
          reference: selected, width: output.width, strings: output.strings,
          teamNote: Settings.notes.note(for: selected.written, selected.entry.code)
        ).lines)
    } else {
      output.print(
        ListingView(
          entries: Catalog.builtIn.entries, width: output.width, summaries: false,
          strings: output.strings
        ).lines)
    }
  }

  static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
