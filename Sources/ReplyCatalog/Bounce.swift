/// One recipient of a bounce, as the report gives it, explained from its own diagnostic text.
public struct BounceRecipient: Sendable {
  /// The address that failed: Original-Recipient when it is a mail address (what the sender
  /// wrote), else Final-Recipient, or the address the text names.
  public let recipient: String
  public let originalRecipient: String?
  public let finalRecipient: String?
  /// "failed", "delayed", "delivered", "relayed" or "expanded" (RFC 3464 §2.3.3).
  public let action: String
  /// The Status field as written ("5.1.1"), when the report has one.
  public let status: String?
  public let remoteMTA: String?
  /// The diagnostic text for this recipient (Diagnostic-Code without its type, or the text
  /// the bounce gives next to the address). Never headers, never the returned message.
  public let diagnostic: String
  public let lastAttemptDate: String?
  public let willRetryUntil: String?
  /// The explanation of `diagnostic`, with `status` filling in a missing enhanced code.
  public let explanation: Explanation

  /// Whether this recipient did not get the message (failed or still delayed).
  public var undelivered: Bool { action == "failed" || action == "delayed" }
}

/// What kind of bounce the message is.
public enum BounceFormat: String, Sendable {
  /// multipart/report with message/delivery-status (RFC 3464/6522).
  case dsn
  /// multipart/report with message/global-delivery-status (RFC 6533).
  case globalDSN = "global-dsn"
  /// An Amazon SES bounce notification (JSON).
  case amazonSES = "amazon-ses"
  /// A human-readable bounce without delivery-status fields (qmail, Exim, Exchange, …).
  case text
  /// The message does not look like a bounce.
  case notBounce = "not-bounce"
}

/// The bounce message's own facts: who sent it, when, and what the report's per-message fields say.
public struct BounceMessageInfo: Sendable {
  public let from: String?
  public let to: String?
  public let subject: String?
  public let date: String?
  public let messageID: String?
  public let reportingMTA: String?
  public let arrivalDate: String?
}

/// A whole bounce message explained recipient by recipient.
public struct BounceReport: Sendable {
  public let message: BounceMessageInfo
  public let format: BounceFormat
  /// Every recipient the report names; `undelivered` tells the failed and delayed ones.
  public let recipients: [BounceRecipient]
  /// Limits that dropped data, and other things worth knowing about the parse.
  public let notes: [String]

  /// The recipient that speaks for the message: the first failed one, else the first delayed
  /// one, else the first.
  public var primary: BounceRecipient? {
    recipients.first { $0.action == "failed" } ?? recipients.first { $0.action == "delayed" }
      ?? recipients.first
  }

  public var undelivered: [BounceRecipient] { recipients.filter(\.undelivered) }
}

extension Catalog {
  /// At most this many recipients are listed for one message.
  public static let maximumRecipients = 500

  /// Explains a whole message when `bytes` look like one (headers, then a body); nil otherwise.
  public func explainMessage(bytes: [UInt8]) -> BounceReport? {
    guard MessageParser.looksLikeMessage(bytes) else { return nil }
    return explainMessage(MessageParser.parse(bytes))
  }

