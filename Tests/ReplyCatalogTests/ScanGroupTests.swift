import Testing

@testable import ReplyCatalog

/// Writes a Postfix/Exim/sendmail log with a known mix of replies and remembers what it wrote, so
/// the scan's counts are checked against the generator, not against the scan.
struct MixedLog {
  struct Kind {
    let name: String
    let basic: Int
    let enhanced: String
    let reason: Reason
    let provider: String?
    let relay: String
    /// The reply; `IP` and `RCPT` are replaced per line.
    let reply: String
  }

  static let kinds: [Kind] = [
    Kind(
      name: "greylisting", basic: 450, enhanced: "4.2.0", reason: .greylisted, provider: nil,
      relay: "mx.example.org",
      reply:
        "450 4.2.0 <RCPT>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html"
    ),
    Kind(
      name: "user unknown", basic: 550, enhanced: "5.1.1", reason: .userUnknown, provider: nil,
      relay: "mail.example.net",
      reply: "550 5.1.1 <RCPT>: Recipient address rejected: User unknown in virtual mailbox table"),
    Kind(
      name: "yahoo", basic: 421, enhanced: "4.7.0", reason: .reputation, provider: "yahoo",
      relay: "mta7.am0.yahoodns.net",
      reply:
        "421 4.7.0 [TSS04] Messages from IP temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"
    ),
    Kind(
      name: "gmail rate", basic: 450, enhanced: "4.2.1", reason: .rateLimited, provider: "gmail",
      relay: "gmail-smtp-in.l.google.com",
      reply:
        "450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. For more information, go to 450 4.2.1 https://support.google.com/mail/?p=ReceivingRate d2si18812345qkb.123 - gsmtp"
    ),
    Kind(
      name: "blocklist", basic: 554, enhanced: "5.7.1", reason: .blocklisted, provider: "spamhaus",
      relay: "mx.corp.example",
      reply:
        "554 5.7.1 Service unavailable; Client host [IP] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/IP"
    ),
  ]
  static let domains = [
    "example.org", "example.net", "corp.example", "mail.example", "shop.example",
  ]

  var text = ""
  var perKind: [String: Int] = [:]
  var perDomain: [String: Int] = [:]
  var first: [String: String] = [:]
  var last: [String: String] = [:]
  var replyLines = 0
  var lines = 0

