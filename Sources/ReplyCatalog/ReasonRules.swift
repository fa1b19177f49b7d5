/// What `explain` knows about each reason: a sentence, who acts, and how to retry a permanent failure.
extension Reason {
  public var summary: String {
    switch self {
    case .userUnknown: "the recipient mailbox does not exist"
    case .mailboxFull: "the recipient mailbox is full (over quota)"
    case .mailboxDisabled: "the recipient mailbox exists but is inactive, suspended or moved"
    case .domainUnknown: "the recipient or sender domain does not exist or does not resolve"
    case .nullMX: "the domain publishes a null MX: it accepts no mail at all"
    case .blocklisted: "the sending IP or domain is on a DNS or provider block list"
    case .reputation: "deferred or refused for volume, complaints or the sender's reputation"
    case .rateLimited: "a connection, recipient or message rate limit was hit"
    case .greylisted: "greylisting: the receiver wants the message offered again later"
    case .authentication: "the message failed sender authentication (SPF, DKIM, DMARC or ARC)"
    case .reverseDNS: "the sending IP has no PTR record, or it does not match"
    case .tlsRequired: "the receiver requires an encrypted (TLS) connection"
    case .smtpAuth: "SMTP AUTH is required, or the credentials were refused"
    case .relayDenied: "the server will not relay for this sender or recipient"
    case .messageTooBig: "the message is larger than the receiver accepts"
    case .tooManyRecipients: "the message has more recipients than the receiver accepts"
    case .spam: "the content was judged to be spam, a virus or dangerous"
    case .policy: "the receiver's local policy refused it"
    case .protocol: "an SMTP syntax or sequence error, or a message that breaks the RFCs"
    case .systemError: "the receiving system has trouble of its own"
    case .expired: "the sending server gave up after retrying for too long"
    case .loop: "the message is looping between servers (too many hops)"
    case .networkError: "no SMTP reply: a timeout, a refused connection or a DNS failure"
    case .success: "the command succeeded"
    case .unknown: "the text does not say what went wrong"
    }
  }

  /// Who has to act for this reason; empty when the codes' catalog entries should decide.
  public var parties: [Party] {
    switch self {
    case .userUnknown, .mailboxDisabled, .nullMX, .messageTooBig, .tooManyRecipients: [.sender]
    case .mailboxFull: [.recipient]
    case .domainUnknown: [.sender, .senderAdmin]
    case .blocklisted, .reputation, .rateLimited, .authentication, .reverseDNS, .tlsRequired,
      .relayDenied, .protocol, .expired:
      [.senderAdmin]
    case .greylisted, .success: [.nobody]
    case .smtpAuth: [.sender, .senderAdmin]
    case .spam: [.sender, .senderAdmin]
    case .policy: [.senderAdmin, .recipientAdmin]
    case .systemError: [.recipientAdmin]
    case .loop: [.recipientAdmin, .senderAdmin]
    case .networkError: [.senderAdmin, .recipientAdmin]
    case .unknown: []
    }
  }

  /// Retry advice for a permanent failure with this reason.
  var permanentRetry: RetryAdvice {
    switch self {
    case .userUnknown, .mailboxDisabled, .nullMX, .domainUnknown: .never
    default: .afterFix
    }
  }
}

/// Wordings that name a reason, in order: the first rule with a phrase in the text wins. Earlier
/// rules are the more specific ("greylisted" beats the quota wording it may come with; "reputation"
/// beats the "rate limited" it may come with).
///
/// Provider patterns (providers.toml) are tried before these; the codes' defaults after them
/// (each catalog entry's `reason`, written beside the entry in its TOML file).
public struct ReasonRule: Sendable {
  public let reason: Reason
  /// Lower-cased phrases; any one is enough.
  public let phrases: [String]
}

