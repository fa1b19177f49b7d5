import Explorer
import ReplyCatalog

/// A small, fixed catalog so that tests and snapshots do not move when the real catalog grows.
enum Fixture {
  static func entry(
    _ code: String, _ title: String, severity: Severity, kind: CodeKind = .basic,
    closes: Bool = false, retry: RetryAdvice = .backoff, classes: [Int] = [],
    summary: String? = nil, description: String = "", when: String = "", fix: String = "",
    notes: [String] = []
  ) -> CatalogEntry {
    CatalogEntry(
      code: code, kind: kind, origin: .standard, title: title,
      summary: summary ?? "Summary of \(code).", description: description, whenYouSeeIt: when,
      howToFix: fix, severity: severity, retry: retry, retryNote: "", whoMustAct: [.senderAdmin],
      stages: [.rcpt], closesConnection: closes, classes: classes,
      associatedBasicCodes: kind == .enhanced ? ["550"] : [], references: ["RFC 5321"],
      related: [], notes: notes, deprecated: false, serverTexts: [])
  }

  static let catalog = Catalog(
    entries: [
      entry(
        "250", "Requested mail action okay, completed", severity: .success, retry: .notApplicable),
      entry(
        "421", "Service not available, closing transmission channel", severity: .transient,
        closes: true,
        summary: "The server is closing the connection; retry later.",
        description: "The server cannot go on with the session and closes the connection.",
        fix: "Nothing to fix for a single occurrence: the message waits in the queue."),
      entry("450", "Requested mail action not taken: mailbox unavailable", severity: .transient),
      entry(
        "550", "Requested action not taken: mailbox unavailable", severity: .permanent,
        retry: .afterFix, description: "The mailbox does not exist or refuses mail."),
      entry(
        "556", "Domain does not accept mail", severity: .permanent, retry: .never,
        summary: "The domain publishes a null MX: it accepts no mail at all.",
        description: "RFC 7504: the recipient domain has declared that it accepts no mail."),
      entry(
        "X.1.1", "Bad destination mailbox address", severity: .permanent, kind: .enhanced,
        retry: .afterFix, classes: [5], description: "The mailbox named does not exist."),
      entry(
        "5.X.X", "Permanent Failure", severity: .permanent, kind: .enhanced, retry: .afterFix,
        classes: [5]),
    ],
    comparisonNotes: [
      ComparisonNote(
        codes: ["421", "556"], note: "421 is about the server now; 556 about the domain forever.")
    ])

  static func state(width: Int = 80, height: Int = 24, strings: Strings = .english) -> AppState {
    AppState(catalog: catalog, width: width, height: height, strings: strings)
  }

  /// The Japanese interface: its catalog titles and summaries are not translated, so every
  /// entry shows in English, marked once per screen.
  static let japanese = Strings(language: "ja", catalogTexts: [:])!

  /// The Hindi interface with fixed titles and summaries for the fixture's codes, but none for
  /// 5.X.X: it shows in English, marked.
  static let hindi = Strings(
    language: "hi",
    catalogTexts: [
      "250": LocalizedText(title: "अनुरोधित मेल कार्रवाई ठीक, पूरी हुई", summary: "सब ठीक: संदेश स्वीकार हुआ।"),
      "421": LocalizedText(
        title: "सेवा उपलब्ध नहीं, ट्रांसमिशन चैनल बंद किया जा रहा है",
        summary: "सर्वर कनेक्शन बंद कर रहा है; बाद में फिर कोशिश करें।"),
      "450": LocalizedText(
        title: "अनुरोधित मेल कार्रवाई नहीं हुई: मेलबॉक्स उपलब्ध नहीं", summary: "अस्थायी: मेलबॉक्स अभी उपलब्ध नहीं।"),
      "550": LocalizedText(
        title: "अनुरोधित कार्रवाई नहीं हुई: मेलबॉक्स उपलब्ध नहीं", summary: "स्थायी इनकार।"),
      "556": LocalizedText(
        title: "डोमेन मेल स्वीकार नहीं करता",
        summary: "डोमेन null MX प्रकाशित करता है: वह कोई मेल स्वीकार नहीं करता।"),
      "X.1.1": LocalizedText(title: "गलत गंतव्य मेलबॉक्स पता", summary: "ऐसा मेलबॉक्स नहीं है।"),
    ])!

  /// Runs actions as the event loop does: each is followed by a frame, whose facts go back in.
  static func apply(_ actions: [Action], to state: AppState) -> AppState {
    var state = state
    update(&state, .framed(renderFrame(state, theme: .builtInDefault).facts))
    for action in actions {
      update(&state, action)
      update(&state, .framed(renderFrame(state, theme: .builtInDefault).facts))
    }
    return state
  }

  /// The paste of the issue that quit the explorer: a multi-line reply with q, / and spaces.
  static let blockedReply =
    "554-5.7.1 Service unavailable;\n554 5.7.1 Client host [1.2.3.4] blocked, request refused"

  static func type(_ text: String) -> [Action] {
    [.startFilter] + text.map { Action.edit(.insert(String($0))) }
  }
}
