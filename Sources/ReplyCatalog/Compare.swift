/// One row of a side-by-side comparison.
public struct ComparisonField: Sendable, Hashable {
  /// How the two values are diffed.
  public enum Kind: String, Sendable, Hashable {
    /// A short value ("transient", "retry later, with backoff"): diffed word by word.
    case value
    /// A list joined with ", " (who must act, stages, codes, references): diffed as sets.
    case list
    /// Sentences (summary, description, …): diffed word by word.
    case prose
  }

  /// Where the row belongs, in display order: `fields` lists header rows first, then verdict
  /// rows, then prose, then details.
  public enum Section: String, Sendable, Hashable {
    /// Code and Title: what a view shows as the comparison's (sticky) header, not as rows.
    case header
    /// What a client does: severity, retry, who must act, connection, stages.
    case verdict
    /// Summary, description, when you see it, how to fix.
    case prose
    /// Class, kind, origin, enhanced classes, associated basic codes, related codes, references.
    case details
  }

  public let name: String
  public let left: String
  public let right: String
  public let kind: Kind
  public let section: Section
  /// Each side's text in runs kept by both sides (`same`) or not; the runs of `segments.left`
  /// concatenate to `left`, those of `segments.right` to `right`. Computed once, at creation.
  public let segments: DiffSides
  public var same: Bool { left == right }
  /// Code and Title: shown as the header rather than as rows.
  public var isHeader: Bool { section == .header }

  /// A prose row in the details section.
  public init(name: String, left: String, right: String) {
    self.init(name: name, kind: .prose, section: .details, left: left, right: right)
  }

  /// A value or prose row, diffed word by word.
  public init(name: String, kind: Kind, section: Section, left: String, right: String) {
    self.name = name
    self.left = left
    self.right = right
    self.kind = kind
    self.section = section
    segments = WordDiff.diff(left, right)
  }

  /// A list row: the values are the items joined with ", ", diffed as sets.
  public init(name: String, section: Section, leftItems: [String], rightItems: [String]) {
    self.name = name
    left = leftItems.joined(separator: ComparisonField.listSeparator)
    right = rightItems.joined(separator: ComparisonField.listSeparator)
    kind = .list
    self.section = section
    segments = WordDiff.setDiff(leftItems, rightItems, separator: ComparisonField.listSeparator)
  }

  public static let listSeparator = ", "

  /// The rows' names (also their labels, and the `name` of each field in `compare --json`).
  public enum Name {
    public static let code = "Code"
    public static let title = "Title"
    public static let severity = "Severity"
    public static let retry = "Retry"
    public static let whoMustAct = "Who must act"
    public static let closesConnection = "Closes connection"
    public static let stages = "Stages"
    public static let summary = "Summary"
    public static let description = "Description"
    public static let whenYouSeeIt = "When you see it"
    public static let howToFix = "How to fix"
    public static let `class` = "Class"
    public static let kind = "Kind"
    public static let origin = "Origin"
    public static let enhancedClasses = "Enhanced classes"
    public static let associatedBasicCodes = "Associated basic codes"
    public static let related = "Related codes"
    public static let references = "References"
  }
}

/// One key difference, and the row it comes from (a `ComparisonField.name`), so that a view can
/// go to that row.
public struct KeyDifference: Sendable, Hashable {
  public let text: String
  public let field: String

  public init(_ text: String, field: String) {
    self.text = text
    self.field = field
  }
}

/// Why two codes cannot be compared. `description` is the one line shown to the user.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
  /// The same code on both sides ("421" and "421", "5.7.26" and "550 5.7.26").
  case sameCode(String, String)
  /// One enhanced code with and without a class ("X.7.26" and "5.7.26").
  case sameEntry(String, String)

  public var description: String {
    switch self {
    case .sameCode(let left, let right):
      "\(left == right ? left + " twice" : left + " and " + right + " are the same code"): compare two different codes (or one enhanced code in two classes, such as 4.7.26 and 5.7.26)"
    case .sameEntry(let left, let right):
      "\(left) and \(right) are the same entry: give a class on both sides to compare its classes (such as 4.7.26 and 5.7.26), or compare two different codes"
    }
  }
}

