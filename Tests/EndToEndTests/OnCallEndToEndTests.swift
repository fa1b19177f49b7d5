import Foundation
import Testing

/// The on-call flow in a real terminal: a paste is explained (its q and / are never keys), the
/// filter takes a paste as its query, y copies through OSC 52 into tmux's buffer, links are
/// followed and come back, and the footer keeps `? help` and `q quit` at 40 columns.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage))
struct OnCallEndToEndTests {
  static let blocked =
    "554-5.7.1 Service unavailable;\n554 5.7.1 Client host [1.2.3.4] blocked, request refused"

  /// Pastes text as a terminal does when the application asked for bracketed paste.
  func paste(_ text: String, into tmux: Tmux) {
    tmux.run(["set-buffer", "-b", "paste", text])
    tmux.run(["paste-buffer", "-p", "-d", "-b", "paste", "-t", "e2e"])
  }

  @Test func aPastedReplyIsExplainedAndNeverRunAsKeys() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    paste(Self.blocked, into: tmux)
    let screen = try tmux.waitFor(what: "the explanation of the paste") {
      $0.contains("554 5.7.1") && $0.contains("Reason") && $0.contains("blocklisted")
    }
    #expect(screen.contains("Explanation"))
    #expect(!screen.contains("marked:") && !screen.contains("filter:"))
    #expect(tmux.alive)
    // Enter opens the first catalog entry it names; Backspace comes back.
    tmux.keys("Enter")
    try tmux.waitFor("Opened 554")
    tmux.keys("BSpace")
    try tmux.waitFor("blocklisted")
    tmux.keys("Escape")
    try tmux.waitFor("CODES")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func aPasteIntoTheFilterBecomesTheQuery() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("/")
    paste("greylisting\nq second line", into: tmux)
    try tmux.waitFor(what: "the pasted query") {
      $0.contains("/greylisting") && $0.contains(" of 145 codes")
    }
    #expect(tmux.alive)
    tmux.keys("Enter")
    try tmux.waitFor("filter: greylisting")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func yCopiesTheCodeAndSummaryToTheClipboard() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    tmux.run(["set-option", "-s", "set-clipboard", "on"])
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.type("421")
    try tmux.waitFor("go to: 421")
    tmux.keys("y")
    try tmux.waitFor("Copied")
    var buffer = ""
    for _ in 0..<50 {
      buffer = tmux.run(["show-buffer"])
      if buffer.contains("421") { break }
      usleep(100_000)
    }
    #expect(buffer.hasPrefix("421 Service not available, closing transmission channel: "))
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func relatedCodesAreLinksThatComeBack() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.type("421")
    try tmux.waitFor("go to: 421")
    tmux.keys("Tab", "r")
    try tmux.waitFor("450: Enter opens it")
    tmux.keys("Enter")
    let opened = try tmux.waitFor("Opened 450")
    #expect(opened.contains("450  Requested mail action not taken"))
    tmux.keys("BSpace")
    try tmux.waitFor(what: "421 again") {
      $0.contains("421  Service not available") && !$0.contains("Opened 450")
    }
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func positionAndTheFooterAtFortyColumns() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("1/145")
    tmux.keys("j", "j")
    try tmux.waitFor("3/145")
    tmux.run(["resize-window", "-t", "e2e", "-x", "40", "-y", "12"])
    let screen = try tmux.waitFor(what: "the 40-column screen") {
      $0.split(separator: "\n").first.map { $0.count <= 40 } ?? false && $0.contains("3/145")
    }
    let footer = String(screen.split(separator: "\n").last ?? "")
    #expect(footer.contains("? help") && footer.contains("q quit"))
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func theExplainPromptAndPipedInput() throws {
    var tmux = try Tmux.start()
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("e")
    try tmux.waitFor("explain:")
    tmux.type("452 4.2.2 Mailbox full")
    tmux.keys("Enter")
    try tmux.waitFor("mailboxFull")
    tmux.keys("q")
    try tmux.waitForExit()
    tmux.kill()

    // Replies piped in open straight into their explanation; keys come from the terminal.
    tmux = try Tmux.start(
      command: "printf '421 4.7.0 Try again later\\n550 5.1.1 User unknown\\n' | \(Tmux.binary) tui"
    )
    defer { tmux.kill() }
    try tmux.waitFor("reply 1 of 2")
    tmux.keys("Right")
    try tmux.waitFor("reply 2 of 2")
    tmux.keys("q")
    try tmux.waitForExit()
  }
}