  public func explainMessage(_ root: MIMEPart) -> BounceReport {
    var notes: [String] = []
    let extractor = BounceExtractor(root: root)
    var reportingMTA: String?
    var arrivalDate: String?
    var found: [BounceExtractor.Found] = []
    var format = BounceFormat.notBounce

    if let (status, global) = extractor.deliveryStatus() {
      format = global ? .globalDSN : .dsn
      reportingMTA = status.messageField("reporting-mta").map(DeliveryStatus.withoutType)
      arrivalDate = status.messageField("arrival-date")
      let textual = extractor.textRecipients()
      for group in status.recipients {
        func field(_ name: String) -> String? {
          group.first { $0.name == name }?.value
        }
        let final = field("final-recipient").map(DeliveryStatus.address)
        let original = field("original-recipient").flatMap { value in
          DeliveryStatus.isMailAddress(value) ? DeliveryStatus.address(value) : nil
        }
        // The address the sender wrote (Original-Recipient) is the one to act on; the final
        // one may be an internal mailbox or an X.400 name.
        let finalIsMail = field("final-recipient").map(DeliveryStatus.isMailAddress) ?? false
        guard let address = original ?? (finalIsMail ? final : nil) ?? final, !address.isEmpty
        else { continue }
        var diagnostic = field("diagnostic-code").map(DeliveryStatus.withoutType) ?? ""
        // A Status with words after its code ("5.0.0 (recipient reached disk quota)") is the
        // recipient's own text too.
        let statusText = field("status") ?? ""
        if diagnostic.isEmpty,
          statusText.contains(where: { $0.isLetter }) && statusText.count > 6
        {
          diagnostic = statusText.trimmingBlanks
        }
        // No Diagnostic-Code: the human-readable part may say more about this address.
        if diagnostic.isEmpty,
          let text = textual.first(where: {
            $0.address.lowercased() == address.lowercased()
              || $0.address.lowercased() == original?.lowercased()
          })
        {
          diagnostic = text.diagnostic
        }
        found.append(
          .init(
            address: address, original: original, final: final,
            action: field("action").flatMap(DeliveryStatus.normalizedAction),
            status: field("status").map { DeliveryStatus.withoutType($0) },
            remoteMTA: field("remote-mta").map(DeliveryStatus.withoutType),
            diagnostic: diagnostic, lastAttempt: field("last-attempt-date"),
            retryUntil: field("will-retry-until")))
      }
    } else if let ses = extractor.amazonSES() {
      format = .amazonSES
      reportingMTA = ses.reportingMTA
      found = ses.recipients
    } else if extractor.isBounce {
      format = .text
      found = extractor.textRecipients()
    }

    // Nothing in the message itself, but a bounce is attached (a forwarded bounce): report it.
    if found.isEmpty, let attached = extractor.attachedDSN() {
      let inner = explainMessage(attached)
      if !inner.recipients.isEmpty {
        return BounceReport(
          message: inner.message, format: inner.format, recipients: inner.recipients,
          notes: inner.notes + [
            "The report comes from a bounce attached to this message (a forwarded bounce)."
          ])
      }
    }
    if found.count > Self.maximumRecipients {
      notes.append(
        "The message names \(found.count) recipients; only the first \(Self.maximumRecipients) are listed."
      )
      found = Array(found.prefix(Self.maximumRecipients))
    }
    if extractor.partsLimited {
      notes.append(
        "The message has more than \(MessageParser.maximumParts) MIME parts or deeper nesting than \(MessageParser.maximumDepth); the rest was not read."
      )
    }

    let hint = [reportingMTA].compactMap { $0 }.joined(separator: " ")
    let warning = found.contains { $0.action == nil } && extractor.isWarning
    let recipients = found.map { item -> BounceRecipient in
      let statusCode = item.status.flatMap { status -> EnhancedCode? in
        let codes = ReplyParser.find(in: status)
        return codes.enhanced
      }
      let action =
        item.action
        ?? {
          if let digit = statusCode?.classDigit {
            return digit == 4 ? "delayed" : digit == 2 ? "delivered" : "failed"
          }
          return warning ? "delayed" : "failed"
        }()
      let explanation = explain(
        bytes: Array(item.diagnostic.utf8),
        context: ExplainContext(
          enhanced: statusCode, transient: action == "delayed", providerHint: hint))
      return BounceRecipient(
        recipient: item.address, originalRecipient: item.original,
        finalRecipient: item.final, action: action,
        status: item.status, remoteMTA: item.remoteMTA, diagnostic: item.diagnostic,
        lastAttemptDate: item.lastAttempt, willRetryUntil: item.retryUntil,
        explanation: explanation)
    }
    let info = BounceMessageInfo(
      from: root.decodedHeader("from").map(Self.oneLine),
      to: root.decodedHeader("to").map(Self.oneLine),
      subject: root.decodedHeader("subject").map(Self.oneLine),
      date: root.header("date"), messageID: root.header("message-id"),
      reportingMTA: reportingMTA, arrivalDate: arrivalDate)
    return BounceReport(message: info, format: format, recipients: recipients, notes: notes)
  }

  static func oneLine(_ text: String) -> String {
    text.trimmingBlanks
  }
}

