/// One row of a side-by-side comparison.
public struct ComparisonField: Sendable, Hashable {
  public let name: String
  public let left: String
  public let right: String
  public var same: Bool { left == right }

  public init(name: String, left: String, right: String) {
    self.name = name
    self.left = left
    self.right = right
  }
}

/// Two codes side by side: the fields, the differences that matter, and which to use when.
public struct Comparison: Sendable {
  public let left: CodeReference
  public let right: CodeReference
  public let fields: [ComparisonField]
  /// Sentences reasoned from the fields: what changes for a client, a sender or an operator.
  public let keyDifferences: [String]
  public let whenToUseWhich: String
  /// Hand-written notes for pairs people really confuse.
  public let notes: [ComparisonNote]

  /// The same comparison with the sides exchanged.
  public func swapped(in catalog: Catalog) -> Comparison {
    catalog.compare(right, left)
  }
}

extension CodeReference {
  /// Everything a comparison shows, in display order. Names double as the JSON field names' labels.
  var comparableFields: [(String, String)] {
    let entry = self.entry
    return [
      ("Code", written),
      ("Kind", entry.kind.rawValue),
      ("Class", classLabel),
      ("Title", entry.title),
      ("Severity", severity.rawValue),
      ("Retry", retry.label),
      ("Who must act", entry.whoMustAct.canonical.map(\.label).joined(separator: ", ")),
      ("Stages", entry.stages.map(\.label).joined(separator: ", ")),
      ("Closes connection", entry.closesConnection ? "yes" : "no"),
      ("Origin", entry.origin.label),
      ("Enhanced classes", entry.classes.map(String.init).joined(separator: ", ")),
      ("Associated basic codes", entry.associatedBasicCodes.joined(separator: ", ")),
      ("References", entry.references.joined(separator: ", ")),
      ("Summary", entry.summary),
      ("Description", entry.description),
      ("When you see it", entry.whenYouSeeIt),
      ("How to fix", entry.howToFix),
    ]
  }

  /// The class label for this use of the code: "5.X.X Permanent Failure" for 5.1.1.
  public var classLabel: String {
    if entry.kind == .enhanced, let givenClass, entry.level != .class {
      let severity = Severity(classDigit: givenClass) ?? entry.severity
      return "\(givenClass).X.X \(severity.enhancedClassName)"
    }
    return entry.classLabel
  }

  /// Retry advice for this use: a class-4 use of a code that is mostly permanent is retried later.
  public var retry: RetryAdvice {
    guard entry.kind == .enhanced, givenClass != nil, severity != entry.severity else {
      return entry.retry
    }
    switch severity {
    case .success, .intermediate: return .notApplicable
    case .transient: return .backoff
    case .permanent: return entry.retry == .backoff || entry.retry == .now ? .afterFix : entry.retry
    }
  }
}

extension Catalog {
  public func compare(_ left: CodeReference, _ right: CodeReference) -> Comparison {
    let leftFields = left.comparableFields
    let rightFields = right.comparableFields
    let fields = zip(leftFields, rightFields).map {
      ComparisonField(name: $0.0, left: $0.1, right: $1.1)
    }
    return Comparison(
      left: left, right: right, fields: fields,
      keyDifferences: Self.keyDifferences(left, right),
      whenToUseWhich: Self.whenToUseWhich(left, right),
      notes: notes(for: left, right))
  }

  /// Notes on the two entries; for one code in two classes (4.7.26, 5.7.26), notes on the classes.
  func notes(for left: CodeReference, _ right: CodeReference) -> [ComparisonNote] {
    if left.entry == right.entry, let leftClass = left.givenClass, let rightClass = right.givenClass
    {
      return notes(between: "\(leftClass).X.X", and: "\(rightClass).X.X")
    }
    return notes(between: left.entry.code, and: right.entry.code)
  }

