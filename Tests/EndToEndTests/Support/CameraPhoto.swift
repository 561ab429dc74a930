import Foundation

/// What a phone's camera writes, as far as Lantian looks: a JPEG's first bytes, then `count` bytes
/// in all (made of `byte(i)`, so that tests choose how well they compress or whether they repeat).
func cameraPhoto(_ count: Int, byte: (Int) -> UInt8) -> Data {
    let header: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]
    return Data(header + (header.count..<max(count, header.count)).map(byte))
}