/// Finds the report in a parsed message: delivery-status fields, or the addresses and the text
/// next to them in a human-readable bounce. Only the bounce's own text parts are read: returned
/// messages (message/rfc822, text/rfc822-headers) and the headers are not.
struct BounceExtractor {
  struct Found {
    var address: String
    var original: String? = nil
    var final: String? = nil
    var action: String? = nil
    var status: String? = nil
    var remoteMTA: String? = nil
    var diagnostic: String
    var lastAttempt: String? = nil
    var retryUntil: String? = nil
  }

  let root: MIMEPart
  /// The bounce's own text, in order, with any copy of the returned message cut off.
  let texts: [String]
  let partsLimited: Bool
  /// The texts and the subject lower-cased, for phrase tests.
  let loweredBody: LoweredText
  let loweredSubject: LoweredText

  init(root: MIMEPart) {
    self.root = root
    var texts: [String] = []
    var count = 0
    var deepest = 0
    Self.collectText(root, depth: 0, into: &texts, count: &count, deepest: &deepest)
    self.texts = texts.map(Self.cutReturnedMessage)
    loweredBody = LoweredText(Array(self.texts.joined(separator: "\n").utf8))
    loweredSubject = LoweredText(Array((root.decodedHeader("subject") ?? "").utf8))
    partsLimited = count >= MessageParser.maximumParts || deepest >= MessageParser.maximumDepth
  }

  /// The text parts that belong to the bounce itself, not to a returned message; in a
  /// multipart/alternative the plain text is taken over HTML.
  static func collectText(
    _ part: MIMEPart, depth: Int, into texts: inout [String], count: inout Int, deepest: inout Int
  ) {
    count += 1
    deepest = max(deepest, depth)
    let type = part.contentType
    if type.hasPrefix("message/") || type == "text/rfc822-headers" { return }
    if type.hasPrefix("multipart/") {
      if type == "multipart/alternative",
        let plain = part.children.first(where: { $0.contentType == "text/plain" })
      {
        collectText(plain, depth: depth + 1, into: &texts, count: &count, deepest: &deepest)
        return
      }
      for child in part.children {
        collectText(child, depth: depth + 1, into: &texts, count: &count, deepest: &deepest)
      }
      return
    }
    guard type.hasPrefix("text/") || type == "application/json" else { return }
    // An attached text file is not the bounce's wording unless it is the only thing there.
    if let disposition = part.header("content-disposition")?.lowercased(),
      disposition.hasPrefix("attachment"), !texts.isEmpty
    {
      return
    }
    let text = part.text
    texts.append(type == "text/html" ? HTMLText.plain(text) : text)
  }

  /// Lines that start the copy of the returned message in a human-readable bounce.
  static let returnedMarkers = [
    "original message", "returned message", "unsent message", "copy of the message",
    "copy of your message", "message text follows", "below this line is a copy", "returned mail",
    "rejected message", "message headers follow", "undelivered message", "headers of the original",
    "text of the message follows", "message follows", "original text follows",
    "mensaje original", "the body of the message", "enclosed is a copy", "start of returned",
    "message was returned", "your original message", "original mail follows",
  ]

  /// The text up to the line that introduces the returned message.
  static func cutReturnedMessage(_ text: String) -> String {
    var kept: [Substring] = []
    for line in text.textLines {
      // Only a line set off by dashes, equals signs, stars or a final colon can be a marker.
      let utf8 = line.utf8
      var marked = utf8.last == 0x3A
      if !marked, kept.count > 1 {
        var previous: UInt8 = 0
        for b in utf8 {
          if b == previous, b == 0x2D || b == 0x3D || b == 0x2A {
            marked = true
            break
          }
          previous = b
        }
      }
      if marked, kept.count > 1 {
        let lowered = LoweredText(utf8)
        if returnedMarkers.contains(where: lowered.contains) { break }
      }
      kept.append(line)
    }
    return kept.joined(separator: "\n")
  }

  /// The delivery-status part, and whether it is RFC 6533's global form.
  func deliveryStatus() -> (DeliveryStatus, Bool)? {
    var result: (DeliveryStatus, Bool)?
    func visit(_ part: MIMEPart) {
      guard result == nil else { return }
      if part.contentType == "message/delivery-status"
        || part.contentType == "message/global-delivery-status"
      {
        let status = DeliveryStatus(String(decoding: part.decodedBody, as: UTF8.self))
        if !status.recipients.isEmpty {
          result = (status, part.contentType == "message/global-delivery-status")
        }
        return
      }
      // Not into returned messages: a bounce of a bounce carries someone else's report.
      if part.contentType.hasPrefix("message/") { return }
      part.children.forEach(visit)
    }
    visit(root)
    return result
  }

