import Foundation
import Testing

@Suite struct ExplainCommandTests {
  @Test func explainsAPastedReply() throws {
    let run = try Run.smtpcodes(
      "explain",
      "550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 - gsmtp")
    #expect(run.status == 0)
    #expect(run.stdout.contains("550 5.1.1"))
    #expect(run.stdout.contains("userUnknown"))
    #expect(run.stdout.contains("Gmail"))
    #expect(run.stderr.isEmpty)
  }

  @Test func readsStandardInputAsOneReply() throws {
    let run = try Run.smtpcodes(
      "explain", "--json", stdin: "451 4.7.500 Server busy.\r\n(AS761)\r\n")
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["code"] as? String == "451")
    #expect(object["enhanced"] as? String == "4.7.500")
  }

  @Test func jsonHasTheDocumentedKeys() throws {
    let run = try Run.smtpcodes("explain", "--json", "550 4.4.7 QUEUE.Expired; message expired")
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    for key in [
      "code", "enhanced", "severity", "reason", "retry", "provider", "warnings", "matches",
    ] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    #expect(object["severity"] as? String == "permanent")
    #expect(object["reason"] as? String == "expired")
    #expect((object["warnings"] as? [String])?.contains { $0.contains("mismatch") } == true)
    #expect(object["matches"] as? [String] == ["550", "X.4.7"])
  }

  @Test func noCodeExitsOneWithNullsAndStillSuggests() throws {
    let run = try Run.smtpcodes(
      "explain", "--json", "connect to mx.example.com[192.0.2.1]:25: Connection timed out")
    #expect(run.status == 1)
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["code"] is NSNull)
    #expect(object["enhanced"] is NSNull)
    #expect(object["severity"] is NSNull)
    #expect(object["provider"] is NSNull)
    #expect(object["reason"] as? String == "networkError")
    let text = try Run.smtpcodes("explain", "DNS Error: returned Null MX")
    #expect(text.status == 1)
    #expect(text.stdout.contains("No reply code found"))
    #expect(text.stdout.contains("nullMX"))
  }

  @Test func eachLineGivesAnArray() throws {
    let run = try Run.smtpcodes(
      "explain", "--each-line", "--json",
      stdin: "550 5.1.1 a\n\nno code here\n421 4.7.0 [TSS04] x\n")
    #expect(run.status == 0)
    let array = try #require(try run.json() as? [[String: Any]])
    #expect(array.map { $0["code"] as? String } == ["550", nil, "421"])
    #expect(array[2]["provider"] as? String == "Yahoo / AOL")
    let none = try Run.smtpcodes("explain", "--each-line", "--json", stdin: "nothing\nhere\n")
    #expect(none.status == 1)
  }

  @Test func badUsageExitsTwoWithOneLine() throws {
    let run = try Run.smtpcodes("explain", "--bogus", "550")
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func escapeSequencesNeverReachTheTerminal() throws {
    let run = try Run.smtpcodes(
      "explain", stdin: "550 5.1.1 \u{1B}]0;pwned\u{07}\u{1B}[31mred \u{9B}2J user unknown\n")
    #expect(run.status == 0)
    #expect(!run.stdout.contains("\u{1B}"))
    #expect(!run.stdout.contains("\u{07}"))
    #expect(!run.stdout.contains("\u{9B}"))
    #expect(run.stdout.contains("\\x1B]0;pwned"))
  }

  @Test func invalidUTF8IsShownEscaped() throws {
    let process = Process()
    process.executableURL = Run.binary
    process.arguments = ["explain"]
    let input = Pipe()
    let out = Pipe()
    process.standardInput = input
    process.standardOutput = out
    try process.run()
    input.fileHandleForWriting.write(Data([0x35, 0x35, 0x30, 0x20, 0xFF, 0xFE, 0x41, 0x0A]))
    try input.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(text.contains("\\xFF\\xFEA"))
  }

  @Test func aHugeLineIsAnsweredInBoundedTime() throws {
    // explain stops reading after 64 KiB, so the writer meets a closed pipe: ignore SIGPIPE here.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = Run.binary
    process.arguments = ["explain", "--json"]
    let input = Pipe()
    let out = Pipe()
    process.standardInput = input
    process.standardOutput = out
    let start = Date()
    try process.run()
    let line = Data(("550 5.1.1 " + String(repeating: "a", count: 10 * 1024 * 1024)).utf8)
    try? input.fileHandleForWriting.write(contentsOf: line)
    try? input.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(Date().timeIntervalSince(start) < 10)
    #expect(process.terminationStatus == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["code"] as? String == "550")
    #expect(object["truncated"] as? Bool == true)
  }
}