enum ReasonRules {
  static let strong: [ReasonRule] = [
    .init(
      reason: .greylisted,
      phrases: [
        "greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list", "postgrey",
        "not yet authorized to deliver", "try again in a few minutes (greylisting",
      ]),
    .init(
      reason: .nullMX,
      phrases: [
        "null mx", "nullmx", "rfc 7505", "rfc7505", "accepts no mail", "does not accept mail",
      ]),
    .init(
      reason: .loop,
      phrases: [
        "too many hops", "mail loop", "loops back to myself", "routing loop", "loop detected",
        "hop count exceeded", "mail forwarding loop", "too many \"received\" headers",
      ]),
    .init(
      reason: .expired,
      phrases: [
        "message expired", "queue.expired", "delivery time expired", "retry timeout exceeded",
        "too long in queue", "in the queue too long", "delivery expired", "retry time exceeded",
        "gave up", "message is too old",
      ]),
    .init(
      reason: .mailboxFull,
      phrases: [
        "mailbox full", "mailbox is full", "over quota", "overquota", "quota exceeded",
        "exceeded storage", "out of storage", "mailbox size limit", "inbox is full",
        "user has exceeded", "mailbox has exceeded", "insufficient storage for the recipient",
        "quota limit", "mailfolder is full", "exceeds quota",
      ]),
    .init(
      reason: .blocklisted,
      phrases: [
        "blocklist", "block list", "blacklist", "black list", "blocked using", "listed in",
        "listed on", "listed at", "spamhaus", "dnsbl", "/rbl", " rbl", "rbl.", "banned sending ip",
        "spamcop", "barracudacentral", "sorbs", "uceprotect", "spamrats", "is listed",
        "block listed",
        "black listed", "blocked by", "host network not allowed", "ip blocked", "blocked ip",
        // Postfix's reject_rbl_client and its kin: "Client host [192.0.2.1] blocked, …".
        "] blocked", "host blocked",
      ]),
    .init(
      reason: .reputation,
      phrases: [
        "reputation", "user complaints", "unexpected volume", "complaints", "unusual rate",
        "unsolicited mail originating from your ip", "poor sending",
        "bulk email senders guidelines",
      ]),
    .init(
      reason: .rateLimited,
      phrases: [
        "rate limit", "rate-limit", "ratelimit", "rate limited", "too many connections",
        "too many messages", "too quickly", "too fast", "receiving mail at a rate",
        "receiving email at a rate", "frequency limit", "this hour", "per hour", "sending rate",
        "throttl", "too many concurrent", "exceeded the rate", "connection limit",
        "try again later, closing connection", "too many sessions", "sending limit",
        "sent too many", "server busy",
      ]),
    .init(reason: .tooManyRecipients, phrases: ["too many recipients", "recipient limit"]),
    .init(
      reason: .reverseDNS,
      phrases: [
        "reverse dns", "reverse-dns", "rdns", "ptr record", "dns ptr", "no ptr", "ptr resource",
        "reverse lookup", "reverse hostname", "cannot find your hostname", "fcrdns",
        "hostname does not match", "reverse mapping", "no reverse",
      ]),
    .init(
      reason: .authentication,
      phrases: [
        "spf", "dkim", "dmarc", "unauthenticated", "sender policy framework", "domainkeys",
        "arc validation", "arc-seal", "sender authentication", "not authenticated by",
      ]),
    .init(
      reason: .tlsRequired,
      phrases: [
        "starttls", "tls required", "requires tls", "must use tls", "encryption required",
        "tls is required", "must issue a starttls", "secure connection required", "requiretls",
        "tls connection", "unencrypted",
      ]),
    .init(
      reason: .smtpAuth,
      phrases: [
        "authentication required", "authentication is required", "must authenticate",
        "username and password not accepted", "invalid login", "authentication failed",
        "authentication unsuccessful", "auth required", "invalid credentials",
        "authentication credentials invalid", "sender not authenticated", "smtp auth",
        "login denied", "bad credentials", "authentication mechanism",
      ]),
    .init(
      reason: .relayDenied,
      phrases: [
        "relay access denied", "relaying denied", "relay not permitted", "not permitted to relay",
        "unable to relay", "relaying not allowed", "we do not relay", "relay denied",
        "not allowed to relay", "no relaying", "relay not allowed", "relaying prohibited",
      ]),
    .init(
      reason: .messageTooBig,
      phrases: [
        "message size exceeds", "too big", "too large", "size exceeds", "exceeds fixed maximum",
        "message size limit", "exceeds the maximum size", "exceeded size", "maximum message size",
        "message is larger",
      ]),
    .init(
      reason: .mailboxDisabled,
      phrases: [
        "inactive", "disabled", "suspended", "no longer on server", "no longer available",
        "deactivated", "account has been closed", "account is locked", "has been terminated",
        "mailbox is frozen", "no longer active", "account expired", "has moved", "mailbox moved",
      ]),
    .init(
      reason: .domainUnknown,
      phrases: [
        "domain of sender address", "domain does not exist", "domain not found", "unresolvable",
        "no such domain", "host or domain name not found", "nxdomain", "domain name not found",
        "unknown domain", "sender domain must exist", "domain must resolve", "unrouteable address",
        "no mx record", "name or service not known", "does not resolve",
      ]),
    .init(
      reason: .userUnknown,
      phrases: [
        "user unknown", "unknown user", "no such user", "does not exist", "recipient not found",
        "recipientnotfound", "mailbox not found", "no mailbox", "invalid recipient",
        "unknown recipient", "doesn't have a", "not a valid mailbox", "user not found",
        "no such mailbox", "mailbox unavailable", "invalid mailbox", "no such recipient",
        "address rejected: user", "unknown address", "user doesn't exist", "not our customer",
        "mailbox does not exist", "account does not exist", "addressee unknown", "bad recipient",
        "no such person", "user not exist",
      ]),
    .init(
      reason: .protocol,
      phrases: [
        "syntax", "out of sequence", "bad sequence", "rfc 5322", "rfc5322", "rfc 2822",
        "rfc 5321 compliant", "not rfc", "8-bit", "8bit", "line too long", "command unrecognized",
        "unrecognized command", "bad command", "improper", "invalid command", "malformed",
        "command not implemented", "pipelining", "bare lf", "bare <lf>", "header",
      ]),
    .init(
      reason: .spam,
      phrases: [
        "spam", "virus", "malware", "unsolicited", "junk", "content rejected",
        "security issue", "suspicious", "phish", "infected", "content filter", "bulk mail",
      ]),
    .init(
      reason: .networkError,
      phrases: [
        "timed out", "timeout", "connection refused", "connection reset", "no route to host",
        "network is unreachable", "lost connection", "econnrefused", "etimedout", "econnreset",
        "ehostunreach", "broken pipe", "dns query failed", "temporary failure in name resolution",
        "could not connect", "unable to connect", "connect to", "dns error", "servfail",
        "no answer from host", "connection dropped", "conversation with",
      ]),
    .init(
      reason: .systemError,
      phrases: [
        "disk space", "insufficient system storage", "local error", "internal error",
        "server error", "system error", "upstream error", "too many errors",
        "temporarily unavailable",
        "service unavailable", "service not available", "try again later", "resources",
        "out of memory", "temporary failure", "shutting down", "processing error",
      ]),
  ]