  /// A message attached to this one that carries a delivery-status part of its own.
  func attachedDSN() -> MIMEPart? {
    func hasDSN(_ part: MIMEPart) -> Bool {
      part.contentType == "message/delivery-status"
        || part.contentType == "message/global-delivery-status"
        || (!part.contentType.hasPrefix("message/") && part.children.contains(where: hasDSN))
    }
    func find(_ part: MIMEPart, depth: Int) -> MIMEPart? {
      guard depth < 4 else { return nil }
      for child in part.children {
        if child.contentType == "message/rfc822", let inner = child.children.first, hasDSN(inner) {
          return inner
        }
        if child.contentType.hasPrefix("multipart/"), let inner = find(child, depth: depth + 1) {
          return inner
        }
      }
      return nil
    }
    return find(root, depth: 0)
  }

  /// Amazon SES bounce notifications (also wrapped in an SNS envelope): bouncedRecipients.
  func amazonSES() -> (reportingMTA: String?, recipients: [Found])? {
    for text in texts {
      let trimmed = text.trimmingBlanks
      guard trimmed.hasPrefix("{"), trimmed.contains("ounce") else { continue }
      guard var value = JSONValue.parse(trimmed) else { continue }
      if case .string(let inner)? = value["Message"], let parsed = JSONValue.parse(inner) {
        value = parsed
      }
      guard let bounce = value["bounce"], case .array(let list)? = bounce["bouncedRecipients"]
      else { continue }
      let mta = bounce["reportingMTA"]?.string.map(DeliveryStatus.withoutType)
      let transient = bounce["bounceType"]?.string == "Transient"
      let recipients = list.compactMap { item -> Found? in
        guard let address = item["emailAddress"]?.string else { return nil }
        return Found(
          address: DeliveryStatus.address(address),
          action: item["action"]?.string ?? (transient ? "delayed" : "failed"),
          status: item["status"]?.string, remoteMTA: mta,
          diagnostic: item["diagnosticCode"]?.string.map(DeliveryStatus.withoutType) ?? "")
      }
      return (mta, recipients)
    }
    return nil
  }

  // MARK: - Human-readable bounces

  /// Whether the message says it is a bounce or a delay warning: its sender, its subject or its
  /// wording. (Headers may say *that* it is a bounce; they never say why.)
  var isBounce: Bool {
    if root.header("x-failed-recipients") != nil { return true }
    let from = (root.decodedHeader("from") ?? "").lowercased()
    if ["mailer-daemon", "postmaster", "mail delivery", "mailer_daemon", "mail administrator"]
      .contains(where: from.contains)
    {
      return true
    }
    if Self.bounceSubjects.contains(where: loweredSubject.contains) { return true }
    return Self.bouncePhrases.contains(where: loweredBody.contains)
  }

  var isWarning: Bool {
    loweredSubject.contains("delay") || loweredSubject.contains("warning")
      || Self.warningPhrases.contains(where: loweredBody.contains)
  }

  static let warningPhrases = [
    "will continue trying", "not yet been delivered", "will keep trying",
    "this is only a warning", "still trying", "will be retried", "will retry",
    "delivery is delayed",
  ]

  static let bounceSubjects = [
    "undeliver", "undelivered", "delivery fail", "delivery status", "failure notice",
    "returned mail", "returned to sender", "not delivered", "nondeliver", "non-deliver",
    "delivery problem", "could not be delivered", "delivery notification", "mail delivery",
    "bounce", "delayed mail", "warning: could not", "rejected", "error sending", "mail failure",
    "delivery report", "nicht zustellbar", "non remis", "unzustellbar",
  ]

  static let bouncePhrases = [
    "could not be delivered", "undeliverable", "delivery failed", "permanent error",
    "permanent fatal", "user unknown", "unknown user", "not delivered", "delivery has failed",
    "failed permanently", "unable to deliver", "wasn't delivered", "was not delivered",
    "no such user", "the following addresses had", "could not be reached", "does not exist",
    "delivery to the following", "failed recipient", "not able to deliver", "qmail-send",
    "mail delivery software", "delivery status notification", "couldn't be delivered",
  ]

