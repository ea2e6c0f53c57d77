import Foundation

/// Ids derived from the words a report prints: `Köp av tjänster` → `kop_av_tjanster`,
/// `Drift Exploateringsverksamheten` → `drift_exploateringsverksamheten`, `<29 år` → `29_ar`.
///
/// Lower-cased, diacritics folded (å, ä → a; ö → o; é → e), every run of characters that
/// are neither letters nor digits becomes one `_`, and none leads or trails. Text without
/// any letter or digit gives `x`, so an id is never empty.
enum IdentifierSlug {
    static func make(_ text: String) -> String {
        let folded = text.lowercased().folding(
            options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "sv_SE"))
        var out = ""
        var separator = false
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber {
                if separator && !out.isEmpty { out.append("_") }
                out.append(character)
                separator = false
            } else {
                separator = true
            }
        }
        return out.isEmpty ? "x" : out
    }

    /// `base`, or `base_2`, `base_3`, … — the first that `taken` does not hold.
    static func unique(_ base: String, in taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var suffix = 2
        while taken.contains("\(base)_\(suffix)") { suffix += 1 }
        return "\(base)_\(suffix)"
    }
}
