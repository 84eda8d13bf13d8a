/// The lexical bounds of the policy language that more than one reader enforces: the policy
/// decoder (YAML), the compiled-table reader (a table cannot carry what no policy can write)
/// and the approver-group grammar.
package enum PolicyGrammar {
    /// Policy numbers lie below 10^24, have at most 34 significant digits (from the first
    /// non-zero digit to the last; leading zeros do not count) and at most 64 digits after
    /// the point. The last bound keeps exact arithmetic and the table artifact small:
    /// `1e-99999` would otherwise be a hundred thousand digits wherever it is written out.
    static let maxNumberOrder = 24
    static let maxNumberDigits = 34
    static let maxFractionDigits = 64

    /// Whether `value` is within the bounds above.
    static func isPolicyNumber(_ value: ExactDecimal) -> Bool {
        value.isZero || (value.magnitudeOrder <= maxNumberOrder && value.significantDigits <= maxNumberDigits
                         && value.exponent >= -maxFractionDigits)
    }

    /// A byte of a policy name (`[A-Za-z0-9._-]`), also the name part of an `@group` approver.
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }
}
