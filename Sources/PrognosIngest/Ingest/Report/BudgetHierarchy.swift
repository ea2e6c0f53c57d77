/// Which line of a budget table is the subtotal of which others, found from the numbers.
///
/// Budget tables print their structure in two ways, and the reader finds both:
/// - a **heading line** is followed by its parts (`Reinvestering` = `Inventarier` +
///   `Tjänstekatalog` + `Fastigheter` + `Nolhaga slott`);
/// - a **subtotal line** follows its parts (`Verksamhetens kostnader` = the four cost
///   lines above it; `Årets resultat` = nettokostnader + kommunbidrag + finansnetto).
///
/// A line is the parent of k ≥ 2 consecutive items when, in every column, its amount
/// equals their sum within the rounding of the printed figures: each printed figure is
/// rounded to its last digit d, so the sum of k parts can differ from the printed
/// subtotal by up to (k + 1)·d/2. An item is a line together with the parts already
/// found for it. Heading lines are resolved first, from the bottom of the table up, so
/// that nested headings take their inner groups as single items; then subtotal lines,
/// from the top down, over the items left at the top level. When several k fit, the
/// smallest wins (a trailing all-zero line adds nothing and stays outside). A line whose
/// amounts are all zero or missing is never a parent, and a column missing on any of the
/// lines involved is not compared; at least one column must be.
///
/// Edge cases: a table whose lines add up by coincidence in every column would be given
/// a structure it does not have; with two or more non-zero columns that needs equal sums
/// in all of them. Lines that are parts of nothing have no parent.
enum BudgetHierarchy {
    /// The parent index of each line (nil for a top-level line). `amounts[i]` are line
    /// i's amounts, one per column; `resolution` is the value of the last printed digit
    /// (1 for whole tkr).
    static func parents(_ amounts: [[Double?]], resolution: Double) -> [Int?] {
        var parent = [Int?](repeating: nil, count: amounts.count)
        // Items at the top level, as line indices, in table order.
        var items = Array(amounts.indices)

        // Headings, bottom up.
        var position = items.count - 1
        while position >= 0 {
            let line = items[position]
            let following = Array(items[(position + 1)...])
            if let k = fittingCount(line, candidates: following, amounts, resolution) {
                for part in following.prefix(k) { parent[part] = line }
                items.removeSubrange((position + 1)...(position + k))
            }
            position -= 1
        }

        // Subtotals, top down.
        var stack: [Int] = []
        for line in items {
            if let k = fittingCount(line, candidates: Array(stack.reversed()), amounts, resolution) {
                for part in stack.suffix(k) { parent[part] = line }
                stack.removeLast(k)
            }
            stack.append(line)
        }
        return parent
    }

    /// The smallest k ≥ 2 such that the first k candidates add up to `line`.
    static func fittingCount(_ line: Int, candidates: [Int], _ amounts: [[Double?]], _ resolution: Double) -> Int? {
        let own = amounts[line]
        guard own.contains(where: { ($0 ?? 0) != 0 }), candidates.count >= 2 else { return nil }
        var sums = [Double](repeating: 0, count: own.count)
        var present = own.map { $0 != nil }
        for (offset, candidate) in candidates.enumerated() {
            for column in own.indices {
                let value = column < amounts[candidate].count ? amounts[candidate][column] : nil
                if let value { sums[column] += value } else { present[column] = false }
            }
            let k = offset + 1
            guard k >= 2 else { continue }
            let tolerance = Double(k + 1) * resolution / 2
            var compared = 0
            var fits = true
            for column in own.indices where present[column] {
                guard let total = own[column] else { continue }
                compared += 1
                if abs(sums[column] - total) > tolerance + 1e-9 * abs(total) {
                    fits = false
                    break
                }
            }
            if fits && compared > 0 { return k }
        }
        return nil
    }
}
