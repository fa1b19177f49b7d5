import Testing

@testable import ReplyCatalog

/// One text and the codes that must come out of it (nil: none).
struct ParseCase: CustomTestStringConvertible, Sendable {
  let name: String
  let text: String
  let basic: Int?
  let enhanced: String?

  init(_ name: String, _ text: String, _ basic: Int?, _ enhanced: String?) {
    self.name = name
    self.text = text
    self.basic = basic
    self.enhanced = enhanced
  }

  var testDescription: String { name }
}

@Suite struct ReplyParserTests {
  static let formats: [ParseCase] = [
    .init("plain reply", "550 5.1.1 User unknown", 550, "5.1.1"),
    .init(
      "multi-line LF", "550-5.7.1 first line\n550-5.7.1 second line\n550 5.7.1 last line", 550,
      "5.7.1"),
    .init(
      "multi-line CRLF",
      "452-4.2.2 The recipient's inbox is out of storage\r\n452 4.2.2 space.\r\n",
      452, "4.2.2"),
    .init(
      "Postfix log line",
      "Mar  3 10:00:01 mx postfix/smtp[12345]: 4BXy2K3ZqGz9vN: to=<a@example.com>, relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.10] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
      550, "5.1.1"),
    .init(
      "Postfix deferral without a reply",
      "Mar  3 10:00:01 mx postfix/smtp[4521]: 3F2A1B4C5D: to=<b@example.org>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.7]:25: Connection timed out)",
      nil, "4.4.1"),
    .init(
      "Postfix smtpd reject",
      "Mar  3 10:00:01 mx postfix/smtpd[777]: NOQUEUE: reject: RCPT from unknown[203.0.113.9]: 450 4.7.1 Client host rejected: cannot find your hostname, [203.0.113.9]; from=<x@y> to=<a@b> proto=ESMTP helo=<h>",
      450, "4.7.1"),
    .init(
      "Exim log line",
      "2024-05-09 23:34:45 1rAbCd-000Abc-4X ** a@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.1] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from remote mail server after RCPT TO:<a@example.com>: 550 5.1.1 No such user",
      550, "5.1.1"),
    .init(
      "Exim defer (-44)",
      "2024-05-09 23:34:45 1rAbCd-000Abc-4X == a@example.com R=dnslookup T=remote_smtp defer (-44) H=mx.example.com [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<a@example.com>: 451 4.7.1 Greylisted, try again",
      451, "4.7.1"),
    .init(
      "Exim defer without a reply",
      "2024-05-09 23:34:45 1rAbCd-000Abc-4X == a@example.com R=dnslookup T=remote_smtp defer (-44): retry time not reached",
      nil, nil),
    .init(
      "Exim C= confirmation",
      "2024-05-09 23:34:45 1rAbCd-000Abc-4X => a@example.com C=\"250 2.0.0 OK id=1rAbCe\"",
      250, "2.0.0"),
    .init(
      "sendmail log line",
      "Mar  3 10:00:01 mx sm-mta[1234]: x0ABC123456789: to=<a@example.com>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120000, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown",
      nil, "5.1.1"),
    .init(
      "sendmail deferral with reply",
      "sm-mta[1234]: x0ABC: to=<a@example.com>, pri=120456, relay=mx.example.com., dsn=4.0.0, stat=Deferred: 421 4.7.0 Try again later",
      421, "4.7.0"),
    .init(
      "DSN fields",
      "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.0.0\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 user unknown",
      550, "5.1.1"),
    .init(
      "DSN status with a bare reply",
      "Status: 5.0.0\nDiagnostic-Code: smtp;550 Requested action not taken",
      550, "5.0.0"),
    .init(
      "qmail", "Sorry, no mailbox here by that name. (#5.1.1)", nil, "5.1.1"),
    .init("qmail deferral", "Remote host said: 451 qq trouble (#4.3.0)", 451, "4.3.0"),
    .init("bare enhanced", "5.1.1", nil, "5.1.1"),
    .init("bare basic", "421", 421, nil),
    .init(
      "Python smtplib",
      "smtplib.SMTPRecipientsRefused: {'a@example.com': (550, b'5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table')}",
      550, "5.1.1"),
    .init(
      "Python smtplib, repr with \\n",
      "smtplib.SMTPDataError: (550, b'5.7.26 This mail has been blocked because the sender is unauthenticated.\\n5.7.26 Gmail requires all senders to authenticate.')",
      550, "5.7.26"),
    .init(
      "Python traceback line numbers",
      "  File \"/usr/lib/python3.11/smtplib.py\", line 250, in sendmail\nsmtplib.SMTPSenderRefused: (553, b'5.7.1 Sender rejected', 'x@y')",
      553, "5.7.1"),
    .init(
      "Java",
      "javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n\tcom.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <a@example.com>: Recipient address rejected",
      550, "5.1.1"),
    .init(
      "Java connect error with a port",
      "com.sun.mail.util.MailConnectException: Couldn't connect to host, port: smtp.example.com, 587; timeout -1",
      nil, nil),
    .init(
      "Node nodemailer",
      "Error: Can't send mail - all recipients were rejected: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown\n    code: 'EENVELOPE', response: '550 5.1.1 <a@example.com>: Recipient address rejected', responseCode: 550, command: 'RCPT TO'",
      550, "5.1.1"),
    .init("Node connect error", "Error: connect ETIMEDOUT 192.0.2.1:587", nil, nil),
    .init(
      "JSON log line",
      #"{"ts":"2024-05-09T23:34:45.550Z","level":"error","size":500,"smtp_code":550,"enhanced":"5.1.1","msg":"user unknown"}"#,
      550, "5.1.1"),
    .init(
      "JSON log line with the reply as a string",
      #"{"time":1715297685,"port":465,"response":"421 4.7.0 Try again later, closing connection."}"#,
      421, "4.7.0"),
    .init("SMTP transcript", "<<< 554 5.7.1 Service unavailable", 554, "5.7.1"),
  ]

