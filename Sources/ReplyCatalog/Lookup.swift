/// A code as a user asked for it, resolved to its catalog entry.
///
/// An enhanced code written with its class ("5.1.1") keeps that class: it decides the severity.
public struct CodeReference: Sendable, Hashable {
  public let entry: CatalogEntry
  /// The code as it is best shown: "421", "5.1.1", "X.1.1", "4.X.X".
  public let written: String
  /// The class digit the user gave with an enhanced code, if any.
  public let givenClass: Int?

  public init(entry: CatalogEntry, written: String? = nil, givenClass: Int? = nil) {
    self.entry = entry
    self.written = written ?? entry.code
    self.givenClass = givenClass
  }

  public var severity: Severity {
    givenClass.flatMap(Severity.init(classDigit:)) ?? entry.severity
  }

  /// The class that decides colour: the one given, else the entry's.
  public var displayClass: Int { givenClass ?? entry.displayClass }

  /// Whether the reference has one severity: a basic code, an enhanced class, or an enhanced
  /// code written with its class ("5.7.0"). A family written "X.7.0" or "X.7.X" has none: its
  /// class decides, and it is used with several.
  public var hasSingleSeverity: Bool {
    entry.kind == .basic || entry.level == .class || givenClass != nil
  }

  /// What to show instead of a severity when there is no single one.
  public static let familySeverityNote =
    "depends on the class: 2 success, 4 transient, 5 permanent"

  /// `familySeverityNote` for a family, nil when `severity` holds.
  public var severityNote: String? { hasSingleSeverity ? nil : Self.familySeverityNote }

  /// A warning when the code is written with a class the IANA registry does not list for it
  /// ("2.1.1": X.1.1 is listed for classes 4 and 5 only). The class still decides the severity.
  public var classWarning: String? {
    guard let given = givenClass, entry.kind == .enhanced, entry.level == .detail,
      !entry.classes.isEmpty, !entry.classes.contains(given)
    else { return nil }
    let listed = entry.classes.map(String.init).joined(separator: " and ")
    let severity = Severity(classDigit: given)?.rawValue ?? "unknown"
    return
      "Class mismatch: the IANA registry lists \(entry.code) for class \(listed), not \(given); \(written) reads as \(severity) by its class, but no registered use sends it so."
  }
}

/// A basic and an enhanced code given together ("550 5.1.1"), read as one reply: the enhanced
/// code's detail says what happened, the basic code's class says what a client does.
public struct CombinedMeaning: Sendable {
  public let basic: CodeReference
  public let enhanced: CodeReference
  /// The enhanced code's title: what happened.
  public let title: String
  /// The basic code's severity: what a client does.
  public let severity: Severity
  public let retry: RetryAdvice
  /// "550 5.1.1: Bad destination mailbox address — permanent (the basic code 550 decides)".
  public let verdict: String
  public let warnings: [String]
}

extension Catalog {
  /// The combined reading of a basic and an enhanced reference given together; nil unless
  /// `references` holds exactly one of each.
  public func combined(_ references: [CodeReference]) -> CombinedMeaning? {
    guard references.count == 2,
      let basic = references.first(where: { $0.entry.kind == .basic }),
      let enhanced = references.first(where: { $0.entry.kind == .enhanced }),
      enhanced.entry.level != .class
    else { return nil }
    let severity = basic.severity
    let retry =
      enhanced.hasSingleSeverity && enhanced.severity == severity
      ? enhanced.entry.retry : basic.entry.retry
    var warnings: [String] = []
    if let given = enhanced.givenClass, let basicClass = basic.entry.classDigit,
      given != basicClass, basicClass != 3
    {
      warnings.append(
        "Class mismatch: \(basic.written) is \(severity.rawValue) but \(enhanced.written) is class \(given) (\(Severity(classDigit: given)?.rawValue ?? "unknown")). The basic code decides what an SMTP client does: this reply is \(severity.rawValue)."
      )
    }
    if let warning = enhanced.classWarning { warnings.append(warning) }
    return CombinedMeaning(
      basic: basic, enhanced: enhanced, title: enhanced.entry.title, severity: severity,
      retry: retry,
      verdict:
        "\(basic.written) \(enhanced.written): \(enhanced.entry.title) — \(severity.rawValue) (the basic code \(basic.written) decides)",
      warnings: warnings)
  }
}

/// Why a code could not be looked up. `description` says it in plain words; front ends may
/// add their own advice (which command to try instead).
public enum LookupError: Error, Equatable, CustomStringConvertible {
  case empty
  case malformed(String)
  case unknownBasic(String)
  case unregisteredEnhanced(String)
  case tooMany(String)

