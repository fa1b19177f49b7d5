/// A colour as a theme names it; the terminal backend maps it to what the terminal supports.
public enum Color: Hashable, Sendable {
  /// The terminal's own foreground or background.
  case terminalDefault
  /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
  case ansi(UInt8)
  /// One of the 256 indexed colours.
  case indexed(UInt8)
  case rgb(UInt8, UInt8, UInt8)

  /// The nearest colour a terminal with `colors` colours can show.
  public func downgraded(toColors colors: Int) -> Color {
    switch self {
    case .terminalDefault, .ansi: return self
    case .indexed(let index):
      if index < 16 { return .ansi(index) }
      if colors >= 256 { return self }
      return Color.nearestANSI(Color.rgbOfIndexed(index))
    case .rgb(let r, let g, let b):
      if colors >= 256 { return .indexed(Color.nearestIndexed((r, g, b))) }
      return Color.nearestANSI((r, g, b))
    }
  }

  static let ansiRGB: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  static func rgbOfIndexed(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
    let i = Int(index)
    if i < 16 {
      let c = ansiRGB[i]
      return (UInt8(c.0), UInt8(c.1), UInt8(c.2))
    }
    if i >= 232 {
      let level = UInt8(8 + (i - 232) * 10)
      return (level, level, level)
    }
    let cube = i - 16
    let steps: [UInt8] = [0, 95, 135, 175, 215, 255]
    return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
  }

  static func nearestIndexed(_ rgb: (UInt8, UInt8, UInt8)) -> UInt8 {
    var best = 16
    var bestDistance = Int.max
    for index in 16...255 {
      let distance = Color.distance(rgb, rgbOfIndexed(UInt8(index)))
      if distance < bestDistance {
        (best, bestDistance) = (index, distance)
      }
    }
    return UInt8(best)
  }

  static func nearestANSI(_ rgb: (UInt8, UInt8, UInt8)) -> Color {
    var best = 0
    var bestDistance = Int.max
    for (index, c) in ansiRGB.enumerated() {
      let distance = Color.distance(rgb, (UInt8(c.0), UInt8(c.1), UInt8(c.2)))
      if distance < bestDistance {
        (best, bestDistance) = (index, distance)
      }
    }
    return .ansi(UInt8(best))
  }

  static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
    let dr = Int(a.0) - Int(b.0)
    let dg = Int(a.1) - Int(b.1)
    let db = Int(a.2) - Int(b.2)
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db
  }
}

/// Text attributes; the backend maps them to curses attributes.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = Attributes(rawValue: 1)
  public static let dim = Attributes(rawValue: 2)
  public static let italic = Attributes(rawValue: 4)
  public static let underline = Attributes(rawValue: 8)
  public static let reverse = Attributes(rawValue: 16)
}

/// How one cell looks. `nil` colours mean "whatever is underneath" when styles are layered.
public struct Style: Hashable, Sendable {
  public var foreground: Color?
  public var background: Color?
  public var attributes: Attributes

  public init(foreground: Color? = nil, background: Color? = nil, attributes: Attributes = []) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let plain = Style()

  /// This style with `top` laid over it: its colours win where set, attributes add up.
  public func patched(by top: Style) -> Style {
    Style(
      foreground: top.foreground ?? foreground, background: top.background ?? background,
      attributes: attributes.union(top.attributes))
  }

  /// Colour removed (NO_COLOR, mono terminals); attributes kept.
  public var withoutColor: Style { Style(attributes: attributes) }
}

/// One screen cell: a grapheme cluster and its style. A wide character fills its cell and the
/// next one, which holds a continuation (`isContinuation`) that draws nothing.
public struct Cell: Hashable, Sendable {
  public var text: String
  public var style: Style
  public var isContinuation: Bool

  public init(_ text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.text = text
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// An in-memory screen: what the explorer draws and what tests snapshot.
public struct CellGrid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    cells[y * width + x]
  }

  public func row(_ y: Int) -> ArraySlice<Cell> {
    cells[(y * width)..<(y * width + width)]
  }

  /// Fills a rectangle with blanks in a style.
  public mutating func fill(_ rect: Rect, style: Style) {
    let clipped = rect.clipped(toWidth: width, height: height)
    guard !clipped.isEmpty else { return }
    for y in clipped.y..<(clipped.y + clipped.height) {
      for x in clipped.x..<(clipped.x + clipped.width) {
        cells[y * width + x] = Cell(" ", style: style)
      }
    }
  }

