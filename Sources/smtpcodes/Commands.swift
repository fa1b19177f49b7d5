import ArgumentParser
import Explorer
import ReplyCatalog
import SettingsFile
import Terminal
import TextLayout

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A usage mistake the user can correct: printed as one line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
  let description: String
}

/// Looks up one code argument, turning a lookup failure into a one-line usage error.
func references(for text: String, in catalog: Catalog = .builtIn) throws -> [CodeReference] {
  do {
    return try catalog.lookup(text)
  } catch {
    throw UsageError(description: Interface.strings.lookupFailed(error))
  }
}

extension CodeReference {
  /// The team's note on this code: on the code as written (5.1.1), else on the catalog's entry
  /// (X.1.1).
  var teamNote: TeamNote? { Settings.notes.note(for: written, entry.code) }
}

/// The one reference a comparison side stands for: "550 5.1.1" is one side, so take its
/// enhanced part (the more specific) unless asked for a basic code alone.
func singleReference(for text: String) throws -> CodeReference {
  let found = try references(for: text)
  return found.last { $0.entry.kind == .enhanced } ?? found[0]
}

/// The two sides of a comparison; the same code twice is a usage error.
func comparablePair(_ left: String, _ right: String) throws -> (CodeReference, CodeReference) {
  let pair = (try singleReference(for: left), try singleReference(for: right))
  do {
    try Catalog.checkComparable(pair.0, pair.1)
  } catch {
    throw UsageError(description: error.description)
  }
  return pair
}

struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON instead of text.")
  var json = false

  @OptionGroup var language: LanguageOption
}

/// `--lang CODE`. It is taken out of the arguments before they are parsed (`Interface.choose`, so
/// it works anywhere on the line and before a command's own errors); it is declared here so that
/// `--help`, the man page and the shell completions know it.
struct LanguageOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Interface language (\(Strings.languages.joined(separator: ", "))); else SMTPCODES_LANG, the config, the locale.",
      valueName: "code"),
    completion: .list(Strings.languages))
  var lang: String?
}

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show everything about one or more codes.",
    discussion:
      "CODE: 421, 5.1.1, X.1.1, X.1.X, 4.X.X, or a basic and an enhanced code together: \"550 5.1.1\"."
  )

  @Argument(help: "The codes to show.", completion: Completion.code)
  var codes: [String] = []

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if codes.isEmpty {
      throw ValidationError("give a code to show, such as 421, 5.1.1 or \"550 5.1.1\"")
    }
  }

  func run() throws {
    try Self.show(codes, json: output.json)
  }

  static func show(_ codes: [String], json: Bool) throws {
    if json {
      // A basic and an enhanced code given together also carry their combined reading.
      var objects: [JSON] = []
      for code in codes {
        let pair = try references(for: code)
        let combined = Catalog.builtIn.combined(pair)
        for reference in pair {
          guard case .object(var members) = reference.fullJSON else { continue }
          // The team's note, under its own key: "notes" is the catalog's.
          members.append(("teamNote", reference.teamNote?.json ?? .null))
          if let combined { members.append(("combined", combined.json)) }
          objects.append(.object(members))
        }
      }
      printOut(JSON.array(objects).rendered())
      return
    }
    let output = TextOutput.detect()
    var lines: [Line] = []
    for code in codes {
      let pair = try references(for: code)
      if !lines.isEmpty { lines.append([]) }
      // "550 5.1.1": the combined reading leads; each code's own entry follows.
      if let combined = Catalog.builtIn.combined(pair) {
        lines += CombinedView(combined, width: output.width, strings: output.strings).lines
        lines.append([])
      }
      for (index, reference) in pair.enumerated() {
        if index > 0 { lines.append([]) }
        lines +=
          DetailView(
            reference: reference, width: output.width, strings: output.strings,
            teamNote: reference.teamNote
          ).lines
      }
    }
    output.print(lines)
  }

  /// `show CODE… [--json]` and nothing else: the shape of nearly every lookup. Recognising it by
  /// hand skips ArgumentParser's reflection, which costs more at start-up than the lookup itself.
  /// Anything else (help, other options, mistakes) goes through ArgumentParser as usual.
  static func fastPathArguments(_ arguments: [String]) -> (codes: [String], json: Bool)? {
    guard arguments.first == "show", arguments.count >= 2 else { return nil }
    var codes: [String] = []
    var json = false
    for argument in arguments.dropFirst() {
      if argument == "--json" {
        json = true
      } else if argument.hasPrefix("-"), !looksLikeNegativeNumber(argument) {
        return nil
      } else {
        codes.append(argument)
      }
    }
    return codes.isEmpty ? nil : (codes, json)
  }
}

