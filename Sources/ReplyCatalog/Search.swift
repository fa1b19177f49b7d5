/// A ranked search result.
public struct SearchHit: Sendable {
  public let entry: CatalogEntry
  public let score: Double
  /// Set when the query named this code exactly ("5.1.1"), keeping the class the user gave.
  public let reference: CodeReference?
}

/// An inverted index over every entry's words, weighted by the field they stand in.
///
/// Built once per catalog on first search; a query then costs a dictionary probe per word, a
/// binary search for prefixes and, for typos, one bounded edit-distance pass over the vocabulary.
public final class SearchIndex: Sendable {
  struct Posting: Sendable {
    let entry: Int32
    let weight: Float
  }

  let catalog: Catalog
  /// Sorted, so that the terms a prefix starts are one contiguous range.
  let vocabulary: [String]
  let postings: [[Posting]]
  let termIndex: [String: Int]

  public init(_ catalog: Catalog) {
    self.catalog = catalog
    var weights: [String: [Int32: Float]] = [:]
    func add(_ text: String, _ weight: Float, _ entry: Int32) {
      for word in Self.words(text) {
        weights[word, default: [:]][entry, default: 0] += weight
      }
    }
    for (position, entry) in catalog.entries.enumerated() {
      let id = Int32(position)
      add(entry.code, 20, id)
      add(entry.title, 10, id)
      add(entry.summary, 6, id)
      add(entry.description, 3, id)
      add(entry.whenYouSeeIt, 2, id)
      add(entry.howToFix, 2, id)
      add(entry.retryNote, 1, id)
      for note in entry.notes { add(note, 2, id) }
      for reference in entry.references { add(reference, 2, id) }
      for text in entry.serverTexts { add(text.text + " " + text.source, 1, id) }
    }
    vocabulary = weights.keys.sorted()
    var termIndex: [String: Int] = [:]
    termIndex.reserveCapacity(vocabulary.count)
    postings = vocabulary.enumerated().map { index, term in
      termIndex[term] = index
      // Dampen repetition: a word said ten times is not ten times as relevant.
      return weights[term]!.map { Posting(entry: $0.key, weight: $0.value.squareRoot()) }
    }
    self.termIndex = termIndex
  }

  /// Lower-cased ASCII words of two characters or more; dots inside codes are kept ("5.1.1").
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      while current.last == UInt8(ascii: ".") { current.removeLast() }
      if current.count >= 2 { words.append(String(decoding: current, as: UTF8.self)) }
      current.removeAll(keepingCapacity: true)
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      case UInt8(ascii: ".") where !current.isEmpty: current.append(byte)
      case 0x80...: current.append(byte)
      default: flush()
      }
    }
    flush()
    return words
  }

  /// Scores per entry for one query word: exact words count fully, prefixes and near-misses less.
  func scores(for word: String) -> [Int32: Float] {
    var result: [Int32: Float] = [:]
    func credit(_ term: Int, _ quality: Float) {
      for posting in postings[term] {
        let score = posting.weight * quality
        if score > result[posting.entry, default: 0] { result[posting.entry] = score }
      }
    }
    if let exact = termIndex[word] { credit(exact, 1) }
    if word.count >= 2 {
      var index = lowerBound(word)
      while index < vocabulary.count, vocabulary[index].hasPrefix(word) {
        if vocabulary[index] != word { credit(index, 0.6) }
        index += 1
      }
    }
    let length = word.utf8.count
    if length >= 4 {
      let allowed = length >= 8 ? 2 : 1
      let query = Array(word.utf8)
      for (index, term) in vocabulary.enumerated() {
        let termLength = term.utf8.count
        guard abs(termLength - length) <= allowed, term != word else { continue }
        if editDistance(query, Array(term.utf8), limit: allowed) <= allowed { credit(index, 0.45) }
      }
    }
    return result
  }

  func lowerBound(_ word: String) -> Int {
    var low = 0
    var high = vocabulary.count
    while low < high {
      let middle = (low + high) / 2
      if vocabulary[middle] < word { low = middle + 1 } else { high = middle }
    }
    return low
  }

  public func search(_ query: String) -> [SearchHit] {
    var totals: [Int32: Double] = [:]
    var matchedWords: [Int32: Int] = [:]
    let words = Self.words(query)
    for word in words {
      for (entry, score) in scores(for: word) {
        totals[entry, default: 0] += Double(score)
        matchedWords[entry, default: 0] += 1
      }
    }
    // Prefer entries that match every word; fall back to the best partial matches.
    let best = matchedWords.values.max() ?? 0
    var hits = totals.compactMap { entry, score -> SearchHit? in
      guard matchedWords[entry] == best else { return nil }
      return SearchHit(entry: catalog.entries[Int(entry)], score: score, reference: nil)
    }
    hits.sort {
      $0.score != $1.score
        ? $0.score > $1.score : $0.entry.sortKey < $1.entry.sortKey
    }
    return hits
  }
}

/// Levenshtein distance with adjacent transpositions, giving up once it exceeds `limit`.
func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
  if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
  var previousPrevious = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    var rowMinimum = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        value = min(value, previousPrevious[j - 2] + 1)
      }
      current[j] = value
      rowMinimum = min(rowMinimum, value)
    }
    if rowMinimum > limit { return rowMinimum }
    (previousPrevious, previous, current) = (previous, current, previousPrevious)
  }
  return previous[b.count]
}

extension Catalog {
  /// Full-text search over codes, titles and every section, ranked; tolerant of typos.
  ///
  /// A query that names a code ("5.1.1", "421", "550 5.1.1") puts those entries first; a code
  /// prefix ("55", "5.7.") finds the codes it starts.
  public func search(_ query: String, index: SearchIndex? = nil) -> [SearchHit] {
    let trimmed = query.trimmingCharacters(in: " \t\r\n")
    guard !trimmed.isEmpty else { return [] }
    var hits: [SearchHit] = []
    var seen: Set<String> = []
    if let references = try? lookup(trimmed) {
      for reference in references where seen.insert(reference.entry.code).inserted {
        hits.append(SearchHit(entry: reference.entry, score: .infinity, reference: reference))
      }
    }
    for entry in entries(withCodePrefix: trimmed) where seen.insert(entry.code).inserted {
      hits.append(SearchHit(entry: entry, score: 1_000, reference: nil))
    }
    for hit in (index ?? SearchIndex(self)).search(trimmed)
    where seen.insert(hit.entry.code).inserted {
      hits.append(hit)
    }
    return hits
  }

  /// Entries whose code starts with what was typed: "55" → 550…557, "5.7" → X.7.X, X.7.1, …
  public func entries(withCodePrefix prefix: String) -> [CatalogEntry] {
    guard let first = prefix.first, first.isASCIIDigit || first == "x" || first == "X",
      prefix.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "x" || $0 == "X" })
    else { return [] }
    let upper = prefix.uppercased()
    if !upper.contains(".") {
      return upper.count < 3 && first.isASCIIDigit
        ? entries.filter { $0.kind == .basic && $0.code.hasPrefix(upper) } : []
    }
    // An enhanced prefix matches with or without its class: "5.7" and "X.7" both find X.7.*.
    let withoutClass = "X" + upper.dropFirst()
    return entries.filter {
      $0.kind == .enhanced && $0.level != .class && $0.code.hasPrefix(withoutClass)
    }
  }
}

extension String {
  /// Drops the given characters from both ends (Foundation-free).
  public func trimmingCharacters(in set: String) -> String {
    var scalars = Substring(self)
    while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
    while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
