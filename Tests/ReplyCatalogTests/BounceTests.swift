import Foundation
import Testing

@testable import ReplyCatalog

/// Builds a message with CRLF line ends from lines.
func message(_ lines: [String]) -> [UInt8] {
  Array(lines.joined(separator: "\r\n").utf8)
}

@Suite struct DecodingTests {
  @Test func quotedPrintable() {
    let decoded = TransferEncoding.quotedPrintable(Array("Caf=C3=A9 =\r\nsoft=3Dbreak=\nend".utf8))
    #expect(String(decoding: decoded, as: UTF8.self) == "Café soft=breakend")
  }

  @Test func base64IgnoresLineBreaks() {
    let decoded = TransferEncoding.base64(Array("NTUwIDUuMS4xIFVz\r\nZXIgdW5rbm93bg==".utf8))
    #expect(String(decoding: decoded, as: UTF8.self) == "550 5.1.1 User unknown")
  }

  @Test func encodedWords() {
    #expect(
      EncodedWords.decode("=?ISO-8859-1?Q?Andr=E9_Dupont?= <a@example.com>")
        == "André Dupont <a@example.com>")
    #expect(
      EncodedWords.decode("=?UTF-8?B?VW5kZWxpdmVyYWJsZTo=?= =?UTF-8?B?IHRlc3Q=?=")
        == "Undeliverable: test")
    #expect(EncodedWords.decode("plain =?bogus") == "plain =?bogus")
  }

  @Test func charsetsGoThroughThePlatformConverter() {
    // "配信" in ISO-2022-JP, Shift_JIS and EUC-KR's "메일"; Latin-1 "é"; Windows-1252 "€".
    #expect(
      Charsets.decode(
        [0x1B, 0x24, 0x42, 0x47, 0x5B, 0x3F, 0x2E, 0x1B, 0x28, 0x42], charset: "ISO-2022-JP")
        == "配信")
    #expect(Charsets.decode([0x94, 0x7A, 0x90, 0x4D], charset: "Shift_JIS") == "配信")
    #expect(Charsets.decode([0xB8, 0xDE, 0xC0, 0xCF], charset: "EUC-KR") == "메일")
    #expect(Charsets.decode([0xE9], charset: "iso-8859-1") == "é")
    #expect(Charsets.decode([0x80], charset: "windows-1252") == "€")
    #expect(Charsets.decode([0xC4, 0xE3], charset: "gb2312") == "你")
    // Unknown charsets and invalid bytes never crash.
    #expect(
      Charsets.decode(Array("abc".utf8) + [0xFF], charset: "x-no-such-charset").hasPrefix("abc"))
  }

  @Test func mboxSplitsAtFromLinesOnly() {
    let mbox = Array(
      """
      From a@example.com Mon Mar 18 11:39:41 2013
      Subject: one

      From the desk of someone: not a separator
      From b@example.com Mon Mar 18 11:40:00 2013
      Subject: two

      body
      """.utf8)
    #expect(Mailbox.split(mbox).count == 2)
  }

  @Test func logTimes() {
    func time(_ text: String) -> String? {
      Array(text.utf8).withUnsafeBufferPointer { LogTime.find(in: $0) }
    }
    #expect(time("Nov 29 23:01:18 mx postfix/smtp[1]: said: 550") == "Nov 29 23:01:18")
    #expect(time("2026-11-29T23:01:18.123+01:00 host 550") == "2026-11-29T23:01:18.123+01:00")
    #expect(time("550 5.1.1 user unknown") == nil)
  }
}

@Suite struct BounceTests {
  let catalog = Catalog.builtIn

