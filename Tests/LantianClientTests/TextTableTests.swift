import LantianDomain
import Testing
@testable import LantianClient

/// Finding 6 of the field-client review: on a 60-column terminal issue rows took two lines and
/// quarantine rows three. A table fits the width it is given, by display width.
@Suite struct TextTableTests {
    let table = TextTable(header: ["编号", "类别", "状态", "地点", "期限", "标题"],
                          rows: [["4b20d633", "秸秆焚烧", "已交办·逾期", "东昌府区古楼街道北关村", "2026-12-31 18:00", "北关村东侧麦田焚烧秸秆，火势较大，已通知村委"]],
                          droppable: [3, 1, 4], overflow: .truncate)

    @Test func aWideTableLeavesOutWhatMattersLeastThenCutsItsLastColumn() {
        let lines = table.rendered(width: 60).split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 60 }, "\(lines)")
        #expect(lines.count == 3)
        // The place goes first, then the category; the deadline stays, and the title keeps 16 columns or more.
        #expect(!lines[0].contains("地点") && !lines[0].contains("类别") && lines[0].contains("期限"))
        #expect(lines[2].hasSuffix("…") && lines[2].hasPrefix("4b20d633"))
        // Whole where there is room, and to a pipe.
        #expect(table.rendered(width: 200) == table.rendered && table.rendered.contains("东昌府区古楼街道北关村"))
    }

    @Test func aWrappedLastColumnKeepsEveryCharacterUnderItsColumn() {
        var reasons = table
        reasons.overflow = .wrap
        let lines = reasons.rendered(width: 40).split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines)")
        let start = DisplayWidth.of(lines[0].prefix { $0 != "标" })
        #expect(lines.dropFirst(3).allSatisfy { $0.prefix(start).allSatisfy { $0 == " " } })
        #expect(lines.dropFirst(2).map { $0.trimmingPrefix(while: { $0 == " " }) }.joined().contains("火势较大，已通知村委"))
    }

    @Test func wrappingBreaksBetweenChineseCharactersAndAtSpacesNotInsideWords() {
        let lines = DisplayWidth.wrap("  --lang <lang>   界面语言 zh 或 en，默认跟随 LANG。Language, zh or en; default from LANG.", to: 40, indent: 19)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 }, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 19)) })
        let words = lines.joined(separator: " ").split(separator: " ")
        #expect(words.contains("Language,") && words.contains("default"))
    }
}
