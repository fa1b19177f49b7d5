/// Whether an entry is a three-digit reply code (RFC 5321) or an enhanced status code (RFC 3463).
public enum CodeKind: String, Sendable, CaseIterable {
  case basic
  case enhanced
}

/// Where a code comes from: how much weight its meaning carries.
public enum Origin: String, Sendable, CaseIterable {
  case standard
  case experimental
  case registryOnly = "registry-only"
  case draft
  case observed

  public var label: String {
    switch self {
    case .standard: "standard (defined in an RFC)"
    case .experimental: "experimental RFC"
    case .registryOnly: "registry-only (listed by IANA, defined by no SMTP RFC)"
    case .draft: "draft (an Internet-Draft, not an RFC)"
    case .observed: "non-standard (observed in the wild)"
    }
  }
}

/// What a reply means for the transaction, by its first digit.
public enum Severity: String, Sendable, CaseIterable {
  case success
  case intermediate
  case transient
  case permanent

  public init?(classDigit: Int) {
    switch classDigit {
    case 2: self = .success
    case 3: self = .intermediate
    case 4: self = .transient
    case 5: self = .permanent
    default: return nil
    }
  }
}

/// What a sending client should do next.
public enum RetryAdvice: String, Sendable, CaseIterable {
  case notApplicable = "not-applicable"
  case now
  case backoff
  case afterFix = "after-fix"
  case never

  public var label: String {
    switch self {
    case .notApplicable: "not applicable (not a failure)"
    case .now: "retry now"
    case .backoff: "retry later, with backoff"
    case .afterFix: "do not retry until something is fixed"
    case .never: "do not retry"
    }
  }
}

/// Who has to do something about a reply.
public enum Party: String, Sendable, CaseIterable {
  case sender
  case senderAdmin = "sender-admin"
  case recipient
  case recipientAdmin = "recipient-admin"
  case intermediary
  case nobody

  public var label: String {
    switch self {
    case .sender: "sender"
    case .senderAdmin: "sender's administrator"
    case .recipient: "recipient"
    case .recipientAdmin: "recipient's administrator"
    case .intermediary: "an intermediary (relay, filter)"
    case .nobody: "nobody"
    }
  }
}

/// The point of the SMTP dialogue at which a reply is given.
public enum Stage: String, Sendable, CaseIterable {
  case greeting
  case ehlo
  case starttls
  case auth
  case mail
  case rcpt
  case data
  case endOfData = "end-of-data"
  case other
  case any

  public var label: String {
    switch self {
    case .greeting: "greeting"
    case .ehlo: "EHLO/HELO"
    case .starttls: "STARTTLS"
    case .auth: "AUTH"
    case .mail: "MAIL FROM"
    case .rcpt: "RCPT TO"
    case .data: "DATA"
    case .endOfData: "end of data"
    case .other: "other commands"
    case .any: "any stage"
    }
  }
}

/// A reply as a real server words it.
public struct ServerText: Sendable, Hashable {
  public let text: String
  public let source: String

  public init(text: String, source: String) {
    self.text = text
    self.source = source
  }
}

/// How specific an enhanced entry is: a class (`4.X.X`), a subject (`X.1.X`) or a full code (`X.1.1`).
public enum EnhancedLevel: String, Sendable {
  case `class`
  case subject
  case detail
}

/// One page of the reference: a basic code, or an enhanced class, subject or code.
///
/// A class, so that lists, search results and view models share entries instead of copying
/// twenty-odd fields each time; entries are immutable and identified by their code.
public final class CatalogEntry: Sendable, Hashable {
  /// "421", "X.1.1", "X.1.X" or "4.X.X".
  public let code: String
  public let kind: CodeKind
  public let origin: Origin
  public let title: String
  /// One line for lists and tables.
  public let summary: String
  public let description: String
  public let whenYouSeeIt: String
  public let howToFix: String
  /// For enhanced codes: the severity of the class the code is mostly sent with.
  public let severity: Severity
  public let retry: RetryAdvice
  public let retryNote: String
  public let whoMustAct: [Party]
  public let stages: [Stage]
  public let closesConnection: Bool
  /// Enhanced codes: the classes (2, 4, 5) the code is used with. Empty for basic codes.
  public let classes: [Int]
  /// Enhanced codes: the basic codes the IANA registry associates with it.
  public let associatedBasicCodes: [String]
  public let references: [String]
  public let related: [String]
  public let notes: [String]
  public let deprecated: Bool
  public let serverTexts: [ServerText]
  /// What `explain` takes this code to mean when the reply's text says nothing more specific
  /// (the entry's `reason` in the catalog); nil when it says nothing either.
  public let defaultReason: Reason?

