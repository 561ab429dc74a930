import Foundation
import LantianDomain
import LantianTestSupport

/// Random JSON drawn from the whole range of each JSON type (huge, negative, empty, far past, far
/// future, NaN-like strings, deep nesting), and event payloads made from the catalogue's examples
/// with some of their values replaced by it. Deterministic for a seed.
struct RandomPayloads {
    var random: SeededRandom

    /// A payload for `definition`: its example as it is, with values replaced, removed or added,
    /// or something else entirely. Written canonically whenever it still decodes, so that it is
    /// refused (if at all) for its values, not only for its form.
    mutating func payload(for definition: EventDefinition) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: definition.example)) as? [String: Any] else { return definition.example }
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5: return definition.example
        case 5..<8:
            for _ in 0..<Int.random(in: 1...3, using: &random) { mutate(&object, depth: 0) }
        case 8: return serialized(value(depth: 0))
        default: return Data((0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        let bytes = serialized(object)
        guard let content = try? definition.read(bytes), let canonical = try? PayloadCodec.encode(content) else { return bytes }
        return canonical
    }

    /// The example of `definition` with its field `key` set to `value` (removed for `nil`), written
    /// canonically when it still decodes.
    static func payload(for definition: EventDefinition, setting key: String, to value: Any?) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: definition.example)) as? [String: Any] else { return definition.example }
        object[key] = value
        let bytes = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{".utf8)
        guard let content = try? definition.read(bytes), let canonical = try? PayloadCodec.encode(content) else { return bytes }
        return canonical
    }

    /// One value of each kind every JSON type can hold at its edges.
    static var extremes: [Any?] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let integers: [Int64] = [.max, .min, -1, 0, 1_000_000_000_000_000, 946_684_799_999, 4_102_444_800_000, now + 49 * 3_600_000, now]
        let numbers: [Double] = [1e300, -1e300, 1e-300, -0.5, 0.0005, 91, 181, 1e8 + 1]
        let strings = ["", " ", "NaN", "Infinity", "null", "371521", "999", String(repeating: "长", count: 2_100), "\u{0}\u{1F}",
                       "2026-13", "1999-12", "A"]
        let structured: [Any] = [NSNull(), true, [Any](), [String: Any](), [[["deep"]]], ["lat": 95, "lon": 200], ["lat": 36.2, "lon": 115.7]]
        return [nil] + integers.map { $0 as Any } + numbers.map { $0 as Any } + strings.map { $0 as Any } + structured
    }

    /// Replaces, removes or adds one value somewhere in `object`.
    private mutating func mutate(_ object: inout [String: Any], depth: Int) {
        let keys = object.keys.sorted()
        guard let key = keys.randomElement(using: &random), Int.random(in: 0..<5, using: &random) > 0 else {
            object[string()] = value(depth: depth)
            return
        }
        if var nested = object[key] as? [String: Any], Bool.random(using: &random) {
            mutate(&nested, depth: depth + 1)
            object[key] = nested
        } else if Int.random(in: 0..<6, using: &random) == 0 {
            object[key] = nil
        } else {
            object[key] = value(depth: depth)
        }
    }

    mutating func value(depth: Int) -> Any {
        switch Int.random(in: 0..<(depth > 3 ? 5 : 8), using: &random) {
        case 0: return integer()
        case 1: return number()
        case 2, 3: return string()
        case 4: return Bool.random(using: &random) ? true as Any : NSNull()
        case 5: return (0..<Int.random(in: 0..<4, using: &random)).map { _ in value(depth: depth + 1) }
        case 6: return Dictionary((0..<Int.random(in: 0..<4, using: &random)).map { _ in (string(), value(depth: depth + 1)) }) { first, _ in first }
        default:  // deep nesting
            var nested: Any = string()
            for _ in 0..<Int.random(in: 10...300, using: &random) { nested = [nested] }
            return nested
        }
    }

    private mutating func integer() -> Int64 {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let choices: [Int64] = [0, -1, 1, .max, .min, .max - 1, 1_000_000_000_000_000, 946_684_799_999, 4_102_444_800_000,
                                now, now + 3_600_000, now - 86_400_000, now + 49 * 3_600_000, 2026, 13, 65_536]
        return Bool.random(using: &random) ? choices.randomElement(using: &random)! : Int64.random(in: .min ... .max, using: &random)
    }

    private mutating func number() -> Double {
        let choices: [Double] = [0, -0.0, 0.5, -1, 1e-300, 1e300, 36.45, 115.98, 90.000001, -180.5, 9, 0.001, 1e8, 1e8 + 1]
        return Bool.random(using: &random) ? choices.randomElement(using: &random)! : Double.random(in: -1e6...1e6, using: &random)
    }

    private mutating func string() -> String {
        let choices = ["", " ", "NaN", "Infinity", "-Infinity", "null", "true", "0", "-1e999", "371502001001", "371521", "371502",
                       "371500", "999", "../..", "2026-10", "2026-13", "1999-12", "\u{0}\n\t\"\\", "🔥麦茬地", String(repeating: "长", count: 2_100),
                       String(repeating: "a", count: 65), "ab" + String(repeating: "c", count: 62), "A", "B", "C",
                       "after-work", "ban-close", "grid-officer", "0192F0C4-0000-7000-8000-00000000D001",
                       String(repeating: "ab", count: 32)]
        return choices.randomElement(using: &random)!
    }

    private func serialized(_ value: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data("{".utf8)
    }
}
