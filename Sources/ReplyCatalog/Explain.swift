/// Where the reason came from: a provider's wording, a general wording, or the codes alone.
public enum ReasonSource: String, Sendable {
  case provider
  case text
  case code
  case none
}

/// One part of an enhanced code explained: "7" → "Security or Policy Status".
public struct EnhancedPart: Sendable, Hashable {
  public let value: Int
  public let meaning: String
}

/// Everything `explain` says about one reply, log line or bounce.
public struct Explanation: Sendable {
  /// The reply's bytes with continuation prefixes removed (at most `replyLimit`), as received:
  /// untrusted, so a front end escapes them before showing them.
  public let reply: [UInt8]
  public let codes: FoundCodes
  /// The class, subject and detail of the enhanced code, each explained.
  public let enhancedParts: (class: EnhancedPart, subject: EnhancedPart, detail: EnhancedPart)?
  /// Whether the enhanced code is in the IANA registry (the catalog has it as a standard entry).
  public let enhancedRegistered: Bool
  public let basicEntry: CatalogEntry?
  public let enhancedEntry: CatalogEntry?
  public let severity: Severity?
  public let reason: Reason
  public let reasonSource: ReasonSource
  public let retry: RetryAdvice?
  public let whoMustAct: [Party]
  public let stage: Stage?
  public let provider: Provider?
  public let pattern: ProviderPattern?
  public let conflicts: [CodeConflict]
  public internal(set) var warnings: [String]
  /// The catalog entries the codes resolve to, as `show` would take them.
  public let matches: [CodeReference]
  /// The input was longer than `ReplyParser.maximumInput` and only its start was read.
  public internal(set) var truncated: Bool
  /// A basic code the RFC says to treat as another one: 552 for too many recipients is read as
  /// 452 (RFC 5321 §4.5.3.1.10). `severity` and `retry` already follow it.
  public let treatedAs: Int?
  /// What happened, in the most specific words available, without the codes: the provider's
  /// meaning when a provider wording matched; else the reason's phrase when the wording says
  /// more than the codes; else the catalog title of the codes.
  public internal(set) var verdictPhrase: String

  /// The verdict with the codes in front: "550 5.1.10: Exchange Online found no recipient…".
  public var verdict: String {
    let written = [code, enhanced].compactMap { $0 }.joined(separator: " ")
    return written.isEmpty ? verdictPhrase : "\(written): \(verdictPhrase)"
  }

  public var code: String? { codes.basic.map(String.init) }
  public var enhanced: String? { codes.enhanced?.description }
  public var foundCode: Bool { !codes.isEmpty }
}

/// What a report knows about a reply besides its text: a delivery status notification's
/// Status and Action fields, and the reporting MTA's name.
public struct ExplainContext: Sendable {
  /// The Status field's code: used when the text has no enhanced code of its own.
  public var enhanced: EnhancedCode?
  /// Action "delayed": the reply is transient when the text carries no code to say otherwise.
  public var transient: Bool
  /// Text in which provider markers count (a reporting MTA's host name), never reason words.
  public var providerHint: String

  public init(enhanced: EnhancedCode? = nil, transient: Bool = false, providerHint: String = "") {
    self.enhanced = enhanced
    self.transient = transient
    self.providerHint = providerHint
  }
}

extension Catalog {
  /// Explains a reply, a log line, a DSN or an application error, given as any bytes.
  public func explain(_ text: String) -> Explanation {
    explain(bytes: Array(text.utf8))
  }

