/// What the terminal's input bytes mean, once decoded: a key, a whole paste, or a mouse report.
public enum InputEvent: Equatable, Sendable {
  case key(Key)
  /// A bracketed paste (ESC [200~ … ESC [201~), line ends as "\n"; `truncated` when it was longer
  /// than the decoder keeps (the rest was read and dropped).
  case paste(String, truncated: Bool)
  case mouse(MouseEvent)
}

/// Turns the terminal's input bytes into events, without curses: keys (in CSI and SS3 forms),
/// UTF-8 characters, bracketed pastes and SGR mouse reports. Every escape sequence it does not
/// know (terminal answers, DCS/OSC/APC/PM strings, unknown CSI) is consumed whole, never read as
/// keys. Bytes may arrive in any chunks; a sequence split across reads is still one event.
///
/// It keeps no clock: the caller reports quiet time with `idle(milliseconds:)`, which is how a
/// lone Esc key is told from the start of a sequence.
public struct InputDecoder: Sendable {
  /// The most a paste keeps, in bytes (1 MiB); the rest is read and dropped.
  public static let defaultPasteLimit = 1 << 20
  /// After this much quiet, a lone ESC is the Esc key.
  public static let escapeDelay = 25
  /// After this much quiet, a half-received sequence is dropped (its bytes stay unread as keys).
  public static let sequenceTimeout = 500
  /// After this much quiet inside a paste, what came is delivered (the end marker was lost).
  public static let pasteTimeout = 5000

  private enum State: Equatable, Sendable {
    case ground
    case escape
    case csi
    case ss3
    /// OSC, DCS, APC, PM, SOS: up to BEL or ESC \.
    case string
    /// ESC inside a string: ESC \ ends it.
    case stringEscape
    case paste
    /// ESC [ M and three raw bytes: a mouse report from a terminal without SGR mode (consumed).
    case legacyMouse(remaining: Int)
  }

  private let pasteLimit: Int
  private var state = State.ground
  /// The CSI or SS3 sequence so far, after its introducer (kept short; the rest is consumed).
  private var sequence: [UInt8] = []
  /// A UTF-8 character so far, and how many bytes it needs.
  private var pending: [UInt8] = []
  private var pendingNeeds = 0
  private var pasted: [UInt8] = []
  private var pasteTruncated = false
  /// How much of the paste end marker has been seen.
  private var endMatched = 0
  private var quiet = 0

  private static let pasteEnd: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~
  private static let sequenceKeep = 32

  public init(pasteLimit: Int = InputDecoder.defaultPasteLimit) {
    self.pasteLimit = pasteLimit
  }

  /// Whether bytes are waiting for more (a lone ESC, a half sequence, a paste in progress): the
  /// caller should report quiet time soon.
  public var isWaiting: Bool { state != .ground || !pending.isEmpty }

  /// Decodes a chunk of input.
  public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [InputEvent]
  where Bytes.Element == UInt8 {
    quiet = 0
    var events: [InputEvent] = []
    for byte in bytes { take(byte, into: &events) }
    return events
  }

  /// Reports that no input came for `milliseconds` more; returns what that quiet decides.
  public mutating func idle(milliseconds: Int) -> [InputEvent] {
    quiet += milliseconds
    var events: [InputEvent] = []
    switch state {
    case .escape where quiet >= Self.escapeDelay:
      state = .ground
      events.append(.key(.escape))
    case .csi, .ss3, .string, .stringEscape, .legacyMouse:
      if quiet >= Self.sequenceTimeout {
        state = .ground
        sequence.removeAll()
      }
    case .paste where quiet >= Self.pasteTimeout:
      // Whatever matched of the end marker is text.
      appendPasted(Self.pasteEnd.prefix(endMatched))
      events.append(finishPaste())
    default:
      break
    }
    if state == .ground, !pending.isEmpty, quiet >= Self.sequenceTimeout {
      // A character that never completed.
      pending.removeAll()
      events.append(.key(.character("\u{FFFD}")))
    }
    return events
  }

  private mutating func take(_ byte: UInt8, into events: inout [InputEvent]) {
    switch state {
    case .ground:
      ground(byte, into: &events)
    case .escape:
      escape(byte, into: &events)
    case .csi:
      if byte == 0x1B {
        // A new sequence interrupts an unfinished one.
        sequence.removeAll()
        state = .escape
      } else if byte >= 0x40 && byte <= 0x7E {
        state = .ground
        let parameters = sequence
        sequence.removeAll()
        dispatchCSI(parameters, final: byte, into: &events)
      } else if byte >= 0x20 && byte <= 0x3F {
        if sequence.count < Self.sequenceKeep { sequence.append(byte) }
      }
    // C0 controls and stray bytes inside a sequence are consumed.
    case .ss3:
      if byte == 0x1B {
        state = .escape
      } else if byte >= 0x40 && byte <= 0x7E {
        state = .ground
        dispatchSS3(byte, into: &events)
      }
    case .string:
      if byte == 0x07 {
        state = .ground
      } else if byte == 0x1B {
        state = .stringEscape
      }
    case .stringEscape:
      // ESC \ ends the string; an ESC before anything else is part of a broken string, which
      // ends here too (a new sequence starts).
      if byte == 0x5C {
        state = .ground
      } else {
        state = .escape
        escape(byte, into: &events)
      }
    case .paste:
      pasteByte(byte, into: &events)
    case .legacyMouse(let remaining):
      state = remaining > 1 ? .legacyMouse(remaining: remaining - 1) : .ground
    }
  }