  public init(
    code: String, kind: CodeKind, origin: Origin, title: String, summary: String,
    description: String, whenYouSeeIt: String, howToFix: String, severity: Severity,
    retry: RetryAdvice, retryNote: String, whoMustAct: [Party], stages: [Stage],
    closesConnection: Bool, classes: [Int], associatedBasicCodes: [String], references: [String],
    related: [String], notes: [String], deprecated: Bool, serverTexts: [ServerText],
    defaultReason: Reason? = nil
  ) {
    self.code = code
    self.kind = kind
    self.origin = origin
    self.title = title
    self.summary = summary
    self.description = description
    self.whenYouSeeIt = whenYouSeeIt
    self.howToFix = howToFix
    self.severity = severity
    self.retry = retry
    self.retryNote = retryNote
    self.whoMustAct = whoMustAct
    self.stages = stages
    self.closesConnection = closesConnection
    self.classes = classes
    self.associatedBasicCodes = associatedBasicCodes
    self.references = references
    self.related = related
    self.notes = notes
    self.deprecated = deprecated
    self.serverTexts = serverTexts
    self.defaultReason = defaultReason == .unknown ? nil : defaultReason
  }

  public static func == (left: CatalogEntry, right: CatalogEntry) -> Bool {
    left === right || left.code == right.code
  }

  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  public var level: EnhancedLevel? {
    guard kind == .enhanced else { return nil }
    if code.hasSuffix(".X.X") { return .class }
    if code.hasSuffix(".X") { return .subject }
    return .detail
  }

  /// The first digit of a basic code or of an enhanced class entry; nil for "X." entries.
  public var classDigit: Int? {
    guard let first = code.first, let digit = first.wholeNumberValue else { return nil }
    return digit
  }

  /// The digit that decides colour and grouping: the class, or the severity's class for "X." entries.
  public var displayClass: Int {
    classDigit ?? severity.classDigit
  }

  /// "4xx Transient Negative Completion", "X.1.X Addressing Status", …
  public var classLabel: String {
    switch kind {
    case .basic:
      return "\(displayClass)xx \(Severity(classDigit: displayClass)?.basicClassName ?? "")"
    case .enhanced:
      if level == .class { return "\(code) \(title)" }
      let classes = self.classes.map(String.init).joined(separator: "/")
      return "enhanced, class \(classes.isEmpty ? "any" : classes)"
    }
  }
}

extension Severity {
  public var classDigit: Int {
    switch self {
    case .success: 2
    case .intermediate: 3
    case .transient: 4
    case .permanent: 5
    }
  }

  /// RFC 5321 §4.2.1's names of the reply classes.
  public var basicClassName: String {
    switch self {
    case .success: "Positive Completion"
    case .intermediate: "Positive Intermediate"
    case .transient: "Transient Negative Completion"
    case .permanent: "Permanent Negative Completion"
    }
  }

  /// RFC 3463's names of the enhanced classes.
  public var enhancedClassName: String {
    switch self {
    case .success: "Success"
    case .intermediate: "Intermediate"
    case .transient: "Persistent Transient Failure"
    case .permanent: "Permanent Failure"
    }
  }
}

/// A hand-written note for codes people confuse; it applies to every pair among `codes`.
public struct ComparisonNote: Sendable, Hashable {
  public let codes: [String]
  public let note: String

  public init(codes: [String], note: String) {
    self.codes = codes
    self.note = note
  }
}