  /// A DSN whose headers and returned message are full of words for other reasons: only each
  /// recipient's diagnostic may decide.
  static let noisyDSN = message([
    "Return-Path: <>",
    "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=example.org; dkim=fail; dmarc=fail",
    "DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=spam; h=from:to",
    "X-Spam-Status: Yes, score=9.1 blocked listed in spamhaus, rate limit, greylisted",
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    "To: sender@example.org",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"",
    "",
    "--B1",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--B1",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "Arrival-Date: Mon, 18 Mar 2013 11:39:40 +0000",
    "",
    "Final-Recipient: rfc822; alice@example.com",
    "Original-Recipient: rfc822;alice@example.com",
    "Action: failed",
    "Status: 5.1.1",
    "Remote-MTA: dns; mail.example.com",
    "Diagnostic-Code: smtp; 550 5.1.1 <alice@example.com>: Recipient address rejected:",
    " User unknown in local recipient table",
    "",
    "Final-Recipient: rfc822; bob@example.com",
    "Action: delayed",
    "Status: 4.2.2",
    "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full",
    "Will-Retry-Until: Tue, 19 Mar 2013 11:39:40 +0000",
    "",
    "Final-Recipient: rfc822; carol@example.com",
    "Action: failed",
    "Status: 5.1.2",
    "",
    "--B1",
    "Content-Type: message/rfc822",
    "",
    "Authentication-Results: spf=fail dkim=fail dmarc=fail",
    "From: sender@example.org",
    "Subject: spam virus phishing blocklisted greylisted",
    "",
    "DKIM SPF DMARC spam relay access denied too many recipients",
    "--B1--",
    "",
  ])

