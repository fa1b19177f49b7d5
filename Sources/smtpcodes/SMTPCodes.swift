import ArgumentParser
import Explorer
import ReplyCatalog

@main
struct SMTPCodes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "smtpcodes",
    abstract: "SMTP reply codes, explained: what a reply means, whose move it is, what to do.",
    usage: """
      smtpcodes [--code <code>] [--compare <code> <code>] [--theme <name|path>] [--no-mouse]
      smtpcodes <subcommand>
      """,
    discussion: """
      Codes are written 421 (basic), 5.1.1 or X.1.1 (enhanced), X.1.X (a subject), 4.X.X (a class), \
      or together as "550 5.1.1". With no subcommand, `tui`'s options open the explorer. \
      Language: --lang CODE on any command (\(Strings.languages.joined(separator: ", "))), else \
      SMTPCODES_LANG, the config file's language, LC_ALL, LC_MESSAGES or LANG (hi_IN.UTF-8 is \
      hi). --json stays English.
      """,
    version: "smtpcodes 0.1.0",
    subcommands: [
      ShowCommand.self, CompareCommand.self, SearchCommand.self, ListCommand.self,
      ExplainCommand.self, ScanCommand.self, TUICommand.self, ConfigCommand.self,
    ]
  )

  mutating func run() throws {
    // The explorer on a terminal; the plain list when stdout is not one or TERM is dumb.
    try ExplorerLauncher.open(themeName: nil)
  }

  /// `smtpcodes --theme light` is `smtpcodes tui --theme light`: arguments that start with an
  /// option other than the root's own go to `tui`, which checks them all (so an option is never
  /// accepted and then ignored).
  static func explorerArguments(_ arguments: [String]) -> [String] {
    let ownOptions: Set = ["-h", "--help", "--version", "--generate-completion-script"]
    // Also the parser's own: the shells' completion calls (---completion) and --experimental-….
    guard let first = arguments.first, first.hasPrefix("-"), first != "-",
      !ownOptions.contains(first), !first.hasPrefix("--generate-completion-script="),
      !first.hasPrefix("---"), !first.hasPrefix("--experimental")
    else { return arguments }
    return ["tui"] + arguments
  }
}