  /// Writes text from (x, y), at most `limit` columns (and never past the right edge); returns
  /// the number of columns used. A wide character that does not fit whole is left out.
  @discardableResult
  public mutating func write(
    _ text: some StringProtocol, x: Int, y: Int, style: Style, limit: Int = .max
  ) -> Int {
    guard y >= 0, y < height, x < width else { return 0 }
    let end = min(width, limit == .max ? width : x + max(0, limit))
    var column = x
    for character in text {
      let w = displayWidth(character)
      if w == 0 {
        // A lone combining mark or control: attach nothing, draw nothing.
        continue
      }
      if column + w > end { break }
      if column >= 0 {
        clearWide(at: column, y: y)
        cells[y * width + column] = Cell(String(character), style: style)
        if w == 2 {
          clearWide(at: column + 1, y: y)
          cells[y * width + column + 1] = Cell("", style: style, isContinuation: true)
        }
      }
      column += w
    }
    return max(0, column - x)
  }

  /// Overwriting half of a wide character blanks its other half.
  private mutating func clearWide(at x: Int, y: Int) {
    let index = y * width + x
    if cells[index].isContinuation, x > 0 {
      cells[index - 1] = Cell(" ", style: cells[index - 1].style)
    } else if x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(" ", style: cells[index + 1].style)
    }
  }

  /// Lays a style over a rectangle, keeping the text.
  public mutating func restyle(_ rect: Rect, with top: Style) {
    let clipped = rect.clipped(toWidth: width, height: height)
    guard !clipped.isEmpty else { return }
    for y in clipped.y..<(clipped.y + clipped.height) {
      for x in clipped.x..<(clipped.x + clipped.width) {
        cells[y * width + x].style = cells[y * width + x].style.patched(by: top)
      }
    }
  }

  /// The screen as text, one line a row, trailing spaces trimmed: what snapshot tests compare.
  public var text: String {
    (0..<height).map(lineText).joined(separator: "\n")
  }

  public func lineText(_ y: Int) -> String {
    var line = ""
    for cell in row(y) where !cell.isContinuation { line += cell.text }
    while line.last == " " { line.removeLast() }
    return line
  }
}

/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }

  func clipped(toWidth gridWidth: Int, height gridHeight: Int) -> Rect {
    let x0 = max(0, x)
    let y0 = max(0, y)
    return Rect(x: x0, y: y0, width: min(gridWidth, maxX) - x0, height: min(gridHeight, maxY) - y0)
  }

  func inset(by amount: Int) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }
}

/// Columns a character takes in a terminal: 0 for combining marks and controls, 2 for East Asian
/// wide and full-width characters and emoji, else 1. Independent of the C locale, so layout and
/// tests agree everywhere; it matches glibc's `wcwidth` for the scripts the catalog uses.
public func displayWidth(_ character: Character) -> Int {
  if character.isASCII {
    let value = character.unicodeScalars.first!.value
    return value < 0x20 || value == 0x7F ? 0 : 1
  }
  var width = 0
  for scalar in character.unicodeScalars {
    width += scalarWidth(scalar)
  }
  return min(width, 2)
}

/// Columns a string takes.
public func displayWidth(_ text: some StringProtocol) -> Int {
  // Printable ASCII, by far the most common case: one column a byte.
  var ascii = true
  for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
    ascii = false
    break
  }
  if ascii { return text.utf8.count }
  var total = 0
  for character in text { total += displayWidth(character) }
  return total
}

func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
  let v = scalar.value
  if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
  if v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF { return 0 }
  if v >= 0xFE00 && v <= 0xFE0F { return 0 }  // variation selectors
  switch scalar.properties.generalCategory {
  case .nonspacingMark, .enclosingMark, .format: return 0
  default: break
  }
  if isWide(v) { return 2 }
  return 1
}

private func isWide(_ v: UInt32) -> Bool {
  switch v {
  case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
    0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
    0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
    0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E,
    0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF,
    0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
    0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
    0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440, 0x1F442...0x1F4FC,
    0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A, 0x1F595...0x1F596,
    0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC, 0x1F6D0...0x1F6D2,
    0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
    0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
    0x20000...0x2FFFD, 0x30000...0x3FFFD:
    return true
  default:
    return false
  }
}
