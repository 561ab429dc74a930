import Foundation
import LantianFiles
import Testing

/// CSV files as Chinese offices save them: UTF-8, or GBK/GB 18030 from Excel on Windows; anything
/// else is refused naming the line and byte where it stops being text.
@Suite struct ChineseTextTests {
    static let gbk: [UInt8] = [0xB9, 0xC5, 0xC2, 0xA5, 0xBD, 0xD6, 0xB5, 0xC0]  // 古楼街道

    @Test func gbkReadsAsTheChineseItWas() throws {
        let decoded = try ChineseText.decode(Data(Array("code,name\n1,".utf8) + Self.gbk + [0x0A])).get()
        #expect(decoded.text == "code,name\n1,古楼街道\n" && decoded.wasGB18030)
        let csv = try CSVFile(path: "t.csv", data: Data(Array("code,name\n1,".utf8) + Self.gbk + [0x0A]))
        #expect(csv.records.first?["name"] == "古楼街道")
    }

    @Test func utf8WithOrWithoutAByteOrderMarkIsUTF8() throws {
        #expect(try ChineseText.decode(Data("古楼".utf8)).get() == ("古楼", false))
        #expect(try ChineseText.decode(Data([0xEF, 0xBB, 0xBF] + Array("古楼".utf8))).get() == ("古楼", false))
    }

    @Test func bytesThatAreNeitherAreRefusedWithTheirLineAndByte() {
        // Line 2 holds a byte GB 18030 never starts a character with (0xFF).
        let data = Data(Array("code,name\n1,".utf8) + [0xFF, 0xFE] + Array(",x\n".utf8))
        #expect(throws: ImportError.notText(path: "t.csv", line: 2, byte: 12)) { try CSVFile(path: "t.csv", data: data) }
    }
}
