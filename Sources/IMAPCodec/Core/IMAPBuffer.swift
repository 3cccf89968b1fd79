/// The bytes a decoder has received but not yet consumed.
///
/// Bytes are appended as they arrive from the socket; the decoder consumes whole
/// frames (or discards bytes of a rejected frame) from the front. The unread bytes are
/// `storage[readerIndex..<writerIndex]`; the array's elements after `writerIndex` are free
/// space (stale bytes, never read as data), so appending copies into memory the array
/// already holds instead of calling an array append (which costs a uniqueness check, a
/// capacity check and generic bookkeeping for every piece). When the free space runs out,
/// the unread bytes move to the front if the consumed prefix is at least as large as they
/// are (and the array then has room), or else to a new array with as much free space again
/// as they take; either way every byte is moved at most a constant number of times on
/// average, so appending and consuming N bytes costs O(N) however they are split.
///
/// Allocation habits, each measured by the benchmarks (Docs/Performance.md):
/// - an array of at least ``adoptionThreshold`` bytes appended to an empty buffer is
///   adopted, not copied;
/// - a frame that is the whole buffer is handed over, not copied, when it is large or
///   the buffer holds the caller's array; a small one is copied and the capacity kept;
/// - a byte appended on its own waits in 32 bytes of the buffer's own (``pending``) and
///   goes to the storage with up to 31 others, in one store (each write into the array
///   checks its uniqueness through a runtime call);
/// - capacity is kept once everything is consumed, up to ``retainedCapacity`` bytes;
///   beyond that the storage is released, so one large frame does not pin its memory.
@usableFromInline
struct IMAPBuffer: Sendable {
    /// The unread bytes at `readerIndex..<writerIndex`, then free space.
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var readerIndex: Int = 0
    @usableFromInline var writerIndex: Int = 0
    /// True while `storage` is an array adopted from the caller (possibly still shared with
    /// it, and with no free space): it is released rather than reused once consumed.
    @usableFromInline var adopted = false
    /// Bytes appended one at a time and not yet moved to `storage`, which they follow, in
    /// memory order. Every path that reads `storage` moves them there first (``flush()``),
    /// except the decoders' fast paths, which read them here.
    @usableFromInline var pending: Pending = (0, 0, 0, 0)
    /// How many bytes of ``pending`` are in use, 0 to ``pendingCapacity``.
    @usableFromInline var pendingCount: Int = 0
    /// Room for ``pendingCapacity`` bytes.
    @usableFromInline typealias Pending = (UInt64, UInt64, UInt64, UInt64)
    /// The bytes ``pending`` holds.
    @inlinable static var pendingCapacity: Int { MemoryLayout<Pending>.size }

    /// Arrays at least this large are adopted by an empty buffer rather than copied
    /// (below it, copying is cheaper than the later reallocation of a small adopted array).
    @usableFromInline static let adoptionThreshold = 4096
    /// The most storage a buffer keeps by copying a small frame out rather than handing
    /// its storage over (larger storage, grown by an earlier large frame, is handed over:
    /// keeping it would hold large allocations that the allocator maps and unmaps).
    @usableFromInline static let keptCapacity = 1 << 16
    /// The most storage kept when every byte has been consumed.
    @usableFromInline static let retainedCapacity = 1 << 20
    /// The smallest storage allocated.
    static let minimumCapacity = 256

    /// Creates an empty buffer.
    init() {}

    /// The number of bytes received and not yet consumed.
    @inlinable
    var readableBytes: Int { writerIndex &- readerIndex &+ pendingCount }

    /// The unread bytes. The view shares storage with the buffer (unless bytes appended one
    /// at a time are waiting to join it: then it is a copy); copy it to keep it past the
    /// next mutation.
    var readableView: ArraySlice<UInt8> {
        if pendingCount == 0 { return storage[readerIndex..<writerIndex] }
        var copy = Array(storage[readerIndex..<writerIndex])
        let count = Swift.min(Swift.max(pendingCount, 0), Self.pendingCapacity)
        withUnsafeBytes(of: pending) { copy.append(contentsOf: $0[0..<count]) }
        return copy[...]
    }

