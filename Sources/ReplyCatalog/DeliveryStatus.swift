/// The fields of a `message/delivery-status` body (RFC 3464 §2.2–2.3) or of a
/// `message/global-delivery-status` body (RFC 6533, the same fields in UTF-8).
public struct DeliveryStatus: Sendable {
  /// Per-message fields (Reporting-MTA, Arrival-Date, …), names lower-cased.
  public let messageFields: [HeaderField]
  /// One group of fields per recipient.
  public let recipients: [[HeaderField]]

  public func messageField(_ name: String) -> String? {
    messageFields.first { $0.name == name }?.value
  }

  /// Parses the groups of fields, separated by empty lines. The first group holds the
  /// per-message fields; a group that starts a recipient (Final- or Original-Recipient) without
  /// an empty line before it (a common fault) is split there.
  public init(_ text: String) {
    var groups: [[HeaderField]] = []
    var current: [HeaderField] = []
    var name: String?
    var value = ""
    func flush() {
      if let name { current.append(HeaderField(name: name, value: value.trimmingBlanks)) }
      name = nil
      value = ""
    }
    func endGroup() {
      flush()
      if !current.isEmpty { groups.append(current) }
      current = []
    }
    for rawLine in text.textLines {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
        endGroup()
        continue
      }
      if line.first == " " || line.first == "\t" {
        if name != nil { value += " " + line.trimmingBlanks }
        continue
      }
      guard let colon = line.firstIndex(of: ":"),
        !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
      else {
        // Not a field: a stray line continues the previous field's value.
        if name != nil { value += " " + line.trimmingBlanks }
        continue
      }
      flush()
      let fieldName = line[..<colon].lowercased()
      let names = current.map(\.name)
      // A recipient field starts a new group when the group already has one like it, or is
      // complete (has its Action or Status), or holds the per-message fields.
      let startsRecipient =
        (fieldName == "final-recipient" || fieldName == "original-recipient")
        && (names.contains(fieldName) || names.contains("action") || names.contains("status")
          || names.contains("reporting-mta") || names.contains("arrival-date"))
      if startsRecipient { endGroup() }
      name = fieldName
      value = String(line[line.index(after: colon)...])
    }
    endGroup()
    if let first = groups.first,
      !first.contains(where: { $0.name == "final-recipient" || $0.name == "original-recipient" })
    {
      messageFields = first
      recipients = Array(groups.dropFirst()).filter(Self.isRecipient)
    } else {
      messageFields = []
      recipients = groups.filter(Self.isRecipient)
    }
  }

  static func isRecipient(_ group: [HeaderField]) -> Bool {
    group.contains {
      $0.name == "final-recipient" || $0.name == "original-recipient" || $0.name == "status"
        || $0.name == "action"
    }
  }

  /// Whether a recipient field holds a mail address ("rfc822;", "utf-8;" or no type), not an
  /// X.400 or other name.
  public static func isMailAddress(_ value: String) -> Bool {
    let type =
      value.split(separator: ";", maxSplits: 1).count == 2
      ? value.prefix { $0 != ";" }.trimmingBlanks.lowercased() : "rfc822"
    return (type == "rfc822" || type == "utf-8" || type == "unknown")
      && address(value).contains("@")
  }

  /// RFC 3464's actions, from what servers write: "failure", "error", "failed (Bad destination
  /// mailbox address)" are "failed"; "deferred" is "delayed".
  public static func normalizedAction(_ value: String) -> String? {
    let word = value.trimmingBlanks.lowercased().prefix { $0.isLetter }
    switch word {
    case "failed", "failure", "fail", "error", "bounced", "bounce", "undeliverable", "rejected":
      return "failed"
    case "delayed", "delay", "deferred", "defer", "transient":
      return "delayed"
    case "delivered", "relayed", "expanded": return String(word)
    default: return nil
    }
  }

  /// "rfc822; user@example.com" → "user@example.com"; "smtp; 550 …" → "550 …".
  public static func withoutType(_ value: String) -> String {
    guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingBlanks }
    let type = value[..<semicolon]
    guard !type.isEmpty, type.count <= 20,
      type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" })
    else { return value.trimmingBlanks }
    return String(value[value.index(after: semicolon)...]).trimmingBlanks
  }

  /// An address from a recipient field: the type removed, angle brackets and xtext undone.
  public static func address(_ value: String) -> String {
    var address = withoutType(value)
    if address.hasPrefix("<"), address.hasSuffix(">") {
      address = String(address.dropFirst().dropLast())
    }
    // RFC 6533's "\x{…}" for non-ASCII characters.
    if address.contains("\\x{") {
      address = decodeXtext(address)
    }
    return address.trimmingBlanks
  }

  static func decodeXtext(_ text: String) -> String {
    var out: [UInt8] = []
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x5C, i + 3 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 2] == 0x7B,
        let close = bytes[(i + 3)...].firstIndex(of: 0x7D), close - i <= 10
      {
        var value: UInt32 = 0
        var ok = close > i + 3
        for b in bytes[(i + 3)..<close] {
          guard let digit = TransferEncoding.hex(b) else {
            ok = false
            break
          }
          value = value << 4 | UInt32(digit)
        }
        if ok, let scalar = Unicode.Scalar(value) {
          out += Array(String(Character(scalar)).utf8)
          i = close + 1
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
