import XCTest

@testable import IMAPCodec

final class LanguageTests: XCTestCase {
    func testLanguage() throws {
        // RFC 5255 section 3.
        XCTAssertEqual(try assertCommandRoundTrip("A001 LANGUAGE\r\n"), .language([]))
        XCTAssertEqual(try assertCommandRoundTrip("B001 LANGUAGE DE\r\n"), .language(["DE"]))
        try assertCommandRoundTrip("C001 LANGUAGE fr-CA default \"x y\"\r\n")
        try assertCommandRoundTrip("C001 LANGUAGE  fr \r\n", lenient: true, canonical: "C001 LANGUAGE fr\r\n")
        assertCommandRejected("C001 LANGUAGE  fr\r\n", rule: "astring")
        XCTAssertEqual(
            try assertResponseRoundTrip("* LANGUAGE (EN DE IT i-default)\r\n"),
            .untagged(.language(["EN", "DE", "IT", "i-default"]))
        )
        assertResponseRejected("* LANGUAGE ()\r\n", rule: "astring")
        assertResponseRejected("* LANGUAGE EN\r\n", rule: "language-data")
        assertResponseRefused(.untagged(.language([])), rule: "language-data")
    }

    /// The examples of RFC 5255 sections 3.2, 3.4 and 4.7, verbatim.
    func testRFCExamples() throws {
        for lenient in [false, true] {
            XCTAssertEqual(try assertCommandRoundTrip("A002 LANGUAGE MUL\r\n", lenient: lenient), .language(["MUL"]))
            try assertCommandRoundTrip("A003 LANGUAGE\r\n", lenient: lenient)
            try assertResponseRoundTrip("* LANGUAGE (EN DE IT i-default)\r\n", lenient: lenient)
            try assertCommandRoundTrip("C001 LANGUAGE DE\r\n", lenient: lenient)
            try assertResponseRoundTrip("* LANGUAGE (DE)\r\n", lenient: lenient)
            try assertCommandRoundTrip("D002 LANGUAGE DE-IT\r\n", lenient: lenient)
            try assertResponseRoundTrip("* LANGUAGE (DE-IT)\r\n", lenient: lenient)
            XCTAssertEqual(
                try assertCommandRoundTrip(
                    "D003 LANGUAGE \"default\"\r\n",
                    lenient: lenient,
                    canonical: "D003 LANGUAGE default\r\n"
                ),
                .language(["default"])
            )
            XCTAssertEqual(
                try assertCommandRoundTrip("E001 LANGUAGE FR-CA EN-CA\r\n", lenient: lenient),
                .language(["FR-CA", "EN-CA"])
            )
            try assertResponseRoundTrip("* LANGUAGE (EN)\r\n", lenient: lenient)
            // The TRANSLATION namespace extension (section 3.4), on one line.
            try assertResponseRoundTrip(
                "* NAMESPACE ((\"\" \"/\")) ((\"Other Users/\" \"/\" \"TRANSLATION\" (\"Andere Ben&APw-tzer/\")))"
                    + " ((\"Public Folders/\" \"/\" \"TRANSLATION\" (\"Gemeinsame Postf&AM8-cher/\")))\r\n",
                lenient: lenient
            )
            // Section 4.7.
            XCTAssertEqual(
                try assertCommandRoundTrip(
                    "A001 COMPARATOR \"cz;*\" i;basic\r\n",
                    lenient: lenient
                ),
                .comparator(["cz;*", "i;basic"])
            )
            try assertResponseRoundTrip("* COMPARATOR i;basic\r\n", lenient: lenient)
            try assertResponseRoundTrip("A001 NO [BADCOMPARATOR] No such comparator\r\n", lenient: lenient)
        }
    }

    func testComparator() throws {
        XCTAssertEqual(try assertCommandRoundTrip("D001 COMPARATOR\r\n"), .comparator([]))
        try assertCommandRoundTrip(
            "D002 COMPARATOR \"i;unicode-casemap\" default\r\n",
            canonical: "D002 COMPARATOR i;unicode-casemap default\r\n"
        )
        XCTAssertEqual(
            try assertResponseRoundTrip("* COMPARATOR i;unicode-casemap\r\n"),
            .untagged(.comparator(ComparatorResponse(active: "i;unicode-casemap")))
        )
        XCTAssertEqual(
            try assertResponseRoundTrip("* COMPARATOR i;basic (i;basic i;ascii-casemap)\r\n"),
            .untagged(.comparator(ComparatorResponse(active: "i;basic", matching: ["i;basic", "i;ascii-casemap"])))
        )
        try assertResponseRoundTrip(
            "* COMPARATOR  i;basic  ( i;octet )\r\n",
            lenient: true,
            canonical: "* COMPARATOR i;basic (i;octet)\r\n"
        )
        assertResponseRejected("* COMPARATOR\r\n", rule: "comparator-data")
        assertResponseRejected("* COMPARATOR i;basic ()\r\n", rule: "astring")
    }

    func testJMAPAccess() throws {
        // RFC 9698 section 3 (with erratum 8635's command name).
        XCTAssertEqual(try assertCommandRoundTrip("A1 GETJMAPACCESS\r\n"), .getJMAPAccess)
        XCTAssertEqual(
            try assertResponseRoundTrip("* JMAPACCESS \"https://example.com/.well-known/jmap\"\r\n"),
            .untagged(.jmapAccess("https://example.com/.well-known/jmap"))
        )
        // Strict wants a quoted string; lenient reads an atom or a literal too.
        assertResponseRejected("* JMAPACCESS https://example.com/jmap\r\n", rule: "jmapaccess-response")
        try assertResponseRoundTrip(
            "* JMAPACCESS {24}\r\nhttps://example.com/jmap\r\n",
            lenient: true,
            canonical: "* JMAPACCESS \"https://example.com/jmap\"\r\n"
        )
        assertResponseRefused(.untagged(.jmapAccess("a\r\nb")), rule: "quoted")
    }

    func testCapabilities() {
        XCTAssertEqual(Capability("jmapaccess"), .jmapAccess)
        XCTAssertEqual(Capability("language"), .language)
        XCTAssertEqual(Capability("i18nlevel=2"), .i18nLevel2)
        XCTAssertEqual(Capability("I18NLEVEL=1"), .i18nLevel1)
    }
}