    /// Appends bytes received from the peer. When the buffer is empty the array is adopted
    /// without copying.
    @inlinable
    mutating func append(_ bytes: [UInt8]) {
        if writerIndex == 0 && pendingCount == 0 && bytes.count >= Self.adoptionThreshold {
            storage = bytes
            readerIndex = 0
            writerIndex = bytes.count
            adopted = true
            return
        }
        append(contentsOf: bytes[...])
    }

    /// Appends bytes received from the peer.
    @inlinable @inline(__always)
    mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        if bytes.count == 1, let byte = bytes.first {
            // A stream fed byte by byte: inlined into the caller, a few instructions.
            appendByte(byte)
        } else {
            appendSeveral(bytes)
        }
    }

    /// ``append(contentsOf:)`` for any number of bytes but one.
    @inlinable
    mutating func appendSeveral<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        guard !bytes.isEmpty else { return }
        flush()
        // Contiguous bytes (an array, a slice of one, a buffer pointer): one non-generic copy.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { appendToStorage(UnsafeRawBufferPointer($0)) }
        if copied != nil { return }
        // Any other collection (rare: a lazy view, a custom sequence of bytes).
        Array(bytes).withUnsafeBytes { appendToStorage($0) }
    }

    /// Appends one byte: to ``pending``, moving the bytes there to the storage first when
    /// it is full.
    @inlinable @inline(__always)
    mutating func appendByte(_ byte: UInt8) {
        if UInt(bitPattern: pendingCount) >= UInt(Self.pendingCapacity) { flushPending() }
        let index = pendingCount
        withUnsafeMutableBytes(of: &pending) { $0[index] = byte }
        pendingCount = index &+ 1
    }

    /// Moves the bytes waiting in ``pending`` to the storage (after its bytes).
    @inlinable @inline(__always)
    mutating func flush() {
        if pendingCount > 0 { flushPending() }
    }

    /// ``flush()`` when there is something to move, out of line: one store of all of
    /// ``pending`` into the free space (what follows the bytes in use lands in free space).
    @usableFromInline
    mutating func flushPending() {
        let count = Swift.min(Swift.max(pendingCount, 0), Self.pendingCapacity)
        pendingCount = 0
        let start = writerIndex
        guard storage.count &- start >= Self.pendingCapacity else {
            return withUnsafeBytes(of: pending) { appendToStorage(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        let bytes = pending
        storage.withUnsafeMutableBytes { all in
            UnsafeMutableRawBufferPointer(rebasing: all[start..<(start + Self.pendingCapacity)])
                .storeBytes(of: bytes, as: Pending.self)
        }
        writerIndex = start &+ count
    }

    /// Appends a copy of `source` to the storage (the caller has moved pending bytes there
    /// first).
    @inlinable
    mutating func appendToStorage(_ source: UnsafeRawBufferPointer) {
        let count = source.count
        guard count > 0 else { return }
        let start = writerIndex
        guard storage.count &- start >= count else { return appendMakingRoom(source) }
        storage.withUnsafeMutableBytes { all in
            UnsafeMutableRawBufferPointer(rebasing: all[start..<(start + count)]).copyMemory(from: source)
        }
        writerIndex = start &+ count
    }

    /// ``appendToStorage(_:)`` when the free space is too small: moves the unread bytes to
    /// the front if the consumed prefix is at least as large as they are and the storage
    /// then has room, or else to new storage with as much free space as they take (so that
    /// the storage doubles as a long frame arrives, while a large first append gets no free
    /// space it would have to zero), then appends.
    @usableFromInline
    mutating func appendMakingRoom(_ source: UnsafeRawBufferPointer) {
        let unread = writerIndex - readerIndex
        let needed = unread + source.count
        if !adopted && readerIndex >= unread && storage.count >= needed {
            let from = readerIndex
            storage.withUnsafeMutableBytes { all in
                guard let base = all.baseAddress else { return }
                base.copyMemory(from: base + from, byteCount: unread)
                UnsafeMutableRawBufferPointer(rebasing: all[unread..<needed]).copyMemory(from: source)
            }
        } else {
            // The unread bytes and `source`, then zeros (the free space must be initialized).
            let capacity = Swift.max(Self.minimumCapacity, needed + unread)
            let (from, to) = (readerIndex, writerIndex)
            let old = storage
            storage = [UInt8](unsafeUninitializedCapacity: capacity) { fresh, initialized in
                old.withUnsafeBufferPointer { old in
                    _ = fresh.initialize(fromContentsOf: old[from..<to])
                }
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: fresh[unread..<needed]))
                    .copyMemory(from: source)
                fresh[needed...].initialize(repeating: 0)
                initialized = capacity
            }
            adopted = false
        }
        readerIndex = 0
        writerIndex = needed
    }

    /// Drops `count` unread bytes from the front.
    @inlinable
    mutating func consume(_ count: Int) {
        flush()
        consumeStored(count)
    }

    /// ``consume(_:)`` once the pending bytes are in the storage. Always inlined: out of
    /// line (where the large-storage branch left it) it cost W4 0.2 %.
    @inlinable @inline(__always)
    mutating func consumeStored(_ count: Int) {
        readerIndex = Swift.min(writerIndex, readerIndex + Swift.max(0, count))
        if readerIndex == writerIndex {
            if adopted || storage.count > Self.retainedCapacity {
                storage = []
                adopted = false
            }
            readerIndex = 0
            writerIndex = 0
        } else if storage.count > Self.retainedCapacity && writerIndex &- readerIndex <= storage.count / 8 && !adopted {
            // (An adopted array is the caller's too: letting it go would free nothing.)
            releaseLargeStorage()
        }
    }

    /// Moves the few unread bytes left in storage grown by a large frame (more than
    /// ``retainedCapacity``, at most an eighth of it in use) to storage of their own, so
    /// that the large one is freed now, while the frame just taken out is being decoded,
    /// rather than when the buffer next drains: a frame of n bytes then costs its own n
    /// bytes while its values are built, not 3 n (Docs/Security.md).
    @usableFromInline
    mutating func releaseLargeStorage() {
        let (from, to) = (readerIndex, writerIndex)
        let unread = to &- from
        let capacity = Swift.max(Self.minimumCapacity, unread &* 2)
        let old = storage
        storage = [UInt8](unsafeUninitializedCapacity: capacity) { fresh, initialized in
            old.withUnsafeBufferPointer { old in
                _ = fresh.initialize(fromContentsOf: old[from..<to])
            }
            fresh[unread...].initialize(repeating: 0)
            initialized = capacity
        }
        adopted = false
        readerIndex = 0
        writerIndex = unread
    }

    /// Copies out and consumes the first `count` unread bytes.
    @inlinable
    mutating func readBytes(_ count: Int) -> [UInt8] {
        flush()
        let end = Swift.min(writerIndex, readerIndex + Swift.max(0, count))
        if readerIndex == 0 && end == writerIndex
            && (adopted || end >= Self.adoptionThreshold || storage.count > Self.keptCapacity)
        {
            // The frame is everything buffered and large (or the caller's array): hand over
            // the storage itself, without its free space. A small frame is copied instead, so
            // the buffer keeps its storage for the next one (bytes arriving a few at a time
            // would otherwise regrow it from nothing for every frame).
            var bytes = storage
            storage = []
            adopted = false
            readerIndex = 0
            writerIndex = 0
            if bytes.count > end { bytes.removeSubrange(end...) }
            return bytes
        }
        let bytes = Self.copy(storage, readerIndex..<end)
        consumeStored(end - readerIndex)
        return bytes
    }

    /// A new array holding `storage[range]` (made from a buffer pointer: `Array(slice)` took
    /// a generic path costing about 80 more instructions per frame).
    @inlinable
    static func copy(_ storage: borrowing [UInt8], _ range: Range<Int>) -> [UInt8] {
        storage.withUnsafeBufferPointer { all in Array(UnsafeBufferPointer(rebasing: all[range])) }
    }
}
