import Testing
@testable import HITLPolicy

/// The scanner's word-at-a-time steps agree with their byte-by-byte definitions.
@Suite("JSON scanner word steps")
struct JSONScannerWordTests {
    static func plainByte(_ c: UInt8) -> Bool { c >= 0x20 && c < 0x80 && c != 0x22 && c != 0x5C }

    @Test func plainWordIsEightPlainBytes() {
        // Every byte value in every position among plain neighbours, then random words.
        for position in 0..<8 {
            for c in 0...255 {
                var bytes = [UInt8](repeating: 0x61, count: 8)
                bytes[position] = UInt8(c)
                let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(JSONScanner.plainWord(w) == Self.plainByte(UInt8(c)), "byte \(c) at \(position)")
            }
        }
        var state: UInt64 = 7
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var w = state
            // Mostly printable bytes, so both answers occur.
            if state >> 60 < 12 { w = (w & 0x3F3F_3F3F_3F3F_3F3F) | 0x4040_4040_4040_4040 }
            let bytes = withUnsafeBytes(of: w) { Array($0) }
            #expect(JSONScanner.plainWord(w) == bytes.allSatisfy(Self.plainByte), "\(bytes)")
        }
    }

    /// Strings of every length around the word size, with a special byte at each place.
    @Test func stringsScanAlikeAtEveryOffset() throws {
        for length in 0..<20 {
            for special in [nil, UInt8(0x22), 0x5C, 0x1F, 0xC3] as [UInt8?] {
                for at in 0..<max(length, 1) {
                    var content = [UInt8](repeating: 0x62, count: length)
                    if let special, at < length {
                        content[at] = special
                        if special == 0x5C { content.insert(0x6E, at: at + 1) }
                        if special == 0xC3 { content.insert(0xA9, at: at + 1) }
                    }
                    let line = [0x22] + content + [0x22, 0x3A, 0x31]
                    let got: Result<Range<Int>, JSONSyntaxError> = line.withUnsafeBufferPointer { b in
                        var s = JSONScanner(b)
                        do throws(JSONSyntaxError) { return .success(try s.string().0) } catch { return .failure(error) }
                    }
                    switch (special, got) {
                    case (0x22?, .success(let r)) where at < length: #expect(r == 1..<(1 + at))
                    case (0x1F?, .failure(let e)) where at < length: #expect(e.message == "control character in a string")
                    case (_, .success(let r)): #expect(r == 1..<(line.count - 3), "\(line)")
                    default: Issue.record("\(line): \(got)")
                    }
                }
            }
        }
    }
}
