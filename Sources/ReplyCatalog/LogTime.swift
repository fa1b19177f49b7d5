#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A log line's time, as written (local wall-clock time, no zone): seconds since 1970-01-01 00:00
/// of the same calendar, so times compare and subtract without a time zone database.
public struct LogTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let seconds: Int64

  public init(seconds: Int64) { self.seconds = seconds }

  public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
    guard (1..<13).contains(month), (1...Self.daysIn(month, year)).contains(day),
      (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(second)
    else { return nil }
    seconds =
      Self.days(year: year, month: month, day: day) * 86_400
      + Int64(hour * 3600 + minute * 60 + second)
  }

  public static func < (a: LogTime, b: LogTime) -> Bool { a.seconds < b.seconds }

  /// "2024-05-09 04:21:10".
  public var description: String {
    let (y, m, d) = Self.civil(days: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let s = Int(((seconds % 86_400) + 86_400) % 86_400)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d)) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
  }

  public var year: Int { Self.civil(days: seconds / 86_400).0 }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
  static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = Int64((month + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civil(days z0: Int64) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
  }

  /// The local time now, as a LogTime.
  public static func now() -> LogTime {
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    return LogTime(
      year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
      hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
      ?? LogTime(seconds: Int64(t))
  }

  static let monthNames: [[UInt8]] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ].map { Array($0.utf8) }

  /// A month name's number, from its first three letters (any case).
  static func month(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
    guard i + 3 <= p.count else { return nil }
    let a = p[i] | 0x20
    let b = p[i + 1] | 0x20
    let c = p[i + 2] | 0x20
    for (index, name) in monthNames.enumerated() where name[0] == a && name[1] == b && name[2] == c
    {
      return index + 1
    }
    return nil
  }

  @inline(__always) static func digits(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int)
    -> Int?
  {
    guard i + count <= p.count else { return nil }
    var value = 0
    for k in i..<(i + count) {
      let d = p[k] &- 0x30
      guard d < 10 else { return nil }
      value = value * 10 + Int(d)
    }
    return value
  }

  /// `hh:mm[:ss]` at `i`: (hour, minute, second, end).
  static func clock(_ p: UnsafeBufferPointer<UInt8>, at i: Int, secondsRequired: Bool) -> (
    Int, Int, Int, Int
  )? {
    guard let h = digits(p, i, 2), i + 2 < p.count, p[i + 2] == 0x3A, let m = digits(p, i + 3, 2)
    else { return nil }
    if i + 5 < p.count, p[i + 5] == 0x3A, let s = digits(p, i + 6, 2) {
      return (h, m, s, i + 8)
    }
    return secondsRequired ? nil : (h, m, 0, i + 5)
  }

  /// The timestamp a log line starts with: ISO 8601 / RFC 5424 (`2024-05-09 04:21:10`,
  /// `2024-05-09T04:21:10.123+02:00`, the zone ignored) or classic syslog (`May  9 04:21:10`,
  /// whose year is `syslogYear`).
  public static func parse(lineStart p: UnsafeBufferPointer<UInt8>, syslogYear: Int) -> (
    month: Int, time: LogTime
  )? {
    guard p.count >= 10 else { return nil }
    if let y = digits(p, 0, 4), p[4] == 0x2D, let mo = digits(p, 5, 2), p[7] == 0x2D,
      let d = digits(p, 8, 2)
    {
      if p.count > 11, p[10] == 0x20 || p[10] == 0x54,
        let (h, mi, s, _) = clock(p, at: 11, secondsRequired: false)
      {
        return LogTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s).map { (mo, $0) }
      }
      return LogTime(year: y, month: mo, day: d).map { (mo, $0) }
    }
    guard p.count >= 15, let mo = month(p, at: 0), p[3] == 0x20 else { return nil }
    let dayStart = p[4] == 0x20 ? 5 : 4
    guard let d = digits(p, dayStart, dayStart == 5 ? 1 : 2) else { return nil }
    let clockAt = dayStart == 5 ? 7 : 7
    guard p[clockAt - 1] == 0x20, let (h, mi, s, _) = clock(p, at: clockAt, secondsRequired: true)
    else { return nil }
    return LogTime(year: syslogYear, month: mo, day: d, hour: h, minute: mi, second: s).map {
      (mo, $0)
    }
  }

  /// A time given on the command line: `2024-05-09`, `2024-05-09 04:21[:10]`, `2024-05-09T04:21`,
  /// `May 9 04:21[:10]` (in the year of `reference`), or `04:21[:10]` (on the day of `reference`).
  public static func parse(argument: String, reference: LogTime) -> LogTime? {
    var bytes = Array(argument.utf8)
    while bytes.last == 0x20 { bytes.removeLast() }
    while bytes.first == 0x20 { bytes.removeFirst() }
    return bytes.withUnsafeBufferPointer { p -> LogTime? in
      let n = p.count
      if n == 10 || n == 16 || n == 19, let y = digits(p, 0, 4), p[4] == 0x2D,
        let mo = digits(p, 5, 2), p[7] == 0x2D, let d = digits(p, 8, 2)
      {
        if n == 10 { return LogTime(year: y, month: mo, day: d) }
        guard p[10] == 0x20 || p[10] == 0x54,
          let (h, mi, s, end) = clock(p, at: 11, secondsRequired: false), end == n
        else { return nil }
        return LogTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
      }
      if n == 5 || n == 8, let (h, mi, s, end) = clock(p, at: 0, secondsRequired: false), end == n {
        let day = reference.seconds - ((reference.seconds % 86_400) + 86_400) % 86_400
        guard h < 24, mi < 60, s < 61 else { return nil }
        return LogTime(seconds: day + Int64(h * 3600 + mi * 60 + s))
      }
      if n >= 5, let mo = month(p, at: 0), p[3] == 0x20 {
        var i = 4
        while i < n, p[i] == 0x20 { i += 1 }
        var d = 0
        var count = 0
        while i < n, count < 2, let v = digits(p, i, 1) {
          d = d * 10 + v
          count += 1
          i += 1
        }
        guard count > 0 else { return nil }
        if i == n { return LogTime(year: reference.year, month: mo, day: d) }
        guard p[i] == 0x20, let (h, mi, s, end) = clock(p, at: i + 1, secondsRequired: false),
          end == n
        else { return nil }
        return LogTime(year: reference.year, month: mo, day: d, hour: h, minute: mi, second: s)
      }
      return nil
    }
  }
}

