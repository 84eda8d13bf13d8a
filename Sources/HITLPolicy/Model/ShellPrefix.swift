/// One prefix of a `{shell: [PREFIX, ...]}` attribute condition (SPEC §11): the words a
/// simple command must begin with, after quote removal, as `ShellCommandLine.prefixWords`
/// reads the text the policy wrote.
package struct ShellPrefix: Hashable, Sendable {
    /// The prefix as written in the policy.
    package var text: String
    /// Its words after quote removal (never empty).
    package var words: [String]
    /// Where it was written.
    package var location: SourceLocation

    /// Creates a prefix.
    package init(text: String, words: [String], location: SourceLocation) {
        self.text = text
        self.words = words
        self.location = location
    }

    /// The words as one shell command that reads back as exactly these words: each word
    /// is written bare when it holds only characters the shell takes literally, else in
    /// single quotes. The table, its renderings and witnesses name a prefix by this form.
    package static func canonical(_ words: [String]) -> String {
        words.enumerated().map { k, w in quoted(w, first: k == 0) }.joined(separator: " ")
    }

    /// One word, quoted when the shell would read it otherwise (a first word with `=` is
    /// an assignment; a leading `#` a comment; `~` a home directory).
    static func quoted(_ word: String, first: Bool) -> String {
        let plain = !word.isEmpty && word.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
                 UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "%"): true
            case UInt8(ascii: "="): !first
            default: false
            }
        }
        if plain { return word }
        var out = "'"
        for ch in word { out += ch == "'" ? "'\\''" : String(ch) }
        return out + "'"
    }
}
