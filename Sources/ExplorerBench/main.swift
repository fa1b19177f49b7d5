import Explorer
import ReplyCatalog

// explorer-bench: the cost of one keystroke in the filter — narrow the list, lay out, render the
// grid — with the built-in catalog and with a synthetic catalog of 100,000 entries.
// Run with: swift run -c release explorer-bench

/// A small deterministic generator, so every run measures the same catalog.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

/// 100,000 entries: the built-in ones plus enhanced codes X.s.d whose texts mix the built-in
/// catalog's words (so real queries hit many entries) with a few made-up words (a large vocabulary).
func syntheticCatalog(count: Int) -> Catalog {
  let base = Catalog.builtIn.entries
  var words: [String] = []
  for entry in base {
    for word in (entry.title + " " + entry.summary + " " + entry.description).split(separator: " ")
    {
      words.append(String(word))
    }
  }
  if words.isEmpty { words = ["mailbox", "full", "server", "retry", "relay", "denied"] }
  var random = SplitMix64(state: 42)
  func sentence(_ length: Int) -> String {
    var parts: [String] = []
    for _ in 0..<length {
      if random.next() % 8 == 0 {
        parts.append("tok\(random.next() % 200_000)")
      } else {
        parts.append(random.pick(words))
      }
    }
    return parts.joined(separator: " ")
  }
  var entries = base
  var subject = 10
  var detail = 0
  while entries.count < count {
    let code = "X.\(subject).\(detail)"
    detail += 1
    if detail == 100 {
      detail = 0
      subject += 1
    }
    let template = base.isEmpty ? nil : random.pick(base)
    entries.append(
      CatalogEntry(
        code: code, kind: .enhanced, origin: .observed, title: sentence(6), summary: sentence(14),
        description: sentence(50), whenYouSeeIt: sentence(25), howToFix: sentence(25),
        severity: template?.severity ?? .permanent, retry: template?.retry ?? .afterFix,
        retryNote: sentence(8), whoMustAct: template?.whoMustAct ?? [.sender], stages: [.rcpt],
        closesConnection: false, classes: [4, 5], associatedBasicCodes: ["550"],
        references: ["RFC 3463"], related: [], notes: [sentence(12)], deprecated: false,
        serverTexts: []))
  }
  return Catalog(entries: entries)
}

let queries = ["mailbox full", "5.7.1", "greylist", "421", "relay denied", "spam", "x.1"]

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// Types each query a character at a time (then erases it), timing update + render per key.
func measure(_ catalog: Catalog, width: Int, height: Int, rounds: Int) -> [String: [Double]] {
  let engine = FilterEngine(catalog)
  let theme = Theme.builtInDefault
  var timings: [String: [Double]] = [:]
  let clock = ContinuousClock()
  var sink = 0
  for _ in 0..<rounds {
    for query in queries {
      var state = AppState(engine: engine, width: width, height: height)
      update(&state, .startFilter)
      var keys = query.map { Action.edit(.insert(String($0))) }
      keys += Array(repeating: Action.edit(.deleteBackward), count: query.count)
      for key in keys {
        let start = clock.now
        update(&state, key)
        let grid = render(state, theme: theme)
        let elapsed = clock.now - start
        sink &+= grid.cells.count
        let (seconds, attoseconds) = elapsed.components
        timings[query, default: []].append(Double(seconds) * 1e3 + Double(attoseconds) / 1e15)
      }
    }
  }
  if sink == 42 { print("") }
  return timings
}

func report(_ label: String, _ catalog: Catalog, rounds: Int) {
  let byQuery = measure(catalog, width: 120, height: 35, rounds: rounds)
  let timings = byQuery.values.flatMap { $0 }
  let line =
    "\(label): \(catalog.entries.count) entries, \(timings.count) keystrokes at 120x35: median "
    + "\(format(median(timings))) ms, p90 \(format(percentile(timings, 0.9))) ms, max "
    + "\(format(timings.max() ?? 0)) ms"
  print(line)
  for query in queries {
    let values = byQuery[query] ?? []
    print(
      "  \"\(query)\": median \(format(median(values))) ms, max \(format(values.max() ?? 0)) ms")
  }
}

func format(_ value: Double) -> String {
  let hundredths = Int((value * 1000).rounded())
  let whole = hundredths / 1000
  let fraction = hundredths % 1000
  return "\(whole)." + String(repeating: "0", count: 3 - String(fraction).count) + String(fraction)
}

/// A 10 KB paste into the filter, and the same paste explained (a paste in the list): the time
/// from the paste event to the frame that shows its result.
func measurePastes(rounds: Int) {
  let line =
    "Dec  7 03:12:44 mx1 postfix/smtp[4242]: 3F2A1: to=<user@example.com>, "
    + "relay=mx.example.net[192.0.2.7]:25, dsn=4.7.0, status=deferred (host said: 421 4.7.0 "
    + "[TSS04] Messages from 198.51.100.9 temporarily deferred due to unexpected volume)\n"
  let paste = String(String(repeating: line, count: 10_240 / line.utf8.count + 1).prefix(10_240))
  let theme = Theme.builtInDefault
  let clock = ContinuousClock()
  var filterTimes: [Double] = []
  var explainTimes: [Double] = []
  func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
  }
  let engine = FilterEngine(Catalog.builtIn)
  for _ in 0..<rounds {
    var state = AppState(engine: engine, width: 120, height: 35)
    update(&state, .startFilter)
    var start = clock.now
    update(&state, .paste(paste))
    _ = render(state, theme: theme)
    filterTimes.append(milliseconds(clock.now - start))

    state = AppState(engine: engine, width: 120, height: 35)
    start = clock.now
    update(&state, .paste(paste))
    _ = render(state, theme: theme)
    explainTimes.append(milliseconds(clock.now - start))
  }
  print(
    "10 KB paste (\(paste.utf8.count) bytes, \(paste.split(separator: "\n").count) log lines): "
      + "into the filter \(format(median(filterTimes))) ms to settle (median of \(rounds)); "
      + "explained \(format(median(explainTimes))) ms")
}

// `explorer-bench large` measures only the synthetic catalog (for profiling).
let onlyLarge = CommandLine.arguments.dropFirst().first == "large"
if !onlyLarge {
  report("built-in catalog", Catalog.builtIn, rounds: 30)
  measurePastes(rounds: 15)
}
let clock = ContinuousClock()
let start = clock.now
let large = syntheticCatalog(count: 100_000)
print("(synthetic catalog built in \(clock.now - start))")
report("synthetic catalog", large, rounds: onlyLarge ? 15 : 3)
