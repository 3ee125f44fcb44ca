extension RandomAccessCollection {
    /// The first index whose element is `inSecondPart`, in a collection where every such element
    /// comes after every other one: a binary search (the recent windows' sorted figures, the
    /// seconds of `StartTimes`).
    func partitioningIndex(where inSecondPart: (Element) -> Bool) -> Index {
        var low = startIndex
        var remaining = count
        while remaining > 0 {
            let half = remaining / 2
            let middle = index(low, offsetBy: half)
            if inSecondPart(self[middle]) {
                remaining = half
            } else {
                low = index(after: middle)
                remaining -= half + 1
            }
        }
        return low
    }
}