  /// Per-recipient addresses and the text next to each, from the bounce's own wording.
  func textRecipients() -> [Found] {
    var excluded = Set<String>()
    for name in ["to", "from", "return-path", "reply-to", "sender", "cc"] {
      for field in root.headers where field.name == name {
        for address in AddressScanner.addresses(in: Substring(field.value)) {
          excluded.insert(address.text.lowercased())
        }
      }
    }
    var found: [Found] = []
    var index: [String: Int] = [:]
    for text in texts {
      let lines = text.textLines.map {
        $0.hasSuffix("\r") ? $0.dropLast() : $0
      }
      var candidates: [(line: Int, address: String, rest: Substring, weak: Bool)] = []
      for (number, line) in lines.enumerated() {
        for address in AddressScanner.addresses(in: line) {
          let lowered = address.text.lowercased()
          if excluded.contains(lowered) || AddressScanner.isSystemAddress(lowered) { continue }
          guard let context = Self.recipientContext(line, address) else { continue }
          candidates.append((number, address.text, context.rest, context.weak))
        }
      }
      if candidates.contains(where: { !$0.weak }) { candidates.removeAll(where: \.weak) }
      for (position, candidate) in candidates.enumerated() {
        let key = candidate.address.lowercased()
        // The block ends at the next line that names another recipient; the same address
        // named again ("Sorry, your message to <it> cannot be delivered") is its text.
        let others = candidates[(position + 1)...].filter { $0.address.lowercased() != key }
        let diagnostic = Self.block(
          lines, from: candidate.line, rest: candidate.rest,
          until: others.first?.line ?? lines.count,
          candidateLines: Set(others.map(\.line)))
        if let existing = index[key] {
          let old = found[existing].diagnostic
          if old.isEmpty
            || (ReplyParser.find(in: old).isEmpty && !ReplyParser.find(in: diagnostic).isEmpty)
          {
            found[existing].diagnostic = diagnostic
          }
          continue
        }
        index[key] = found.count
        found.append(Found(address: candidate.address, diagnostic: diagnostic))
      }
      // One recipient and no code next to it: the reply may stand elsewhere in the text
      // (sendmail's transcript, Gmail's "The response from the remote server was:").
      if found.count == 1, ReplyParser.find(in: found[0].diagnostic).isEmpty {
        let whole = Self.joined(lines[...])
        if !ReplyParser.find(in: whole).isEmpty {
          found[0].diagnostic = (found[0].diagnostic + " " + Self.replyLines(lines)).trimmingBlanks
        }
      }
    }
    return found
  }

