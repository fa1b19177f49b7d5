import ReplyCatalog

/// Narrows the catalog for the filter, once per keystroke. Built once per catalog: it holds the
/// search index and, for one-letter filters, the initial letters of each title's words.
public final class FilterEngine: Sendable {
  public let catalog: Catalog
  public let index: SearchIndex
  let positionByCode: [String: Int]
  /// Bit n set: a word of the title starts with the letter "a" + n.
  let titleInitials: [UInt32]

  public init(_ catalog: Catalog) {
    self.catalog = catalog
    index = SearchIndex(catalog)
    var positions: [String: Int] = [:]
    positions.reserveCapacity(catalog.entries.count)
    var initials: [UInt32] = []
    initials.reserveCapacity(catalog.entries.count)
    for (position, entry) in catalog.entries.enumerated() {
      positions[entry.code] = position
      var mask: UInt32 = 0
      var atWordStart = true
      for byte in entry.title.utf8 {
        let lower = byte | 0x20
        let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
        if atWordStart, isLetter { mask |= 1 << UInt32(lower - UInt8(ascii: "a")) }
        atWordStart = !(isLetter || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80)
      }
      initials.append(mask)
    }
    positionByCode = positions
    titleInitials = initials
  }

  public func position(of code: String) -> Int? { positionByCode[code] }

  /// Catalog positions matching the filter, best first; nil when the filter is empty (all).
  ///
  /// An exact code ranks first; then code prefixes; then words in the title and sections. A single
  /// letter, too short for the word index, matches titles with a word starting with it.
  public func filter(_ text: String) -> [Int]? {
    let query = text.trimmingCharacters(in: " \t")
    guard !query.isEmpty else { return nil }
    let positions = catalog.searchPositions(query, index: index)
    if positions.isEmpty, query.utf8.count == 1, let byte = query.utf8.first {
      let lower = byte | 0x20
      guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return [] }
      let bit: UInt32 = 1 << UInt32(lower - UInt8(ascii: "a"))
      var result: [Int] = []
      for (position, mask) in titleInitials.enumerated() where mask & bit != 0 {
        result.append(position)
      }
      return result
    }
    return positions
  }
}
