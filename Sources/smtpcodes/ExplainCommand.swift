import ArgumentParser
import ReplyCatalog

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain a pasted reply, log line or bounce: codes, reason, provider, what to do.",
    discussion: """
      Give the text as arguments or on standard input (all lines form one reply; --each-line \
      explains every line on its own). Codes are found wherever they stand: multi-line replies, \
      Postfix, Exim and sendmail log lines, DSN fields, qmail's (#4.3.0), application errors.
      Whole messages are explained recipient by recipient: a bounce on standard input, readable \
      files as arguments (.eml, mbox), maildir folders, or --mbox FILE; several messages give \
      one row each.
      Exits 0 when a code was explained, 1 when the text holds none, 2 on bad usage.
      """
  )

  @Argument(
    help:
      "The reply, log line or bounce text, or message files and folders (read from standard input when absent)."
  )
  var text: [String] = []

  @Flag(name: .long, help: "Explain every line on its own.")
  var eachLine = false

  @Flag(
    name: .long,
    help: "With --each-line: one line per reply (time, codes, verdict, reason, provider).")
  var oneline = false

  @Option(name: .long, help: "Explain every message of an mbox file, one result per message.")
  var mbox: String?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let catalog = Catalog.builtIn
    let renderer = TextRenderer(style: .detect())
    if oneline, !eachLine {
      throw UsageError(
        description: "--oneline goes with --each-line: smtpcodes explain --each-line --oneline")
    }
    if let mbox {
      if eachLine || !text.isEmpty {
        throw UsageError(
          description: "--mbox FILE takes no text and no --each-line; give the mbox file alone")
      }
      return try explainMessages(try MessageInputs.messages(inFile: mbox, forceMbox: true), catalog)
    }
    // Readable files or folders as arguments: messages (mbox, maildir, .eml); text otherwise.
    if !eachLine, MessageInputs.areFiles(text) {
      let inputs = try MessageInputs.collect(text)
      if inputs.count == 1, text.count == 1, !MessageInputs.isDirectory(text[0]) {
        return try explainOneMessage(inputs[0], catalog, renderer)
      }
      return try explainMessages(inputs, catalog)
    }
    if !eachLine {
      let bytes: [UInt8]
      if text.isEmpty {
        if Input.stdinIsTerminal {
          throw UsageError(
            description:
              "give the text to explain, or pipe it in: smtpcodes explain '550 5.1.1 User unknown'")
        }
        // The first 64 KiB decide: a message or an mbox is read on (up to its own limit); any
        // other text is not read past what explain looks at.
        var head = Input.prefix(of: STDIN_FILENO, limit: ReplyParser.maximumInput + 1)
        if head.count > ReplyParser.maximumInput,
          MessageParser.looksLikeMessage(head) || Mailbox.isMbox(head)
        {
          head += Input.prefix(
            of: STDIN_FILENO, limit: MessageInputs.maximumMessage + 1 - head.count)
        }
        bytes = head
        // A whole message (or an mbox of them) on standard input.
        if Mailbox.isMbox(bytes), Mailbox.split(bytes).count > 1 {
          // Standard input is read up to 64 MiB: the last message is marked cut when it was.
          let cut = bytes.count > MessageInputs.maximumMessage
          let kept = cut ? Array(bytes.prefix(MessageInputs.maximumMessage)) : bytes
          let ranges = Mailbox.split(kept)
          let inputs = ranges.enumerated().map { index, range in
            MessageInput(
              source: "stdin#\(index + 1)", bytes: Array(kept[range]),
              truncated: cut && index == ranges.count - 1)
          }
          return try explainMessages(inputs, catalog)
        }
        if MessageParser.looksLikeMessage(bytes) {
          let cut = bytes.count > MessageInputs.maximumMessage
          return try explainOneMessage(
            MessageInput(
              source: "stdin",
              bytes: cut ? Array(bytes.prefix(MessageInputs.maximumMessage)) : bytes,
              truncated: cut), catalog, renderer)
        }
      } else {
        bytes = Array(text.joined(separator: " ").utf8)
      }
      let explanation = catalog.explain(bytes: bytes)
      if output.json {
        print(explanation.json.rendered())
      } else {
        print(renderer.explanation(explanation, empty: isBlank(bytes)))
      }
      if !explanation.foundCode { throw ExitCode.failure }
      return
    }

    // One explanation per non-blank line, printed as it is read.
    var found = false
    var first = true
    func emit(_ line: UnsafeBufferPointer<UInt8>) {
      guard !isBlank(line) else { return }
      let explanation = catalog.explain(bytes: Array(line))
      found = found || explanation.foundCode
      if oneline, !output.json {
        printOut(onelineText(explanation, line: line))
        first = false
        return
      }
      if output.json {
        print(first ? "[\n  " : ",\n  ", terminator: "")
        print(explanation.json.rendered(indent: 2), terminator: "")
      } else {
        if !first {
          print(renderer.style.dim(String(repeating: "─", count: min(renderer.style.width, 60))))
        }
        print(renderer.explanation(explanation, empty: false))
      }
      first = false
    }
    // One byte over the limit, so that a longer line reaches explain cut and marked truncated.
    var splitter = LineSplitter(maximumLine: ReplyParser.maximumInput + 1)
    if text.isEmpty {
      if Input.stdinIsTerminal {
        throw UsageError(
          description: "give the text to explain, or pipe it in (--each-line reads lines)")
      }
      try Input.chunks(of: STDIN_FILENO, name: "standard input") { splitter.feed($0, emit) }
    } else {
      var joined = text.joined(separator: "\n")
      joined.withUTF8 { splitter.feed(UnsafeRawBufferPointer($0), emit) }
    }
    splitter.finish(emit)
    if output.json { print(first ? "[]" : "\n]") }
    if !found {
      if first, !output.json { print("No text to explain: every line is blank.") }
      throw ExitCode.failure
    }
  }

  /// One whole message: the verdict first, then the primary recipient's explanation, the
  /// message's facts and every recipient.
  private func explainOneMessage(
    _ input: MessageInput, _ catalog: Catalog, _ renderer: TextRenderer
  )
    throws
  {
    let result = catalog.explainInput(input)
    if output.json {
      printOut(result.json.rendered())
    } else {
      var lines = [renderer.explanation(result.explanation, empty: isBlank(input.bytes))]
      if let report = result.report {
        lines.append("")
        lines += messageText(report, truncated: result.truncated)
        if report.recipients.isEmpty {
          lines.append(
            report.format == .notBounce
              ? "No failed recipients: the message does not look like a bounce."
              : "No recipient address found in the bounce; its own text was explained above.")
        } else {
          lines.append("")
          lines += recipientsText(report)
        }
      }
      printOut(lines.joined(separator: "\n"))
    }
    if !result.foundCode { throw ExitCode.failure }
  }

  /// Many messages: a compact table, or a JSON array with one object per message.
  private func explainMessages(_ inputs: [MessageInput], _ catalog: Catalog) throws {
    let results = inputs.map(catalog.explainInput)
    if output.json {
      printOut(JSON.array(results.map(\.json)).rendered())
    } else if results.isEmpty {
      printOut("No messages found.")
    } else {
      printOut(messageTableText(results).joined(separator: "\n"))
    }
    if !results.contains(where: \.foundCode) { throw ExitCode.failure }
  }

  private func isBlank(_ bytes: some Collection<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }
}