  private mutating func ground(_ byte: UInt8, into events: inout [InputEvent]) {
    if !pending.isEmpty {
      if byte & 0xC0 == 0x80 {
        pending.append(byte)
        if pending.count == pendingNeeds { finishCharacter(into: &events) }
        return
      }
      // Cut short: the bytes so far are one invalid character; this byte starts afresh.
      pending.removeAll()
      emitCharacter("\u{FFFD}", into: &events)
    }
    switch byte {
    case 0x1B:
      state = .escape
    case 0x09: emitKey(.tab, into: &events)
    case 0x0A, 0x0D: emitKey(.enter, into: &events)
    case 0x08, 0x7F: emitKey(.backspace, into: &events)
    case 0x01...0x1A:
      emitKey(.control(Character(Unicode.Scalar(byte + 0x60))), into: &events)
    case 0x00, 0x1C...0x1F:
      break  // Ctrl-Space, Ctrl-\ and the like: no binding, consumed
    case 0x20...0x7E:
      emitCharacter(Character(Unicode.Scalar(byte)), into: &events)
    case 0xC2...0xDF: startCharacter(byte, needs: 2)
    case 0xE0...0xEF: startCharacter(byte, needs: 3)
    case 0xF0...0xF4: startCharacter(byte, needs: 4)
    default:
      emitCharacter("\u{FFFD}", into: &events)  // a stray continuation or an impossible lead
    }
  }

  private mutating func escape(_ byte: UInt8, into events: inout [InputEvent]) {
    state = .ground
    switch byte {
    case 0x5B:  // [
      state = .csi
    case 0x4F:  // O
      state = .ss3
    case 0x5D, 0x50, 0x5F, 0x5E, 0x58:  // ] P _ ^ X: OSC, DCS, APC, PM, SOS
      state = .string
    case 0x1B:
      // Esc pressed twice quickly (or Alt-Esc): the first one is the Esc key.
      events.append(.key(.escape))
      state = .escape
    default:
      // ESC and a key at once: Esc pressed just before the key (a fast typist, keys sent in one
      // write by tmux or ssh), or Alt with the key. Both read as Esc, then the key, as curses did:
      // Esc then q must still quit.
      events.append(.key(.escape))
      ground(byte, into: &events)
    }
  }

  private mutating func startCharacter(_ byte: UInt8, needs: Int) {
    pending = [byte]
    pendingNeeds = needs
  }

  private mutating func finishCharacter(into events: inout [InputEvent]) {
    let text = String(decoding: pending, as: UTF8.self)
    pending.removeAll()
    // Overlong and surrogate forms decode to U+FFFD (one or more): one replacement character.
    let character = text.count == 1 ? text.first! : "\u{FFFD}"
    emitCharacter(character, into: &events)
  }

  private mutating func emitCharacter(_ character: Character, into events: inout [InputEvent]) {
    emitKey(.character(character), into: &events)
  }

  private mutating func emitKey(_ key: Key, into events: inout [InputEvent]) {
    events.append(.key(key))
  }

  // MARK: Sequences

  private mutating func dispatchCSI(
    _ parameters: [UInt8], final: UInt8, into events: inout [InputEvent]
  ) {
    let marker = parameters.first.flatMap { (0x3C...0x3F).contains($0) ? $0 : nil }
    // Intermediates (0x20-0x2F) make it a sequence no key uses.
    if parameters.contains(where: { $0 < 0x30 }) { return }
    if marker == 0x3C {  // <
      if final == 0x4D || final == 0x6D {
        mouse(parameters.dropFirst(), final: final, into: &events)
      }
      return
    }
    // Terminal answers (ESC [ ? … c, ESC [ > … c) and other private sequences are no keys.
    guard marker == nil else { return }
    if final == 0x4D, parameters.isEmpty {
      // Its three bytes (button, column, row, each plus 32) could read as any key: drop them.
      state = .legacyMouse(remaining: 3)
      return
    }
    let numbers = Self.numbers(parameters[...])
    let first = numbers.first ?? nil
    switch final {
    case 0x41: events.append(.key(.up))  // A
    case 0x42: events.append(.key(.down))  // B
    case 0x43: events.append(.key(.right))  // C
    case 0x44: events.append(.key(.left))  // D
    case 0x48: events.append(.key(.home))  // H
    case 0x46: events.append(.key(.end))  // F
    case 0x5A: events.append(.key(.backTab))  // Z
    case 0x7E:  // ~
      switch first {
      case 1, 7: events.append(.key(.home))
      case 4, 8: events.append(.key(.end))
      case 3: events.append(.key(.delete))
      case 5: events.append(.key(.pageUp))
      case 6: events.append(.key(.pageDown))
      case 200:
        state = .paste
        pasted.removeAll(keepingCapacity: false)
        pasteTruncated = false
        endMatched = 0
      default: break  // Insert, F5-F12, a stray 201: no binding
      }
    default:
      break  // F1-F4 in CSI form, cursor reports, focus events, kitty keys: consumed
    }
  }

