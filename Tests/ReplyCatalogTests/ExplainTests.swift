import Foundation
import Testing
import TextLayout

@testable import ReplyCatalog

/// The real replies in the team's sample file (`shared/samples/replies-dev.tsv`, next to the
/// repository): every code exactly, and the reason.
@Suite struct SampleReplyTests {
  static let samplePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/samples/replies-dev.tsv").path

  struct Row: CustomTestStringConvertible, Sendable {
    let raw: String
    let code: String?
    let enhanced: String?
    let reason: String
    var testDescription: String { String(raw.prefix(60)) }
  }

  static let rows: [Row] = {
    guard let text = try? String(contentsOfFile: samplePath, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 4 else { return nil }
      return Row(
        raw: fields[0].replacingOccurrences(of: "\\n", with: "\n"),
        code: fields[1] == "-" ? nil : fields[1], enhanced: fields[2] == "-" ? nil : fields[2],
        reason: fields[3])
    }
  }()

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: samplePath),
      "skipped: the sample replies (../shared/samples/replies-dev.tsv next to the repository) are absent"
    ))
  func theSampleFileIsRead() {
    #expect(Self.rows.count >= 70)
  }

  @Test(arguments: rows)
  func everySampleComesOutRight(_ row: Row) {
    let explanation = Catalog.builtIn.explain(row.raw)
    #expect(explanation.code == row.code)
    #expect(explanation.enhanced == row.enhanced)
    #expect(explanation.reason.rawValue == row.reason)
  }
}

@Suite struct ExplainTests {
  let catalog = Catalog.builtIn

  @Test func classMismatchWarnsAndTheBasicCodeDecides() {
    let explanation = catalog.explain("550 4.4.7 QUEUE.Expired; message expired")
    #expect(explanation.severity == .permanent)
    #expect(explanation.reason == .expired)
    #expect(explanation.warnings.contains { $0.hasPrefix("Class mismatch") && $0.contains("550") })
  }

  @Test func noWarningWhenTheClassesAgree() {
    let explanation = catalog.explain("550 5.1.1 User unknown")
    #expect(!explanation.warnings.contains { $0.contains("mismatch") })
    #expect(explanation.enhancedRegistered)
    #expect(explanation.matches.map(\.entry.code) == ["550", "X.1.1"])
    #expect(explanation.retry == .never)
    #expect(explanation.whoMustAct == [.sender])
  }

  @Test func providerPrivateCodesAreExplainedByClassAndSubject() {
    let explanation = catalog.explain("550 5.7.606 Access denied, banned sending IP [192.0.2.1]")
    #expect(!explanation.enhancedRegistered)
    #expect(explanation.enhancedParts?.subject.meaning.contains("Security") == true)
    #expect(explanation.warnings.contains { $0.contains("not in the IANA") })
    #expect(explanation.provider?.id == "microsoft")
    #expect(explanation.reason == .blocklisted)
    // The subject entry stands in for the missing detail.
    #expect(explanation.matches.map(\.entry.code) == ["550", "X.7.X"])
  }