  init(messages: Int, seed: UInt64 = 7) {
    var state = seed
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var out: [String] = []
    for m in 0..<messages {
      let kind = Self.kinds[next(Self.kinds.count)]
      let domain = Self.domains[next(Self.domains.count)]
      let rcpt = "user\(next(100_000))@\(domain)"
      let ip = "192.0.2.\(1 + next(254))"
      let reply = kind.reply.replacingAll("IP", with: ip).replacingAll("RCPT", with: rcpt)
      let second = m * 7
      let clock = "\(two(second / 3600 % 24)):\(two(second / 60 % 60)):\(two(second % 60))"
      let day = 9 + second / 86_400
      let iso = "2024-05-\(two(day)) \(clock)"
      let queue = "4B\(next(1_000_000))X\(next(1000))"
      switch next(3) {
      case 0:
        out.append(
          "May \(day < 10 ? " " : "")\(day) \(clock) mx postfix/smtpd[\(next(60000))]: connect from unknown[203.0.113.\(next(255))]"
        )
        out.append(
          "May \(day < 10 ? " " : "")\(day) \(clock) mx postfix/smtp[\(next(60000))]: \(queue): to=<\(rcpt)>, relay=\(kind.relay)[\(ip)]:25, delay=\(next(90)).\(next(10)), delays=0.1/0/0.2/0.\(next(9)), dsn=\(kind.enhanced), status=\(kind.basic < 500 ? "deferred" : "bounced") (host \(kind.relay)[\(ip)] said: \(reply) (in reply to RCPT TO command))"
        )
        out.append(
          "May \(day < 10 ? " " : "")\(day) \(clock) mx postfix/qmgr[\(next(60000))]: \(queue): removed"
        )
      case 1:
        let id = "1r\(next(99999))-00\(next(9999))-\(next(99))"
        out.append(
          "\(iso) \(id) <= sender@example.com H=app.example.com [198.51.100.7] P=esmtps S=\(next(90000))"
        )
        out.append(
          "\(iso) \(id) \(kind.basic < 500 ? "==" : "**") \(rcpt) R=dnslookup T=remote_smtp\(kind.basic < 500 ? " defer (-44)" : "") H=\(kind.relay) [\(ip)]: SMTP error from remote mail server after RCPT TO:<\(rcpt)>: \(reply)"
        )
      default:
        out.append(
          "May \(day < 10 ? " " : "")\(day) \(clock) mx sm-mta[\(next(60000))]: x\(queue): to=<\(rcpt)>, delay=00:00:\(two(next(60))), xdelay=00:00:01, mailer=esmtp, pri=\(30000 + next(100000)), relay=\(kind.relay). [\(ip)], dsn=\(kind.enhanced), stat=\(kind.basic < 500 ? "Deferred: " : "")\(reply)"
        )
      }
      perKind[kind.name, default: 0] += 1
      perDomain[domain, default: 0] += 1
      replyLines += 1
      let stamp = "2024-05-\(two(day)) \(clock)"
      if first[kind.name] == nil { first[kind.name] = stamp }
      last[kind.name] = stamp
    }
    lines = out.count
    text = out.joined(separator: "\n") + "\n"
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

@Suite struct ScanGroupTests {
  static let may2024 = LogTime(year: 2024, month: 6, day: 1)!

  func scan(
    _ text: String, grouping: ScanGrouping = .codeAndReason, filter: ScanFilter = ScanFilter(),
    configure: (inout ReplyTally) -> Void = { _ in }
  ) -> ReplyTally {
    var tally = ReplyTally(grouping: grouping, filter: filter, reference: Self.may2024)
    configure(&tally)
    var splitter = LineSplitter()
    Array(text.utf8).withUnsafeBytes { chunk in splitter.feed(chunk) { tally.add(line: $0) } }
    splitter.finish { tally.add(line: $0) }
    return tally
  }

  @Test func aKnownMixGivesExactCountsReasonsAndTimes() {
    let log = MixedLog(messages: 3_000)
    let tally = scan(log.text)
    #expect(tally.lines == log.lines)
    #expect(tally.replies == log.replyLines)
    let rows = tally.rows()
    for kind in MixedLog.kinds {
      let matching = rows.filter {
        $0.basic == kind.basic && $0.enhanced?.description == kind.enhanced
          && $0.reason == kind.reason
      }
      #expect(matching.count == 1, "\(kind.name): \(matching.count) rows")
      guard let row = matching.first else { continue }
      #expect(row.count == log.perKind[kind.name], "\(kind.name)")
      if let provider = kind.provider { #expect(row.provider?.id == provider, "\(kind.name)") }
      #expect(row.firstSeen?.description == log.first[kind.name], "\(kind.name)")
      #expect(row.lastSeen?.description == log.last[kind.name], "\(kind.name)")
      #expect(!row.template.contains("192.0.2."), "\(row.template)")
      #expect(!row.template.contains("@"), "\(row.template)")
      #expect(row.template.hasPrefix("\(kind.basic)"), "\(row.template)")
      #expect(!row.sample.isEmpty)
      #expect(row.domains.reduce(0) { $0 + $1.count } == row.count)
    }
    #expect(rows.reduce(0) { $0 + $1.count } == log.replyLines)
    let yahoo = rows.first { $0.basic == 421 }
    #expect(
      yahoo?.template.hasPrefix("421 4.7.0 [TSS04] Messages from <ip> temporarily deferred") == true
    )
  }

  @Test func byDomainCountsEachDomainExactly() {
    let log = MixedLog(messages: 2_000, seed: 99)
    let rows = scan(log.text, grouping: .domain).rows()
    #expect(rows.count == MixedLog.domains.count)
    for row in rows {
      #expect(row.count == log.perDomain[row.label ?? ""], "\(row.label ?? "-")")
    }
  }

  @Test func otherGroupingsAddUpToTheReplies() {
    let log = MixedLog(messages: 500, seed: 3)
    for grouping in ScanGrouping.allCases {
      let rows = scan(log.text, grouping: grouping).rows()
      #expect(rows.reduce(0) { $0 + $1.count } == log.replyLines, "\(grouping)")
    }
    #expect(scan(log.text, grouping: .reason).rows().count == 5)
    #expect(scan(log.text, grouping: .code).rows().count == 5)
  }

  @Test func tenThousandJunkCodesDoNotHideLaterReplies() {
    var text = ""
    var junk = 0
    outer: for subject in 0..<100 {
      for detail in 0..<100 {
        text += "550 5.\(subject).\(detail) junk\n"
        junk += 1
        if junk == 10_000 { break outer }
      }
    }
    text += String(
      repeating:
        "May  9 04:21:10 mx postfix/smtp[1]: 1A: to=<a@b.example>, status=deferred (host x[192.0.2.1] said: 421 4.7.0 Try again later)\n",
      count: 500_000)
    let tally = scan(text)
    #expect(tally.replies == 510_000)
    let rows = tally.rows()
    #expect(rows.first?.basic == 421)
    #expect(rows.first?.count == 500_000)
    #expect(rows.reduce(0) { $0 + $1.count } == 510_000)
  }

  @Test func foldingKeepsTheCountsInAnOtherRow() {
    var text = ""
    for i in 0..<300 { text += "550 5.7.\(i) rare\n" }
    text += String(repeating: "421 4.7.0 Try again later\n", count: 50)
    let tally = scan(text) { $0.maximumGroups = 100 }
    let rows = tally.rows()
    #expect(tally.foldedGroups > 0)
    #expect(rows.last?.isOther == true)
    #expect(rows.reduce(0) { $0 + $1.count } == 350)
    #expect(rows.first { $0.basic == 421 }?.count == 50)
    #expect(rows.count <= 101)
  }

  @Test func sinceUntilAndSeverityLeaveOutButCount() {
    let text = """
      May  9 04:00:00 mx postfix/smtp[1]: A: to=<a@x.example>, dsn=5.1.1, status=bounced (host m[192.0.2.1] said: 550 5.1.1 no such user)
      May  9 05:00:00 mx postfix/smtp[1]: B: to=<a@x.example>, dsn=4.2.0, status=deferred (host m[192.0.2.1] said: 450 4.2.0 greylisted)
      May  9 06:00:00 mx postfix/smtp[1]: C: to=<a@x.example>, dsn=5.1.1, status=bounced (host m[192.0.2.1] said: 550 5.1.1 no such user)
      550 5.1.1 a reply without a timestamp
      """
    let since = LogTime(year: 2024, month: 5, day: 9, hour: 4, minute: 30)!
    let until = LogTime(year: 2024, month: 5, day: 9, hour: 6)!
    let timed = scan(text, filter: ScanFilter(since: since, until: until))
    #expect(timed.replies == 4)
    #expect(timed.filteredOut == 2)
    #expect(timed.untimed == 1)
    #expect(timed.rows().map(\.count) == [1, 1])
    let permanent = scan(text, filter: ScanFilter(severities: [.permanent]))
    #expect(permanent.rows().map(\.count) == [3])
    #expect(permanent.filteredOut == 1)
  }

  @Test func templatesMaskWhatVaries() {
    #expect(
      ReplyTemplate.text("421 4.7.0 [TSS04] Messages from 192.0.2.17 temporarily deferred")
        == "421 4.7.0 [TSS04] Messages from <ip> temporarily deferred")
    #expect(
      ReplyTemplate.text("550 5.1.1 <john.doe+x@example.org>: User unknown")
        == "550 5.1.1 <addr>: User unknown")
    #expect(
      ReplyTemplate.text("250 2.0.0 OK  1715297685 e22si123456qkb.222 - gsmtp")
        == "250 2.0.0 OK <n> <id>.<n> - gsmtp")
    #expect(
      ReplyTemplate.text("see https://www.spamhaus.org/query/ip/192.0.2.1?x=1&y=2 now")
        == "see https://www.spamhaus.org/query/ip/<ip>?<query> now")
    #expect(
      ReplyTemplate.hash(Array("a 192.0.2.1 b".utf8).withUnsafeBufferPointer { $0 })
        == ReplyTemplate.hash(Array("a  10.1.1.200 b".utf8).withUnsafeBufferPointer { $0 }))
  }

  @Test func theTemplateHashDependsOnTheMaskedBytesOnly() {
    // However the bytes are handed to the hash (whole runs or one by one), the value is the same.
    let text = Array("421 4.7.0 [TSS04] Messages from <ip> temporarily deferred - see".utf8)
    text.withUnsafeBufferPointer { bytes in
      var whole = ReplyTemplate.Hash()
      whole.put(bytes, 0..<bytes.count)
      var single = ReplyTemplate.Hash()
      for byte in bytes { single.put(byte) }
      var split = ReplyTemplate.Hash()
      split.put(bytes, 0..<3)
      split.put(bytes, 3..<bytes.count)
      #expect(whole.value == single.value)
      #expect(split.value == single.value)
      var shorter = ReplyTemplate.Hash()
      shorter.put(bytes, 0..<bytes.count - 1)
      #expect(shorter.value != whole.value)
    }
    func hash(_ line: String) -> UInt64 {
      Array(line.utf8).withUnsafeBufferPointer { ReplyTemplate.hash($0) }
    }
    #expect(hash("450 4.2.0 greylisted by 192.0.2.1") == hash("450 4.2.0  greylisted by 10.0.0.9"))
    #expect(hash("450 4.2.0 greylisted by 192.0.2.1") != hash("550 4.2.0 greylisted by 192.0.2.1"))
  }

  @Test func theWordAtATimeSkipAgreesWithTheByteSearch() {
    // The skip search loads eight positions at a time; the reference looks at every byte.
    func reference(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
      for i in p.indices where p[i] >= 0x32 && p[i] <= 0x35 {
        let previous: UInt8 = i > 0 ? p[i - 1] : 0x20
        guard
          !(ReplyParser.isWordByte(previous) || previous == 0x2E || previous == 0x2B
            || previous == 0x2F || previous == 0x40 || previous == 0x25)
            || ReplyParser.isEscapedNewline(p, i)
        else { continue }
        if ReplyParser.basicCode(p, at: i) != nil { return true }
        if p[i] != 0x33, ReplyParser.enhancedCode(p, at: i) != nil { return true }
      }
      return false
    }
    let alphabet = Array("0123452.. -:=[]<>ax5".utf8)
    var seed: UInt64 = 12345
    var found = 0
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33)
    }
    for _ in 0..<20_000 {
      let length = next() % 40
      let line = (0..<length).map { _ in alphabet[next() % alphabet.count] }
      line.withUnsafeBufferPointer { p in
        let expected = reference(p)
        if expected { found += 1 }
        #expect(ReplyTally.mayCarryReply(p) == expected, "\(String(decoding: line, as: UTF8.self))")
      }
    }
    #expect(found > 100)
  }

  @Test func timestampsAndYears() {
    func parse(_ line: String, year: Int = 2024) -> String? {
      Array(line.utf8).withUnsafeBufferPointer {
        LogTime.parse(lineStart: $0, syslogYear: year)?.time.description
      }
    }
    #expect(parse("May  9 04:21:10 mx postfix") == "2024-05-09 04:21:10")
    #expect(parse("Dec 31 23:59:59 mx") == "2024-12-31 23:59:59")
    #expect(parse("2023-02-28T10:00:00.123+02:00 mx") == "2023-02-28 10:00:00")
    #expect(parse("2023-02-30 10:00:00 x") == nil)
    #expect(parse("no time here at all") == nil)
    // A December log read in January belongs to last year; the year moves on at New Year.
    var years = SyslogYear(reference: LogTime(year: 2025, month: 1, day: 2)!)
    func time(_ line: String) -> String? {
      Array(line.utf8).withUnsafeBufferPointer { years.time(of: $0)?.description }
    }
    #expect(time("Dec 31 23:59:00 mx a") == "2024-12-31 23:59:00")
    #expect(time("Jan  1 00:01:00 mx a") == "2025-01-01 00:01:00")
    let reference = LogTime(year: 2024, month: 5, day: 9, hour: 12)!
    #expect(
      LogTime.parse(argument: "2024-05-09 04:21", reference: reference)?.description
        == "2024-05-09 04:21:00")
    #expect(
      LogTime.parse(argument: "May 9 04:21:10", reference: reference)?.description
        == "2024-05-09 04:21:10")
    #expect(
      LogTime.parse(argument: "04:00", reference: reference)?.description == "2024-05-09 04:00:00")
    #expect(LogTime.parse(argument: "yesterday", reference: reference) == nil)
  }

  @Test func recipientDomains() {
    func domain(_ line: String) -> String? {
      Array(line.utf8).withUnsafeBufferPointer { p in
        LogDomain.recipient(in: p).map { LogDomain.lowered(p, $0) }
      }
    }
    #expect(domain("postfix/smtp[1]: A: to=<u@Gmail.COM>, relay=x") == "gmail.com")
    #expect(
      domain("2024-05-09 04:00:00 1rAb-00Cd-Ef ** u@example.org R=dnslookup") == "example.org")
    #expect(domain("sm-mta[1]: x: to=<u@yahoo.com>, delay=0") == "yahoo.com")
    #expect(domain("connect from unknown[192.0.2.1]") == nil)
  }

  @Test func gzipStreamsAreDecompressedAcrossChunks() throws {
    // "550 5.1.1 x\n" twice, gzip-compressed (two concatenated members), made with gzip -9 -n.
    let member: [UInt8] = [
      0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x35, 0x35, 0x50, 0x30,
      0xd5, 0x33, 0xd4, 0x33, 0x54, 0xa8, 0xe0, 0x02, 0x00, 0xcf, 0xf9, 0xf1, 0xd0, 0x0c, 0x00,
      0x00, 0x00,
    ]
    let reader = GzipReader()
    var out: [UInt8] = []
    for byte in member + member {
      try [byte].withUnsafeBytes { chunk in try reader.feed(chunk) { out += $0 } }
    }
    try reader.finish()
    #expect(String(decoding: out, as: UTF8.self) == "550 5.1.1 x\n550 5.1.1 x\n")
    let truncated = GzipReader()
    try Array(member.prefix(20)).withUnsafeBytes { chunk in try truncated.feed(chunk) { _ in } }
    #expect(throws: GzipReader.Failure.self) { try truncated.finish() }
  }
}