extension TextRenderer {
  /// The answer for people: codes, reason, what to do, then warnings.
  func explanation(_ e: Explanation, empty: Bool) -> String {
    var out: [String] = []
    let labelWidth = 14
    func field(_ label: String, _ value: String, indent: Int = 0) {
      guard !value.isEmpty else { return }
      let lines = wrap(value, width: style.width - labelWidth - 2)
      out.append(pad("", indent) + style.bold(pad(label, labelWidth - indent)) + lines[0])
      for line in lines.dropFirst() { out.append(pad("", labelWidth) + line) }
    }
    let digit = e.severity?.classDigit ?? 0
    if empty {
      out.append(style.bold("No text to explain: the input is empty."))
      return out.joined(separator: "\n")
    }
    if e.foundCode {
      let codes = [e.code, e.enhanced].compactMap { $0 }.joined(separator: " ")
      var headline = style.bold(style.byClass(digit, codes))
      headline += "  " + style.bold(e.verdictPhrase)
      out.append(headline)
    } else {
      out.append(style.bold("No reply code found in the text."))
      if e.reason != .unknown {
        out.append("The text suggests: \(e.reason.rawValue) (\(e.reason.summary)).")
      }
    }
    out.append("")
    if e.foundCode || e.reason != .unknown {
      let from: String
      switch e.reasonSource {
      case .provider: from = " (from the provider's wording)"
      case .text: from = " (from the text)"
      case .code: from = " (from the codes)"
      case .none: from = ""
      }
      field("Reason", "\(e.reason.rawValue): \(e.reason.summary)\(from)")
    }
    if let severity = e.severity {
      var text = style.byClass(digit, severity.rawValue)
      if let basic = e.code, let treatedAs = e.treatedAs {
        text += " (\(basic) treated as \(treatedAs), RFC 5321 §4.5.3.1.10)"
      } else if let basic = e.code, e.enhanced != nil {
        text += " (the basic code \(basic) decides)"
      }
      field("Severity", text)
    }
    if let retry = e.retry { field("Retry", retry.label) }
    field("Who must act", e.whoMustAct.map(\.label).joined(separator: ", "))
    if let stage = e.stage { field("Stage", stage.label) }
    if let provider = e.provider {
      field("Provider", provider.name)
      if let pattern = e.pattern {
        field("means", pattern.meaning, indent: 2)
        field("do", pattern.action, indent: 2)
        field("source", pattern.source, indent: 2)
      } else {
        field("source", provider.source, indent: 2)
      }
    }
    if let basic = e.code {
      field(
        "Basic code", basic + (e.basicEntry.map { "  " + $0.title } ?? "  (not in the catalog)"))
    }
    if let enhanced = e.enhanced, let parts = e.enhancedParts {
      field("Enhanced", enhanced + (e.enhancedRegistered ? "" : "  (not in the IANA registry)"))
      field("class \(parts.class.value)", parts.class.meaning, indent: 2)
      field("subject \(parts.subject.value)", parts.subject.meaning, indent: 2)
      field("detail \(parts.detail.value)", parts.detail.meaning, indent: 2)
    }
    if !e.matches.isEmpty {
      let written = e.matches.map(\.entry.code).joined(separator: ", ")
      let show = [e.code, e.enhancedEntry != nil ? e.enhanced : nil].compactMap { $0 }
      field(
        "Catalog",
        written + (show.isEmpty ? "" : "  (smtpcodes show \"\(show.joined(separator: " "))\")"))
    }
    if !e.replyText.isEmpty { field("Reply", e.replyText) }
    if !e.warnings.isEmpty {
      out.append("")
      out.append(style.bold("WARNINGS"))
      for warning in e.warnings { out += bullet(warning) }
    }
    return out.joined(separator: "\n")
  }
}

