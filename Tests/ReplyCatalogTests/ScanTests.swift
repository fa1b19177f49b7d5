import Testing

@testable import ReplyCatalog

@Suite struct ScanTests {
  /// A small mixed log with known counts: 5 × 250 2.0.0 (Gmail), 3 × 550 5.1.1, 2 × 421 4.7.0
  /// (Yahoo), 1 × dsn=4.4.1 without a reply, and noise lines without codes.
  static func log() -> String {
    var lines: [String] = []
    for i in 0..<5 {
      lines.append(
        "May  9 04:21:\(10 + i) mx postfix/smtp[2\(i)51]: 4BXy2K3Z\(i): to=<u\(i)@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.5]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK 1715297685 e22si - gsmtp)"
      )
      lines.append("May  9 04:21:\(10 + i) mx postfix/qmgr[421]: 4BXy2K3Z\(i): removed")
    }
    for i in 0..<3 {
      lines.append(
        "2024-05-09 04:21:0\(i) 1rAbCd-000Ab\(i)-4X ** u\(i)@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.9]: SMTP error from remote mail server after RCPT TO:<u\(i)@example.org>: 550 5.1.1 No such user"
      )
    }
    for _ in 0..<2 {
      lines.append(
        "sm-mta[1234]: x0ABC: to=<a@yahoo.com>, pri=120456, relay=mta5.am0.yahoodns.net., dsn=4.0.0, stat=Deferred: 421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"
      )
    }
    lines.append(
      "May  9 04:22:00 mx postfix/smtp[999]: 3F2A1B: to=<b@example.net>, relay=none, delay=30, dsn=4.4.1, status=deferred (connect to mx.example.net[192.0.2.7]:25: Connection timed out)"
    )
    lines.append("May  9 04:22:01 mx postfix/smtpd[450]: connect from unknown[203.0.113.9]")
    return lines.joined(separator: "\n")
  }

  func tally(_ text: String, chunkSize: Int) -> ReplyTally {
    var tally = ReplyTally()
    var splitter = LineSplitter()
    let bytes = Array(text.utf8)
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + chunkSize)
      bytes[start..<end].withUnsafeBytes { chunk in splitter.feed(chunk) { tally.add(line: $0) } }
      start = end
    }
    splitter.finish { tally.add(line: $0) }
    return tally
  }

  @Test(arguments: [1, 7, 64, 1 << 20])
  func countsTheRepliesWhateverTheChunkSize(_ chunkSize: Int) {
    let tally = tally(Self.log(), chunkSize: chunkSize)
    #expect(tally.lines == 17)
    #expect(tally.replies == 11)
    let rows = tally.rows()
    #expect(rows.map(\.count) == [5, 3, 2, 1])
    #expect(rows[0].code == "250" && rows[0].enhanced?.description == "2.0.0")
    #expect(rows[0].provider?.id == "gmail")
    #expect(rows[0].providerCount == 5)
    #expect(rows[1].code == "550" && rows[1].enhanced?.description == "5.1.1")
    #expect(rows[1].severity == .permanent)
    #expect(rows[2].code == "421" && rows[2].provider?.id == "yahoo")
    #expect(rows[3].code == nil && rows[3].enhanced?.description == "4.4.1")
  }

  @Test func crlfAndAMissingFinalNewlineAreHandled() {
    let tally = tally("550 5.1.1 a\r\n550 5.1.1 b\r\n550 5.1.1 c", chunkSize: 5)
    #expect(tally.rows().first?.count == 3)
  }

  @Test func overlongLinesAreCutNotKept() {
    var splitter = LineSplitter(maximumLine: 16)
    var lengths: [Int] = []
    let text = String(repeating: "y", count: 100) + "\nshort\n"
    Array(text.utf8).withUnsafeBytes { chunk in splitter.feed(chunk) { lengths.append($0.count) } }
    #expect(lengths == [16, 5])
  }

  @Test func markerMatcherFindsTheFirstProviderInCatalogOrder() {
    let matcher = MarkerMatcher(providers: Catalog.builtIn.providers)
    func find(_ text: String) -> String? {
      Array(text.utf8).withUnsafeBufferPointer { matcher.provider(in: $0) }
        .map { Catalog.builtIn.providers[$0].id }
    }
    #expect(find("relay=gmail-smtp-in.l.google.com[1.2.3.4]") == "gmail")
    #expect(find("[BL21] ... SPAMHAUS list, see postmaster.YAHOO.com") == "yahoo")
    #expect(find("no marker here") == nil)
  }
}