  public static let accepted =
    "expected a basic code (421), an enhanced code (5.1.1 or X.1.1), a class or subject (4.X.X, X.1.X), or both (\"550 5.1.1\")"

  public var description: String {
    switch self {
    case .empty:
      "no code given; \(Self.accepted)"
    case .malformed(let text):
      "'\(text)' is not a reply code; \(Self.accepted)"
    case .unknownBasic(let code):
      "\(code) is not a known reply code (the catalog has standard codes and common non-standard ones)"
    case .unregisteredEnhanced(let code):
      "\(code) is not in the IANA enhanced status code registry (a provider-private code?)"
    case .tooMany(let text):
      "'\(text)' holds more than one basic and one enhanced code; give one code, or a basic and an enhanced code together (\"550 5.1.1\")"
    }
  }
}

/// The parts of an enhanced code as written: each part is a number or a wildcard (nil).
struct EnhancedParts: Equatable {
  let classDigit: Int?
  let subject: Int?
  let detail: Int?

  /// Parses "5.1.1", "X.1.1", "x.1.x", "4.XXX.YYY", "X.1" (a subject) and "4.X.X".
  init?(_ text: Substring) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3 else { return nil }
    func number(_ part: Substring, maxDigits: Int) -> Int?? {
      if part.allSatisfy({ $0 == "x" || $0 == "X" || $0 == "y" || $0 == "Y" || $0 == "*" }),
        !part.isEmpty
      {
        return .some(nil)
      }
      guard !part.isEmpty, part.count <= maxDigits, part.allSatisfy(\.isASCIIDigit) else {
        return nil
      }
      return .some(Int(part))
    }
    guard let first = number(parts[0], maxDigits: 1), let second = number(parts[1], maxDigits: 3)
    else { return nil }
    let third: Int??
    if parts.count == 3 { third = number(parts[2], maxDigits: 3) } else { third = .some(nil) }
    guard let third else { return nil }
    if let digit = first, ![2, 4, 5].contains(digit) { return nil }
    // A detail without a subject ("X.X.1") means nothing.
    if second == nil, third != nil { return nil }
    // "X.1" is a subject; "4.1" alone is not a code.
    if parts.count == 2, first != nil { return nil }
    classDigit = first
    subject = second
    detail = third
  }

  /// The catalog code this names: "4.X.X", "X.1.X" or "X.1.1"; nil for "X.X.X".
  var catalogCode: String? {
    switch (classDigit, subject, detail) {
    case (let digit?, nil, nil): "\(digit).X.X"
    case (_, let subject?, nil): "X.\(subject).X"
    case (_, let subject?, let detail?): "X.\(subject).\(detail)"
    default: nil
    }
  }

  var written: String {
    let first = classDigit.map(String.init) ?? "X"
    switch (subject, detail) {
    case (let subject?, let detail?): return "\(first).\(subject).\(detail)"
    case (let subject?, nil): return "\(first).\(subject).X"
    default: return "\(first).X.X"
    }
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Catalog {
  /// Resolves what a user typed: "421", "5.1.1", "X.1.1", "X.1.X", "4.X.X", or "550 5.1.1".
  public func lookup(_ text: String) throws(LookupError) -> [CodeReference] {
    let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    guard !tokens.isEmpty else { throw .empty }
    var references: [CodeReference] = []
    var sawBasic = false
    var sawEnhanced = false
    for token in tokens {
      // "550-5.1.1" (a continuation line's prefix) means the same as "550 5.1.1".
      if token.count > 4, token.dropFirst(3).first == "-",
        token.prefix(3).allSatisfy(\.isASCIIDigit)
      {
        references += try lookup("\(token.prefix(3)) \(token.dropFirst(4))")
        sawBasic = true
        sawEnhanced = true
        continue
      }
      if token.count == 3, token.allSatisfy(\.isASCIIDigit) {
        guard !sawBasic else { throw .tooMany(text) }
        sawBasic = true
        guard let entry = entry(String(token)) else { throw .unknownBasic(String(token)) }
        references.append(CodeReference(entry: entry))
      } else if let parts = EnhancedParts(token), let code = parts.catalogCode {
        guard !sawEnhanced else { throw .tooMany(text) }
        sawEnhanced = true
        guard let entry = entry(code) else { throw .unregisteredEnhanced(parts.written) }
        let written = entry.level == .detail && parts.classDigit == nil ? entry.code : parts.written
        references.append(
          CodeReference(
            entry: entry, written: entry.level == .class ? entry.code : written,
            givenClass: parts.classDigit))
      } else {
        throw .malformed(String(token))
      }
    }
    return references
  }
}