/// Two codes side by side: the fields, the differences that matter, and which to use when.
public struct Comparison: Sendable {
  public let left: CodeReference
  public let right: CodeReference
  /// Every row in display order: the header (Code, Title; `isHeader`), then the verdict rows
  /// (severity, retry, who must act, connection, stages), prose, and details.
  public let fields: [ComparisonField]
  /// Sentences reasoned from the fields, each with the row it comes from.
  public let keyDifferenceItems: [KeyDifference]
  /// Sentences reasoned from the fields: what changes for a client, a sender or an operator.
  public var keyDifferences: [String] { keyDifferenceItems.map(\.text) }
  /// The row each of `keyDifferences` comes from (a `ComparisonField.name`), in the same order.
  public var keyDifferenceFields: [String] { keyDifferenceItems.map(\.field) }
  public let whenToUseWhich: String
  /// Hand-written notes for pairs people really confuse.
  public let notes: [ComparisonNote]

  /// Code and Title, for the header.
  public var header: [ComparisonField] { fields.filter(\.isHeader) }

  /// Every row but the header.
  public var rows: [ComparisonField] { fields.filter { !$0.isHeader } }

  /// The row of that name (`ComparisonField.Name`), if any.
  public func field(named name: String) -> ComparisonField? {
    fields.first { $0.name == name }
  }

  /// The same comparison with the sides exchanged.
  public func swapped(in catalog: Catalog) -> Comparison {
    catalog.compare(right, left)
  }
}

extension CodeReference {
  /// One side of a row: its name, kind, section and the value (one item) or the list's items.
  struct ComparableValue {
    let name: String
    let kind: ComparisonField.Kind
    let section: ComparisonField.Section
    let items: [String]
  }

