import Foundation
import Testing

/// `smtpcodes tui --log FILE` in tmux: the group table of a small generated log, a group's
/// explanation, back, the catalog one key away, following a growing log, and a missing file.
@Suite(.serialized, .enabled(if: Tmux.isInstalled, Tmux.missingMessage))
struct LogViewEndToEndTests {
  /// A Postfix log: `greylisted` deferrals to example.org and `unknown` bounces to shop.example.
  static func log(greylisted: Int, unknown: Int) -> String {
    var lines: [String] = []
    for n in 0..<greylisted {
      lines.append(
        "May  9 04:\(10 + n % 50):00 mx postfix/smtp[\(100 + n)]: G\(n): to=<u\(n)@example.org>, relay=mx.example.org[192.0.2.\(n % 200)]:25, delay=1, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.\(n % 200)] said: 450 4.2.0 <u\(n)@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command))"
      )
      lines.append("May  9 04:\(10 + n % 50):01 mx postfix/qmgr[9]: G\(n): removed")
    }
    for n in 0..<unknown {
      lines.append(
        "May  9 05:\(10 + n % 50):00 mx postfix/smtp[\(300 + n)]: U\(n): to=<v\(n)@shop.example>, relay=mail.shop.example[198.51.100.\(n % 200)]:25, delay=1, dsn=5.1.1, status=bounced (host mail.shop.example[198.51.100.\(n % 200)] said: 550 5.1.1 <v\(n)@shop.example>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func showsTheGroupsOpensOneAndGoesBack() throws {
    let directory = try Tmux.temporaryDirectory()
    let path = directory + "/mail.log"
    try Self.log(greylisted: 30, unknown: 12).write(toFile: path, atomically: true, encoding: .utf8)
    let tmux = try Tmux.start(arguments: ["tui", "--log", path], directory: directory)
    defer { tmux.kill() }
    let table = try tmux.waitFor(what: "the group table") {
      $0.contains("72 lines read, 42 replies, 2 groups") && $0.contains("COUNT")
    }
    #expect(table.contains("30  450"))
    #expect(table.contains("12  550"))
    #expect(table.contains("greylisted"))
    #expect(table.contains("example.org"))
    // The second group: its explanation, the log's facts and a sample line.
    tmux.keys("Down", "Enter")
    let page = try tmux.waitFor(what: "the 550 group's page") {
      $0.contains("group 550 5.1.1") && $0.contains("IN THIS LOG")
    }
    #expect(page.contains("userUnknown"))
    #expect(page.contains("shop.example"))
    #expect(page.contains("12 (28% of the replies counted)"))
    #expect(page.contains("SAMPLE LINES"))
    tmux.keys("Escape")
    try tmux.waitFor { $0.contains("COUNT") && !$0.contains("IN THIS LOG") }
    // The catalog is one key away, and so is the log again.
    tmux.keys("l")
    try tmux.waitFor("smtpcodes · SMTP reply codes")
    tmux.keys("l")
    try tmux.waitFor("2 groups")
    tmux.keys("q")
    try tmux.waitForExit()
  }

  @Test func followingShowsNewLinesAsTheyArrive() throws {
    let directory = try Tmux.temporaryDirectory()
    let path = directory + "/mail.log"
    try Self.log(greylisted: 3, unknown: 0).write(toFile: path, atomically: true, encoding: .utf8)
    let tmux = try Tmux.start(arguments: ["tui", "--log", path, "--follow"], directory: directory)
    defer { tmux.kill() }
    try tmux.waitFor("6 lines read, 3 replies, 1 group")
    #expect(tmux.screen.contains("following"))
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(Self.log(greylisted: 0, unknown: 2).utf8))
    try handle.close()
    try tmux.waitFor("8 lines read, 5 replies, 2 groups")
    tmux.keys("C-c")
    try tmux.waitForExit()
  }

  @Test func aMissingLogIsOneLineAndExitTwo() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Tmux.binary)
    process.arguments = ["tui", "--log", "/nonexistent/missing.log"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2)
    #expect(text.hasPrefix("smtpcodes: cannot open '/nonexistent/missing.log': "))
    #expect(text.filter { $0 == "\n" }.count == 1)
  }
}