/// "-1", "-2.5": a mistyped value rather than an option; it goes where a value goes, so the
/// error says what is wrong with it (ArgumentParser would call it a missing value).
func looksLikeNegativeNumber(_ argument: String) -> Bool {
  let rest = argument.utf8.dropFirst()
  return argument.hasPrefix("-") && rest.first.map { $0 >= 0x30 && $0 <= 0x39 } == true
}

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare two codes field by field: what differs, and when to use which."
  )

  @Argument(help: "The first code: 421, 5.1.1, X.1.1, X.1.X or 4.X.X.", completion: Completion.code)
  var left: String

  @Argument(help: "The second code.", completion: Completion.code)
  var right: String

  @OptionGroup var output: OutputOptions

  @Flag(name: .long, help: "Open the comparison in the full-screen explorer.")
  var tui = false

  @OptionGroup var mouse: MouseOption

  @Flag(
    name: .long,
    help: "Without colour, mark the words one side lacks as [-left-] and {+right+}.")
  var wordDiff = false

  @Flag(name: .long, help: "Show only the rows that differ, long rows cut to what differs.")
  var differencesOnly = false

  func run() throws {
    let pair = try comparablePair(left, right)
    // --tui on a terminal opens the explorer; where it cannot (piped output), --json still
    // means JSON.
    if tui, !output.json || CursesScreen.isUsable {
      return try ExplorerLauncher.open(
        comparing: pair, themeName: nil, mouse: !mouse.noMouse && Settings.mouse.value)
    }
    let comparison = Catalog.builtIn.compare(pair.0, pair.1)
    if output.json {
      printOut(comparison.json.rendered())
    } else {
      let text = TextOutput.detect()
      text.print(
        CompareView(
          comparison: comparison, width: text.width, differencesOnly: differencesOnly,
          strings: text.strings, wordDiffMarkers: wordDiff && text.theme == nil
        ).allLines)
    }
  }
}

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search codes, titles and every section; ranked, tolerant of typos.",
    discussion: "Exits 1 when nothing is found."
  )

  @Argument(help: "Words to search for (\"mailbox full\", greylisting, 5.7.26).")
  var words: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "Show at most this many results.")
  var limit: Int = 20

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if words.joined().trimmingCharacters(in: " \t").isEmpty {
      throw ValidationError("give words to search for, such as: smtpcodes search mailbox full")
    }
    if limit < 1 { throw ValidationError("--limit must be 1 or more, not \(limit)") }
  }

  func run() throws {
    let hits = Catalog.builtIn.search(words.joined(separator: " ")).prefix(limit)
    if output.json {
      printOut(
        JSON.array(hits.map { ($0.reference ?? CodeReference(entry: $0.entry)).listJSON })
          .rendered())
    } else if !hits.isEmpty {
      let text = TextOutput.detect()
      text.print(
        ListingView(
          entries: hits.map(\.entry), width: text.width, summaries: true, strings: text.strings
        ).lines)
    }
    if hits.isEmpty {
      if !output.json {
        printError(Interface.strings.searchNothingFound(words.joined(separator: " ")))
      }
      throw ExitCode.failure
    }
  }
}

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the catalog, optionally one class or kind."
  )

  @Option(name: .long, parsing: .unconditional, help: "Only codes of this class: 2, 3, 4 or 5.")
  var `class`: Int?

  @Option(name: .long, help: "Only basic or only enhanced codes.")
  var kind: CodeKind?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let digit = `class`, !(2...5).contains(digit) {
      throw ValidationError("--class must be 2, 3, 4 or 5, not \(digit)")
    }
  }

  func run() throws {
    let entries = Catalog.builtIn.listed(inClass: `class`, kind: kind)
    if output.json {
      printOut(JSON.array(entries.map { CodeReference(entry: $0).listJSON }).rendered())
      return
    }
    let text = TextOutput.detect()
    text.print(
      ListingView(entries: entries, width: text.width, summaries: false, strings: text.strings)
        .lines)
  }
}

extension CodeKind: ExpressibleByArgument {}

extension SMTPCodes {
  /// `help NAME` for a name that is not a command is a usage error, not the general help.
  static func checkHelpTopic(_ arguments: [String]) throws {
    guard arguments.first == "help", arguments.count > 1 else { return }
    let names = configuration.subcommands.compactMap { $0.configuration.commandName }
    for topic in arguments.dropFirst() where !names.contains(topic) && !topic.hasPrefix("-") {
      throw UsageError(
        description:
          "no command named '\(SafeText.escape(topic))'; help takes one of \(names.joined(separator: ", "))"
      )
    }
  }
}

extension SMTPCodes {
  /// Like ArgumentParser's main, but every failure is one line on stderr, and usage errors exit 2.
  static func main() {
    // A closed stdout (`smtpcodes list | head -1`) ends the process quietly by SIGPIPE (status
    // 141), as for any filter, even if the parent left SIGPIPE ignored.
    signal(SIGPIPE, SIG_DFL)
    do {
      let arguments = try Interface.choose(Array(CommandLine.arguments.dropFirst()))
      try checkHelpTopic(arguments)
      if let show = ShowCommand.fastPathArguments(arguments) {
        try ShowCommand.show(show.codes, json: show.json)
        return
      }
      var command = try parseAsRoot(explorerArguments(arguments))
      try command.run()
    } catch let error as UsageError {
      printError(error.description)
      exit(withError: ExitCode(2))
    } catch let code as ExitCode {
      exit(withError: code)
    } catch {
      let status = exitCode(for: error)
      if status == .success {
        // --help and --version.
        exit(withError: error)
      }
      let message = self.message(for: error)
      printError(message.isEmpty ? "\(error)" : message + " (see 'smtpcodes --help')")
      exit(withError: ExitCode(status == .validationFailure ? 2 : status.rawValue))
    }
  }
}