  /// The lines that hold a reply code: a transcript's `<<< 550 …` and the like.
  static func replyLines(_ lines: [Substring]) -> String {
    var picked: [Substring] = []
    var taking = false
    for line in lines {
      let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "<" || $0 == ">" }
      let codes = ReplyParser.find(in: String(trimmed))
      if codes.basicOffset == 0 || codes.enhancedOffset == 0 {
        picked.append(trimmed)
        taking = true
      } else if taking, !trimmed.isEmpty, picked.count < 12,
        line.first == " " || line.first == "\t"
      {
        picked.append(trimmed)
      } else {
        taking = false
        // "The response from the remote server was:" and the like introduce the reply.
        let lowered = line.lowercased()
        if lowered.contains("remote server") || lowered.contains("said:")
          || lowered.contains("smtp error") || lowered.contains("reason:")
        {
          picked.append(trimmed)
          taking = true
        }
      }
      if picked.count >= 12 { break }
    }
    return picked.map { $0.trimmingBlanks }.joined(separator: " ")
  }

  static func joined(_ lines: ArraySlice<Substring>) -> String {
    lines.map { $0.trimmingBlanks }.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// The text about the recipient on `line`: what follows the address on its line, then the
  /// lines below it up to an empty line (or, when the address stands alone, the next paragraph),
  /// stopping at the next recipient.
  static func block(
    _ lines: [Substring], from line: Int, rest: Substring, until limit: Int,
    candidateLines: Set<Int>
  ) -> String {
    var parts: [String] = []
    let first = rest.trimmingBlanks
    if !first.isEmpty { parts.append(first) }
    var i = line + 1
    var skippedBlank = false
    while i < min(limit, line + 16), i < lines.count {
      if candidateLines.contains(i) { break }
      let text = lines[i].trimmingBlanks
      if text.isEmpty {
        // An address alone on its line: its reason may follow after one empty line.
        if parts.isEmpty, !skippedBlank {
          skippedBlank = true
          i += 1
          continue
        }
        break
      }
      parts.append(text)
      i += 1
    }
    return parts.joined(separator: " ")
  }

  /// Words before an address that say it is the one that failed.
  static let leadIns = [
    "user:", "recipient:", "recipients:", "address:", "addressed to", "delivered to",
    "message to", "undeliverable to", "attempts:", "userid:", "rcpt to:", "error-for:",
    "message to:", "generated from", "expanded from", "expanded from:", "local mailbox",
    "delivery to", "full:", "to:", "smtp=", "smtp:", "sent to", "deliver to", "delivre a",
    "failed:", "recipient", "originally addressed to", "mailbox", "for", "address",
    "addresses", "recipient address", "destinataire", "empfänger:", "adresse:", "user",
    "unknown", "addressee:", "undeliverable", "wasn't delivered to", "failed to",
    "was addressed",
  ]

  /// Lead-ins that may also introduce the returned message's summary ("To: list@example.org"
  /// in Exchange's "Your message To: … Subject: … did not reach"): used only when nothing
  /// better names a recipient.
  static let weakLeadIns = ["to"]

  /// When the address on `line` is presented as a recipient, the rest of the line after it.
  static func recipientContext(_ line: Substring, _ address: AddressScanner.Match) -> (
    rest: Substring, weak: Bool
  )? {
    let before = line[..<address.range.lowerBound]
    let after = line[address.range.upperBound...]
    let strippedBefore = before.lowercased().filter {
      !" \t<>\"'*-|[(:;#.,".contains($0)
    }
    var rest = after.drop { " \t>\"'])".contains($0) }
    if rest.hasPrefix(";") { rest = rest.dropFirst() }
    if strippedBefore.isEmpty { return (rest.drop { $0 == ":" || $0 == " " || $0 == "." }, false) }
    let lead = before.lowercased().trimmingBlanks.trimmingCharacters(" <\"'[(:,".contains)
    let weak = weakLeadIns.contains(lead)
    if weak || leadIns.contains(where: { lead.hasSuffix($0.trimmingCharacters { $0 == ":" }) }) {
      return (rest.drop { $0 == ":" || $0 == " " || $0 == "," }, weak)
    }
    return nil
  }
}

extension String {
  /// The lines of the text, split at LF, CR LF (one Character in Swift) and lone CR.
  var textLines: [Substring] {
    split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
  }

  var uppercasedFirst: String {
    guard let first else { return self }
    return first.uppercased() + dropFirst()
  }

  func trimmingCharacters(_ drop: (Character) -> Bool) -> String {
    guard let last = lastIndex(where: { !drop($0) }) else { return "" }
    return String(self[...last])
  }
}

/// Finds addr-spec shaped addresses (local@domain.tld) in text.
enum AddressScanner {
  struct Match {
    let text: String
    let range: Range<Substring.Index>
  }

  static func isLocalByte(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || "!#$%&'*+/=?^_`{|}~.-".contains(c)
  }

  static func isDomainByte(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "-" || c == "."
  }

