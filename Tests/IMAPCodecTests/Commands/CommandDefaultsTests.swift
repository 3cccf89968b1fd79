import IMAPCodec
import XCTest

/// The short forms a caller writes most: defaulted `uid`, modifiers, partial and peek, and
/// mailbox names as string literals. Each must mean exactly the long form.
final class CommandDefaultsTests: XCTestCase {
    func testDefaultedArgumentsMeanTheLongForm() throws {
        let tag = try XCTUnwrap(Tag("A1"))
        let set = SequenceSet(1...5)
        let pairs: [(CommandKind, CommandKind)] = [
            (
                .fetch(set, .list([.uid, .bodySection(SectionSpec())])),
                .fetch(
                    set,
                    .list([.uid, .bodySection(SectionSpec(), partial: nil, peek: false)]),
                    modifiers: [],
                    uid: false
                )
            ),
            (
                .store(set, StoreFlags(operation: .add, silent: true, target: .flags([.seen]))),
                .store(
                    set,
                    modifiers: [],
                    StoreFlags(operation: .add, silent: true, target: .flags([.seen])),
                    uid: false
                )
            ),
            (.copy(set, "Entwürfe"), .copy(set, MailboxName("Entwürfe"), uid: false)),
            (.move(set, "INBOX"), .move(set, .inbox, uid: false)),
            (
                .search(SearchProgram(keys: NonEmptyArray(.all))),
                .search(SearchProgram(keys: NonEmptyArray(.all)), uid: false)
            ),
        ]
        let encoder = CommandEncoder()
        for (short, long) in pairs {
            XCTAssertEqual(short, long)
            XCTAssertEqual(try encoder.encode(Command(tag: tag, short)), try encoder.encode(Command(tag: tag, long)))
        }
        let written = try encoder.encode(Command(tag: tag, .copy(set, "Entwürfe"))).flatMap(\.bytes)
        XCTAssertEqual(String(decoding: written, as: UTF8.self), "A1 COPY 1:5 Entw&APw-rfe\r\n")
    }
}