  @Test func microsoft5110ConflictShowsBothMeanings() throws {
    let explanation = catalog.explain(
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")
    #expect(explanation.enhanced == "5.1.10")
    #expect(explanation.provider?.id == "microsoft")
    #expect(explanation.reason == .userUnknown)
    let conflict = try #require(explanation.warnings.first { $0.hasPrefix("Provider conflict") })
    #expect(conflict.contains("null MX"))
    #expect(conflict.contains("not found"))
  }

  @Test(arguments: [
    (
      "550-5.7.27 SPF check did not pass for the sending IP. - gsmtp", "X.7.27",
      Reason.authentication
    ),
    ("421-4.7.29 This message was not sent over TLS - gsmtp", "X.7.29", .tlsRequired),
    ("550-5.7.30 DKIM did not pass - gsmtp", "X.7.30", .authentication),
  ])
  func gmailConflicts(_ text: String, _ code: String, _ reason: Reason) {
    let explanation = catalog.explain(text)
    #expect(explanation.provider?.id == "gmail")
    #expect(explanation.conflicts.map(\.code) == [code])
    #expect(explanation.reason == reason)
  }

  @Test func aConflictCodeFromAnUnknownSenderIsFlaggedAsPossible() {
    let explanation = catalog.explain("550 5.7.27 sender address has null MX")
    #expect(explanation.provider == nil)
    #expect(explanation.warnings.contains { $0.hasPrefix("Possible provider conflict") })
  }

  @Test(arguments: [
    ("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred", "yahoo"),
    ("550 5.7.1 ... (S3150) part of their network is on our block list", "microsoft"),
    ("554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1", "proofpoint"),
    ("554 email rejected due to security policies - MCSpamSignature.sa.2.2", "mimecast"),
    ("550 permanent failure, see barracudacentral.org/rbl", "barracuda"),
    (
      "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
      "spamhaus"
    ),
    (
      "450 4.2.0 <a@b>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/",
      "postgrey"
    ),
    ("550 5.2.1 The email account that you tried to reach is disabled. - gsmtp", "gmail"),
    ("552 5.2.2 <a@icloud.com>: user is over quota", "apple"),
  ])
  func recognisesProviders(_ text: String, _ provider: String) {
    #expect(catalog.explain(text).provider?.id == provider)
  }

  @Test func theTextWinsOverTheCode() {
    // GoDaddy reports an hourly rate limit as 5.1.1; a greylisting reply under a quota code.
    #expect(
      catalog.explain(
        "550 5.1.1 <a@b> - 192.0.2.1 has sent to too many recipients this hour. IB607"
      )
      .reason == .rateLimited)
    #expect(
      catalog.explain("452 4.2.2 Greylisted, please try again in 300 seconds").reason == .greylisted
    )
  }

  @Test func stageIsReadFromTheText() {
    let text =
      "host mx[192.0.2.1] said: 550 5.1.1 <a@b>: Recipient address rejected (in reply to RCPT TO command)"
    #expect(catalog.explain(text).stage == .rcpt)
    #expect(
      catalog.explain("SMTP error from remote mail server after end of data: 554 5.7.1").stage
        == .endOfData)
  }

  @Test func noCodeStillSaysWhatTheTextSuggests() {
    let nullMX = catalog.explain(
      "DNS Error: DNS type 'mx' lookup of example.org responded with code NOERROR: returned Null MX"
    )
    #expect(!nullMX.foundCode)
    #expect(nullMX.reason == .nullMX)
    #expect(
      catalog.explain("connect to mx.example.com[192.0.2.1]:25: Connection timed out").reason
        == .networkError)
  }

  @Test func escapeSequencesAndInvalidUTF8AreShownEscaped() {
    let bytes =
      Array("550 5.1.1 \u{1B}]0;owned\u{07}\u{1B}[2J user unknown \u{9B}31m".utf8) + [0xFF, 0xC3]
    let explanation = catalog.explain(bytes: bytes)
    #expect(explanation.code == "550")
    let text = SafeText.escape(explanation.reply, limit: 600)
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(text.contains("\\x1B]0;owned\\x07\\x1B[2J"))
    #expect(text.contains("\\u{009B}31m"))
    #expect(text.hasSuffix("\\xFF\\xC3"))
  }

  @Test func aTenMegabyteLineIsAnsweredQuickly() {
    let line = Array(repeating: UInt8(ascii: "5"), count: 10 * 1024 * 1024)
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = catalog.explain(bytes: line) }
    #expect(elapsed < .seconds(2))
    #expect(catalog.explain(bytes: line).truncated)
  }

  @Test func everyPatternNamesAKnownProviderAndASource() {
    #expect(catalog.patterns.count >= 60)
    for pattern in catalog.patterns {
      #expect(catalog.provider(id: pattern.provider) != nil)
      #expect(pattern.source.hasPrefix("http"), "\(pattern.contains)")
      #expect(!pattern.contains.isEmpty)
    }
    for provider in catalog.providers { #expect(provider.source.hasPrefix("http")) }
  }

  @Test func joiningStripsContinuationPrefixes() {
    let explanation = catalog.explain(
      "550-5.1.1 The account\r\n550-5.1.1 does not\r\n550 5.1.1 exist. - gsmtp")
    #expect(
      String(decoding: explanation.reply, as: UTF8.self) == "The account does not exist. - gsmtp")
  }
}