  /// Last resort wordings, tried after the codes' defaults.
  static let weak: [ReasonRule] = [
    .init(
      reason: .policy,
      phrases: [
        "policy", "not allowed", "access denied", "rejected", "refused", "prohibited",
        "not permitted", "administrative", "blocked", "denied", "not accepted",
      ])
  ]

  /// The first rule with a phrase in `text` (lower-cased bytes).
  static func firstMatch(_ rules: [ReasonRule], in text: LoweredText) -> Reason? {
    rules.first { rule in rule.phrases.contains { text.contains($0) } }?.reason
  }
}

/// Stages the text names ("in reply to RCPT TO command", "after end of data").
enum StagePhrases {
  static let table: [(String, Stage)] = [
    ("in reply to rcpt to", .rcpt), ("after rcpt to", .rcpt), ("command: 'rcpt to'", .rcpt),
    ("in reply to mail from", .mail), ("after mail from", .mail), ("command: 'mail from'", .mail),
    ("in reply to end of data", .endOfData), ("after end of data", .endOfData),
    ("after data", .data), ("in reply to data", .data), ("command: 'data'", .data),
    ("in reply to ehlo", .ehlo), ("in reply to helo", .ehlo), ("after ehlo", .ehlo),
    ("after helo", .ehlo), ("command: 'ehlo'", .ehlo),
    ("in reply to starttls", .starttls), ("after starttls", .starttls),
    ("in reply to auth", .auth), ("after auth", .auth), ("command: 'auth", .auth),
    ("while receiving the initial server greeting", .greeting),
    ("after initial connection", .greeting),
    ("initial server greeting", .greeting), ("after connect", .greeting),
    ("after pipelined", .rcpt),
  ]

  static func stage(in text: LoweredText) -> Stage? {
    table.first { text.contains($0.0) }?.1
  }
}
