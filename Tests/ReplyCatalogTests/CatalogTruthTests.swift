import Foundation
import Testing

@testable import ReplyCatalog

/// The catalog's facts about real replies: provider wordings, conflicts, credits and retry advice
/// (issue "Catalog truth").
@Suite struct CatalogTruthTests {
  let catalog = Catalog.builtIn

  @Test(arguments: [
    "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
    "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded",
  ])
  func microsoftStoreDriverThrottlingIsARateLimitTheSenderHandles(_ text: String) {
    let explanation = catalog.explain(text)
    #expect(explanation.provider?.id == "microsoft")
    #expect(explanation.reason == .rateLimited)
    #expect(explanation.severity == .transient)
    #expect(explanation.retry == .backoff)
    #expect(explanation.whoMustAct.contains { $0 == .sender || $0 == .senderAdmin })
    #expect(!explanation.whoMustAct.contains(.recipientAdmin))
    #expect(explanation.pattern?.meaning.lowercased().contains("password") == false)
  }

  @Test func entry432KnowsMicrosoftsUse() throws {
    let entry = try #require(catalog.entry("432"))
    let text = ([entry.whenYouSeeIt] + entry.notes).joined()
    #expect(text.contains("STOREDRV"))
    #expect(!text.contains("only answers AUTH"))
    #expect(entry.serverTexts.contains { $0.text.contains("STOREDRV.ClientSubmit") })
  }

