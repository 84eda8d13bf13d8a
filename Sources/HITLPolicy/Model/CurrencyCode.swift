/// ISO 4217 currency codes accepted in a policy (the active list, precious metals and
/// special drawing rights; `XXX`, "no currency", is not a currency for amounts).
package enum CurrencyCode {
    /// Whether `code` is a known ISO 4217 code. Checked for shape first: a `Set<String>`
    /// would also find `\u{212A}ES` (Kelvin sign), which Swift calls equal to `KES`.
    package static func isKnown(_ code: String) -> Bool { isWellFormed(code) && known.contains(code) }

    /// Whether `code` has the shape of one (three upper-case ASCII letters).
    package static func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    static let known: Set<String> = Set("""
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD \
        BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP \
        DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR \
        IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD \
        MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB \
        PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD \
        SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS \
        VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA \
        YER ZAR ZMW ZWG ZWL
        """.split(separator: " ").map(String.init))
}