  static func addresses(in line: Substring) -> [Match] {
    var matches: [Match] = []
    var search = line.startIndex
    while let at = line[search...].firstIndex(of: "@") {
      search = line.index(after: at)
      var start = at
      while start > line.startIndex, isLocalByte(line[line.index(before: start)]) {
        start = line.index(before: start)
      }
      // Quotes and apostrophes around an address are not part of it.
      while start < at, "'`{|}".contains(line[start]) { start = line.index(after: start) }
      var end = search
      while end < line.endIndex, isDomainByte(line[end]) { end = line.index(after: end) }
      while end > search,
        line[line.index(before: end)] == "." || line[line.index(before: end)] == "-"
      {
        end = line.index(before: end)
      }
      let local = line[start..<at]
      let domain = line[search..<end]
      guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
        !local.contains(".."), domain.contains("."), !domain.contains(".."),
        !domain.hasPrefix("."), !domain.hasPrefix("-"),
        let tld = domain.split(separator: ".").last, tld.count >= 2,
        tld.allSatisfy({ $0.isLetter })
      else { continue }
      // Exchange's X.400 style "dda:SMTP=user@example.com", Notes' "[SMTP:user@…]".
      for prefix in ["SMTP=", "smtp=", "RFC-822=", "rfc-822="]
      where line[start..<at].hasPrefix(prefix) {
        start = line.index(start, offsetBy: prefix.count)
      }
      guard start < at else { continue }
      matches.append(Match(text: String(line[start..<end]), range: start..<end))
      search = end
    }
    return matches
  }

  /// Addresses of mail systems, never a failed recipient.
  static func isSystemAddress(_ lowered: String) -> Bool {
    let local = lowered.prefix { $0 != "@" }
    return [
      "postmaster", "mailer-daemon", "mailer_daemon", "mail-daemon", "abuse", "noreply",
      "no-reply", "mailerdaemon",
    ].contains(String(local))
  }
}

/// Text from HTML, enough for bounce bodies: tags dropped, block tags as line breaks, the
/// common entities decoded.
enum HTMLText {
  static func plain(_ html: String) -> String {
    var out = ""
    var inTag = false
    var tag = ""
    var skipping = false
    for c in html {
      if inTag {
        if c == ">" {
          inTag = false
          let name = tag.lowercased().prefix {
            $0 != " " && $0 != "/" || $0 == "/" && tag.hasPrefix("/")
          }
          let bare = name.hasPrefix("/") ? String(name.dropFirst()) : String(name)
          if bare == "style" || bare == "script" { skipping = !name.hasPrefix("/") }
          if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "table", "td", "br/"].contains(bare) {
            out += bare == "td" ? " " : "\n"
          }
          tag = ""
        } else {
          tag.append(c)
        }
        continue
      }
      if c == "<" {
        inTag = true
        continue
      }
      if !skipping { out.append(c) }
    }
    for (entity, value) in [
      ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"),
      ("&apos;", "'"), ("&amp;", "&"),
    ] where out.contains(entity) {
      out = out.replacing(entity, with: value)
    }
    return out
  }
}

/// A small JSON reader for Amazon SES notifications.
indirect enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
    return nil
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  static func parse(_ text: String) -> JSONValue? {
    var parser = Parser(bytes: Array(text.utf8))
    guard let value = parser.value(depth: 0) else { return nil }
    return value
  }

  struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func blanks() {
      while i < bytes.count,
        bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
      {
        i += 1
      }
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth < 64 else { return nil }
      blanks()
      guard i < bytes.count else { return nil }
      switch bytes[i] {
      case 0x7B:
        i += 1
        var members: [(String, JSONValue)] = []
        blanks()
        if i < bytes.count, bytes[i] == 0x7D {
          i += 1
          return .object(members)
        }
        while true {
          blanks()
          guard case .string(let key)? = string() else { return nil }
          blanks()
          guard i < bytes.count, bytes[i] == 0x3A else { return nil }
          i += 1
          guard let item = value(depth: depth + 1) else { return nil }
          members.append((key, item))
          blanks()
          guard i < bytes.count else { return nil }
          if bytes[i] == 0x2C {
            i += 1
            continue
          }
          if bytes[i] == 0x7D {
            i += 1
            return .object(members)
          }
          return nil
        }
      case 0x5B:
        i += 1
        var items: [JSONValue] = []
        blanks()
        if i < bytes.count, bytes[i] == 0x5D {
          i += 1
          return .array(items)
        }
        while true {
          guard let item = value(depth: depth + 1) else { return nil }
          items.append(item)
          blanks()
          guard i < bytes.count else { return nil }
          if bytes[i] == 0x2C {
            i += 1
            continue
          }
          if bytes[i] == 0x5D {
            i += 1
            return .array(items)
          }
          return nil
        }
      case 0x22:
        return string()
      default:
        let start = i
        while i < bytes.count, !",}] \n\r\t".utf8.contains(bytes[i]) { i += 1 }
        let word = String(decoding: bytes[start..<i], as: UTF8.self)
        switch word {
        case "null": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return word.isEmpty ? nil : .number(word)
        }
      }
    }

    mutating func string() -> JSONValue? {
      guard i < bytes.count, bytes[i] == 0x22 else { return nil }
      i += 1
      var out: [UInt8] = []
      while i < bytes.count {
        let b = bytes[i]
        if b == 0x22 {
          i += 1
          return .string(String(decoding: out, as: UTF8.self))
        }
        if b == 0x5C, i + 1 < bytes.count {
          let e = bytes[i + 1]
          i += 2
          switch e {
          case 0x6E: out.append(0x0A)
          case 0x74: out.append(0x09)
          case 0x72: out.append(0x0D)
          case 0x62: out.append(0x08)
          case 0x66: out.append(0x0C)
          case 0x75:
            guard i + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
            else { return nil }
            i += 4
            var scalarValue = value
            // A surrogate pair.
            if value >= 0xD800, value < 0xDC00, i + 6 <= bytes.count, bytes[i] == 0x5C,
              bytes[i + 1] == 0x75,
              let low = UInt32(
                String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
              low >= 0xDC00, low < 0xE000
            {
              scalarValue = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
              i += 6
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            out += Array(String(Character(scalar)).utf8)
          default: out.append(e)
          }
          continue
        }
        out.append(b)
        i += 1
      }
      return nil
    }
  }
}