  static func keyDifferences(_ left: CodeReference, _ right: CodeReference) -> [String] {
    let l = left.written
    let r = right.written
    var sentences: [String] = []
    if left.entry == right.entry, left.givenClass != right.givenClass {
      sentences.append(
        "\(l) and \(r) are the same status, \(left.entry.title.lowercasedFirst), sent with different classes: the class digit alone changes what the client does."
      )
    }
    if left.severity != right.severity {
      sentences.append(
        "\(l) is \(left.severity.consequence); \(r) is \(right.severity.consequence).")
    }
    if left.entry.closesConnection != right.entry.closesConnection {
      let (closing, open) = left.entry.closesConnection ? (l, r) : (r, l)
      sentences.append(
        "\(closing) ends the session: the server closes the connection and nothing more is sent in it; after \(open) the session goes on."
      )
    }
    if left.retry != right.retry {
      sentences.append("Retry: for \(l), \(left.retry.label); for \(r), \(right.retry.label).")
    }
    if left.entry.whoMustAct.canonical != right.entry.whoMustAct.canonical {
      sentences.append(
        "Who acts: \(l) is for the \(left.entry.whoMustAct.canonical.map(\.label).joinedAsList) to act on; \(r) for the \(right.entry.whoMustAct.canonical.map(\.label).joinedAsList)."
      )
    }
    if left.entry.stages != right.entry.stages {
      sentences.append(
        "Where: \(l) comes \(left.entry.stages.stagePhrase); \(r) \(right.entry.stages.stagePhrase)."
      )
    }
    if left.entry.kind != right.entry.kind {
      let (basic, enhanced) = left.entry.kind == .basic ? (left, right) : (right, left)
      var sentence =
        "\(basic.written) is a basic reply code, the one an SMTP client acts on; \(enhanced.written) is an enhanced status code that refines the reason and travels next to a basic code."
      if enhanced.entry.associatedBasicCodes.contains(basic.entry.code) {
        sentence +=
          " The registry pairs them: a server may send \(basic.entry.code) \(enhanced.written.replacingX(with: basic.entry.classDigit))."
      }
      sentences.append(sentence)
    }
    if left.entry.origin != right.entry.origin {
      sentences.append(
        "Standing: \(l) is \(left.entry.origin.label); \(r) is \(right.entry.origin.label).")
    }
    if sentences.isEmpty {
      sentences.append(
        "\(l) and \(r) call for the same handling (\(left.severity.rawValue), \(left.retry.label)); they differ in what went wrong: \(left.entry.title.lowercasedFirst) versus \(right.entry.title.lowercasedFirst)."
      )
    }
    return sentences
  }

  static func whenToUseWhich(_ left: CodeReference, _ right: CodeReference) -> String {
    func profile(_ side: CodeReference) -> String {
      var traits = [side.severity.rawValue, side.retry.label]
      if side.entry.closesConnection { traits.append("closes the connection") }
      let summary = side.entry.summary.trimmingFinalPeriod
      return "\(side.written) (\(traits.joined(separator: ", "))): \(summary)."
    }
    var sentences = [profile(left), profile(right)]
    let (l, r) = (left.written, right.written)
    if left.entry.kind != right.entry.kind {
      let (basic, enhanced) = left.entry.kind == .basic ? (left, right) : (right, left)
      sentences.append(
        "They are not alternatives: a server sends the basic code and may add the enhanced one after it; \(basic.written) decides what the client does, \(enhanced.written) says why."
      )
    } else if left.severity != right.severity,
      left.severity == .transient || right.severity == .transient
    {
      let (transient, other) = left.severity == .transient ? (l, r) : (r, l)
      sentences.append(
        "Send \(transient) when the condition may clear by itself: the message waits in the sender's queue. Send \(other) only for a verdict that retrying cannot change."
      )
    } else if left.severity != right.severity {
      sentences.append(
        "\(l) and \(r) answer different questions (\(left.severity.rawValue) versus \(right.severity.rawValue)); use the one that matches the outcome."
      )
    }
    if left.entry.closesConnection != right.entry.closesConnection {
      let (closing, open) = left.entry.closesConnection ? (l, r) : (r, l)
      sentences.append(
        "Use \(closing) only when the whole session must end; \(open) answers one command and keeps the connection."
      )
    }
    if left.entry.kind == right.entry.kind, left.severity == right.severity,
      left.entry.closesConnection == right.entry.closesConnection
    {
      sentences.append(
        "Both ask the same of the client, so choose by meaning: the one whose description matches what actually went wrong."
      )
    }
    return sentences.joined(separator: " ")
  }
}

extension Severity {
  /// What a client does with a reply of this severity.
  var consequence: String {
    switch self {
    case .success: "a success: the command worked"
    case .intermediate: "an intermediate reply: the server waits for more input"
    case .transient: "a transient failure: the client keeps the message and tries again later"
    case .permanent:
      "a permanent failure: the client must not retry as is and returns the message to its sender"
    }
  }
}

extension [Party] {
  /// The same parties in one fixed order, so that two lists compare by content.
  var canonical: [Party] {
    Party.allCases.filter(contains)
  }
}

extension [Stage] {
  var stagePhrase: String {
    if self == [.any] { return "at any stage" }
    return "at " + map(\.label).joinedAsList
  }
}

extension [String] {
  /// "a", "a and b", "a, b and c".
  var joinedAsList: String {
    switch count {
    case 0: return ""
    case 1: return self[0]
    default: return dropLast().joined(separator: ", ") + " and " + last!
    }
  }
}

extension String {
  var lowercasedFirst: String {
    guard let first, first.isUppercase, dropFirst().first?.isUppercase != true else { return self }
    return first.lowercased() + dropFirst()
  }

  var trimmingFinalPeriod: String {
    hasSuffix(".") ? String(dropLast()) : self
  }

  /// "X.1.1" with class 5 → "5.1.1".
  func replacingX(with digit: Int?) -> String {
    guard hasPrefix("X."), let digit else { return self }
    return "\(digit)" + dropFirst()
  }
}