  /// Everything a comparison shows, in display order.
  var comparableValues: [ComparableValue] {
    typealias Name = ComparisonField.Name
    let entry = self.entry
    func value(_ name: String, _ section: ComparisonField.Section, _ text: String)
      -> ComparableValue
    {
      ComparableValue(name: name, kind: .value, section: section, items: [text])
    }
    func prose(_ name: String, _ section: ComparisonField.Section, _ text: String)
      -> ComparableValue
    {
      ComparableValue(name: name, kind: .prose, section: section, items: [text])
    }
    func list(_ name: String, _ section: ComparisonField.Section, _ items: [String])
      -> ComparableValue
    {
      ComparableValue(name: name, kind: .list, section: section, items: items)
    }
    return [
      value(Name.code, .header, written),
      prose(Name.title, .header, entry.title),
      value(Name.severity, .verdict, severity.rawValue),
      value(Name.retry, .verdict, retry.label),
      list(Name.whoMustAct, .verdict, entry.whoMustAct.canonical.map(\.label)),
      value(Name.closesConnection, .verdict, entry.closesConnection ? "yes" : "no"),
      list(Name.stages, .verdict, entry.stages.map(\.label)),
      prose(Name.summary, .prose, entry.summary),
      prose(Name.description, .prose, entry.description),
      prose(Name.whenYouSeeIt, .prose, entry.whenYouSeeIt),
      prose(Name.howToFix, .prose, entry.howToFix),
      value(Name.class, .details, classLabel),
      value(Name.kind, .details, entry.kind.rawValue),
      value(Name.origin, .details, entry.origin.label),
      list(Name.enhancedClasses, .details, entry.classes.map(String.init)),
      list(Name.associatedBasicCodes, .details, entry.associatedBasicCodes),
      list(Name.related, .details, entry.related),
      list(Name.references, .details, entry.references),
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
  /// The comparison of two codes, whatever they are (a view that must show something uses it);
  /// `comparing` first rejects a code compared with itself.
  public func compare(_ left: CodeReference, _ right: CodeReference) -> Comparison {
    let fields = zip(left.comparableValues, right.comparableValues).map { l, r in
      l.kind == .list
        ? ComparisonField(name: l.name, section: l.section, leftItems: l.items, rightItems: r.items)
        : ComparisonField(
          name: l.name, kind: l.kind, section: l.section, left: l.items[0], right: r.items[0])
    }
    return Comparison(
      left: left, right: right, fields: fields,
      keyDifferenceItems: Self.keyDifferences(left, right),
      whenToUseWhich: Self.whenToUseWhich(left, right),
      notes: notes(for: left, right))
  }

  /// The comparison of two different codes; the same code on both sides is an error.
  public func comparing(_ left: CodeReference, _ right: CodeReference) throws(ComparisonError)
    -> Comparison
  {
    try Self.checkComparable(left, right)
    return compare(left, right)
  }

  /// Two references are worth comparing unless they are one entry in one class: "421" and
  /// "421", "5.7.26" and "550 5.7.26", or "X.7.26" and "5.7.26" (the entry with and without a
  /// class). One enhanced entry in two classes, "4.7.26" and "5.7.26", is a real question.
  public static func checkComparable(_ left: CodeReference, _ right: CodeReference)
    throws(ComparisonError)
  {
    guard left.entry == right.entry else { return }
    if left.givenClass == right.givenClass {
      throw .sameCode(left.written, right.written)
    }
    if left.givenClass == nil || right.givenClass == nil {
      throw .sameEntry(left.written, right.written)
    }
  }

  /// Notes on the two entries; for one code in two classes (4.7.26, 5.7.26), notes on the classes.
  func notes(for left: CodeReference, _ right: CodeReference) -> [ComparisonNote] {
    if left.entry == right.entry, let leftClass = left.givenClass, let rightClass = right.givenClass
    {
      return notes(between: "\(leftClass).X.X", and: "\(rightClass).X.X")
    }
    return notes(between: left.entry.code, and: right.entry.code)
  }

  static func keyDifferences(_ left: CodeReference, _ right: CodeReference) -> [KeyDifference] {
    typealias Name = ComparisonField.Name
    let l = left.written
    let r = right.written
    var sentences: [KeyDifference] = []
    func add(_ field: String, _ text: String) {
      sentences.append(KeyDifference(text, field: field))
    }
    if left.entry == right.entry, left.givenClass != right.givenClass {
      add(
        Name.class,
        "\(l) and \(r) are the same status, \(left.entry.title.lowercasedFirst), sent with different classes: the class digit alone changes what the client does."
      )
    }
    if left.severity != right.severity {
      add(
        Name.severity,
        "\(l) is \(left.severity.consequence); \(r) is \(right.severity.consequence).")
    }
    if left.entry.closesConnection != right.entry.closesConnection {
      let (closing, open) = left.entry.closesConnection ? (l, r) : (r, l)
      add(
        Name.closesConnection,
        "\(closing) ends the session: the server closes the connection and nothing more is sent in it; after \(open) the session goes on."
      )
    }
    if left.retry != right.retry {
      add(Name.retry, "Retry: for \(l), \(left.retry.label); for \(r), \(right.retry.label).")
    }
    if left.entry.whoMustAct.canonical != right.entry.whoMustAct.canonical {
      add(
        Name.whoMustAct,
        "Who acts: \(l) is for the \(left.entry.whoMustAct.canonical.map(\.label).joinedAsList) to act on; \(r) for the \(right.entry.whoMustAct.canonical.map(\.label).joinedAsList)."
      )
    }
    if left.entry.stages != right.entry.stages {
      add(
        Name.stages,
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
      add(Name.kind, sentence)
    }
    if left.entry.origin != right.entry.origin {
      add(
        Name.origin,
        "Standing: \(l) is \(left.entry.origin.label); \(r) is \(right.entry.origin.label).")
    }
    if sentences.isEmpty {
      add(
        Name.title,
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
  public var canonical: [Party] {
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
