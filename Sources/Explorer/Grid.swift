import TextLayout

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
        for extra in 1..<w {
          clearWide(at: column + extra, y: y)
          cells[y * width + column + extra] = Cell("", style: style, isContinuation: true)
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

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  func clipped(toWidth gridWidth: Int, height gridHeight: Int) -> Rect {
    let x0 = max(0, x)
    let y0 = max(0, y)
    return Rect(x: x0, y: y0, width: min(gridWidth, maxX) - x0, height: min(gridHeight, maxY) - y0)
  }

  func inset(by amount: Int) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }
}

/// A run of cells in one row that a backend must redraw.
public struct GridRun: Equatable, Sendable {
  public let y: Int
  public let first: Int
  public let last: Int

  public init(y: Int, first: Int, last: Int) {
    self.y = y
    self.first = first
    self.last = last
  }
}

/// What changed between two frames: per row, the span from the first to the last differing cell,
/// widened so it never starts or ends inside a wide character. Without a previous frame, or when
/// the size changed, every row is one run and `full` says the screen must be cleared first.
public func gridChanges(from previous: CellGrid?, to grid: CellGrid) -> (
  full: Bool, runs: [GridRun]
) {
  let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
  var runs: [GridRun] = []
  guard grid.width > 0 else { return (full, runs) }
  for y in 0..<grid.height {
    var first = 0
    var last = grid.width - 1
    if !full, let previous {
      var x = 0
      while x < grid.width, grid[x, y] == previous[x, y] { x += 1 }
      if x == grid.width { continue }
      first = x
      x = grid.width - 1
      while x > first, grid[x, y] == previous[x, y] { x -= 1 }
      last = x
      while first > 0, grid[first, y].isContinuation { first -= 1 }
      while last + 1 < grid.width, grid[last + 1, y].isContinuation { last += 1 }
    }
    runs.append(GridRun(y: y, first: first, last: last))
  }
  return (full, runs)
}
