/// Where everything goes at a given size. Pure: the same size always gives the same layout.
public struct Layout: Equatable, Sendable {
  public static let minimumWidth = 24
  public static let minimumHeight = 7
  /// From this width on, the list and the detail stand side by side.
  public static let sideBySideWidth = 80
  /// From this width on, the compare view is side by side; below, stacked.
  public static let compareSideBySideWidth = 70
  /// From this width on, the list may grow to show whole titles.
  public static let wideWidth = 160
  /// The largest frame drawn: a window of 5000×5000 cells would cost gigabytes a frame.
  public static let maximumWidth = 1000
  public static let maximumHeight = 500

  public let width: Int
  public let height: Int
  public let tooSmall: Bool
  public let title: Rect
  public let body: Rect
  public let status: Rect
  /// Each pane's title row (its name and position; styled when focused), and its rows.
  public let listHeader: Rect
  public let list: Rect
  public let detailHeader: Rect
  public let detail: Rect
  /// The line between list and detail: vertical when side by side.
  public let divider: Rect
  public let sideBySide: Bool

  /// `wideListWidth`: what the list needs for whole titles (used on wide terminals).
  public init(width: Int, height: Int, wideListWidth: Int = 0) {
    self.width = max(0, width)
    self.height = max(0, height)
    tooSmall = width < Layout.minimumWidth || height < Layout.minimumHeight
    title = Rect(x: 0, y: 0, width: width, height: 1)
    status = Rect(x: 0, y: height - 1, width: width, height: 1)
    body = Rect(x: 0, y: 1, width: width, height: height - 2)
    sideBySide = width >= Layout.sideBySideWidth
    if sideBySide {
      var listWidth = min(56, max(30, width * 2 / 5))
      if width >= Layout.wideWidth {
        listWidth = max(listWidth, min(wideListWidth, width * 11 / 20))
      }
      listHeader = Rect(x: 0, y: body.y, width: listWidth, height: 1)
      list = Rect(x: 0, y: body.y + 1, width: listWidth, height: body.height - 1)
      divider = Rect(x: listWidth, y: body.y, width: 1, height: body.height)
      detailHeader = Rect(x: listWidth + 1, y: body.y, width: width - listWidth - 1, height: 1)
      detail = Rect(
        x: listWidth + 2, y: body.y + 1, width: width - listWidth - 3, height: body.height - 1)
    } else {
      // The line between the panes is the detail's title row.
      let listHeight = max(2, body.height * 2 / 5)
      listHeader = Rect(x: 0, y: body.y, width: width, height: 1)
      list = Rect(x: 0, y: body.y + 1, width: width, height: listHeight - 1)
      divider = Rect(x: 0, y: body.y + listHeight, width: width, height: 1)
      detailHeader = divider
      detail = Rect(
        x: 1, y: body.y + listHeight + 1, width: width - 2, height: body.height - listHeight - 1)
    }
  }

  /// The compare view's content area (under the title, above the status line).
  public var compare: Rect { Rect(x: 1, y: body.y, width: width - 2, height: body.height) }

  public var compareSideBySide: Bool { width >= Layout.compareSideBySideWidth }
}