/// The bounce's own wording, for explaining a message whose recipients could not be found.
public enum BounceText {
  /// The text parts of the message that belong to it (not returned messages, not headers),
  /// with any copy of the returned message cut off.
  public static func ownText(of root: MIMEPart) -> String {
    BounceExtractor(root: root).texts.joined(separator: "\n")
  }
}

extension LogTime {
  /// The time stamp near the start of a log line as written, for showing it: syslog's
  /// "Nov 29 23:01:18" or ISO 8601's "2026-11-29T23:01:18" (with a fraction and zone when
  /// present). `parse(lineStart:syslogYear:)` reads it as a time to compare.
  public static func find(in line: UnsafeBufferPointer<UInt8>) -> String? {
    let n = min(line.count, 80)
    func digit(_ i: Int) -> Bool { i < n && ReplyParser.isDigit(line[i]) }
    func clock(_ i: Int) -> Bool {
      digit(i) && digit(i + 1) && i + 2 < n && line[i + 2] == 0x3A && digit(i + 3) && digit(i + 4)
        && i + 5 < n && line[i + 5] == 0x3A && digit(i + 6) && digit(i + 7)
    }
    var start = 0
    while start < n, line[start] == 0x20 || line[start] == 0x5B { start += 1 }
    // Syslog: "Nov 29 23:01:18" or "Nov  9 23:01:18".
    if start + 15 <= n, ReplyParser.isLetter(line[start]), line[start + 3] == 0x20 {
      var i = start + 4
      if line[i] == 0x20 { i += 1 }
      if digit(i) {
        i += 1
        if digit(i) { i += 1 }
        if i < n, line[i] == 0x20, clock(i + 1) {
          return String(decoding: line[start..<(i + 9)], as: UTF8.self)
        }
      }
    }
    // ISO 8601 anywhere near the start.
    var i = start
    while i + 19 <= n {
      if digit(i), digit(i + 1), digit(i + 2), digit(i + 3), line[i + 4] == 0x2D, digit(i + 5),
        digit(i + 6), line[i + 7] == 0x2D, digit(i + 8), digit(i + 9),
        line[i + 10] == 0x54 || line[i + 10] == 0x20, clock(i + 11)
      {
        var end = i + 19
        if end < n, line[end] == 0x2E || line[end] == 0x2C {
          end += 1
          while digit(end) { end += 1 }
        }
        if end < n, line[end] == 0x5A {
          end += 1
        } else if end + 5 < n, line[end] == 0x2B || line[end] == 0x2D, digit(end + 1) {
          end += 3
          if end < n, line[end] == 0x3A { end += 1 }
          while digit(end), end < i + 32 { end += 1 }
        }
        return String(decoding: line[i..<end], as: UTF8.self)
      }
      i += 1
    }
    return nil
  }
}
