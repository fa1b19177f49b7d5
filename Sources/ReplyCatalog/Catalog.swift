/// The reply-code reference: every entry, the notes for confusable codes, and provider knowledge.
public struct Catalog: Sendable {
  public let entries: [CatalogEntry]
  public let comparisonNotes: [ComparisonNote]
  public let providers: [Provider]
  public let patterns: [ProviderPattern]
  public let conflicts: [CodeConflict]
  let indexByCode: [String: Int]

  /// The catalog compiled into the binary from `Sources/ReplyCatalog/Catalog/*.toml`.
  public static let builtIn = Catalog(
    entries: builtInEntries, comparisonNotes: builtInComparisonNotes, providers: builtInProviders,
    patterns: builtInPatterns, conflicts: builtInConflicts)

  public init(
    entries: [CatalogEntry], comparisonNotes: [ComparisonNote] = [], providers: [Provider] = [],
    patterns: [ProviderPattern] = [], conflicts: [CodeConflict] = []
  ) {
    self.entries = entries.map { ($0.sortKey, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    self.comparisonNotes = comparisonNotes
    self.providers = providers
    self.patterns = patterns
    self.conflicts = conflicts
    var index: [String: Int] = [:]
    index.reserveCapacity(self.entries.count)
    for (position, entry) in self.entries.enumerated() { index[entry.code] = position }
    indexByCode = index
  }

  /// The entry with exactly this catalog code ("421", "X.1.1", "X.1.X", "4.X.X").
  public func entry(_ code: String) -> CatalogEntry? {
    indexByCode[code].map { entries[$0] }
  }

  public func provider(id: String) -> Provider? {
    providers.first { $0.id == id }
  }

  /// Hand-written notes that cover both codes.
  public func notes(between left: String, and right: String) -> [ComparisonNote] {
    guard left != right else { return [] }
    return comparisonNotes.filter { $0.codes.contains(left) && $0.codes.contains(right) }
  }
}

extension CatalogEntry {
  /// Orders basic codes numerically first, then enhanced classes, then each subject before its
  /// codes ("X.1.X", "X.1.1", "X.1.2", …, "X.1.10"). Read from the code's bytes: no allocation.
  var sortKey: Int {
    // The code's numbers in order; a wildcard ("X") counts as -1.
    var parts = (-1, -1, -1)
    var part = 0
    for byte in code.utf8 {
      if byte == UInt8(ascii: ".") {
        part += 1
      } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        let digit = Int(byte - UInt8(ascii: "0"))
        switch part {
        case 0: parts.0 = max(parts.0, 0) * 10 + digit
        case 1: parts.1 = max(parts.1, 0) * 10 + digit
        default: parts.2 = max(parts.2, 0) * 10 + digit
        }
      }
    }
    if kind == .basic { return parts.0 }
    if level == .class { return 1_000 + parts.0 }
    return 2_000 + parts.1 * 1_000 + parts.2 + 1
  }
}

extension Catalog {
  /// The entries of one class and/or kind, in catalog order. An enhanced code belongs to every
  /// class it is used with (X.1.1 is in 4 and 5); a basic code and an enhanced class to one.
  public func listed(inClass digit: Int?, kind: CodeKind?) -> [CatalogEntry] {
    entries.filter { entry in
      if let kind, entry.kind != kind { return false }
      guard let digit else { return true }
      return entry.kind == .basic || entry.level == .class
        ? entry.displayClass == digit : entry.classes.contains(digit)
    }
  }
}
