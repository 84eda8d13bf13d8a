/// The UTF-8 byte order mark (EF BB BF). An action line that begins with one is read as if
/// it were not there, as a policy file with one is: editors and some Windows tools write it
/// at the start of a file (and concatenating such files puts it at the start of lines).
enum ByteOrderMark {
    /// 3 when `bytes` begin with the mark, else 0.
    @inline(__always)
    static func length(_ bytes: some Collection<UInt8>) -> Int {
        var k = bytes.makeIterator()
        return k.next() == 0xEF && k.next() == 0xBB && k.next() == 0xBF ? 3 : 0
    }

    /// The line without a leading mark.
    @inline(__always)
    static func dropping(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF else { return line }
        return UnsafeBufferPointer(rebasing: line[3...])
    }
}
