import ArgumentParser
import ReplyCatalog

@main
struct SMTPCodes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "smtpcodes",
    abstract: "SMTP reply codes, explained: what a reply means, whose move it is, what to do.",
    discussion: """
      Codes are written 421 (basic), 5.1.1 or X.1.1 (enhanced), X.1.X (a subject), 4.X.X (a class), \
      or together as "550 5.1.1".
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
}