  public func explain(bytes input: [UInt8], context: ExplainContext = ExplainContext())
    -> Explanation
  {
    let truncated = input.count > ReplyParser.maximumInput
    let slice = truncated ? Array(input.prefix(ReplyParser.maximumInput)) : input
    var codes = ReplyParser.find(in: slice)
    if codes.enhanced == nil, let enhanced = context.enhanced {
      codes.enhanced = enhanced
    }
    let joined = Self.joinReply(slice, codes: codes, from: 0)
    let lowered = LoweredText(joined)
    let start = codes.basicOffset ?? codes.enhancedOffset ?? 0
    let reply = start == 0 ? joined : Self.joinReply(slice, codes: codes, from: start)

    var patternCodes: [String] = []
    if let basic = codes.basic { patternCodes.append(String(basic)) }
    if let enhanced = codes.enhanced {
      patternCodes += [enhanced.description, enhanced.catalogCode]
    }
    let pattern = bestPattern(in: lowered, codes: patternCodes)
    let hint = LoweredText(Array(context.providerHint.utf8))
    let detected =
      pattern.flatMap { provider(id: $0.provider) }
      ?? providers.first { $0.markers.contains(where: lowered.contains) }
      ?? (context.providerHint.isEmpty
        ? nil : providers.first { $0.markers.contains(where: hint.contains) })

    var severity: Severity? =
      codes.basic.flatMap { Severity(classDigit: $0 / 100) }
      ?? codes.enhanced.flatMap { Severity(classDigit: $0.classDigit) }
      ?? (context.transient ? .transient : nil)

    var reason = Reason.unknown
    var source = ReasonSource.none
    func take(_ candidate: Reason?, _ from: ReasonSource) {
      guard source == .none, let candidate, candidate != .unknown else { return }
      reason = candidate
      source = from
    }
    if severity == .success {
      take(.success, .code)
    }
    take(pattern?.reason, .provider)
    take(ReasonRules.firstMatch(ReasonRules.strong, in: lowered), .text)
    take(codes.enhanced.flatMap { entry($0.catalogCode)?.defaultReason }, .code)
    if codes.basic != nil || codes.enhanced != nil {
      take(ReasonRules.firstMatch(ReasonRules.weak, in: lowered), .text)
    }
    take(codes.enhanced.flatMap { entry($0.subjectCode)?.defaultReason }, .code)
    take(codes.basic.flatMap { entry(String($0))?.defaultReason }, .code)

    let basicEntry = codes.basic.flatMap { entry(String($0)) }
    let enhancedEntry = codes.enhanced.flatMap { entry($0.catalogCode) }
    let registered = enhancedEntry.map { $0.origin != .observed && $0.origin != .draft } ?? false

    // RFC 5321 §4.5.3.1.10: a 552 for too many recipients is to be treated as 452.
    var treatedAs: Int?
    if codes.basic == 552, reason == .tooManyRecipients {
      treatedAs = 452
      severity = .transient
    }
    var retry: RetryAdvice? =
      switch severity {
      case .success?, .intermediate?: .notApplicable
      case .transient?: .backoff
      case .permanent?: reason.permanentRetry
      case nil: nil
      }
    if treatedAs != nil { retry = .now }
    var parties = reason.parties
    if source == .provider, let pattern, !pattern.whoMustAct.isEmpty {
      parties = pattern.whoMustAct
    }
    if parties.isEmpty {
      parties = enhancedEntry?.whoMustAct ?? basicEntry?.whoMustAct ?? []
    }

    var matches: [CodeReference] = []
    if let basicEntry { matches.append(CodeReference(entry: basicEntry)) }
    if let enhanced = codes.enhanced {
      if let enhancedEntry {
        matches.append(
          CodeReference(
            entry: enhancedEntry, written: enhanced.description, givenClass: enhanced.classDigit))
      } else if let subject = entry(enhanced.subjectCode) {
        matches.append(
          CodeReference(
            entry: subject, written: "\(enhanced.classDigit).\(enhanced.subject).X",
            givenClass: enhanced.classDigit))
      }
    }

    let codeConflicts =
      codes.enhanced.map { enhanced in
        conflicts.filter { $0.code == enhanced.catalogCode }
      } ?? []
    let relevantConflicts = codeConflicts.filter { $0.provider == detected?.id }

    var explanation = Explanation(
      reply: Array(reply.prefix(Self.replyLimit)),
      codes: codes,
      enhancedParts: codes.enhanced.map(enhancedParts),
      enhancedRegistered: registered,
      basicEntry: basicEntry,
      enhancedEntry: enhancedEntry,
      severity: severity,
      reason: reason,
      reasonSource: source,
      retry: retry,
      whoMustAct: parties,
      stage: StagePhrases.stage(in: lowered),
      provider: detected,
      pattern: pattern,
      conflicts: detected == nil ? codeConflicts : relevantConflicts,
      warnings: [],
      matches: matches,
      truncated: truncated,
      treatedAs: treatedAs,
      verdictPhrase: "")
    explanation.verdictPhrase = verdictPhrase(for: explanation)
    explanation.warnings = warnings(for: explanation)
    return explanation
  }

