import Foundation
import Testing

/// Columns a line takes in a terminal (East Asian wide characters two, marks and format
/// characters none): written here independently of the code under test.
func terminalColumns(_ line: Substring) -> Int {
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
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
    width += wide ? 2 : 1
  }
  return width
}

@Suite struct PresentationTests {
  static let log = """
    Nov 29 10:00:01 mx postfix/smtp[123]: ABC123: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))
    Nov 29 10:00:02 mx postfix/smtp[124]: ABD124: to=<b@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.2]:25, delay=1, dsn=4.7.0, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.2] said: 421-4.7.0 [192.0.2.9] Our system has detected an unusual rate of unsolicited mail originating from your IP address. https://support.google.com/mail/?p=UnsolicitedIPError - gsmtp (in reply to end of DATA command))

    """

  static let commands: [[String]] = [
    ["show", "421"], ["show", "550 5.1.1"], ["compare", "421", "556"], ["compare", "452", "552"],
    ["search", "mailbx", "ful"], ["search", "greylist"], ["list"],
    [
      "explain",
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
    ],
    [
      "explain",
      "550 5.7.1 メールボックスが見つかりません。宛先のアドレスを確認してください。 प्राप्तकर्ता का पता अमान्य है, कृपया जाँच करें",
    ],
    ["scan"],
  ]

  /// Every line of every command's text fits the terminal; a URL is never split and may only
  /// overflow standing alone on its line.
  @Test(arguments: [40, 80, 120])
  func everyLineFitsTheWidth(columns: Int) throws {
    for command in Self.commands {
      let run = try Run.smtpcodes(
        arguments: command, stdin: command == ["scan"] ? Self.log : nil,
        environment: ["COLUMNS": String(columns), "NO_COLOR": "1"])
      #expect(!run.stdout.isEmpty, "\(command) printed nothing")
      for line in run.stdout.split(separator: "\n") {
        let aloneURL =
          line.contains("://")
          && !line.trimmingCharacters(in: .whitespaces)
            .contains(" ")
        #expect(
          terminalColumns(line) <= columns || aloneURL,
          "COLUMNS=\(columns) \(command.joined(separator: " ")): \(line)")
      }
    }
  }

  /// The same in Hindi: Devanagari measured by the shared layout, every line within the width.
  @Test(arguments: [40, 80, 120])
  func everyLineFitsTheWidthInHindi(columns: Int) throws {
    for command in Self.commands {
      let run = try Run.smtpcodes(
        arguments: command + ["--lang", "hi"], stdin: command == ["scan"] ? Self.log : nil,
        environment: ["COLUMNS": String(columns), "NO_COLOR": "1"])
      #expect(!run.stdout.isEmpty, "\(command) printed nothing")
      for line in run.stdout.split(separator: "\n") {
        let alone = !line.trimmingCharacters(in: .whitespaces).contains(" ")
        #expect(
          terminalColumns(line) <= columns || alone,
          "COLUMNS=\(columns) --lang hi \(command.joined(separator: " ")): \(line)")
      }
    }
  }

  @Test func urlsStayWhole() throws {
    let run = try Run.smtpcodes(
      "explain",
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      environment: ["COLUMNS": "40"])
    #expect(
      run.stdout.contains(
        "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-550-5-1-10-in-exchange-online"
      ))
  }

  @Test func comparisonStacksWhenNarrowAndKeepsAGutterWhenWide() throws {
    let narrow = try Run.smtpcodes("compare", "421", "556", environment: ["COLUMNS": "40"])
    #expect(!narrow.stdout.contains("│"))
    #expect(narrow.stdout.contains("  421  transient"))
    let wide = try Run.smtpcodes("compare", "421", "556", environment: ["COLUMNS": "120"])
    let row = try #require(wide.stdout.split(separator: "\n").first { $0.contains("transient") })
    #expect(row.contains("transient") && row.contains(" │ ") && row.contains("permanent"))
  }

  @Test func verbatimServerTextsKeepTheirLines() throws {
    let run = try Run.smtpcodes("show", "550", environment: ["COLUMNS": "100"])
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    // Each continuation line of a multi-line reply starts its own output line.
    let continued = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("550-") }
    #expect(!continued.isEmpty)
    for line in continued { #expect(line.hasPrefix("    550-")) }
  }

  /// `explain --each-line` answers a line while its input is still open (tail -f | explain).
  @Test func eachLineStreams() throws {
    let process = Process()
    process.executableURL = Run.binary
    process.arguments = ["explain", "--each-line"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
    }
    input.fileHandleForWriting.write(Data("421 4.7.0 Try again later, closing connection\n".utf8))
    // Wait up to 10 s for the first answer while standard input stays open.
    let reader = output.fileHandleForReading
    let deadline = Date().addingTimeInterval(10)
    var received = Data()
    while Date() < deadline, !String(decoding: received, as: UTF8.self).contains("transient") {
      var request = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
      if poll(&request, 1, 100) > 0 { received += reader.availableData }
    }
    #expect(String(decoding: received, as: UTF8.self).contains("421 4.7.0"))
    #expect(process.isRunning)
  }
}
