import Foundation
import Testing

/// Untrusted text never reaches stdout or stderr raw: every error path is walked with a payload
/// that holds ESC, BEL, an OSC 52 clipboard write, a screen clear, a C1 CSI and U+202E (right-to-
/// left override), in arguments, file names and theme files.
@Suite struct EscapingTests {
  static let payload = "\u{1B}]52;c;aGk=\u{07}\u{1B}[2J\u{9B}31m\u{202E}"

  /// Any of these in the output means the payload (or part of it) got through raw.
  static func rawControls(in text: String) -> [String] {
    text.unicodeScalars.compactMap { scalar -> String? in
      switch scalar.value {
      case 0x0A: nil  // line ends
      case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069,
        0xE0000...0xE007F, 0xFFFD:
        String(format: "U+%04X", scalar.value)
      default: nil
      }
    }
  }

  func expectNothingRaw(_ arguments: [String], stdin: String? = nil, errorExpected: Bool = true)
    throws
  {
    let run = try Run.smtpcodes(arguments: arguments, stdin: stdin)
    let shown = arguments.joined(separator: " ").debugDescription
    #expect(
      Self.rawControls(in: run.stdout).isEmpty, "stdout of \(shown): \(run.stdout.debugDescription)"
    )
    #expect(
      Self.rawControls(in: run.stderr).isEmpty, "stderr of \(shown): \(run.stderr.debugDescription)"
    )
    if errorExpected {
      #expect(run.status != 0, "\(shown) was accepted")
      #expect(run.stderr.hasPrefix("smtpcodes: "), "\(shown): \(run.stderr.debugDescription)")
      #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(shown): not one line")
    }
  }

  @Test func argumentsInEveryErrorLine() throws {
    let p = Self.payload
    let cases: [[String]] = [
      ["show", p], ["show", "550" + p], ["show", "--json", p], ["show", "421", p, "--json"],
      ["compare", p, "421"], ["compare", "421", p], ["compare", "421", "556", p],
      ["compare", "421", "556", "--tui", "--theme", p],
      ["search", "zqxjv\u{1B}]0;\u{07}\u{9B}\u{202E}"], ["search", "--limit", p, "mailbox"],
      ["list", "--class", p], ["list", "--kind", p], ["list", p],
      ["scan", p], ["scan", "--limit", p], ["scan", "/nonexistent/" + p],
      ["explain", "--" + p, "550"],
      ["tui", "--code", p], ["tui", "--theme", p],
      ["tui", "--theme", "/nonexistent/" + p + ".toml"],
      ["tui", "--compare", p, "421"], ["tui", "--compare", "421"],
      ["help", p], [p], ["--" + p], ["show", "-" + p],
    ]
    for arguments in cases { try expectNothingRaw(arguments) }
    for arguments in [["search", p], ["search", "--json", p]] {
      try expectNothingRaw(arguments, errorExpected: false)
    }
  }

  @Test func themeFilesInEveryErrorLine() throws {
    let directory = NSTemporaryDirectory() + "smtpcodes-escape-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let p = Self.payload
    let themes = [
      "\"ui.text\" = { fg = \"\(p)\" }",
      "\"ui.text\" = { bg = \"\(p)\" }",
      "\"ui.text\" = \"\(p)\"",
      "\"\(p)\" = \"red\"",
      "\"ui.text\" = { modifiers = [\"\(p)\"] }",
      "\"ui.text\" = { \"\(p)\" = \"red\" }",
      "inherits = \"\(p)\"",
      "inherits = \"\(p)/x.toml\"",
      "\"ui.text\" = \"x\"\n[palette]\nx = \"\(p)\"",
      "[\"\(p)\"]",
      "\"ui.text\" = \"red\" \(p)",
      "\(p) = 1",
      // The same through TOML escapes, as a theme file would more likely carry them.
      "\"ui.text\" = { fg = \"\\u001b]52;c;aGk=\\u0007\" }",
      "\"\\u001b[2J\\u202E\" = \"red\"",
      "inherits = \"\\u001b]0;x\\u0007\\U0000202E\"",
      "\"ui.text\" = { modifiers = [\"\\u009b31m\"] }",
      "\"ui.text\" = \"\(p)",
    ]
    for (index, theme) in themes.enumerated() {
      let path = directory + "/theme\(index).toml"
      try theme.write(toFile: path, atomically: true, encoding: .utf8)
      try expectNothingRaw(["tui", "--theme", path])
    }
    // The file's own name.
    let named = directory + "/" + p + ".toml"
    try "\"ui.txet\" = \"red\"".write(toFile: named, atomically: true, encoding: .utf8)
    try expectNothingRaw(["tui", "--theme", named])
    // A FIFO with such a name, and a cycle through it.
    let fifo = directory + "/" + p + "-fifo.toml"
    #expect(mkfifo(fifo, 0o600) == 0)
    try expectNothingRaw(["tui", "--theme", fifo])
    try "inherits = \"\(p)-cycle\"".write(
      toFile: directory + "/\(p)-cycle.toml", atomically: true, encoding: .utf8)
    try expectNothingRaw(["tui", "--theme", directory + "/\(p)-cycle.toml"])
  }

  @Test func explainShowsInvisibleAndBidiCharactersEscapedInTextAndJSON() throws {
    let text =
      "550 5.1.1 user\u{061C}x\u{E0041}\u{E007F}y\u{00AD}z\u{180E}w\u{202E}v\u{2066}u \(Self.payload)"
    for arguments in [
      ["explain", text], ["explain", "--json", text], ["explain", "--each-line", text],
    ] {
      try expectNothingRaw(arguments, errorExpected: false)
    }
    try expectNothingRaw(["explain", "--json", "--each-line"], stdin: text, errorExpected: false)
    try expectNothingRaw(["scan"], stdin: text + "\n", errorExpected: false)
    try expectNothingRaw(["scan", "--json"], stdin: text + "\n", errorExpected: false)
    let run = try Run.smtpcodes("explain", text)
    #expect(
      run.stdout.contains("user\\u{061C}x\\u{E0041}\\u{E007F}y\\u{00AD}z\\u{180E}w\\u{202E}v"))
    // JSON escapes the same set itself: a string with U+061C, whatever made it, stays escaped.
    let json = try Run.smtpcodes("explain", "--json", text)
    #expect(json.status == 0)
    #expect(try json.json() is [String: Any])
  }
}
