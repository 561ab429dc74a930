import Foundation

/// A document an office issues (公文), as its parts, not its layout: the issuing body's mark and
/// the document number (版头), the title, to whom it goes, the body in numbered sections with tables,
/// the signature and the date. Rendered as a Word file in the layout of GB/T 9704-2012
/// (``wordprocessingML(createdAt:)``), as terminal text and as HTML by the client.
///
/// ```swift
/// let document = OfficialDocument(issuer: "东昌府区大气污染防治网格化监管办公室", title: "…通报", blocks: [.heading("一、总体情况"), .paragraph("…")],
///                                 signature: "东昌府区大气污染防治网格化监管办公室", date: "2026年11月30日")
/// try document.wordprocessingML(createdAt: Date()).write(to: url)
/// ```
public struct OfficialDocument: Hashable, Sendable {
    /// One part of the body.
    public enum Block: Hashable, Sendable {
        /// A section heading with its number (一、总体情况): 黑体.
        case heading(String)
        /// A paragraph of body text: 仿宋, its first line indented two characters.
        case paragraph(String)
        /// A table; `highlighted` rows are the ones to look at (an overdue township).
        case table(Table)
    }

    public struct Table: Hashable, Sendable {
        public var header: [String]
        public var rows: [[String]]
        public var highlighted: Set<Int>

        public init(header: [String], rows: [[String]], highlighted: Set<Int> = []) {
            self.header = header
            self.rows = rows
            self.highlighted = highlighted
        }
    }

    /// The issuing body (发文机关标志), printed in red at the head.
    public var issuer: String
    /// The document number (发文字号), e.g. 东环网〔2026〕11号; `nil`: none given.
    public var number: String?
    public var title: String
    /// A line under the title saying what the figures are as of.
    public var subtitle: String?
    /// To whom it goes (主送机关), e.g. 各乡镇人民政府、街道办事处.
    public var recipients: String?
    public var blocks: [Block]
    /// Who signs (发文机关署名).
    public var signature: String
    /// The date it is issued (成文日期), written out: 2026年11月30日.
    public var date: String

    public init(issuer: String, number: String? = nil, title: String, subtitle: String? = nil, recipients: String? = nil, blocks: [Block],
                signature: String, date: String) {
        self.issuer = issuer
        self.number = number
        self.title = title
        self.subtitle = subtitle
        self.recipients = recipients
        self.blocks = blocks
        self.signature = signature
        self.date = date
    }
}
