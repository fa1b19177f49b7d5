/// What went wrong, in one word: the answer `explain` gives alongside the codes.
public enum Reason: String, Sendable, CaseIterable {
  case userUnknown, mailboxFull, mailboxDisabled, domainUnknown, nullMX, blocklisted, reputation
  case rateLimited, greylisted, authentication, reverseDNS, tlsRequired, smtpAuth, relayDenied
  case messageTooBig, tooManyRecipients, spam, policy, `protocol`, systemError, expired, loop
  case networkError, success, unknown
}

/// The kind of system that wrote a reply.
public enum ProviderKind: String, Sendable, CaseIterable {
  case mailbox
  case filter
  case blocklist
  case greylisting
  case mta
}

/// A receiver, filter or block list whose replies can be recognised from their wording.
public struct Provider: Sendable, Hashable {
  public let id: String
  public let name: String
  public let kind: ProviderKind
  /// Lower-cased substrings that identify the provider in a reply.
  public let markers: [String]
  public let source: String

  public init(id: String, name: String, kind: ProviderKind, markers: [String], source: String) {
    self.id = id
    self.name = name
    self.kind = kind
    self.markers = markers
    self.source = source
  }
}

/// A wording of one provider's with what it means there.
public struct ProviderPattern: Sendable, Hashable {
  public let provider: String
  /// Lower-cased substrings that must all occur.
  public let contains: [String]
  /// When not empty, the pattern applies only to replies carrying one of these codes.
  public let codes: [String]
  public let reason: Reason
  public let meaning: String
  public let action: String
  public let source: String
  /// Who has to act when this wording is seen; empty when the reason decides.
  public let whoMustAct: [Party]

  public init(
    provider: String, contains: [String], codes: [String], reason: Reason, meaning: String,
    action: String, source: String, whoMustAct: [Party] = []
  ) {
    self.provider = provider
    self.contains = contains
    self.codes = codes
    self.reason = reason
    self.meaning = meaning
    self.action = action
    self.source = source
    self.whoMustAct = whoMustAct
  }
}

/// A registered enhanced code that a provider sends with a meaning of its own.
public struct CodeConflict: Sendable, Hashable {
  public let provider: String
  public let code: String
  public let providerMeaning: String
  public let source: String

  public init(provider: String, code: String, providerMeaning: String, source: String) {
    self.provider = provider
    self.code = code
    self.providerMeaning = providerMeaning
    self.source = source
  }
}