/// Gives classic syslog dates (no year) a year: the reference year, or the one before when the
/// date would lie more than a day after the reference (a log from last December read in January);
/// a month going backwards within a log (December, then January) moves on to the next year.
public struct SyslogYear: Sendable {
  public private(set) var year: Int
  private var lastMonth = 0
  private let reference: LogTime
  private var decided = false

  public init(reference: LogTime = .now()) {
    self.reference = reference
    year = reference.year
  }

  /// Parses the timestamp a line starts with, inferring syslog years as it goes.
  public mutating func time(of line: UnsafeBufferPointer<UInt8>) -> LogTime? {
    guard let first = line.first else { return nil }
    // ISO lines carry their year; only month names need inference.
    if first &- 0x30 < 10 { return LogTime.parse(lineStart: line, syslogYear: year)?.time }
    guard let (month, time) = LogTime.parse(lineStart: line, syslogYear: year) else { return nil }
    if !decided {
      decided = true
      if time.seconds > reference.seconds + 86_400 {
        year -= 1
        lastMonth = month
        return LogTime.parse(lineStart: line, syslogYear: year)?.time
      }
    } else if month < lastMonth, lastMonth - month >= 6 {
      year += 1
      lastMonth = month
      return LogTime.parse(lineStart: line, syslogYear: year)?.time
    }
    lastMonth = month
    return time
  }
}
