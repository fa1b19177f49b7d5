import ArgumentParser
import Explorer
import ReplyCatalog
import Terminal
import TextLayout

#if canImport(Glibc)
  import Glibc
#endif

struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui",
    abstract: "Open the full-screen explorer (what `smtpcodes` alone does on a terminal).",
    discussion: """
      Keys: ↑/↓ or k/j move, / filters, Space marks, c compares, Tab switches pane, ? shows all \
      keys, q quits. With --log FILE it opens on the groups of a mail log (as `scan` counts \
      them): Enter explains a group, Esc goes back, l switches between log and catalog. Themes: \(Theme.builtInNames.joined(separator: ", ")), or a .toml file; also \
      SMTPCODES_THEME. NO_COLOR turns colour off. Without a terminal, prints plain text instead.
      """
  )

  @Option(
    name: .long, parsing: .unconditional, help: "Open with this code selected (421, X.1.1, …).")
  var code: String?

  @Option(
    name: .long, parsing: .upToNextOption,
    help: ArgumentHelp("Open straight into the comparison of two codes.", valueName: "code"))
  var compare: [String] = []

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Open on the groups of this mail log, as `scan` counts them (gzip too).", valueName: "file"))
  var log: String?

  @Flag(name: .long, help: "With --log: keep reading as the log grows, through rotation.")
  var follow = false

  @OptionGroup var theme: ThemeOption

  func validate() throws {
    if follow, log == nil {
      throw ValidationError(
        "--follow goes with --log FILE, such as --log /var/log/mail.log --follow")
    }
    if log == "-" {
      throw ValidationError(
        "--log takes a log file, not standard input (the explorer reads keys from it)")
    }
    if !compare.isEmpty, compare.count != 2 {
      throw ValidationError("--compare takes two codes, such as --compare 421 556")
    }
  }

  func run() throws {
    let pair = try compare.isEmpty ? nil : comparablePair(compare[0], compare[1])
    let selected = try code.map { try singleReference(for: $0) }
    // The log is opened first: a missing file is one line and exit 2, before curses starts.
    let feed = try log.map { try LogFeed(path: $0, follow: follow, tally: ReplyTally()) }
    try ExplorerLauncher.open(
      selecting: selected, comparing: pair, log: feed, themeName: theme.theme)
  }
}

/// `--theme NAME|PATH`, shared by `tui` and `compare --tui`.
struct ThemeOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Colour theme: a built-in name or a .toml file (default: $SMTPCODES_THEME, else default).",
      valueName: "name|path"))
  var theme: String?
}

enum ExplorerLauncher {
  /// Opens the explorer, or, without a usable terminal, prints what it would have shown.
  static func open(
    selecting selected: CodeReference? = nil, comparing pair: (CodeReference, CodeReference)? = nil,
    log: LogFeed? = nil, themeName: String?
  ) throws {
    // An explicit --theme is checked even without a terminal, so a mistake is reported the same
    // way everywhere; SMTPCODES_THEME only matters (and is only checked) when curses starts.
    let usable = CursesScreen.isUsable
    let requested = themeName ?? environment("SMTPCODES_THEME").flatMap { $0.isEmpty ? nil : $0 }
    var theme = Theme.builtInDefault
    if usable || themeName != nil {
      do {
        theme = try Theme.load(
          requested ?? Theme.defaultName, readingFilesWith: UserFile.readTheme)
      } catch {
        let source = themeName == nil ? " (from SMTPCODES_THEME)" : ""
        throw UsageError(description: error.description + source)
      }
    }
    let noColor = TextOutput.noColorRequested
    if noColor { theme = theme.withoutColor }

    if usable {
      var state = AppState(catalog: .builtIn, width: 80, height: 24)
      if let selected { state.select(code: selected.entry.code) }
      if let pair {
        state.select(code: pair.0.entry.code)
        state.openCompare(pair.0, pair.1)
      }
      if let log {
        state.log = LogViewState(source: log.path, following: log.follow)
        // A code or comparison asked for as well: show it, the log one key away.
        state.log?.showingCatalog = selected != nil || pair != nil
      }
      if ExplorerLoop.run(state, theme: theme, color: !noColor, log: log) == .quit { return }
    }
    // No terminal to drive: the plain text of the same thing.
    let output = TextOutput.detect()
    if let log {
      // What `scan FILE` prints: the whole log, read now.
      var snapshot = log.snapshot
      while snapshot.reading, snapshot.error == nil {
        snapshot = log.pump(budget: 1) ?? log.snapshot
      }
      if let error = snapshot.error {
        throw UsageError(description: "cannot read '\(SafeText.escape(log.path))': \(error)")
      }
      output.print(
        ScanTableView(
          rows: snapshot.rows, total: snapshot.rows.count, summary: snapshot.summary,
          width: output.width, strings: output.strings
        ).lines)
    } else if let pair {
      output.print(
        CompareView(
          comparison: Catalog.builtIn.compare(pair.0, pair.1), width: output.width,
          differencesOnly: false, strings: output.strings
        ).allLines)
    } else if let selected {
      output.print(
        DetailView(reference: selected, width: output.width, strings: output.strings).lines)
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