  /// The reason the codes alone would give, without the text.
  func codeReason(_ codes: FoundCodes) -> Reason? {
    codes.enhanced.flatMap { entry($0.catalogCode)?.defaultReason }
      ?? codes.enhanced.flatMap { entry($0.subjectCode)?.defaultReason }
      ?? codes.basic.flatMap { entry(String($0))?.defaultReason }
  }

  /// The verdict without the codes: the provider's meaning, else the reason's phrase when the
  /// wording is more specific than the codes, else the codes' catalog title.
  func verdictPhrase(for e: Explanation) -> String {
    if let pattern = e.pattern { return pattern.meaning.trimmingFinalPeriod }
    if let treatedAs = e.treatedAs, let basic = e.codes.basic {
      return
        "\(e.reason.summary.uppercasedFirst); treat \(basic) as \(treatedAs) (transient): send the remaining recipients in a new transaction"
    }
    let codeTitle =
      e.enhancedRegistered ? (e.enhancedEntry?.title ?? e.basicEntry?.title) : e.basicEntry?.title
    if e.reason != .unknown,
      e.reasonSource == .text || e.reasonSource == .provider || codeTitle == nil,
      e.reason != codeReason(e.codes) || codeTitle == nil
    {
      return e.reason.summary.uppercasedFirst
    }
    if let codeTitle { return codeTitle }
    if e.reason != .unknown { return e.reason.summary.uppercasedFirst }
    return e.foundCode ? "A reply code the catalog does not know" : "No reply code found"
  }

  /// The most specific provider wording present: its provider's marker in the text counts most,
  /// then the length of the wording and whether it is tied to the codes.
  func bestPattern(in text: LoweredText, codes: [String]) -> ProviderPattern? {
    var best: ProviderPattern?
    var bestScore = 0
    for pattern in patterns {
      guard pattern.contains.allSatisfy(text.contains) else { continue }
      if !pattern.codes.isEmpty, !pattern.codes.contains(where: codes.contains) { continue }
      var score = pattern.contains.reduce(1) { $0 + $1.utf8.count }
      if !pattern.codes.isEmpty { score += 50 }
      if let provider = provider(id: pattern.provider),
        provider.markers.contains(where: text.contains)
      {
        score += 1_000
      }
      if score > bestScore {
        best = pattern
        bestScore = score
      }
    }
    return best
  }

  func enhancedParts(_ code: EnhancedCode) -> (
    class: EnhancedPart, subject: EnhancedPart, detail: EnhancedPart
  ) {
    let className =
      entry(code.classCode)?.title
      ?? Severity(classDigit: code.classDigit)?.enhancedClassName ?? "Unknown class"
    let subjectName =
      entry(code.subjectCode)?.title
      ?? (code.subject < Self.subjectNames.count
        ? Self.subjectNames[code.subject] : "Unknown subject")
    let detailName =
      entry(code.catalogCode)?.title ?? "not in the IANA registry (a provider-private detail)"
    return (
      EnhancedPart(value: code.classDigit, meaning: className),
      EnhancedPart(value: code.subject, meaning: subjectName),
      EnhancedPart(value: code.detail, meaning: detailName)
    )
  }

  /// RFC 3463's subjects, for when the catalog has no subject entry.
  static let subjectNames = [
    "Other or Undefined Status", "Addressing Status", "Mailbox Status", "Mail System Status",
    "Network and Routing Status", "Mail Delivery Protocol Status",
    "Message Content or Media Status", "Security or Policy Status",
  ]