  @Test func eachRecipientIsExplainedFromItsOwnDiagnostic() throws {
    let report = try #require(catalog.explainMessage(bytes: Self.noisyDSN))
    #expect(report.format == .dsn)
    try #require(
      report.recipients.map(\.recipient) == [
        "alice@example.com", "bob@example.com", "carol@example.com",
      ])
    let alice = report.recipients[0]
    #expect(alice.action == "failed")
    #expect(alice.explanation.code == "550")
    #expect(alice.explanation.enhanced == "5.1.1")
    #expect(alice.explanation.reason == .userUnknown)
    #expect(alice.remoteMTA == "mail.example.com")
    #expect(alice.diagnostic.contains("User unknown in local recipient table"))
    let bob = report.recipients[1]
    #expect(bob.action == "delayed")
    #expect(bob.explanation.reason == .mailboxFull)
    #expect(bob.explanation.severity == .transient)
    #expect(bob.willRetryUntil != nil)
    // No diagnostic text: the Status decides, not the headers' authentication words.
    let carol = report.recipients[2]
    #expect(carol.explanation.enhanced == "5.1.2")
    #expect(carol.explanation.reason == .domainUnknown)
    #expect(carol.explanation.reasonSource == .code)
    #expect(report.message.reportingMTA == "mx.example.net")
    #expect(report.message.subject == "Undelivered Mail Returned to Sender")
    #expect(report.primary?.recipient == "alice@example.com")
    for recipient in report.recipients {
      #expect(
        ![.authentication, .spam, .blocklisted, .greylisted, .rateLimited].contains(
          recipient.explanation.reason))
    }
  }

  @Test func aFlatReadingOfTheSameMessageWouldBeWrong() {
    // The reason the old flat reading gave: the headers' words win. This is what the report avoids.
    let flat = catalog.explain(bytes: Self.noisyDSN)
    #expect(flat.reason != .userUnknown)
  }

  @Test func qmailBounce() throws {
    let bytes = message([
      "From: MAILER-DAEMON@mail.example.org",
      "To: sender@example.org",
      "Subject: failure notice",
      "Authentication-Results: dkim=fail spf=fail",
      "",
      "Hi. This is the qmail-send program at mail.example.org.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      "",
      "<nobody@example.com>:",
      "192.0.2.5 does not like recipient.",
      "Remote host said: 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown",
      "Giving up on 192.0.2.5.",
      "",
      "<full@example.com>:",
      "Remote host said: 552 5.2.2 Mailbox full",
      "",
      "--- Below this line is a copy of the message.",
      "",
      "From: sender@example.org",
      "To: nobody@example.com, other@example.com",
      "Subject: DMARC and spam",
      "",
      "rejected by spam filter",
    ])
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.format == .text)
    #expect(report.recipients.map(\.recipient) == ["nobody@example.com", "full@example.com"])
    #expect(report.recipients[0].explanation.reason == .userUnknown)
    #expect(report.recipients[1].explanation.reason == .mailboxFull)
  }

  @Test func eximBounce() throws {
    let bytes = message([
      "From: Mail Delivery System <Mailer-Daemon@mx.example.net>",
      "To: sender@example.org",
      "Subject: Mail delivery failed: returning message to sender",
      "X-Failed-Recipients: gone@example.com",
      "",
      "This message was created automatically by mail delivery software.",
      "",
      "A message that you sent could not be delivered to one or more of its",
      "recipients. This is a permanent error. The following address(es) failed:",
      "",
      "  gone@example.com",
      "    host mx.example.com [192.0.2.7]",
      "    SMTP error from remote mail server after RCPT TO:<gone@example.com>:",
      "    550 5.1.1 <gone@example.com>... No such user",
      "",
      "------ This is a copy of the message, including all the headers. ------",
      "Subject: too many recipients spam",
    ])
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.recipients.map(\.recipient) == ["gone@example.com"])
    #expect(report.recipients[0].explanation.code == "550")
    #expect(report.recipients[0].explanation.reason == .userUnknown)
  }

  @Test func exchangeDiagnosticBlockInBase64() throws {
    let text = """
      Your message to someone@example.com couldn't be delivered.

      Diagnostic information for administrators:

      Generating server: AM0PR01MB1234.eurprd01.prod.outlook.com

      someone@example.com
      Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

      Original message headers:

      Authentication-Results: spf=fail dkim=fail
      """
    let encoded = Self.base64(Array(text.utf8))
    let bytes = message(
      [
        "From: Microsoft Outlook <postmaster@outlook.com>",
        "To: sender@example.org",
        "Subject: Undeliverable: hello",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        "",
      ] + encoded)
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.recipients.map(\.recipient) == ["someone@example.com"])
    let e = report.recipients[0].explanation
    #expect(e.enhanced == "5.1.10")
    #expect(e.reason == .userUnknown)
    #expect(e.provider?.id == "microsoft")
  }

  @Test func amazonSESNotification() throws {
    let json = #"""
      {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"jane@example.com","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"},{"emailAddress":"joe@example.com","action":"failed","status":"5.2.2","diagnosticCode":"smtp; 552 5.2.2 mailbox full"}],"reportingMTA":"dsn; a1-2.smtp-out.amazonses.com"},"mail":{"source":"sender@example.org"}}
      """#
    let bytes = message([
      "From: no-reply@sns.amazonaws.com", "To: ops@example.org",
      "Subject: AWS Notification Message",
      "Content-Type: text/plain; charset=UTF-8", "", json,
    ])
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.format == .amazonSES)
    #expect(report.recipients.map(\.recipient) == ["jane@example.com", "joe@example.com"])
    #expect(report.recipients.map(\.explanation.reason) == [.userUnknown, .mailboxFull])
    #expect(report.message.reportingMTA == "a1-2.smtp-out.amazonses.com")
  }

  @Test func aMessageThatIsNotABounceYieldsNoRecipients() throws {
    let bytes = message([
      "From: Ivette <reservas@example.cu>", "To: hotel@example.com", "Subject: RE: booking",
      "", "Thanks, write to", "reservas@example.cu", "", "Regards",
    ])
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.format == .notBounce)
    #expect(report.recipients.isEmpty)
  }

  @Test func repliesAndLogLinesAreNotMessages() {
    #expect(!MessageParser.looksLikeMessage(Array("550 5.1.1 User unknown".utf8)))
    #expect(
      !MessageParser.looksLikeMessage(Array("Status: 5.1.1\nDiagnostic-Code: smtp; 550 no".utf8)))
    #expect(MessageParser.looksLikeMessage(Array("From: a@b.example\nSubject: x\n\nbody".utf8)))
  }

  @Test func nestedMultipartAndQuotedPrintableText() throws {
    let bytes = message([
      "From: postmaster@example.jp", "To: sender@example.org",
      "Subject: =?ISO-2022-JP?B?GyRCR1s/LhsoQg==?=",
      "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=outer", "",
      "--outer", "Content-Type: multipart/alternative; boundary=inner", "",
      "--inner", "Content-Type: text/plain; charset=iso-8859-1",
      "Content-Transfer-Encoding: quoted-printable", "",
      "Delivery to the following recipient failed permanently:", "", "     ren=E9@example.com", "",
      "Technical details of permanent failure:", "The response from the remote server was:",
      "550 5.2.1 The email account that you tried to reach is disabled.", "",
      "--inner", "Content-Type: text/html", "", "<p>html copy</p>", "--inner--",
      "--outer", "Content-Type: text/rfc822-headers", "", "Subject: spf dkim dmarc", "--outer--",
    ])
    let report = try #require(catalog.explainMessage(bytes: bytes))
    #expect(report.message.subject == "配信")
    #expect(report.recipients.map(\.recipient) == ["rené@example.com"])
    #expect(report.recipients.first?.explanation.reason == .mailboxDisabled)
  }

  static func base64(_ bytes: [UInt8]) -> [String] {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let b0 = bytes[i]
      let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
      let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
      out.append(table[Int(b0 >> 2)])
      out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
      out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : 0x3D)
      out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : 0x3D)
      i += 3
    }
    return stride(from: 0, to: out.count, by: 76).map {
      String(decoding: out[$0..<min($0 + 76, out.count)], as: UTF8.self)
    }
  }
}

@Suite struct VerdictTests {
  let catalog = Catalog.builtIn

  @Test(arguments: [
    ("550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "banned"),
    (
      "554 30 Sorry, your message to user@yahoo.com cannot be delivered. This mailbox is disabled (554.30)",
      "disabled"
    ),
    (
      "450 4.7.1 <user@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html",
      "greylisted"
    ),
    (
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "no recipient"
    ),
  ])
  func theVerdictReadsAsTheDiagnosis(_ reply: String, _ word: String) {
    let e = catalog.explain(reply)
    #expect(e.verdictPhrase.lowercased().contains(word), "\(e.verdictPhrase)")
    #expect(e.verdict.hasPrefix(e.code ?? "-"))
    let titles = [e.basicEntry?.title, e.enhancedEntry?.title].compactMap { $0 }
    #expect(!titles.contains(e.verdictPhrase))
  }

  @Test func theCatalogTitleWhenTheWordingSaysNoMore() {
    let e = catalog.explain("550 5.1.1 User unknown")
    #expect(e.verdictPhrase == e.enhancedEntry?.title)
    #expect(e.verdict.hasPrefix("550 5.1.1: "))
  }

  @Test func tooManyRecipientsIn552IsTransient() {
    let e = catalog.explain("552 5.5.3 Too many recipients")
    #expect(e.treatedAs == 452)
    #expect(e.severity == .transient)
    #expect(e.retry == .now)
    #expect(e.verdictPhrase.contains("transient"))
    #expect(e.warnings.contains { $0.contains("4.5.3.1.10") })
    // A 552 for a full mailbox stays as it is.
    let full = catalog.explain("552 5.2.2 Mailbox full")
    #expect(full.treatedAs == nil)
    #expect(full.severity == .permanent)
  }
}

@Suite struct ReferenceSeverityTests {
  let catalog = Catalog.builtIn

  @Test func aFamilyHasNoSingleSeverity() throws {
    let family = try #require(try catalog.lookup("X.7.0").first)
    #expect(!family.hasSingleSeverity)
    #expect(family.severityNote?.contains("depends on the class") == true)
    let written = try #require(try catalog.lookup("5.7.0").first)
    #expect(written.hasSingleSeverity)
    #expect(written.severity == .permanent)
    #expect(written.severityNote == nil)
    let basic = try #require(try catalog.lookup("421").first)
    #expect(basic.hasSingleSeverity)
  }

  @Test func aClassTheRegistryDoesNotListIsWarnedAbout() throws {
    let odd = try #require(try catalog.lookup("2.1.1").first)
    #expect(odd.classWarning?.contains("Class mismatch") == true)
    #expect(try catalog.lookup("5.1.1").first?.classWarning == nil)
    #expect(catalog.explain("250 2.1.1 ok").warnings.contains { $0.contains("Class mismatch") })
  }

  @Test func aBasicAndAnEnhancedCodeReadAsOne() throws {
    let combined = try #require(catalog.combined(try catalog.lookup("550 5.1.1")))
    #expect(combined.title == "Bad destination mailbox address")
    #expect(combined.severity == .permanent)
    #expect(combined.verdict.hasPrefix("550 5.1.1: Bad destination mailbox address"))
    #expect(combined.warnings.isEmpty)
    let mismatch = try #require(catalog.combined(try catalog.lookup("550 4.2.2")))
    #expect(mismatch.severity == .permanent)
    #expect(mismatch.warnings.contains { $0.contains("Class mismatch") })
    #expect(catalog.combined(try catalog.lookup("421")) == nil)
  }
}
