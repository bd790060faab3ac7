/// A sparse matrix in compressed rows (CSR): row `r` holds `columns[offsets[r]..<offsets[r+1]]`
/// in ascending order, with their `values`.
struct SparseRows: Sendable, Equatable {
    /// Where each row starts; one more entry than there are rows.
    var offsets: [Int]
    /// Column of each stored value.
    var columns: [Int32]
    /// The stored values.
    var values: [Float]

    /// Number of rows.
    var rowCount: Int { offsets.count - 1 }

    /// The storage positions of row `row`.
    @inline(__always)
    func range(_ row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

    /// Groups (row, column) pairs into rows, one entry per distinct pair whose value counts its repeats.
    static func counting(rows: [Int32], columns: [Int32], rowCount: Int) -> SparseRows {
        var starts = [Int](repeating: 0, count: rowCount + 1)
        for row in rows { starts[Int(row) + 1] += 1 }
        for index in 0..<rowCount { starts[index + 1] += starts[index] }
        var cursor = starts
        var sorted = [Int32](repeating: 0, count: rows.count)
        for (row, column) in zip(rows, columns) {
            sorted[cursor[Int(row)]] = column
            cursor[Int(row)] += 1
        }
        var offsets = [Int](repeating: 0, count: rowCount + 1)
        var kept: [Int32] = []
        var counts: [Float] = []
        kept.reserveCapacity(rows.count)
        counts.reserveCapacity(rows.count)
        sorted.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<rowCount {
                var slice = UnsafeMutableBufferPointer(rebasing: buffer[starts[row]..<starts[row + 1]])
                slice.sort()
                var index = 0
                while index < slice.count {
                    var end = index + 1
                    while end < slice.count && slice[end] == slice[index] { end += 1 }
                    kept.append(slice[index])
                    counts.append(Float(end - index))
                    index = end
                }
                offsets[row + 1] = kept.count
            }
        }
        return SparseRows(offsets: offsets, columns: kept, values: counts)
    }

    /// The transpose, with `columnCount` rows; its rows come out in ascending column order.
    func transposed(columnCount: Int) -> SparseRows {
        var starts = [Int](repeating: 0, count: columnCount + 1)
        for column in columns { starts[Int(column) + 1] += 1 }
        for index in 0..<columnCount { starts[index + 1] += starts[index] }
        var cursor = starts
        var newColumns = [Int32](repeating: 0, count: columns.count)
        var newValues = [Float](repeating: 0, count: columns.count)
        for row in 0..<rowCount {
            for position in range(row) {
                let column = Int(columns[position])
                newColumns[cursor[column]] = Int32(row)
                newValues[cursor[column]] = values[position]
                cursor[column] += 1
            }
        }
        return SparseRows(offsets: starts, columns: newColumns, values: newValues)
    }
}

extension SparseRows {
    /// The same rows holding only the entries whose column passes `keep`.
    func keepingColumns(_ keep: (Int32) -> Bool) -> SparseRows {
        var offsets = [0]
        offsets.reserveCapacity(self.offsets.count)
        var kept: [Int32] = [], values: [Float] = []
        kept.reserveCapacity(columns.count)
        values.reserveCapacity(columns.count)
        for row in 0..<rowCount {
            for position in range(row) where keep(columns[position]) {
                kept.append(columns[position])
                values.append(self.values[position])
            }
            offsets.append(kept.count)
        }
        return SparseRows(offsets: offsets, columns: kept, values: values)
    }
}
