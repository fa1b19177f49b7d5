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
    self.entries = entries.sorted(by: Catalog.listOrder)
    self.comparisonNotes = comparisonNotes
    self.providers = providers
    self.patterns = patterns
    self.conflicts = conflicts
    var index: [String: Int] = [:]
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

  /// Basic codes by number, then enhanced classes, subjects and codes by subject and detail.
  static func listOrder(_ left: CatalogEntry, _ right: CatalogEntry) -> Bool {
    left.sortKey.lexicographicallyPrecedes(right.sortKey)
  }

  /// Hand-written notes that cover both codes.
  public func notes(between left: String, and right: String) -> [ComparisonNote] {
    guard left != right else { return [] }
    return comparisonNotes.filter { $0.codes.contains(left) && $0.codes.contains(right) }
  }
}

extension CatalogEntry {
  /// Orders basic codes numerically first, then enhanced: classes, then each subject before its codes.
  var sortKey: [Int] {
    if kind == .basic { return [0, Int(code) ?? 0] }
    let parts = code.split(separator: ".")
    guard parts.count == 3 else { return [9] }
    if level == .class { return [1, Int(parts[0]) ?? 0] }
    let subject = Int(parts[1]) ?? 0
    let detail = parts[2] == "X" ? -1 : Int(parts[2]) ?? 0
    return [2, subject, detail]
  }
}
