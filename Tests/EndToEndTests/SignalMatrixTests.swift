import Foundation
import Testing

/// Every signal sent from outside gives the terminal back: the tty modes (`stty -g`) and tmux's
/// view of the terminal modes (alternate screen, cursor, keypad, mouse) equal what they were
/// before the explorer started, and the process ends by that signal (status 128 + N).
///
/// The explorer runs under `sh -c` in a plain `sh` script: bash would repair the tty of a job
/// that died and hide the bug. All cases run at once, each in its own tmux server, so the matrix
/// takes about as long as one case.
@Suite(.enabled(if: Tmux.isInstalled, Tmux.missingMessage)) struct SignalMatrixTests {
  static let signals: [(name: String, number: Int32)] = [
    ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("TERM", SIGTERM), ("USR1", SIGUSR1),
    ("PIPE", SIGPIPE), ("ALRM", SIGALRM), ("SEGV", SIGSEGV), ("ABRT", SIGABRT),
  ]

  /// What tmux knows of the terminal's modes.
  static let modesFormat = "#{alternate_on} #{cursor_flag} #{keypad_flag} #{mouse_any_flag}"

  struct Case {
    let name: String
    let signal: Int32
    let tmux: Tmux

    var directory: String { tmux.directory }

    func modes() -> String {
      tmux.run(["display-message", "-p", "-t", "e2e", SignalMatrixTests.modesFormat])
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func file(_ name: String) throws -> String {
      try tmux.waitForFile(name).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  @Test func everyTerminatingSignalRestoresTheTerminalAndEndsByThatSignal() throws {
    var cases: [Case] = []
    defer { for item in cases { item.tmux.kill() } }
    for (name, number) in Self.signals {
      let directory = try Tmux.temporaryDirectory()
      // `before` is written, then the script waits for `go` (so the test can read tmux's modes
      // before the explorer starts); `after` and `status` once the explorer has ended.
      let script = """
        ulimit -c 0
        stty -g > \(directory)/before
        while [ ! -e \(directory)/go ]; do sleep 0.02; done
        sh -c 'echo $$ > \(directory)/pid; exec \(Tmux.binary) tui'
        echo $? > \(directory)/status
        stty -g > \(directory)/after
        sleep 60
        """
      try script.write(toFile: directory + "/run.sh", atomically: true, encoding: .utf8)
      let tmux = try Tmux.start(command: "sh \(directory)/run.sh", directory: directory)
      cases.append(Case(name: name, signal: number, tmux: tmux))
    }

    var modesBefore: [String: String] = [:]
    for item in cases {
      _ = try item.file("before")
      modesBefore[item.name] = item.modes()
      _ = FileManager.default.createFile(atPath: item.directory + "/go", contents: nil)
    }
    var pids: [String: pid_t] = [:]
    for item in cases {
      try item.tmux.waitFor("smtpcodes · SMTP reply codes")
      pids[item.name] = pid_t(try item.file("pid"))
      // The explorer did change the modes: otherwise this test could not fail.
      #expect(item.modes() != modesBefore[item.name], "\(item.name): modes unchanged while running")
    }
    for item in cases {
      guard let pid = pids[item.name] else { continue }
      kill(pid, item.signal)
    }
    for item in cases {
      let after = try item.file("after")
      let before = try item.file("before")
      #expect(!before.isEmpty)
      #expect(after == before, "SIG\(item.name): stty -g differs after the explorer ended")
      #expect(
        item.modes() == modesBefore[item.name],
        "SIG\(item.name): terminal modes (alternate, cursor, keypad, mouse) not restored")
      #expect(
        try item.file("status") == "\(128 + item.signal)",
        "SIG\(item.name): the process did not end by its signal")
    }
  }
}
