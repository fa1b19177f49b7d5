import Foundation
import Testing

/// The explorer in Hindi in tmux (LANG=hi_IN.UTF-8, no C locale needed for the choice) at
/// 120×35, 80×24 and 40×12: list, detail, comparison and help in Hindi, every line within the
/// screen, and the list/detail divider in one column.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage))
struct LanguageEndToEndTests {
  /// Terminal columns of a line as tmux draws it (marks take none, East Asian wide two).
  static func columns(_ line: Substring) -> Int {
    var width = 0
    for scalar in line.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format, .control: continue
      default: break
      }
      let v = scalar.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
        || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0xFF00...0xFF60).contains(v)
      width += wide ? 2 : 1
    }
    return width
  }

  static func check(_ screen: String, width: Int, divider: Bool) {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      #expect(columns(line) <= width, "\(width) columns: \(line)")
    }
    guard divider else { return }
    let dividers = Set(
      lines.compactMap { line -> Int? in
        line.firstIndex(of: "│").map { columns(line[..<$0]) }
      })
    #expect(dividers.count == 1, "divider columns \(dividers.sorted()):\n\(screen)")
  }

  @Test func hindiAtEverySize() throws {
    let tmux = try Tmux.start(command: "env LANG=hi_IN.UTF-8 \(Tmux.binary) tui --code 421")
    defer { tmux.kill() }
    for (width, height) in [(120, 35), (80, 24), (40, 12)] {
      tmux.run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
      let screen = try tmux.waitFor(what: "the Hindi list at \(width)×\(height)") {
        // The title bar may be cut at 40 columns; the status line and 421's title are not.
        $0.contains("smtpcodes · SMTP") && $0.contains("q बाहर") && $0.contains("सेवा उपलब्ध नहीं")
          && $0.split(separator: "\n").first.map { Self.columns($0) <= width } == true
      }
      #expect(screen.contains("गंभीरता"))
      if width >= 80 { #expect(screen.contains("SMTP उत्तर कोड")) }
      Self.check(screen, width: width, divider: width >= 80)

      tmux.keys("?")
      let help = try tmux.waitFor(what: "the Hindi help at \(width)×\(height)") {
        $0.contains("कुंजियाँ") && $0.contains("ऊपर जाएँ")
      }
      Self.check(help, width: width, divider: false)
      tmux.keys("Escape")
      try tmux.waitFor { !$0.contains("ऊपर जाएँ") }
    }
    // The comparison, from the list: mark 421, go to 556, compare.
    tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "35"])
    tmux.keys("Space", "/")
    tmux.type("556")
    try tmux.waitFor("डोमेन मेल स्वीकार नहीं करता")
    tmux.keys("Enter", "c")
    let compare = try tmux.waitFor(what: "the Hindi comparison") {
      $0.contains("तुलना 421 ⇄ 556") && $0.contains("गंभीरता") && $0.contains("अदला-बदली")
    }
    #expect(compare.contains("≠"))
    Self.check(compare, width: 120, divider: true)
    for (width, height) in [(80, 24), (40, 12)] {
      tmux.run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
      let screen = try tmux.waitFor(what: "the Hindi comparison at \(width)×\(height)") {
        $0.contains("तुलना") && $0.contains("? सहायता")
          && $0.split(separator: "\n").first.map { Self.columns($0) <= width } == true
      }
      Self.check(screen, width: width, divider: false)
    }
    tmux.keys("q")
    try tmux.waitForExit()
  }
}