  @Test func theAmavisUBEWordingIsNotBarracuda() {
    let explanation = catalog.explain(
      "554 5.7.0 Reject, id=12345-02 - content rejected, UBE, id=12345-02")
    #expect(explanation.provider?.id == "amavis")
    #expect(explanation.reason == .spam)
    #expect(
      !catalog.patterns.contains {
        $0.provider == "barracuda" && $0.contains.contains("content rejected, ube")
      })
  }

  @Test(
    arguments: [
      (
        "421-4.7.23 The sending IP address for this message doesn't have a PTR record - gsmtp",
        "gmail", "X.7.23"
      ),
      (
        "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com",
        "yahoo", "X.7.2"
      ),
      (
        "535 5.7.3 Authentication unsuccessful [BN8PR03CA0012.namprd03.prod.outlook.com]",
        "microsoft", "X.7.3"
      ),
      (
        "534-5.7.14 Please log in via your web browser and then try again. - gsmtp", "gmail",
        "X.7.14"
      ),
      (
        "523 5.7.10 SMTP protocol violation, no commands allowed to pipeline after STARTTLS. - gsmtp",
        "gmail", "X.7.10"
      ),
      ("501 5.7.11 Syntax error (no parameters allowed). - gsmtp", "gmail", "X.7.11"),
      ("541 5.4.1 Mail rejected by destination domain (zoho)", "zoho", "X.4.1"),
      (
        "550 5.1.8 Access denied, bad outbound sender. AS(42004) [BL0PR01MB.prod.outlook.com]",
        "microsoft", "X.1.8"
      ),
    ] as [(String, String, String)])
  func providerReusesOfRegisteredCodesWarn(_ text: String, _ provider: String, _ code: String) {
    let explanation = catalog.explain(text)
    #expect(explanation.provider?.id == provider)
    #expect(explanation.conflicts.map(\.code).contains(code))
    #expect(explanation.warnings.contains { $0.hasPrefix("Provider conflict") })
  }

  @Test func providerKnowledgeIsWideAndSourced() {
    #expect(catalog.providers.count >= 45)
    #expect(catalog.patterns.count >= 220)
    let required = [
      "microsoft", "gmail", "yahoo", "t-online", "att", "cox", "comcast", "yandex", "mailru",
      "netease", "qq", "orange", "free", "gmx", "libero", "seznam", "zoho", "proton", "fastmail",
      "apple", "mimecast", "proofpoint", "barracuda", "cisco", "spamexperts", "trendmicro",
      "sophos", "postmark", "sendgrid", "mailgun", "amazonses", "spamhaus", "spamcop",
      "uceprotect", "sorbs", "postfix", "exim", "sendmail", "qmail", "exchange", "haraka",
      "opensmtpd", "dovecot",
    ]
    for id in required { #expect(catalog.provider(id: id) != nil, "\(id)") }
    for conflict in catalog.conflicts {
      #expect(conflict.source.hasPrefix("http"))
      #expect(catalog.entry(conflict.code)?.origin == .standard, "\(conflict.code)")
    }
  }

  @Test(
    arguments: [
      (
        "550 5.7.520 Access denied, Your organization does not allow external forwarding.",
        Reason.policy
      ),
      ("554 5.7.60 SMTP; Client does not have permissions to send as this sender", .policy),
      (
        "550 5.7.515 Access denied, sending domain example.com does not meet the required authentication level.",
        .authentication
      ),
      (
        "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
        .policy
      ),
      (
        "550 5.7.511 Access denied, banned sender[192.0.2.1]. To request removal from this list, forward this message to delist@messaging.microsoft.com.",
        .blocklisted
      ),
      (
        "550 5.2.122 The recipient has exceeded their limit for the number of messages they can receive per hour. Recipient's per hour message receive limit exceeded",
        .rateLimited
      ),
    ] as [(String, Reason)])
  func microsoftReplies(_ text: String, _ reason: Reason) {
    let explanation = catalog.explain(text)
    #expect(explanation.provider?.id == "microsoft")
    #expect(explanation.reason == reason)
  }

  @Test(
    arguments: [
      (
        "554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)",
        "t-online", Reason.reputation
      ),
      (
        "554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (RBL)",
        "t-online", .blocklisted
      ),
      (
        "421-4.7.32 Your email has been rate limited because the From: header (RFC5322) in this message isn't aligned with either the authenticated SPF or DKIM organizational domain. - gsmtp",
        "gmail", .authentication
      ),
      (
        "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Trend Micro RBL+.",
        "trendmicro", .blocklisted
      ),
      (
        "550 MI:SPF mx3.163.com mail from 192.0.2.1 not allowed. http://mail.163.com/help/help_spam_16.htm",
        "netease", .authentication
      ),
      (
        "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation.",
        "cisco", .reputation
      ),
      ("454 Throttling failure: Maximum sending rate exceeded.", "amazonses", .rateLimited),
      (
        "421 cmsmtp blocked. Refer to Error Codes section at https://www.cox.com/ AUP#CXCNCT",
        "cox", .rateLimited
      ),
      ("550 I cannot deliver mail for <a@example.org>", "haraka", .relayDenied),
    ] as [(String, String, Reason)])
  func widenedProviders(_ text: String, _ provider: String, _ reason: Reason) {
    let explanation = catalog.explain(text)
    #expect(explanation.provider?.id == provider)
    #expect(explanation.reason == reason)
  }

  @Test func serverTextsNameRealSoftwareNotIllustrations() {
    let invented = [
      "illustrative", "generic", "registry pairing", "wording", "example", "observed",
      "legacy mta", "draft-", "rfc ",
    ]
    for entry in catalog.entries {
      for text in entry.serverTexts {
        let source = text.source.lowercased()
        #expect(!source.isEmpty, "\(entry.code)")
        #expect(!invented.contains { source.contains($0) }, "\(entry.code): \(text.source)")
      }
    }
    #expect(catalog.entries.filter { !$0.serverTexts.isEmpty }.count >= 100)
  }

  @Test func creditsTheIssueFoundWrongAreGone() throws {
    let x69 = try #require(catalog.entry("X.6.9"))
    #expect(!x69.serverTexts.contains { $0.source == "Sendmail" })
    #expect(!x69.whenYouSeeIt.contains("Sendmail reports"))
    let x6 = try #require(catalog.entry("X.6.X"))
    #expect(!x6.whenYouSeeIt.contains("Sendmail \"550 5.6.9"))
    let e525 = try #require(catalog.entry("525"))
    #expect(!e525.serverTexts.contains { $0.source == "Sendmail" })
    for code in ["X.4.1", "X.6.6"] {
      let entry = try #require(catalog.entry(code))
      #expect(!entry.serverTexts.contains { $0.source.contains("Postfix (BURL") }, "\(code)")
    }
    let x10 = try #require(catalog.entry("X.1.0"))
    #expect(!x10.serverTexts.contains { $0.text.hasPrefix("554 5.1.0") && $0.source == "Postfix" })
  }

  @Test func retryFollowsTheClass() throws {
    // X.2.1's mailbox may be re-enabled: never is wrong even for 5.2.1.
    #expect(try #require(catalog.entry("X.2.1")).retry == .afterFix)
    for entry in catalog.entries where entry.kind == .enhanced && entry.classes.contains(4) {
      let transient = CodeReference(entry: entry, written: "4.X", givenClass: 4)
      #expect(transient.retry == .backoff || entry.severity == .transient, "\(entry.code)")
    }
    #expect(catalog.explain("450 4.2.1 mailbox temporarily disabled").retry == .backoff)
  }

  @Test func standardsFactsOfPoint10() throws {
    let x610 = try #require(catalog.entry("X.6.10"))
    #expect(x610.references.contains { $0.contains("5336") })
    #expect(x610.description.contains("RFC 5336"))
    let e530 = try #require(catalog.entry("530"))
    #expect(e530.description.contains("NOOP, EHLO, STARTTLS and QUIT"))
    let e551 = try #require(catalog.entry("551"))
    #expect(e551.references.contains("RFC 5321 §4.3.2"))
    #expect(!e551.description.contains("VRFY or EXPN"))
    let e235 = try #require(catalog.entry("235"))
    #expect(e235.notes.contains { $0.contains("EHLO again") && $0.contains("4954 §4") })
    let x723 = try #require(catalog.entry("X.7.23"))
    #expect(x723.description.contains("HELO"))
    #expect(!x723.description.contains("which ends its record with -all"))
    let e538 = try #require(catalog.entry("538"))
    #expect(e538.whenYouSeeIt.contains("504 5.5.4"))
    let x53 = try #require(catalog.entry("X.5.3"))
    #expect(!x53.notes.joined().contains("must be temporary"))
  }

  @Test func theVirtualAliasTableDeferralIsNotAMapOutage() throws {
    let note = catalog.notes(between: "450", and: "550").map(\.note).joined()
    #expect(note.contains("soft_bounce"))
    #expect(note.contains("451 4.3.0"))
    #expect(note.contains("reject_unverified_recipient"))
  }

  @Test func everyEntryCarriesItsDefaultReasonAsData() throws {
    #expect(try #require(catalog.entry("X.1.1")).defaultReason == .userUnknown)
    #expect(try #require(catalog.entry("421")).defaultReason == .systemError)
    #expect(try #require(catalog.entry("450")).defaultReason == nil)
    #expect(catalog.explain("550 5.1.10").reason == .nullMX)
  }

  @Test(arguments: [
    ("500", "501"), ("501", "502"), ("502", "503"), ("503", "504"), ("500", "504"),
    ("550", "553"), ("221", "421"), ("535", "454"), ("534", "538"), ("451", "452"),
    ("452", "421"), ("451", "421"),
  ])
  func handWrittenComparisonsCoverTheConfusablePairs(_ left: String, _ right: String) {
    #expect(!catalog.notes(between: left, and: right).isEmpty)
  }
}