extension Explanation {
  var json: JSON {
    var members: [(String, JSON)] = [
      ("code", .optional(code)),
      ("enhanced", .optional(enhanced)),
      ("verdict", .string(verdict)),
      ("severity", .optional(severity?.rawValue)),
      ("reason", .string(reason.rawValue)),
      ("reasonSummary", .string(reason.summary)),
      ("reasonSource", .string(reasonSource.rawValue)),
      ("retry", .optional(retry?.rawValue)),
      ("whoMustAct", .strings(whoMustAct.map(\.rawValue))),
      ("stage", .optional(stage?.rawValue)),
      ("provider", .optional(provider?.name)),
      ("providerId", .optional(provider?.id)),
      ("providerMeaning", .optional(pattern?.meaning)),
      ("providerAction", .optional(pattern?.action)),
      ("providerSource", .optional(pattern?.source ?? provider?.source)),
    ]
    if let enhanced = codes.enhanced, let parts = enhancedParts {
      func part(_ part: EnhancedPart) -> JSON {
        .object([("value", .int(part.value)), ("meaning", .string(part.meaning))])
      }
      members.append(
        (
          "enhancedParts",
          .object([
            ("class", part(parts.class)), ("subject", part(parts.subject)),
            ("detail", part(parts.detail)),
            ("registered", .bool(enhancedRegistered)),
            ("catalogCode", .string(enhanced.catalogCode)),
          ])
        ))
    } else {
      members.append(("enhancedParts", .null))
    }
    members += [
      ("warnings", .strings(warnings)),
      ("matches", .strings(matches.map(\.entry.code))),
      (
        "conflicts",
        .array(
          conflicts.map {
            .object([
              ("provider", .string($0.provider)), ("code", .string($0.code)),
              ("providerMeaning", .string($0.providerMeaning)), ("source", .string($0.source)),
            ])
          })
      ),
      ("text", .string(replyText)),
      ("truncated", .bool(truncated)),
      ("treatedAs", treatedAs.map(JSON.int) ?? .null),
    ]
    return .object(members)
  }
}
