import Foundation
import Testing

@testable import Explorer

/// Theme strings take TOML's escapes, \u and \U included; whatever they hold, errors show escaped.
@Suite struct ThemeStringTests {
  func load(_ text: String) throws(ThemeError) -> Theme {
    try Theme.load("t.toml") { _ throws(ThemeFileProblem) in
      ThemeFile(identity: "t", text: text)
    }
  }

  @Test func unicodeEscapesAreRead() throws {
    let theme = try load("\"ui.\\u0074ext\" = { fg = \"\\u0072ed\", bg = \"\\U00000062lue\" }")
    #expect(theme.style(.text) == Style(foreground: .ansi(1), background: .ansi(4)))
  }

  @Test func badEscapesSayWhatIsAccepted() {
    for text in [
      "\"ui.text\" = \"\\u00\"", "\"ui.text\" = \"\\u+01b\"", "\"ui.text\" = \"\\uD800\"",
    ] {
      #expect {
        try load(text)
      } throws: { error in
        "\(error)".contains("an escape \\u takes 4 hex digits, \\U takes 8, of a Unicode scalar")
      }
    }
    #expect {
      try load("\"ui.text\" = \"\\q\"")
    } throws: { error in
      "\(error)".contains("unsupported escape in a string; strings take \\n \\t")
    }
  }

  @Test func controlsFromEscapesReachErrorsEscaped() {
    #expect {
      try load("\"ui.text\" = { fg = \"\\u001b]52;c;aGk=\\u0007\" }")
    } throws: { error in
      "\(error)".contains("unknown colour '\\x1B]52;c;aGk=\\x07'")
        && !"\(error)".unicodeScalars.contains { $0.value < 0x20 }
    }
  }
}
