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
      Keys: the arrow keys or k/j move, / filters, Space marks, c compares, Tab switches pane, \
      e explains a reply (or paste one), E edits the team's note on a code, ? shows all keys, q \
      quits. With --log FILE it opens on the groups of a mail log (as `scan` counts them): Enter \
      explains a group, Esc goes back, l switches between log and catalog. Themes: \
      \(Theme.builtInNames.joined(separator: ", ")), or a .toml file; also SMTPCODES_THEME or the \
      config file's theme. NO_COLOR turns colour off. Without a terminal, prints plain text instead.
      """
  )

  @OptionGroup var options: ExplorerOptions

  func run() throws { try options.open() }
}

/// What shapes the explorer: for `tui`, and for `smtpcodes` alone, which opens it too.
struct ExplorerOptions: ParsableArguments {
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

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Open straight into the explanation of a reply or log lines (also: pipe them in).",
      valueName: "text"))
  var explain: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Open on the groups of this mail log, as `scan` counts them (gzip too).", valueName: "file"))
  var log: String?

  @Flag(name: .long, help: "With --log: keep reading as the log grows, through rotation.")
  var follow = false

  @OptionGroup var theme: ThemeOption

  @OptionGroup var mouse: MouseOption

  @OptionGroup var language: LanguageOption

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
    if explain != nil, !compare.isEmpty {
      throw ValidationError("--explain and --compare each open a view of their own; give one")
    }
  }

  func open() throws {
    let pair = try compare.isEmpty ? nil : comparablePair(compare[0], compare[1])
    let selected = try code.map { try singleReference(for: $0) }
    var text = explain
    // Replies piped in (`tail mail.log | smtpcodes tui`): read them, then take keys from the
    // terminal itself. Only with a terminal to show them on: a script's inherited standard
    // input is never waited for, and without a terminal the plain list is printed as before.
    if text == nil, pair == nil, log == nil, isatty(STDIN_FILENO) == 0,
      isatty(STDOUT_FILENO) == 1
    {
      let bytes = Input.prefix(of: STDIN_FILENO, limit: ExplorerLauncher.pipedLimit + 1)
      let piped = String(decoding: bytes.prefix(ExplorerLauncher.pipedLimit), as: UTF8.self)
      if piped.contains(where: { !$0.isWhitespace }) { text = piped }
      ExplorerLauncher.takeKeysFromTerminal()
    }
    // The log is opened first: a missing file is one line and exit 2, before curses starts.
    let feed = try log.map { try LogFeed(path: $0, follow: follow, tally: ReplyTally()) }
    try ExplorerLauncher.open(
      selecting: selected, comparing: pair, explaining: text, log: feed, themeName: theme.theme,
      mouse: !mouse.noMouse && Settings.mouse.value)
  }
}

/// `--no-mouse`, shared by `tui` (and `smtpcodes` alone) and `compare --tui`.
struct MouseOption: ParsableArguments {
  @Flag(name: .customLong("no-mouse"), help: ArgumentHelp(Strings.english.helpNoMouse))
  var noMouse = false
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
  /// The most of standard input `tui` reads to explain.
  static let pipedLimit = 1 << 20

  /// Standard input was a pipe (now read): keys come from the controlling terminal instead.
  static func takeKeysFromTerminal() {
    let tty = Glibc.open("/dev/tty", O_RDONLY | O_CLOEXEC)
    guard tty >= 0 else { return }  // No terminal: the explanation is printed instead.
    dup2(tty, STDIN_FILENO)
    close(tty)
  }

  /// Opens the explorer, or, without a usable terminal, prints what it would have shown.
  static func open(
    selecting selected: CodeReference? = nil, comparing pair: (CodeReference, CodeReference)? = nil,
    explaining text: String? = nil, log: LogFeed? = nil, themeName: String?, mouse: Bool = true
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

    if !usable, CursesScreen.isTerminal, CursesScreen.terminalType.isEmpty {
      // On a terminal, but nothing says which kind: say why there is no explorer.
      printError(Strings.english.explorerNoTerminalType)
    }
    if usable {
      var state = AppState(
        catalog: .builtIn, width: 80, height: 24, strings: Interface.strings)
      state.notes = Settings.notes
      if let selected { state.select(code: selected.entry.code) }
      if let pair {
        state.select(code: pair.0.entry.code)
        state.openCompare(pair.0, pair.1)
      }
      if let text { state.openExplanation(text) }
      if let log {
        state.log = LogViewState(source: log.path, following: log.follow)
        // A code or comparison asked for as well: show it, the log one key away.
        state.log?.showingCatalog = selected != nil || pair != nil
      }
      switch ExplorerLoop.run(state, theme: theme, color: !noColor, mouse: mouse, log: log) {
      case .quit:
        return
      case .unavailable(.unknownTerminal(let term)):
        printError(Strings.english.explorerUnknownTerminal(term))
      case .unavailable(.cannotAddressCursor(let term)):
        printError(Strings.english.explorerCannotAddressCursor(term))
      }
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
    } else if let text {
      let explanation = ExplainState(text: text, catalog: .builtIn)
      var lines: [Line] = []
      for (index, reply) in explanation.explanations.enumerated() {
        if index > 0 { lines.append(output.separator) }
        lines +=
          ExplainView(
            explanation: reply, empty: explanation.empty, width: output.width,
            strings: output.strings
          ).lines
      }
      if explanation.cut {
        // The limit says so, as the explorer's status line does.
        lines += [[], [Span(output.strings.repliesCut(PastedReplies.maximumReplies), .warning)]]
      }
      output.print(lines)
    } else if let pair {
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
