import Foundation
import Testing

/// The explorer's terminal input in tmux: bracketed paste and mouse modes on while it runs and
/// off on every way out, pasted text never read as keys, unknown sequences swallowed, and the
/// ways it starts (or says why it cannot).
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage)) struct TerminalInputTests {
  static let title = "smtpcodes · SMTP reply codes"

  /// `#{mouse_any_flag} #{mouse_sgr_flag}` of the pane: "1 1" while the explorer reports the
  /// mouse in SGR form.
  func mouseFlags(_ tmux: Tmux) -> String {
    tmux.run(["display-message", "-p", "-t", "e2e", "#{mouse_any_flag} #{mouse_sgr_flag}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs `smtpcodes ARGUMENTS` under `sh`; after it ends, the shell reads six bytes of a paste
  /// (cooked mode): "abcdef" if bracketed paste is off, "\e[200~" if the explorer left it on.
  func checkModesOff(arguments: String = "tui", _ end: (Tmux) throws -> Void) throws -> String {
    let directory = try Tmux.temporaryDirectory()
    let script = """
      sh -c 'echo $$ > \(directory)/pid; exec \(Tmux.binary) \(arguments)'
      echo $? > \(directory)/status
      head -c 6 > \(directory)/pasted
      sleep 60
      """
    try script.write(toFile: directory + "/run.sh", atomically: true, encoding: .utf8)
    let tmux = try Tmux.start(command: "sh \(directory)/run.sh", directory: directory)
    defer { tmux.kill() }
    try tmux.waitFor(Self.title)
    #expect(mouseFlags(tmux) == "1 1")
    try end(tmux)
    let status = try tmux.waitForFile("status").trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(mouseFlags(tmux) == "0 0")
    tmux.run(["set-buffer", "-b", "probe", "abcdef"])
    tmux.run(["paste-buffer", "-p", "-b", "probe", "-t", "e2e"])
    tmux.keys("Enter")
    let pasted = try tmux.waitForFile("pasted")
    #expect(pasted == "abcdef", "bracketed paste left on: \(pasted.debugDescription)")
    return status
  }

  @Test func modesOnWhileRunningOffAfterQuit() throws {
    let status = try checkModesOff { tmux in tmux.keys("q") }
    #expect(status == "0")
  }

  @Test func modesOffAfterSIGTERM() throws {
    let status = try checkModesOff { tmux in
      let pid = try tmux.waitForFile("pid").trimmingCharacters(in: .whitespacesAndNewlines)
      kill(pid_t(pid)!, SIGTERM)
    }
    #expect(status == "143")
  }

  @Test func modesOffAfterSuspendAndOnAfterResume() throws {
    let directory = try Tmux.temporaryDirectory()
    // An interactive shell with job control, so Ctrl-Z stops the explorer and `fg` resumes it.
    let tmux = try Tmux.start(command: "sh -i", directory: directory)
    defer { tmux.kill() }
    tmux.type("PS1='$ ' ; \(Tmux.binary) tui")
    tmux.keys("Enter")
    try tmux.waitFor(Self.title)
    #expect(mouseFlags(tmux) == "1 1")
    tmux.keys("C-z")
    try tmux.waitFor { !$0.contains(Self.title) }
    #expect(mouseFlags(tmux) == "0 0")
    tmux.type("fg")
    tmux.keys("Enter")
    try tmux.waitFor(Self.title)
    #expect(mouseFlags(tmux) == "1 1")
    tmux.keys("q")
    try tmux.waitFor { !$0.contains(Self.title) }
    #expect(mouseFlags(tmux) == "0 0")
  }

  /// A multi-line reply with q, / and spaces, pasted (bracketed): none of it runs as keys.
  @Test func bracketedPasteIsNotReadAsKeys() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    // The whole first screen (the status line is drawn last).
    let before = try tmux.waitFor(what: "the first screen") {
      $0.contains(Self.title) && $0.contains("q quit")
    }
    let reply = """
      554-5.7.1 Service unavailable; q
      554 5.7.1 Client host [1.2.3.4] blocked, request refused /x q
      see https://example.com/q?x=1 \u{1B}[A q
      """
    let file = tmux.directory + "/reply.txt"
    try reply.write(toFile: file, atomically: true, encoding: .utf8)
    tmux.run(["load-buffer", "-b", "reply", file])
    tmux.run(["paste-buffer", "-p", "-b", "reply", "-t", "e2e"])
    // The paste is one event: it is explained, and none of its bytes acted as a key.
    let after = try tmux.waitFor(what: "the explanation of the paste") {
      $0.contains("Explanation") && $0.contains("554 5.7.1")
    }
    #expect(tmux.alive)
    #expect(!after.contains("marked:"))  // no Space marked a code
    let status = String(after.split(separator: "\n").last ?? "")
    #expect(!status.contains("/x") && !status.contains("filter:"))  // no filter opened
    _ = before
    tmux.keys("q")
    try tmux.waitForExit()
  }

  /// A terminal's answers and strings (DCS, OSC, unknown CSI), even with q inside, are no keys.
  @Test func unknownSequencesAreSwallowed() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    // The whole first screen (the status line is drawn last).
    let before = try tmux.waitFor(what: "the first screen") {
      $0.contains(Self.title) && $0.contains("q quit")
    }
    let sequences = [
      "\u{1B}P1$r0;1m q\u{1B}\\", "\u{1B}]11;rgb:0000/0000/0000\u{07}", "\u{1B}[?1;2c",
      "\u{1B}[12;40R", "\u{1B}[2 q", "\u{1B}[99~",
    ]
    for sequence in sequences {
      tmux.run(["send-keys", "-t", "e2e", "-H"] + sequence.utf8.map { String($0, radix: 16) })
    }
    usleep(400_000)
    #expect(tmux.alive)
    #expect(tmux.screen == before)
    tmux.keys("j")
    try tmux.waitFor { $0 != before }
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func noMouseLeavesTheMouseToTheTerminal() throws {
    for arguments in [
      ["tui", "--no-mouse"], ["--no-mouse"], ["compare", "421", "556", "--tui", "--no-mouse"],
    ] {
      let tmux = try Tmux.start(arguments: arguments)
      defer { tmux.kill() }
      try tmux.waitFor { $0.contains(Self.title) || $0.contains("Compare 421") }
      #expect(mouseFlags(tmux) == "0 0", "\(arguments)")
      tmux.keys("q")
      try tmux.waitForExit()
    }
  }

  @Test func explorerOptionsWorkWithoutTheSubcommand() throws {
    let tmux = try Tmux.start(arguments: ["--theme", "light", "--code", "556"])
    defer { tmux.kill() }
    try tmux.waitFor("556  Domain does not accept mail")
    try tmux.waitFor(Self.title)
    tmux.keys("q")
    try tmux.waitForExit()
  }

  /// Runs `smtpcodes tui` on a terminal with `environment` set; returns its status, its stderr
  /// and the screen (the plain list when the explorer cannot start).
  func runWithoutExplorer(_ environment: String, directory: String? = nil) throws -> (
    String, String, String
  ) {
    let directory = try directory ?? Tmux.temporaryDirectory()
    let script = """
      \(environment) \(Tmux.binary) tui 2> \(directory)/errors
      echo $? > \(directory)/status
      sleep 60
      """
    try script.write(toFile: directory + "/run.sh", atomically: true, encoding: .utf8)
    let tmux = try Tmux.start(command: "sh \(directory)/run.sh", directory: directory)
    defer { tmux.kill() }
    let status = try tmux.waitForFile("status").trimmingCharacters(in: .whitespacesAndNewlines)
    let errors = try String(contentsOfFile: directory + "/errors", encoding: .utf8)
    return (status, errors, tmux.screen)
  }

  /// An unknown TERM, no TERM, a terminal that cannot move its cursor: one stderr line saying
  /// why, then the plain list, exit 0.
  @Test func explorerThatCannotStartSaysWhyAndPrintsTheList() throws {
    let cases = [
      (
        "TERM=foo-nonesuch",
        "terminal type 'foo-nonesuch' is unknown to terminfo; printing plain text instead"
      ),
      ("env -u TERM", "TERM is not set; printing plain text instead"),
    ]
    for (environment, reason) in cases {
      let (status, errors, screen) = try runWithoutExplorer(environment)
      #expect(status == "0", "\(environment)")
      #expect(errors == "smtpcodes: cannot start the explorer: " + reason + "\n")
      #expect(screen.contains("X.7.26") && screen.contains("class 5"), "\(screen)")
    }
    // A terminfo entry without cursor addressing (compiled here with tic).
    let directory = try Tmux.temporaryDirectory()
    try "nocursor|a terminal that cannot address its cursor,\n\tcols#80, lines#24,\n"
      .write(toFile: directory + "/nocursor.src", atomically: true, encoding: .utf8)
    let compile = Process()
    compile.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    compile.arguments = ["tic", "-o", directory + "/terminfo", directory + "/nocursor.src"]
    try compile.run()
    compile.waitUntilExit()
    try #require(compile.terminationStatus == 0, "tic could not compile the test entry")
    let (status, errors, _) = try runWithoutExplorer(
      "TERMINFO=\(directory)/terminfo TERM=nocursor", directory: directory)
    #expect(status == "0")
    #expect(
      errors
        == "smtpcodes: cannot start the explorer: terminal type 'nocursor' cannot move the "
        + "cursor; printing plain text instead\n")
  }

  /// A 5000×5000 window: the explorer draws at most 1000×500 and its memory stays small.
  @Test func hugeWindowCostsLittleMemory() throws {
    let directory = try Tmux.temporaryDirectory()
    let tmux = try Tmux.start(
      command: "sh -c 'echo $$ > \(directory)/pid; exec \(Tmux.binary) tui'", directory: directory)
    defer { tmux.kill() }
    try tmux.waitFor(Self.title)
    let pid = try tmux.waitForFile("pid").trimmingCharacters(in: .whitespacesAndNewlines)
    tmux.run(["resize-window", "-t", "e2e", "-x", "5000", "-y", "5000"])
    usleep(1_500_000)
    tmux.keys("j")
    usleep(500_000)
    #expect(tmux.alive)
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    let kilobytes = peak.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    #expect(kilobytes > 0 && kilobytes < 300_000, "peak resident memory \(kilobytes) kB")
    tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "35"])
    try tmux.waitFor(Self.title)
    tmux.keys("q")
    try tmux.waitForExit()
  }
}
