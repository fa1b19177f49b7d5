import ReplyCatalog

/// Narrows the catalog for the filter, once per keystroke. Built once per catalog: it holds the
/// search index, so `/` in the explorer and `smtpcodes search` rank alike.
public final class FilterEngine: Sendable {
  public let catalog: Catalog
  public let index: SearchIndex
  let positionByCode: [String: Int]
  /// Columns a list row needs to show its code and whole title (for wide terminals).
  public let widestRow: Int

  public init(_ catalog: Catalog) {
    self.catalog = catalog
    index = SearchIndex(catalog)
    var positions: [String: Int] = [:]
    positions.reserveCapacity(catalog.entries.count)
    for (position, entry) in catalog.entries.enumerated() { positions[entry.code] = position }
    positionByCode = positions
    // Mark, space, code (at most 12), space, title, and a column to spare.
    widestRow =
      4 + (catalog.entries.map { min(12, max(5, $0.code.utf8.count)) + $0.title.count }.max() ?? 0)
  }

  public func position(of code: String) -> Int? { positionByCode[code] }

  /// Catalog positions matching the filter, best first; nil when the filter is empty (all).
  public func filter(_ text: String) -> [Int]? {
    let query = text.trimmingCharacters(in: " \t")
    guard !query.isEmpty else { return nil }
    return catalog.searchPositions(query, index: index)
  }
}