  private mutating func dispatchSS3(_ final: UInt8, into events: inout [InputEvent]) {
    switch final {
    case 0x41: events.append(.key(.up))
    case 0x42: events.append(.key(.down))
    case 0x43: events.append(.key(.right))
    case 0x44: events.append(.key(.left))
    case 0x48: events.append(.key(.home))
    case 0x46: events.append(.key(.end))
    case 0x4D: events.append(.key(.enter))  // keypad Enter
    default: break  // F1-F4 (P-S) and the keypad: no binding
    }
  }

  /// ESC [ < b ; x ; y M (press) or m (release): only a left press and the wheel count.
  private mutating func mouse(
    _ parameters: ArraySlice<UInt8>, final: UInt8, into events: inout [InputEvent]
  ) {
    let numbers = Self.numbers(parameters)
    guard numbers.count == 3, let button = numbers[0], let x = numbers[1], let y = numbers[2],
      x >= 1, y >= 1, final == 0x4D
    else { return }
    // Shift, Alt and Ctrl (4, 8, 16) do not change what a click means; motion (32) is no click.
    guard button & 32 == 0 else { return }
    let kind: MouseEvent.Kind
    switch button & ~(4 | 8 | 16) {
    case 0: kind = .press
    case 64: kind = .wheelUp
    case 65: kind = .wheelDown
    default: return
    }
    events.append(.mouse(MouseEvent(kind, x: x - 1, y: y - 1)))
  }

  /// The numbers of "1;5" (an empty or overlong field is nil).
  private static func numbers(_ parameters: ArraySlice<UInt8>) -> [Int?] {
    guard !parameters.isEmpty else { return [] }
    return parameters.split(separator: 0x3B, omittingEmptySubsequences: false).map { field in
      guard !field.isEmpty, field.count <= 6, field.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
      else { return nil }
      return field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
  }

  // MARK: Paste

  private mutating func pasteByte(_ byte: UInt8, into events: inout [InputEvent]) {
    if byte == Self.pasteEnd[endMatched] {
      endMatched += 1
      if endMatched == Self.pasteEnd.count { events.append(finishPaste()) }
      return
    }
    if endMatched > 0 {
      // Not the end after all: what looked like it is text, and this byte may start the end.
      appendPasted(Self.pasteEnd.prefix(endMatched))
      endMatched = 0
      pasteByte(byte, into: &events)
      return
    }
    appendPasted(CollectionOfOne(byte))
  }

  private mutating func appendPasted<Bytes: Collection>(_ bytes: Bytes)
  where Bytes.Element == UInt8 {
    if pasted.count + bytes.count <= pasteLimit {
      pasted.append(contentsOf: bytes)
    } else {
      pasteTruncated = true
    }
  }

  private mutating func finishPaste() -> InputEvent {
    state = .ground
    endMatched = 0
    var bytes = pasted
    pasted = []
    if pasteTruncated { Self.dropUnfinishedCharacter(&bytes) }
    // Terminals send a pasted line end as CR; the explorer reads lines.
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte == 0x0D {
        text.append(0x0A)
        if index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
      } else {
        text.append(byte)
      }
      index += 1
    }
    return .paste(String(decoding: text, as: UTF8.self), truncated: pasteTruncated)
  }

  /// A cut paste ends on whole characters, not on half of one.
  private static func dropUnfinishedCharacter(_ bytes: inout [UInt8]) {
    var start = bytes.count
    var continuation = 0
    while start > 0, bytes[start - 1] & 0xC0 == 0x80, continuation < 3 {
      start -= 1
      continuation += 1
    }
    guard start > 0 else { return }
    let lead = bytes[start - 1]
    let needs = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    if needs > 1, continuation + 1 < needs { bytes.removeSubrange((start - 1)...) }
  }
}

/// Base64 (RFC 4648, with padding), for OSC 52 clipboard writes.
public enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String
  where Bytes.Element == UInt8 {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var iterator = bytes.makeIterator()
    while let first = iterator.next() {
      let second = iterator.next()
      let third = iterator.next()
      let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
      output.append(alphabet[Int(value >> 18 & 63)])
      output.append(alphabet[Int(value >> 12 & 63)])
      output.append(second == nil ? 0x3D : alphabet[Int(value >> 6 & 63)])
      output.append(third == nil ? 0x3D : alphabet[Int(value & 63)])
    }
    return String(decoding: output, as: UTF8.self)
  }
}