@Suite struct ScanCommandTests {
  static let log = """
    May  9 04:21:10 mx postfix/smtp[251]: 4BX1: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, dsn=2.0.0, status=sent (250 2.0.0 OK - gsmtp)
    May  9 04:21:11 mx postfix/smtp[251]: 4BX2: to=<b@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, dsn=2.0.0, status=sent (250 2.0.0 OK - gsmtp)
    May  9 04:21:12 mx postfix/smtp[252]: 4BX3: to=<c@example.org>, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.6] said: 550 5.1.1 <c@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))
    May  9 04:21:13 mx postfix/qmgr[421]: 4BX3: removed

    """

  @Test func printsATableMostFrequentFirst() throws {
    let run = try Run.smtpcodes("scan", stdin: Self.log)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines[0].contains("COUNT"))
    #expect(lines[1].contains("250") && lines[1].contains("2.0.0") && lines[1].contains("Gmail"))
    // Each group has a dim line under it: domains, first and last seen, the template.
    #expect(lines[2].contains("gmail.com 2"))
    #expect(lines[3].contains("550") && lines[3].contains("5.1.1"))
  }

  @Test func jsonIsAnArrayOfRows() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID()).log")
    try Self.log.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let run = try Run.smtpcodes("scan", "--json", file.path, file.path)
    #expect(run.status == 0)
    let rows = try #require(try run.json() as? [[String: Any]])
    #expect(rows.count == 2)
    #expect(rows[0]["code"] as? String == "250")
    #expect(rows[0]["enhanced"] as? String == "2.0.0")
    #expect(rows[0]["count"] as? Int == 4)
    #expect(rows[0]["provider"] as? String == "Gmail / Google Workspace")
    #expect(rows[1]["count"] as? Int == 2)
    #expect(rows[1]["severity"] as? String == "permanent")
  }

  static func temporaryFile(_ text: String, suffix: String = ".log") throws -> URL {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scan-\(UUID())\(suffix)")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func aMissingFileAmongThreeStillScansTheOthersAndExitsTwo() throws {
    let a = try Self.temporaryFile(Self.log)
    let b = try Self.temporaryFile(Self.log)
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    let run = try Run.smtpcodes("scan", "--json", a.path, "/nonexistent/mail.log", b.path)
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("/nonexistent/mail.log"))
    let rows = try #require(try run.json() as? [[String: Any]])
    #expect(rows.map { $0["count"] as? Int } == [4, 2])
  }

  @Test func dashIsStandardInputAndGzipIsReadAsItIs() throws {
    let plain = try Self.temporaryFile(Self.log)
    defer { try? FileManager.default.removeItem(at: plain) }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c '\(plain.path)' > '\(plain.path).2.gz'"]
    try gzip.run()
    gzip.waitUntilExit()
    defer { try? FileManager.default.removeItem(atPath: plain.path + ".2.gz") }
    let run = try Run.smtpcodes("scan", "--json", "-", plain.path + ".2.gz", stdin: Self.log)
    #expect(run.status == 0, "\(run.stderr)")
    let rows = try #require(try run.json() as? [[String: Any]])
    #expect(rows.map { $0["count"] as? Int } == [4, 2])
  }

  @Test func jsonKeepsItsKeysAndAddsTheNewOnes() throws {
    let run = try Run.smtpcodes("scan", "--json", stdin: Self.log)
    let rows = try #require(try run.json() as? [[String: Any]])
    for key in [
      "code", "enhanced", "count", "severity", "meaning", "provider", "providerCount", "reason",
      "verdict", "domains", "firstSeen", "lastSeen", "template", "sample",
    ] {
      #expect(rows[1].keys.contains(key), "missing \(key)")
    }
    #expect(rows[1]["reason"] as? String == "userUnknown")
    #expect(
      rows[1]["template"] as? String == "550 5.1.1 <addr>: Recipient address rejected: User unknown"
    )
    let domains = try #require(rows[0]["domains"] as? [[String: Any]])
    #expect(domains.first?["domain"] as? String == "gmail.com")
    #expect(domains.first?["count"] as? Int == 2)
    #expect((rows[0]["firstSeen"] as? String)?.hasSuffix("05-09 04:21:10") == true)
    #expect((rows[0]["lastSeen"] as? String)?.hasSuffix("05-09 04:21:11") == true)
  }

  @Test func theTableFitsTheWidthAndSaysTheVerdict() throws {
    for columns in ["40", "80", "132"] {
      let run = try Run.smtpcodes("scan", stdin: Self.log, environment: ["COLUMNS": columns])
      #expect(run.status == 0)
      for line in run.stdout.split(separator: "\n") {
        #expect(line.count <= Int(columns)!, "\(columns): \(line)")
      }
    }
    let wide = try Run.smtpcodes("scan", stdin: Self.log, environment: ["COLUMNS": "160"])
    #expect(wide.stdout.contains("REASON"))
    #expect(wide.stdout.contains("userUnknown"))
    // The verdict is explain's first line for the same reply, not words of scan's own.
    let line = Self.log.split(separator: "\n")[2]
    let explained = try Run.smtpcodes("explain", String(line), environment: ["COLUMNS": "160"])
    let headline = explained.stdout.split(separator: "\n")[0]
    // "550 5.1.1  Bad destination mailbox address": the codes, two spaces, the verdict.
    let verdict = headline.components(separatedBy: "  ").last ?? ""
    #expect(!verdict.isEmpty)
    #expect(wide.stdout.contains(verdict), "\(verdict)")
    #expect(wide.stdout.contains("3 replies in 4 lines; 2 groups."))
  }

  @Test func limitKeepsTheTrueGroupCount() throws {
    let run = try Run.smtpcodes("scan", "--limit", "1", stdin: Self.log)
    #expect(run.stdout.contains("2 groups, the 1 largest shown"))
  }

  @Test func byDomainSinceAndSeverity() throws {
    let byDomain = try Run.smtpcodes("scan", "--json", "--by", "domain", stdin: Self.log)
    let rows = try #require(try byDomain.json() as? [[String: Any]])
    #expect(rows.map { $0["label"] as? String } == ["gmail.com", "example.org"])
    let since = try Run.smtpcodes("scan", "--json", "--since", "May 9 04:21:11", stdin: Self.log)
    let late = try #require(try since.json() as? [[String: Any]])
    #expect(late.map { $0["count"] as? Int } == [1, 1])
    let permanent = try Run.smtpcodes("scan", "--severity", "permanent", stdin: Self.log)
    #expect(permanent.stdout.contains("550"))
    #expect(!permanent.stdout.contains("250 "))
    #expect(permanent.stdout.contains("2 left out by --since/--until/--severity"))
  }

  @Test func badFlagsAreOneLineAndExitTwo() throws {
    for arguments in [
      ["scan", "--by", "colour"], ["scan", "--since", "yesterday"],
      ["scan", "--severity", "fatal"], ["scan", "--follow"], ["scan", "--follow", "-"],
      ["scan", "--since", "2024-05-10", "--until", "2024-05-09"],
    ] {
      let run = try Run.smtpcodes(arguments: arguments, stdin: Self.log)
      #expect(run.status == 2, "\(arguments)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    let by = try Run.smtpcodes("scan", "--by", "colour", stdin: Self.log)
    #expect(by.stderr.contains("code+reason, code, reason, provider, domain, template"))
  }

  @Test func aMissingFileIsOneLineAndExitTwo() throws {
    let run = try Run.smtpcodes("scan", "/nonexistent/mail.log")
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("/nonexistent/mail.log"))
    let directory = try Run.smtpcodes("scan", "/tmp")
    #expect(directory.status == 2)
  }
}
