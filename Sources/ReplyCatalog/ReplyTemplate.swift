/// Masks the variable parts of a reply or log line, so replies that differ only in IPs, addresses,
/// queue ids and numbers read (and hash) the same:
/// `421 4.7.0 [TSS04] Messages from <ip> temporarily deferred … - <ip>; see https://… `.
///
/// - `a@b.c` and `<a@b.c>` → `<addr>`
/// - four dotted numbers → `<ip>`; other numbers → `<n>`; tokens mixing letters with several
///   digit runs or long digit runs (queue ids, hostnames like `DB5EUR03FT011`) → `<id>`
/// - a URL's query (`?…` up to the next blank) → `?<query>`
/// - reply codes stay: three digits 2xx–5xx standing alone, and `d.d.d` enhanced codes
/// - blanks collapse to one space
///
/// One pass over the bytes, no allocation: `scan` runs it on every reply line to find the line's
/// cached analysis, so the expensive work is done once per distinct template, not once per line.
public enum ReplyTemplate {
  /// Receives the masked bytes.
  public protocol Sink {
    mutating func put(_ byte: UInt8)
    /// The bytes `p[range]`, as `put` would take them one by one (a hash may mix them differently,
    /// but always the same way for the same bytes).
    mutating func put(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
  }

  /// Collects the masked bytes.
  public struct Bytes: Sink {
    public var bytes: [UInt8] = []
    public init() {}
    @inline(__always) public mutating func put(_ byte: UInt8) { bytes.append(byte) }
    @inline(__always) public mutating func put(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    {
      bytes.append(contentsOf: p[range])
    }
  }

  /// Hashes the masked bytes without keeping them: eight bytes gathered into a word, then one
  /// multiply per word (a byte-at-a-time hash waits on a multiply for every byte). The value
  /// depends only on the bytes, however they were handed over.
  public struct Hash: Sink {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private var word: UInt64 = 0
    private var filled: UInt64 = 0
    private var count: UInt64 = 0
    public init() {}

    @inline(__always) private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
      let mixed = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
      return mixed ^ (mixed >> 29)
    }

    public var value: UInt64 {
      var state = self.state
      if filled > 0 { state = Self.mix(state, word) }
      return Self.mix(state, count)
    }

    @inline(__always) public mutating func put(_ byte: UInt8) {
      word |= UInt64(byte) << filled
      filled += 8
      count += 1
      if filled == 64 {
        state = Self.mix(state, word)
        word = 0
        filled = 0
      }
    }

    /// Whole words straight from memory when no bytes are waiting, then the rest one by one.
    @inline(__always) public mutating func put(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    {
      guard let base = p.baseAddress else { return }
      var i = range.lowerBound
      if filled == 0 {
        while i + 8 <= range.upperBound {
          let loaded = UInt64(
            littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
          state = Self.mix(state, loaded)
          count += 8
          i += 8
        }
      }
      while i < range.upperBound {
        put(base[i])
        i += 1
      }
    }
  }

  /// The masked text as a string, at most `limit` bytes of input read.
  public static func text(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 400) -> String {
    var sink = Bytes()
    let cut = UnsafeBufferPointer(rebasing: bytes.prefix(limit))
    mask(cut, into: &sink)
    var out = String(decoding: sink.bytes, as: UTF8.self)
    if bytes.count > limit { out += "…" }
    return out
  }

  public static func text(_ string: String) -> String {
    var copy = string
    return copy.withUTF8 { text($0) }
  }

  public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var sink = Hash()
    mask(bytes, into: &sink)
    return sink.value
  }

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
    b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 || b >= 0x80
  }
  /// Bytes of an address's local part or domain.
  @inline(__always) static func isAddressByte(_ b: UInt8) -> Bool {
    isAlnum(b) || b == 0x2E || b == 0x2D || b == 0x5F || b == 0x2B || b == 0x25 || b == 0x3D
  }
  @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  static func put<S: Sink>(_ text: StaticString, _ sink: inout S) {
    text.withUTF8Buffer { for b in $0 { sink.put(b) } }
  }

  public static func mask<S: Sink>(_ p: UnsafeBufferPointer<UInt8>, into sink: inout S) {
    classes.withUnsafeBufferPointer { mask(p, into: &sink, classes: $0) }
  }

  /// Byte classes, one table load instead of a chain of comparisons per test.
  static let letter: UInt8 = 1
  static let digit: UInt8 = 2
  static let high: UInt8 = 4
  /// `. - _ + % =`: bytes of an address besides letters and digits.
  static let addressPunctuation: UInt8 = 8
  static let blank: UInt8 = 16
  static let alnum = letter | digit | high
  static let address = alnum | addressPunctuation
  static let classes: [UInt8] = (0..<256).map { b -> UInt8 in
    let byte = UInt8(b)
    if isBlank(byte) { return blank }
    if isDigit(byte) { return digit }
    if (byte | 0x20) &- 0x61 < 26 { return letter }
    if byte >= 0x80 { return high }
    if isAddressByte(byte) { return addressPunctuation }
    return 0
  }

