import LantianDomain

/// Why `--here` gave no position: each says what to do, typing the position in among it.
public enum GPSError: Error, Hashable, Sendable {
    /// Nothing answers at gpsd's address.
    case unreachable(String)
    /// gpsd answered, but had no fix within the time waited.
    case noFix(seconds: Int)
    /// The newest fix was older than allowed.
    case stale(ageSeconds: Int, maxSeconds: Int)
    /// The best fix was less accurate than asked for (`nil`: gpsd gave no error estimate).
    case inaccurate(metres: Double?, maxMetres: Double)
}

extension GPSError: PresentableError {
    public var exitStatus: ExitStatus { .unavailable }

    public func message(in language: Language) -> String {
        let say = language.say
        let typeIt = say("，或用 --lat --lon 输入位置", ", or give the position with --lat and --lon")
        switch self {
        case .unreachable(let address):
            return say("连不上 GPS 服务（gpsd，\(address)）：打开定位后再试", "Cannot reach the GPS service (gpsd, \(address)): turn location on and try again") + typeIt
        case .noFix(let seconds):
            return say("\(seconds) 秒内没有 GPS 定位：到开阔处等一会儿再试", "No GPS fix within \(seconds) s: move into the open, wait a moment and try again") + typeIt
        case .stale(let age, let max):
            return say("GPS 定位是 \(age) 秒前的，超过 \(max) 秒：等定位更新后再试", "The GPS fix is \(age) s old, more than \(max) s: wait for a fresh one") + typeIt
        case .inaccurate(let metres?, let max):
            return say("GPS 精度约 ±\(Int(metres.rounded())) 米，达不到要求的 ±\(Int(max.rounded())) 米：到开阔处等精度提高，或用 --accuracy 放宽",
                       "The GPS fix is good to about ±\(Int(metres.rounded())) m, not the ±\(Int(max.rounded())) m asked: wait in the open, or allow more with --accuracy")
                + typeIt
        case .inaccurate(nil, _):
            return say("GPS 没有给出定位精度，无法判断是否可用", "The GPS gives no estimate of its error, so the fix cannot be judged") + typeIt
        }
    }
}
