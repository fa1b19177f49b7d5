import Foundation
import Testing

/// `explain` with whole messages: standard input, files, mbox, maildir; and `--oneline`.
@Suite struct BounceCommandTests {
  static func bounce(to recipients: [(String, String)], subject: String = "Undelivered Mail")
    -> String
  {
    var lines = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
      "To: sender@example.org",
      "Subject: \(subject)",
      "Authentication-Results: mx.example.net; spf=fail; dkim=fail; dmarc=fail",
      "MIME-Version: 1.0",
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"XX\"",
      "",
      "--XX",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "",
      "--XX",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.net",
      "",
    ]
    for (address, diagnostic) in recipients {
      lines += [
        "Final-Recipient: rfc822; \(address)", "Action: failed", "Status: 5.0.0",
        "Diagnostic-Code: smtp; \(diagnostic)", "",
      ]
    }
    lines += ["--XX--", ""]
    return lines.joined(separator: "\n")
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "smtpcodes-bounce-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aBounceOnStandardInputIsExplainedPerRecipient() throws {
    let run = try Run.smtpcodes(
      "explain", "--json",
      stdin: Self.bounce(to: [
        ("alice@example.com", "550 5.1.1 User unknown"),
        ("bob@example.com", "552 5.2.2 Mailbox full"),
      ]))
    #expect(run.status == 0)
    let object = try #require(try run.json() as? [String: Any])
    // Today's fields speak for the first failed recipient.
    #expect(object["code"] as? String == "550")
    #expect(object["enhanced"] as? String == "5.1.1")
    #expect(object["reason"] as? String == "userUnknown")
    #expect((object["verdict"] as? String)?.hasPrefix("550 5.1.1") == true)
    let recipients = try #require(object["recipients"] as? [[String: Any]])
    #expect(
      recipients.map { $0["recipient"] as? String } == ["alice@example.com", "bob@example.com"])
    #expect(recipients.map { $0["reason"] as? String } == ["userUnknown", "mailboxFull"])
    for key in [
      "recipient", "action", "status", "code", "enhanced", "reason", "severity", "retry",
      "remoteMTA", "diagnostic", "verdict",
    ] {
      #expect(recipients[0].keys.contains(key), "\(key)")
    }
    let message = try #require(object["message"] as? [String: Any])
    #expect(message["reportingMTA"] as? String == "mx.example.net")
    #expect(message["subject"] as? String == "Undelivered Mail")
    for key in ["from", "subject", "date", "reportingMTA", "arrivalDate"] {
      #expect(message.keys.contains(key), "\(key)")
    }
  }

  @Test func aFileArgumentIsReadAsAMessageAndTheVerdictComesFirst() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bounce.eml")
    try Self.bounce(to: [
      ("gone@example.com", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found")
    ])
    .write(to: file, atomically: true, encoding: .utf8)
    let run = try Run.smtpcodes("explain", file.path)
    #expect(run.status == 0)
    let first = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("550 5.1.10"))
    #expect(!first.contains("null MX"), "\(first)")
    #expect(run.stdout.contains("RECIPIENTS"))
    #expect(run.stdout.contains("gone@example.com"))
  }

  @Test func anMboxGivesOneResultPerMessage() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let mbox = dir.appendingPathComponent("bounces.mbox")
    var text = ""
    for (index, address) in ["a@example.com", "b@example.com", "c@example.com"].enumerated() {
      text += "From MAILER-DAEMON Mon Mar 18 11:39:4\(index) 2013\n"
      text += Self.bounce(to: [(address, "550 5.1.1 User unknown")]) + "\n"
    }
    try text.write(to: mbox, atomically: true, encoding: .utf8)
    let json = try Run.smtpcodes("explain", "--json", "--mbox", mbox.path)
    #expect(json.status == 0)
    let array = try #require(try json.json() as? [[String: Any]])
    #expect(array.count == 3)
    #expect(
      array.compactMap { ($0["recipients"] as? [[String: Any]])?.first?["recipient"] as? String }
        == ["a@example.com", "b@example.com", "c@example.com"])
    // The same file as an argument is recognised as an mbox.
    let table = try Run.smtpcodes("explain", mbox.path)
    #expect(table.stdout.contains("3 messages"))
  }

  @Test func aMaildirFolderIsReadMessageByMessage() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for sub in ["cur", "new", "tmp"] {
      try FileManager.default.createDirectory(
        at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try Self.bounce(to: [("x@example.com", "550 5.1.1 User unknown")])
      .write(to: dir.appendingPathComponent("cur/1.host:2,S"), atomically: true, encoding: .utf8)
    try Self.bounce(to: [("y@example.com", "452 4.2.2 Mailbox full")])
      .write(to: dir.appendingPathComponent("new/2.host"), atomically: true, encoding: .utf8)
    let run = try Run.smtpcodes("explain", "--json", dir.path + "/")
    #expect(run.status == 0)
    let array = try #require(try run.json() as? [[String: Any]])
    #expect(array.map { $0["reason"] as? String } == ["userUnknown", "mailboxFull"])
  }

  @Test func textArgumentsThatAreNotFilesAreStillText() throws {
    let run = try Run.smtpcodes("explain", "--json", "550", "5.1.1", "User", "unknown")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["code"] as? String == "550")
    #expect(object["recipients"] == nil)
  }

  @Test func tooManyRecipientsIsTransient() throws {
    let run = try Run.smtpcodes("explain", "--json", "552 5.5.3 Too many recipients")
    let object = try #require(try run.json() as? [String: Any])
    #expect(object["severity"] as? String == "transient")
    #expect(object["retry"] as? String == "now")
    #expect(object["treatedAs"] as? Int == 452)
    let text = try Run.smtpcodes("explain", "552 5.5.3 Too many recipients")
    #expect(text.stdout.split(separator: "\n").first?.contains("transient") == true)
  }

  @Test func onelinePrintsOneLinePerReply() throws {
    let run = try Run.smtpcodes(
      "explain", "--each-line", "--oneline",
      stdin: """
        Nov 29 23:01:18 mx postfix/smtp[1]: ABC: to=<a@example.com>, status=bounced (host x said: 550 5.1.1 User unknown)
        2026-11-29T23:02:00Z mx app: 450 4.7.1 Greylisted, see postgrey

        """)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("Nov 29 23:01:18  550 5.1.1"))
    #expect(lines[1].hasPrefix("2026-11-29T23:02:00Z  450 4.7.1"))
    #expect(lines[1].contains("greylisted"))
  }

  @Test func aLongLineInEachLineModeSaysItWasCut() throws {
    let long = "550 5.1.1 User unknown " + String(repeating: "x", count: 70_000) + "\n"
    let run = try Run.smtpcodes("explain", "--each-line", "--json", stdin: long)
    let array = try #require(try run.json() as? [[String: Any]])
    #expect(array.first?["truncated"] as? Bool == true)
    #expect((array.first?["warnings"] as? [String])?.contains { $0.contains("64 KiB") } == true)
    let oneline = try Run.smtpcodes("explain", "--each-line", "--oneline", stdin: long)
    #expect(oneline.stdout.contains("truncated"))
  }

  @Test func usageMistakesAreOneLineAndExitTwo() throws {
    let lonely = try Run.smtpcodes("explain", "--oneline", "550")
    #expect(lonely.status == 2)
    #expect(lonely.stderr.split(separator: "\n").count == 1)
    let missing = try Run.smtpcodes("explain", "--mbox", "/nonexistent/mbox")
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("cannot open"))
  }
}

@Suite struct ShowSeverityTests {
  @Test func aFamilyIsShownWithoutASingleSeverity() throws {
    let run = try Run.smtpcodes("show", "--json", "X.7.0")
    let object = try #require((try run.json() as? [[String: Any]])?.first)
    #expect(object["severity"] is NSNull)
    #expect((object["severityNote"] as? String)?.contains("depends on the class") == true)
    let written = try Run.smtpcodes("show", "--json", "5.7.0")
    #expect((try written.json() as? [[String: Any]])?.first?["severity"] as? String == "permanent")
  }

  @Test func aPairCarriesItsCombinedReading() throws {
    let run = try Run.smtpcodes("show", "--json", "550 5.1.1")
    let objects = try #require(try run.json() as? [[String: Any]])
    let combined = try #require(objects.first?["combined"] as? [String: Any])
    #expect(combined["severity"] as? String == "permanent")
    #expect((combined["verdict"] as? String)?.hasPrefix("550 5.1.1: Bad destination") == true)
    let odd = try Run.smtpcodes("show", "--json", "2.1.1")
    let object = try #require((try odd.json() as? [[String: Any]])?.first)
    #expect((object["classWarning"] as? String)?.contains("Class mismatch") == true)
  }
}