  private static func mask<S: Sink>(
    _ p: UnsafeBufferPointer<UInt8>, into sink: inout S, classes table: UnsafeBufferPointer<UInt8>
  ) {
    @inline(__always) func has(_ b: UInt8, _ flags: UInt8) -> Bool { table[Int(b)] & flags != 0 }
    let n = p.count
    var i = 0
    var lastBlank = false
    while i < n {
      let b = p[i]
      if has(b, blank) {
        if !lastBlank { sink.put(0x20) }
        lastBlank = true
        i += 1
        continue
      }
      lastBlank = false
      let previous: UInt8 = i > 0 ? p[i - 1] : 0x20
      if has(b, address), !has(previous, address) || previous == 0x3D {
        // The start of a word: an address? Plain words (letters only) go out whole.
        var j = i
        var plain = true
        while j < n {
          let c = p[j]
          if has(c, letter) {
            j += 1
          } else if has(c, address) {
            plain = false
            j += 1
          } else {
            break
          }
        }
        if j + 1 < n, p[j] == 0x40, has(p[j + 1], alnum) {
          j += 1
          while j < n, has(p[j], address) { j += 1 }
          put("<addr>", &sink)
          i = j
          continue
        }
        if plain {
          sink.put(p, i..<j)
          i = j
          continue
        }
      }
      if b == 0x3C, i + 1 < n, has(p[i + 1], address) {
        // "<user@domain>" as a whole.
        var j = i + 1
        while j < n, has(p[j], address) { j += 1 }
        if j + 1 < n, p[j] == 0x40, has(p[j + 1], alnum) {
          j += 1
          while j < n, has(p[j], address) { j += 1 }
          if j < n, p[j] == 0x3E {
            put("<addr>", &sink)
            i = j + 1
            continue
          }
        }
      }
      if b == 0x3F, i + 1 < n, !has(p[i + 1], blank), inURL(p, before: i) {
        put("?<query>", &sink)
        i += 1
        while i < n, !has(p[i], blank), p[i] != 0x29, p[i] != 0x3E { i += 1 }
        continue
      }
      guard has(b, alnum) else {
        sink.put(b)
        i += 1
        continue
      }
      // An alphanumeric token.
      var j = i
      var digitRuns = 0
      var digits = 0
      var longestRun = 0
      var run = 0
      while j < n, has(p[j], alnum) {
        if has(p[j], digit) {
          if run == 0 { digitRuns += 1 }
          run += 1
          digits += 1
          longestRun = max(longestRun, run)
        } else {
          run = 0
        }
        j += 1
      }
      let length = j - i
      if digits == 0 {
        sink.put(p, i..<j)
        i = j
        continue
      }
      if digits < length {
        // Letters and digits: "TSS04" and "mta5" stay; queue ids and generated names do not.
        if digitRuns == 1, longestRun <= 3, length <= 8 {
          for k in i..<j { sink.put(p[k]) }
        } else {
          put("<id>", &sink)
        }
        i = j
        continue
      }
      // A number, perhaps dotted: "550", "4.7.0", "192.0.2.1", "0.25".
      var parts = 1
      var partDigits = length
      var allShort = length <= 3
      var firstDigits = length
      var k = j
      while k + 1 < n, p[k] == 0x2E, has(p[k + 1], digit) {
        var m = k + 1
        while m < n, has(p[m], digit) { m += 1 }
        partDigits = m - k - 1
        if partDigits > 3 { allShort = false }
        parts += 1
        k = m
      }
      // Glued to letters ("1.2.3a") is an id.
      if k < n, has(p[k], alnum) {
        while k < n, has(p[k], alnum) || p[k] == 0x2E { k += 1 }
        put("<id>", &sink)
        i = k
        continue
      }
      let next: UInt8 = k < n ? p[k] : 0x20
      let standsAlone =
        previous == 0x20 || previous == 0x09 || previous == 0x28 || previous == 0x2D
        || previous == 0x3A || previous == 0x22 || previous == 0x27 || previous == 0x2C
        || previous == 0x3D || i == 0
      firstDigits = length
      let first = p[i]
      let classDigit = first == 0x32 || first == 0x34 || first == 0x35
      if parts == 3, firstDigits == 1, classDigit, allShort, standsAlone {
        for m in i..<k { sink.put(p[m]) }  // an enhanced code
      } else if parts == 1, length == 3, first >= 0x32, first <= 0x35, standsAlone,
        next == 0x20 || next == 0x2D || next == 0x29 || next == 0x2C || next == 0x3B
          || next == 0x22 || k == n
      {
        for m in i..<k { sink.put(p[m]) }  // a basic code
      } else if parts == 4, allShort {
        put("<ip>", &sink)
      } else {
        put("<n>", &sink)
      }
      i = k
    }
  }

  /// Whether the `?` at `i` is inside a URL: "://" occurs in the same blank-free word before it.
  static func inURL(_ p: UnsafeBufferPointer<UInt8>, before i: Int) -> Bool {
    var j = i - 1
    while j >= 2, !isBlank(p[j]) {
      if p[j] == 0x2F, p[j - 1] == 0x2F, p[j - 2] == 0x3A { return true }
      j -= 1
    }
    return false
  }
}
