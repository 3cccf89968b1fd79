import XCTest

@testable import IMAPCodec

/// `SharedList`: lists decoded from one frame share a chunk, and the type still behaves
/// as an `Array` value does.
final class SharedListTests: XCTestCase {
    /// The chunk a list lives in ("nil" when empty).
    func chunk<E>(_ list: SharedList<E>) -> ObjectIdentifier? { list.storage.map(ObjectIdentifier.init) }

    func address(_ n: Int) -> Address {
        Address(name: ByteString("N\(n)"), mailbox: ByteString("m\(n)"), host: ByteString("h\(n).example"))
    }

    func addressList(_ range: Range<Int>) -> String {
        "(" + range.map { #"("N\#($0)" NIL "m\#($0)" "h\#($0).example")"# }.joined() + ")"
    }

    func testEnvelopeListsShareOneChunk() throws {
        let text =
            #"("d" "s" \#(addressList(0..<1)) \#(addressList(1..<2)) NIL \#(addressList(2..<6)) \#(addressList(6..<7)) NIL NIL NIL)"#
        let envelope = try parse(text, { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() })
        XCTAssertEqual(Array(envelope.from), [address(0)])
        XCTAssertEqual(Array(envelope.sender), [address(1)])
        XCTAssertEqual(Array(envelope.to), (2..<6).map(address))
        XCTAssertEqual(Array(envelope.cc), [address(6)])
        XCTAssertTrue(envelope.replyTo.isEmpty && envelope.bcc.isEmpty)
        XCTAssertNil(chunk(envelope.replyTo))
        // Four lists, seven addresses: one allocation.
        let chunks = Set([envelope.from, envelope.sender, envelope.to, envelope.cc].compactMap(chunk))
        XCTAssertEqual(chunks.count, 1)
        XCTAssertEqual(envelope.to.map(\.mailbox), ["m2", "m3", "m4", "m5"])
        XCTAssertEqual(envelope.to.first, address(2))
        XCTAssertEqual(envelope.to.last, address(5))
    }

    func testFullChunkMovesTheOpenList() throws {
        // 5 + 7 + 30 addresses: the first chunk (8 slots) fills inside the second list,
        // which moves whole to a new chunk; the third outgrows that one in turn.
        let text =
            #"("d" "s" \#(addressList(0..<5)) \#(addressList(5..<12)) NIL \#(addressList(12..<42)) NIL NIL NIL NIL)"#
        let envelope = try parse(text, { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() })
        XCTAssertEqual(Array(envelope.from), (0..<5).map(address))
        XCTAssertEqual(Array(envelope.sender), (5..<12).map(address))
        XCTAssertEqual(Array(envelope.to), (12..<42).map(address))
        XCTAssertNotEqual(chunk(envelope.from), chunk(envelope.sender))
        XCTAssertEqual(envelope.sender.start, 0, "the open list moved to the start of a new chunk")
        XCTAssertNotEqual(chunk(envelope.sender), chunk(envelope.to))
        XCTAssertEqual(writtenEnvelopeText(envelope), text)
    }

    func writtenEnvelopeText(_ envelope: Envelope) -> String {
        written { $0.writeEnvelope(envelope) }
    }

    func testBodyParameterListsShareOneChunk() throws {
        let text = #"""
            (("TEXT" "PLAIN" ("CHARSET" "UTF-8" "FORMAT" "flowed") NIL NIL "7BIT" 10 1 NIL ("INLINE" ("A" "1")) NIL NIL)\#
            ("APPLICATION" "PDF" ("NAME" "x.pdf") NIL NIL "BASE64" 20 NIL ("ATTACHMENT" ("FILENAME" "x.pdf")) NIL NIL) \#
            "MIXED" ("BOUNDARY" "b") NIL NIL NIL)
            """#
        let body = try parse(text, { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() })
        guard case .multipart(let multipart) = body,
            case .singlePart(let text1) = multipart.parts[0], case .singlePart(let pdf) = multipart.parts[1]
        else { return XCTFail("expected two single parts in a multipart") }
        let lists = [
            text1.fields.parameters, text1.extension?.dispositionTail?.disposition?.parameters ?? [],
            pdf.fields.parameters, pdf.extension?.dispositionTail?.disposition?.parameters ?? [],
            multipart.extension?.parameters ?? [],
        ]
        XCTAssertEqual(
            lists.map { $0.map(\.name.stringValue) },
            [["CHARSET", "FORMAT"], ["A"], ["NAME"], ["FILENAME"], ["BOUNDARY"]]
        )
        XCTAssertEqual(lists.map(\.count), [2, 1, 1, 1, 1])
        XCTAssertEqual(Set(lists.compactMap(chunk)).count, 1, "six pairs in five lists: one allocation")
    }

    func testMutationCopiesAndLeavesTheNeighboursAlone() throws {
        let text = #"("d" "s" \#(addressList(0..<2)) \#(addressList(2..<4)) NIL NIL NIL NIL NIL NIL)"#
        let envelope = try parse(text, { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() })
        var from = envelope.from
        from.append(address(9))
        from[0] = address(8)
        XCTAssertEqual(Array(from), [address(8), address(1), address(9)])
        XCTAssertEqual(Array(envelope.from), [address(0), address(1)], "the decoded list is unchanged")
        XCTAssertEqual(Array(envelope.sender), [address(2), address(3)], "the next list in the chunk is unchanged")
        XCTAssertNotEqual(chunk(from), chunk(envelope.from))

        var copy = from
        copy.removeFirst()
        XCTAssertEqual(Array(from), [address(8), address(1), address(9)])
        XCTAssertEqual(Array(copy), [address(1), address(9)])

        // Through the envelope's own property (the `_modify` accessor).
        var edited = envelope
        edited.sender.append(address(7))
        XCTAssertEqual(Array(edited.sender), [address(2), address(3), address(7)])
        XCTAssertEqual(Array(envelope.sender), [address(2), address(3)])
    }

    /// Random edits applied to a `SharedList` and an `Array` alike, from an empty list,
    /// a built one and a decoded slice in the middle of a chunk.
    func testBehavesAsAnArray() throws {
        let decoded = try parse(
            #"("d" "s" \#(addressList(0..<3)) \#(addressList(3..<7)) NIL \#(addressList(7..<9)) NIL NIL NIL NIL)"#,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
        ).sender
        XCTAssertEqual(decoded.start, 3)
        var g = SeededGenerator(seed: 0x5157)
        for start in [SharedList<Address>(), SharedList((20..<23).map(address)), decoded] {
            var list = start
            var model = Array(start)
            for step in 0..<400 {
                let n = Int.random(in: 100..<200, using: &g)
                switch Int.random(in: 0..<8, using: &g) {
                case 0:
                    list.append(address(n))
                    model.append(address(n))
                case 1:
                    let i = Int.random(in: 0...model.count, using: &g)
                    list.insert(address(n), at: i)
                    model.insert(address(n), at: i)
                case 2 where !model.isEmpty:
                    let i = Int.random(in: 0..<model.count, using: &g)
                    XCTAssertEqual(list.remove(at: i), model.remove(at: i))
                case 3 where !model.isEmpty:
                    let i = Int.random(in: 0..<model.count, using: &g)
                    list[i] = address(n)
                    model[i] = address(n)
                case 4:
                    let a = Int.random(in: 0...model.count, using: &g)
                    let b = Int.random(in: a...model.count, using: &g)
                    let new = (0..<Int.random(in: 0..<4, using: &g)).map { address(n + $0) }
                    list.replaceSubrange(a..<b, with: new)
                    model.replaceSubrange(a..<b, with: new)
                case 5:
                    // A copy taken here must not see the next edits, nor they its.
                    var snapshot = list
                    let expected = model
                    if !model.isEmpty {
                        list[0] = address(n)
                        model[0] = address(n)
                    }
                    list.append(address(n))
                    model.append(address(n))
                    XCTAssertEqual(Array(snapshot), expected)
                    snapshot.append(address(n + 1))
                    if !expected.isEmpty { snapshot[0] = address(n + 2) }
                    XCTAssertEqual(Array(list), model)
                case 6:
                    list.reserveCapacity(model.count + 5)
                case _ where model.count > 30:
                    list.removeAll()
                    model.removeAll()
                default:
                    list.append(contentsOf: [address(n), address(n + 1)])
                    model.append(contentsOf: [address(n), address(n + 1)])
                }
                XCTAssertEqual(Array(list), model, "step \(step)")
                XCTAssertEqual(list.count, model.count)
                XCTAssertEqual(list.isEmpty, model.isEmpty)
            }
        }
        XCTAssertEqual(decoded.count, 4, "the decoded list never changed")
    }

    func testEqualityHashingAndPrinting() throws {
        let decoded = try parse(
            #"("d" "s" \#(addressList(0..<2)) NIL NIL NIL NIL NIL NIL NIL)"#,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
        ).from
        let built: SharedList<Address> = [address(0), address(1)]
        XCTAssertEqual(decoded, built)
        XCTAssertEqual(decoded.hashValue, built.hashValue)
        XCTAssertEqual(Set([decoded, built]).count, 1)
        XCTAssertNotEqual(decoded, [address(0)])
        XCTAssertNotEqual(decoded, [address(0), address(2)])
        XCTAssertNotEqual(SharedList<Int>([1, 2]).hashValue, SharedList<Int>([2, 1]).hashValue)
        XCTAssertEqual(SharedList<Address>(), [])
        XCTAssertEqual(decoded.description, [address(0), address(1)].description)
        XCTAssertEqual(String(reflecting: decoded), String(reflecting: [address(0), address(1)]))
        var dumped = ""
        var expected = ""
        dump(decoded, to: &dumped)
        dump([address(0), address(1)], to: &expected)
        XCTAssertEqual(dumped.split(separator: "\n").dropFirst(), expected.split(separator: "\n").dropFirst())
        XCTAssertEqual(decoded.array, [address(0), address(1)])
    }

    func testEditsInPlaceWhenItOwnsItsStorageAlone() throws {
        var list = SharedList<Int>()
        list.reserveCapacity(8)
        let reserved = chunk(list)
        XCTAssertNotNil(reserved)
        list.append(1)
        list.append(contentsOf: [2, 3, 4])
        list[0] = 5
        list.insert(9, at: 1)
        XCTAssertEqual(list.removeLast(), 4)
        list.sort()
        XCTAssertEqual(Array(list), [2, 3, 5, 9])
        XCTAssertEqual(chunk(list), reserved, "no edit reallocated")
        list.removeAll(keepingCapacity: true)
        XCTAssertTrue(list.isEmpty)
        XCTAssertEqual(chunk(list), reserved)
        list.removeAll()
        XCTAssertNil(chunk(list))

        // A decoded list that ends up alone in its chunk (the envelope's only list) grows in
        // place; one followed by other lists of the chunk must copy, even when alone.
        var envelope: Envelope? = try parse(
            #"("d" "s" \#(addressList(0..<2)) NIL NIL NIL NIL NIL NIL NIL)"#,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
        )
        var only = envelope?.from ?? []
        envelope = nil
        let before = chunk(only)
        only.append(address(2))
        XCTAssertEqual(chunk(only), before)
        XCTAssertEqual(Array(only), (0..<3).map(address))

        var full: Envelope? = try parse(
            #"("d" "s" \#(addressList(0..<2)) \#(addressList(2..<3)) NIL NIL NIL NIL NIL NIL)"#,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
        )
        var first = full?.from ?? []
        let sender = full?.sender ?? []
        full = nil
        let shared = chunk(first)
        first.append(address(9))
        XCTAssertNotEqual(chunk(first), shared)
        XCTAssertEqual(Array(sender), [address(2)], "the next list in the chunk is untouched")
        XCTAssertEqual(Array(first), [address(0), address(1), address(9)])
    }

    func testEmptyListsHoldNoChunk() throws {
        let envelope = try parse(
            #"("d" "s" () (NIL) NIL (NIL NIL) NIL NIL NIL NIL)"#,
            lenient: true,
            { (s: inout ParserState) throws(IMAPDecodingError) in try s.envelope() }
        )
        for list in [envelope.from, envelope.sender, envelope.replyTo, envelope.to] {
            XCTAssertTrue(list.isEmpty)
            XCTAssertNil(chunk(list))
        }
    }

    /// Every element made is destroyed exactly once: random edits on built and decoded-style
    /// lists, and a builder with one-slot chunks whose lists move again and again.
    func testElementsLiveAndDieExactlyOnce() {
        Tracked.live = 0
        do {
            var builder = SharedListBuilder<Tracked>(initialCapacity: 1)
            var lists: [SharedList<Tracked>] = []
            var g = SeededGenerator(seed: 77)
            for n in 0..<60 {
                builder.begin()
                let count = n == 5 ? 100 : Int.random(in: 0..<6, using: &g)
                for k in 0..<count { builder.append(Tracked(n * 1000 + k)) }
                let list = builder.finish()
                XCTAssertEqual(list.map(\.value), (0..<count).map { n * 1000 + $0 }, "list \(n)")
                lists.append(list)
            }
            for (n, list) in lists.enumerated() {
                XCTAssertEqual(list.map(\.value).first, list.isEmpty ? nil : n * 1000)
            }
            for i in lists.indices {
                var list = lists[i]
                switch Int.random(in: 0..<5, using: &g) {
                case 0: list.append(Tracked(-1))
                case 1 where !list.isEmpty: list.remove(at: Int.random(in: 0..<list.count, using: &g))
                case 2 where !list.isEmpty: list[0] = Tracked(-2)
                case 3: list.replaceSubrange(0..<list.count / 2, with: [Tracked(-3), Tracked(-4)])
                default: list.removeAll(keepingCapacity: true)
                }
                if i % 2 == 0 { lists[i] = list }
            }
            XCTAssertGreaterThan(Tracked.live, 0)
        }
        XCTAssertEqual(Tracked.live, 0, "every element destroyed once, none leaked")
    }

    func testBuilderChunkBoundaries() {
        var builder = SharedListBuilder<Int>(initialCapacity: 8)
        builder.begin()
        for k in 0..<8 { builder.append(k) }
        let a = builder.finish()
        builder.begin()
        builder.append(8)
        let b = builder.finish()
        builder.begin()
        let empty = builder.finish()
        XCTAssertEqual(Array(a), Array(0..<8))
        XCTAssertEqual(Array(b), [8])
        XCTAssertNotEqual(chunk(a), chunk(b), "a list opened on a full chunk starts a new one")
        XCTAssertEqual(b.start, 0)
        XCTAssertTrue(empty.isEmpty)
        XCTAssertNil(chunk(empty))
    }

    func testBodyParametersOverflowTheFirstChunk() throws {
        // 13 pairs in 8 lists, in a nested multipart, disposition parameters included.
        let text = #"""
            ((("TEXT" "PLAIN" ("CHARSET" "UTF-8" "FORMAT" "flowed" "DELSP" "yes") NIL NIL "7BIT" 1 1 NIL ("INLINE" ("A" "1" "B" "2")) NIL NIL)\#
            ("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "7BIT" 2 1 NIL NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "inner") NIL NIL NIL)\#
            ("APPLICATION" "PDF" ("NAME" "x.pdf" "X" "y") NIL NIL "BASE64" 3 NIL ("ATTACHMENT" ("FILENAME" "x.pdf" "SIZE" "3")) NIL NIL) \#
            "MIXED" ("BOUNDARY" "outer") NIL NIL NIL)
            """#
        let body = try parse(text, { (s: inout ParserState) throws(IMAPDecodingError) in try s.body() })
        guard case .multipart(let outer) = body, case .multipart(let inner) = outer.parts[0],
            case .singlePart(let plain) = inner.parts[0], case .singlePart(let html) = inner.parts[1],
            case .singlePart(let pdf) = outer.parts[1]
        else { return XCTFail("unexpected shape") }
        let lists = [
            plain.fields.parameters, plain.extension?.dispositionTail?.disposition?.parameters ?? [],
            html.fields.parameters, inner.extension?.parameters ?? [], pdf.fields.parameters,
            pdf.extension?.dispositionTail?.disposition?.parameters ?? [], outer.extension?.parameters ?? [],
        ]
        XCTAssertEqual(
            lists.map { $0.map { $0.name.stringValue + "=" + $0.value.stringValue } },
            [
                ["CHARSET=UTF-8", "FORMAT=flowed", "DELSP=yes"], ["A=1", "B=2"], ["CHARSET=UTF-8"], ["BOUNDARY=inner"],
                ["NAME=x.pdf", "X=y"], ["FILENAME=x.pdf", "SIZE=3"], ["BOUNDARY=outer"],
            ]
        )
        XCTAssertEqual(Set(lists.compactMap(chunk)).count, 2, "8 slots, then 16")
        XCTAssertEqual(written { $0.writeBody(body) }, text)
    }
}

/// An element that counts its live instances.
final class Tracked: Hashable, Sendable {
    nonisolated(unsafe) static var live = 0
    let value: Int
    init(_ value: Int) {
        self.value = value
        Tracked.live += 1
    }
    deinit { Tracked.live -= 1 }
    static func == (lhs: Tracked, rhs: Tracked) -> Bool { lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