  static let traps: [ParseCase] = [
    .init("IP octets", "connection from 250.10.20.30 and [192.0.2.5]", nil, nil),
    .init("IP with a reply", "host 192.0.2.250 said: 550 5.7.1 blocked", 550, "5.7.1"),
    .init("SIZE value", "250-SIZE 35882577\n250 SIZE=52428800", 250, nil),
    .init("size key", "from=<a@b>, size=500, nrcpt=1 (queue active)", nil, nil),
    .init("timestamps", "2024-05-09 12:00:00,550 ERROR delivery failed at 23:34:45.421Z", nil, nil),
    .init("syslog time", "May  9 04:21:55 host postfix/qmgr[421]: removed", nil, nil),
    .init("queue ids", "4A21B550C: removed; 550ABC123: to=<a@b>", nil, nil),
    .init("bracketed counter", "postfix/smtpd[450]: lost connection [550] after DATA", nil, nil),
    .init("defer (-44)", "defer (-44): SMTP error", nil, nil),
    .init("5.1.10 is not 5.1.1", "550 5.1.10 RESOLVER.ADR.RecipientNotFound", 550, "5.1.10"),
    .init(
      "provider-private 5.7.606", "550 5.7.606 Access denied, banned sending IP", 550, "5.7.606"),
    .init("provider-private 4.7.500", "451 4.7.500 Server busy. (AS761)", 451, "4.7.500"),
    .init(
      "Yahoo's 4.16.55.1 id", "421 4.7.0 [TSS04] deferred - 4.16.55.1; see https://x", 421, "4.7.0"),
    .init("version numbers", "Postfix 3.4.13 version 2.4.1 v5.1.1", nil, nil),
    .init("a port after an IP", "relay=mx.example.com[192.0.2.1]:465, dsn=2.0.0", nil, "2.0.0"),
    .init("durations", "took 250 ms, sent 500 bytes", nil, nil),
    .init("AOL (554.30)", "554 30 Sorry, This mailbox is disabled (554.30)", 554, nil),
    .init("class mismatch kept", "550 4.4.7 QUEUE.Expired; message expired", 550, "4.4.7"),
    .init("1xx is no reply here", "defer (111): Connection refused", nil, nil),
    .init("hex ids", "id=250A3B4C; mta1061.mail.ne1.yahoo.com; OFR006_102 [102]", nil, nil),
    .init("an empty text", "", nil, nil),
    // Found by the fuzzer: a non-digit where an enhanced code's class would stand.
    .init("punctuation before a dotted number", "550 !.1.1 x", 550, nil),
    .init("no class 9", "550 9.1.1 x", 550, nil),
  ]

  @Test(arguments: formats + traps)
  func findsTheRightCodes(_ sample: ParseCase) {
    let found = ReplyParser.find(in: sample.text)
    #expect(found.basic == sample.basic, "\(sample.text)")
    #expect(found.enhanced?.description == sample.enhanced, "\(sample.text)")
  }

  @Test func theOffsetsPointAtTheCodes() {
    let text = "host said: 550 5.1.1 no"
    let found = ReplyParser.find(in: text)
    let bytes = Array(text.utf8)
    #expect(found.basicOffset.map { String(decoding: bytes[$0..<$0 + 3], as: UTF8.self) } == "550")
    #expect(
      found.enhancedOffset.map { String(decoding: bytes[$0..<$0 + 5], as: UTF8.self) } == "5.1.1")
  }

  @Test func onlyTheFirst64KiBAreRead() {
    let text = String(repeating: "x", count: ReplyParser.maximumInput) + " 550 5.1.1"
    #expect(ReplyParser.find(in: text).isEmpty)
  }

  @Test func arbitraryBytesNeverCrash() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let length = Int.random(in: 0..<64, using: &generator)
      let alphabet = Array("2459.- \n\r(#=:b'x".utf8) + [0x00, 0xFF, 0xC3]
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      _ = ReplyParser.find(in: bytes)
      _ = Catalog.builtIn.explain(bytes: bytes)
    }
  }
}