  func warnings(for explanation: Explanation) -> [String] {
    var warnings: [String] = []
    let codes = explanation.codes
    if let basic = codes.basic, let enhanced = codes.enhanced, basic / 100 != enhanced.classDigit,
      basic / 100 != 3
    {
      let basicSeverity = Severity(classDigit: basic / 100)?.rawValue ?? "unknown"
      let enhancedSeverity = Severity(classDigit: enhanced.classDigit)?.rawValue ?? "unknown"
      warnings.append(
        "Class mismatch: \(basic) is \(basicSeverity) but \(enhanced) is class \(enhanced.classDigit) (\(enhancedSeverity)). The basic code decides what an SMTP client does: this reply is \(basicSeverity)."
      )
    }
    for reference in explanation.matches {
      if let warning = reference.classWarning { warnings.append(warning) }
    }
    if let basic = codes.basic {
      if let entry = explanation.basicEntry {
        if entry.origin == .observed {
          warnings.append("\(basic) is not a standard reply code (\(entry.origin.label)).")
        }
      } else {
        warnings.append(
          "\(basic) is not a reply code the catalog knows: a non-standard code; read it by its first digit (\(Severity(classDigit: basic / 100)?.rawValue ?? "unknown"))."
        )
      }
    }
    if let enhanced = codes.enhanced, !explanation.enhancedRegistered {
      let parts = enhancedParts(enhanced)
      warnings.append(
        "\(enhanced) is not in the IANA enhanced status code registry (a provider-private code): read it by its class, \(enhanced.classDigit) \(parts.class.meaning), and subject, \(enhanced.subject) \(parts.subject.meaning)."
      )
    }
    for conflict in explanation.conflicts {
      let name = provider(id: conflict.provider)?.name ?? conflict.provider
      let registry = entry(conflict.code).map { "\"\($0.title)\"" } ?? "something else"
      let written = codes.enhanced?.description ?? conflict.code
      if explanation.provider?.id == conflict.provider {
        warnings.append(
          "Provider conflict: \(name) uses \(written) for \(conflict.providerMeaning.lowercasedFirst.trimmingFinalPeriod); the IANA registry's \(conflict.code) means \(registry). Read this reply with \(name)'s meaning."
        )
      } else {
        warnings.append(
          "Possible provider conflict: the IANA registry's \(conflict.code) means \(registry), but \(name) uses it for \(conflict.providerMeaning.lowercasedFirst.trimmingFinalPeriod). Check which server sent the reply."
        )
      }
    }
    if let treatedAs = explanation.treatedAs, let basic = codes.basic {
      warnings.append(
        "Treated as \(treatedAs), not \(basic): RFC 5321 §4.5.3.1.10 says some old servers send \(basic) when a message has too many recipients, and clients should take it as the transient \(treatedAs): keep the recipients that were accepted and send the rest in a new transaction."
      )
    }
    if explanation.truncated {
      warnings.append(
        "The input is longer than \(ReplyParser.maximumInput / 1024) KiB; only its first \(ReplyParser.maximumInput / 1024) KiB were read."
      )
    }
    return warnings
  }

  /// The text from `start`, lines joined with single spaces, each line's continuation prefix
  /// ("550-5.1.1 ", "550 ") removed when it repeats the codes found.
  static func joinReply(_ bytes: [UInt8], codes: FoundCodes, from start: Int) -> [UInt8] {
    let basic = codes.basic.map { Array(String($0).utf8) }
    let enhanced = codes.enhanced.map { Array($0.description.utf8) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count - start)
    var lineStart = true
    var i = start
    let n = bytes.count
    func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    func skip(_ prefix: [UInt8]?, separators: [UInt8]) -> Bool {
      guard let prefix, i + prefix.count <= n, bytes[i..<(i + prefix.count)].elementsEqual(prefix)
      else { return false }
      let after = i + prefix.count
      if after == n {
        i = after
        return true
      }
      guard separators.contains(bytes[after]) else { return false }
      i = after + 1
      return true
    }
    while i < n {
      if lineStart {
        while i < n, blank(bytes[i]) { i += 1 }
        _ = skip(basic, separators: [0x20, 0x2D])
        while i < n, blank(bytes[i]) { i += 1 }
        _ = skip(enhanced, separators: [0x20])
        lineStart = false
        continue
      }
      let b = bytes[i]
      if b == 0x0A || b == 0x0D {
        lineStart = true
        if out.last != 0x20, !out.isEmpty { out.append(0x20) }
        i += 1
        continue
      }
      // A literal "\n" inside an application's repr of the reply.
      if b == 0x5C, i + 1 < n, bytes[i + 1] == 0x6E || bytes[i + 1] == 0x72 {
        lineStart = true
        if out.last != 0x20, !out.isEmpty { out.append(0x20) }
        i += 2
        continue
      }
      if blank(b) {
        if out.last != 0x20, !out.isEmpty { out.append(0x20) }
      } else {
        out.append(b)
      }
      i += 1
    }
    while out.last == 0x20 { out.removeLast() }
    return out
  }

  /// How much of the reply an explanation keeps.
  public static let replyLimit = 2_400
}
