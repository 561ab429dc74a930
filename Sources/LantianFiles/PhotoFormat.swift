import Foundation

/// The picture formats a phone's camera writes, told by their first bytes: what evidence may be.
/// A text file or a document given as a photo is refused before anything is kept.
public enum PhotoFormat: String, CaseIterable, Sendable {
    case jpeg = "JPEG", png = "PNG", heic = "HEIC", webp = "WebP"

    /// The format of `data`, if it is a picture in one of them.
    public static func of(_ data: Data) -> PhotoFormat? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        // ISO base media: a box of type `ftyp` whose brand is one of HEIF's.
        if starts(Array("ftyp".utf8), at: 4), bytes.count >= 12,
           ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].contains(String(decoding: bytes[8..<12], as: UTF8.self)) { return .heic }
        return nil
    }

    /// The formats, as a user is told them: "JPEG、PNG、HEIC 或 WebP".
    public static let names = (chinese: "JPEG、PNG、HEIC 或 WebP", english: "JPEG, PNG, HEIC or WebP")
}
