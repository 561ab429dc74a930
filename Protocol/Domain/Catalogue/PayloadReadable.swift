/// A payload read by hand from its parsed JSON (``PayloadValue``) instead of by `Decodable`: the
/// payloads every replica reads hundreds of thousands of times (issues and their steps, fire
/// points), where Foundation's `JSONDecoder` costs more than everything else a fold does.
///
/// A reader must accept exactly what the type's `Decodable` initialiser accepts and give the same
/// value; `PayloadReaderTests` checks both on every catalogue example, on random values and on
/// mutated bytes. ``PayloadCodec/decode(_:from:)`` uses the reader when the type has one.
public protocol PayloadReadable: Decodable {
    /// Reads the payload's fields; throws ``PayloadReadError``, or the ``InvalidValue`` its
    /// `Decodable` initialiser throws for a value out of range.
    init(reading object: PayloadObject) throws
}
