import Foundation
import Testing

/// The real `smtpcodes` binary in tmux: fixed size, keys sent with `send-keys`, the screen read
/// with `capture-pane -p`. Each test has its own tmux server (`-S`, a socket in the test's own
/// directory), killed and removed afterwards.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage)) struct EndToEndTests {
  @Test func filterNarrowsTheList() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("/")
    tmux.type("mailbox full")
    let screen = try tmux.waitFor(what: "the filtered list") {
      $0.contains("/mailbox full") && $0.contains("X.2.2  Mailbox full")
    }
    #expect(screen.contains("X.2.2 Mailbox full"))
    #expect(screen.contains(" of "))  // "N of M codes"
    tmux.keys("Escape")
    try tmux.waitFor { !$0.contains("/mailbox full") }
    tmux.keys("/")
    tmux.type("556")
    try tmux.waitFor("556  Domain does not accept mail")
    tmux.keys("Enter")
    try tmux.waitFor("filter: 556")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func markAndCompare421And556() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("/")
    tmux.type("421")
    try tmux.waitFor("421  Service not available")
    tmux.keys("Enter", "Space")
    try tmux.waitFor("marked: 421")
    tmux.keys("/")
    tmux.type("556")
    try tmux.waitFor("556  Domain does not accept mail")
    tmux.keys("Enter", "Space")
    try tmux.waitFor("marked: 421 556")
    tmux.keys("c")
    // Wait for the whole comparison: a capture can land between two rows being drawn.
    let screen = try tmux.waitFor(what: "the comparison of 421 and 556") {
      $0.contains("Compare 421 ⇄ 556") && $0.contains("Severity") && $0.contains("s swap")
    }
    #expect(screen.contains("≠"))
    #expect(screen.contains("│"))
    // Verdict rows first: every one of them differs for 421 and 556, before any prose.
    let severity = try #require(screen.range(of: "Severity")).lowerBound
    let summary = try #require(screen.range(of: "Summary")).lowerBound
    #expect(severity < summary)
    tmux.keys("s")
    try tmux.waitFor("Compare 556 ⇄ 421")
    tmux.keys("Escape")
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func compareFlagOpensStraightIntoTheComparison() throws {
    let tmux = try Tmux.start(arguments: ["compare", "421", "556", "--tui"])
    defer { tmux.kill() }
    // Wait for the rows too: a capture can land after the title and before the rows are drawn.
    let screen = try tmux.waitFor(what: "the comparison of 421 and 556") {
      $0.contains("Compare 421 ⇄ 556") && $0.contains("s swap")
    }
    #expect(screen.contains("KEY DIFFERENCES") || screen.contains("Severity"))
    tmux.keys("q")
    try tmux.waitForExit()
  }

  /// The comparison as a diff: n moves the marker and the counter, the header stays after PgDn,
  /// d shortens the view.
  @Test func diffNavigationHeaderAndDifferencesOnly() throws {
    let tmux = try Tmux.start(arguments: ["compare", "450", "550", "--tui"])
    defer { tmux.kill() }
    let first = try tmux.waitFor(what: "the comparison of 450 and 550") {
      $0.contains("Compare 450 ⇄ 550") && $0.contains("s swap")
    }
    #expect(!first.contains("▶"))
    tmux.keys("n")
    var screen = try tmux.waitFor("≠ 1/")
    #expect(screen.contains("▶"))
    tmux.keys("n")
    screen = try tmux.waitFor("≠ 2/")
    tmux.keys("NPage")
    // The codes and titles stay on top while the body scrolls.
    screen = try tmux.waitFor { !$0.contains("Severity") }
    let lines = screen.split(separator: "\n")
    #expect(lines.count > 2 && lines[1].contains("450") && lines[1].contains("550"))
    #expect(lines[2].hasPrefix(" Title"))
    // Differences only: fewer rows to the end of the view.
    tmux.keys("g")
    try tmux.waitFor { $0.contains("Severity") }
    let allRows = screen.components(separatedBy: "=").count
    tmux.keys("d")
    screen = try tmux.waitFor("differences only")
    #expect(!screen.contains(" = "))
    #expect(screen.components(separatedBy: "=").count <= allRows)
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func helpOverlay() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("?")
    let screen = try tmux.waitFor("Keys")
    #expect(screen.contains("mark or unmark for comparison"))
    #expect(screen.contains("Esc or ? closes this help"))
    tmux.keys("Escape")
    try tmux.waitFor { !$0.contains("Esc or ? closes this help") }
    tmux.keys("C-c")
    try tmux.waitForExit()
  }

  @Test func burstOfResizesDownToAFewColumns() throws {
    let tmux = try Tmux.start()
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("Space", "j", "c")  // into a compare view: the most layout-heavy screen
    try tmux.waitFor("Compare")
    for (width, height) in [
      (100, 30), (60, 20), (30, 10), (12, 4), (3, 2), (1, 1), (5, 40), (200, 5), (40, 12),
    ] {
      tmux.run(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
    }
    try tmux.waitFor("Compare")
    tmux.run(["resize-window", "-t", "e2e", "-x", "10", "-y", "3"])
    try tmux.waitFor("Too small")
    tmux.run(["resize-window", "-t", "e2e", "-x", "120", "-y", "35"])
    try tmux.waitFor("Compare")
    #expect(tmux.alive)
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func terminalSettingsAreRestoredAfterQuit() throws {
    try checkRestored { tmux in tmux.keys("q") }
  }

  @Test func terminalSettingsAreRestoredAfterSIGTERM() throws {
    let status = try checkRestored { tmux in
      let pid = try tmux.waitForFile("pid").trimmingCharacters(in: .whitespacesAndNewlines)
      kill(pid_t(pid)!, SIGTERM)
    }
    #expect(status == "143")  // killed by SIGTERM, after giving the terminal back
  }

  /// Runs the binary under a shell that records `stty -g` before and after; returns its status.
  @discardableResult
  func checkRestored(_ end: (Tmux) throws -> Void) throws -> String {
    let directory = try Tmux.temporaryDirectory()
    let script = """
      stty -g > \(directory)/before
      sh -c 'echo $$ > \(directory)/pid; exec \(Tmux.binary) tui'
      echo $? > \(directory)/status
      stty -g > \(directory)/after
      sleep 60
      """
    try script.write(toFile: directory + "/run.sh", atomically: true, encoding: .utf8)
    let tmux = try Tmux.start(command: "sh \(directory)/run.sh", directory: directory)
    defer { tmux.kill() }
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    try end(tmux)
    let after = try tmux.waitForFile("after")
    let before = try String(contentsOfFile: directory + "/before", encoding: .utf8)
    #expect(!before.isEmpty)
    #expect(after == before)
    return try String(contentsOfFile: directory + "/status", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A private tmux server running one session ("e2e") at 120x35.
struct Tmux {
  /// The server's socket: inside `directory`, so removing the directory removes it.
  let socket: String
  let directory: String

  /// Whether a `tmux` executable is on the PATH.
  static let isInstalled: Bool = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
    }
  }()

  static let missingMessage: Comment =
    "tmux is not installed: the end-to-end tests drive the explorer in tmux (apt-get install tmux)"

  struct Timeout: Error, CustomStringConvertible {
    let description: String
  }

  /// The built binary: beside the test bundle (what `swift test` builds), else `.build/debug`
  /// in the package this file belongs to.
  static let binary: String = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("smtpcodes").path,
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("smtpcodes").path,
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/smtpcodes").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
  }()

  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "smtpcodes-e2e-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func start(arguments: [String] = ["tui"], command: String? = nil, directory: String? = nil)
    throws -> Tmux
  {
    let directory = try directory ?? temporaryDirectory()
    let tmux = Tmux(socket: directory + "/tmux.sock", directory: directory)
    let shellCommand = command ?? ([binary] + arguments).joined(separator: " ")
    // The server inherits the client's standard streams: /dev/null, never pipes (they would
    // keep Process waiting for ever).
    tmux.run(
      [
        "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "35",
        "env TERM=xterm-256color LANG=C.UTF-8 \(shellCommand)",
      ],
      quiet: true)
    tmux.run(["set-option", "-t", "e2e", "remain-on-exit", "on"])
    tmux.run(["set-option", "-t", "e2e", "window-size", "manual"])
    return tmux
  }

  /// Runs a tmux client with posix_spawn: stdin and stderr on /dev/null, stdout to a file, and no
  /// pipes. (Foundation's Process waits for ever on `new-session`: the
  /// daemonised server keeps the descriptors Process watches.)
  @discardableResult
  func run(_ arguments: [String], quiet: Bool = false) -> String {
    let output = quiet ? "/dev/null" : directory + "/tmux-output-\(UUID().uuidString.prefix(8))"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["tmux", "-S", socket] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    // The test runner blocks some signals; tmux and the explorer must start with none blocked
    // and default dispositions, as from a shell.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ) == 0 else {
      return ""
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    guard !quiet else { return "" }
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: output)
    return text
  }

  func keys(_ keys: String...) {
    run(["send-keys", "-t", "e2e"] + keys)
  }

  /// Sends text as typed characters (no key names).
  func type(_ text: String) {
    run(["send-keys", "-t", "e2e", "-l", text])
  }

  var screen: String { run(["capture-pane", "-p", "-t", "e2e"]) }

  var alive: Bool {
    run(["display-message", "-p", "-t", "e2e", "#{pane_dead}"]).trimmingCharacters(
      in: .whitespacesAndNewlines) == "0"
  }

  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10) throws -> String {
    try waitFor(timeout: timeout, what: "'\(text)'") { $0.contains(text) }
  }

  @discardableResult
  func waitFor(timeout: Double = 10, what: String = "a condition", _ condition: (String) -> Bool)
    throws -> String
  {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = screen
      if condition(last) { return last }
      usleep(30_000)
    }
    throw Timeout(description: "timed out waiting for \(what); screen:\n\(last)")
  }

  func waitForExit(timeout: Double = 10) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if !alive { return }
      usleep(30_000)
    }
    throw Timeout(description: "the explorer did not exit; screen:\n\(screen)")
  }

  /// Waits for a file the shell in the pane writes (in this test's directory) to have content.
  func waitForFile(_ name: String, timeout: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8),
        !text.isEmpty
      {
        return text
      }
      usleep(30_000)
    }
    throw Timeout(description: "timed out waiting for \(name); screen:\n\(screen)")
  }

  func kill() {
    run(["kill-server"], quiet: true)
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// Without a terminal (or with TERM=dumb) curses never starts: plain text, exit 0.
@Suite struct PlainFallbackTests {
  func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (
    Int32, String, String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tmux.binary)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self),
      String(decoding: err, as: UTF8.self)
    )
  }

  @Test func noArgumentsWithoutATerminalPrintsTheList() throws {
    let (status, output, _) = try run([])
    #expect(status == 0)
    #expect(output.contains("421"))
    #expect(!output.contains("\u{1B}["))
    let (dumbStatus, dumbOutput, _) = try run(["tui"], environment: ["TERM": "dumb"])
    #expect(dumbStatus == 0)
    #expect(dumbOutput.contains("556"))
  }

  @Test func badThemeIsOneLineAndExitTwo() throws {
    let (status, _, errors) = try run(["tui", "--theme", "nope"])
    #expect(status == 2)
    #expect(errors.hasPrefix("smtpcodes: unknown theme 'nope'; --theme takes a built-in theme ("))
    #expect(errors.filter { $0 == "\n" }.count == 1)
    // Without a terminal the environment's theme does not matter: the plain list still works.
    let (envStatus, envOutput, _) = try run([], environment: ["SMTPCODES_THEME": "nope"])
    #expect(envStatus == 0)
    #expect(envOutput.contains("421"))
  }
}
