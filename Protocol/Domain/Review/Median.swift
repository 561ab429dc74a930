/// The middle value, or the `mean` of the middle two for an even count; `nil` for no values.
func median<Value: Comparable>(_ values: [Value], mean: (Value, Value) -> Value) -> Value? {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? mean(sorted[middle - 1], sorted[middle]) : sorted[middle]
}
