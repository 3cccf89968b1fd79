#!/usr/bin/env python3
"""Writes the small hostile-input fixtures into Fixtures/hostile (deterministic).

Each file is one attack; the test suite says what each must produce. Inputs too large to
commit (a 100 MB line, 2,000,000 SEARCH numbers, a million {0} literals, 100,000 nested
parentheses) are built by the tests themselves from the same recipes.
"""
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hostile")
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


ok = b"A1 OK done\r\n"
# Literal counts beyond every bound, then a valid response that must still decode.
write("literal-2pow32.s2c", b"* 1 FETCH (BODY[] {4294967296}\r\n")
write("literal-2pow64.s2c", b"* 1 FETCH (BODY[] {18446744073709551616}\r\n" + ok)
write("literal-20-digits.s2c", b"* 1 FETCH (BODY[] {99999999999999999999}\r\n" + ok)
write("literal-negative.s2c", b"* 1 FETCH (BODY[] {-1}\r\n" + ok)
write("literal-2gib-then-eof.s2c", b"* 1 FETCH (BODY[] {2147483648}\r\nonly a few bytes")
write("literal-2pow64.c2s", b"A1 APPEND INBOX {18446744073709551616+}\r\nA2 NOOP\r\n")
# A wrong literal count that swallows the next "\r\nA1 OK".
write("literal-swallows-tagged.s2c", b"* 1 FETCH (BODY[] {12}\r\nhello)\r\nA1 OK done\r\nA2 OK next\r\n")
# NUL bytes.
write("nul-in-quoted.s2c", b'* 1 FETCH (ENVELOPE ("a\x00b" NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n' + ok)
write("nul-in-atom.s2c", b"* CAPABILITY IMAP4rev1 X\x00Y\r\n" + ok)
write("nul-in-literal.s2c", b"* 1 FETCH (BODY[] {3}\r\na\x00b)\r\n" + ok)
write("nul-in-command.c2s", b"A1 LOGIN us\x00er pass\r\nA2 NOOP\r\n")
# Invalid UTF-8 in quoted strings.
write("invalid-utf8-quoted.s2c", b'* LIST () "/" "bad \xc3\x28 \xff"\r\n' + ok)
# Malformed modified UTF-7 in mailbox names.
write("bad-mutf7.s2c", b'* LIST () "/" "&Jjo"\r\n* LIST () "/" "&AGE-"\r\n* LIST () "/" "&-&-&"\r\n' + ok)
# Numbers one past every bound.
write("numbers-past-bounds.s2c",
      b"* 4294967296 EXISTS\r\n"
      b"* 1 FETCH (UID 4294967296)\r\n"
      b"* OK [UIDVALIDITY 4294967296] x\r\n"
      b"* OK [HIGHESTMODSEQ 9223372036854775808] x\r\n"
      b"* 1 FETCH (MODSEQ (9223372036854775808))\r\n"
      b"* 1 FETCH (BODY[]<4294967296> {0}\r\n)\r\n"
      + ok)
write("numbers-past-bounds.c2s",
      b"A1 FETCH 4294967296 FLAGS\r\n"
      b"A2 UID FETCH 1:4294967296 FLAGS\r\n"
      b"A3 FETCH 1 BODY[]<0.9223372036854775808>\r\n"
      b"A4 NOOP\r\n")
# Whole-range sets: kept as ranges, never expanded.
write("full-range-sets.c2s", b"A1 UID FETCH 1:4294967295 FLAGS\r\nA2 UID COPY 1:4294967295 X\r\nA3 UID EXPUNGE 1:4294967295\r\n")
write("full-range-sets.s2c",
      b"* OK [COPYUID 1 1:4294967295 1:4294967295] x\r\n* VANISHED (EARLIER) 1:4294967295\r\n" + ok)
# A 1 MB tag.
write("tag-1mb.c2s", b"a" * (1 << 20) + b" NOOP\r\nA2 NOOP\r\n")
write("tag-1mb.s2c", b"a" * (1 << 20) + b" OK x\r\n" + ok)
# Random bytes.
rng = random.Random(20261126)
write("random-bytes.s2c", bytes(rng.getrandbits(8) for _ in range(65536)))
write("random-bytes.c2s", bytes(rng.getrandbits(8) for _ in range(65536)))
# Random bytes in IMAP's own alphabet, with CRLFs, parentheses and literal headers.
alphabet = [b"(", b")", b" ", b"\r\n", b"{3}\r\n", b"NIL", b"\"", b"\\", b"*", b"1", b"FETCH", b"BODY[", b"]", b"~{0}\r\n"]
write("random-tokens.s2c", b"".join(rng.choice(alphabet) for _ in range(20000)))
# Frames built to make the decoder allocate: the smallest items of a list, repeated, past the
# default value budget (2 bytes of values per frame byte plus 16 MiB for responses, 256 KiB for
# commands; Docs/Security.md, "Memory bounded by the bytes"). Each is one valuesTooLarge error.
write("values-gmail-labels.s2c", b"* 1 FETCH (X-GM-LABELS (a" + b" a" * 1_000_000 + b"))\r\n" + ok)
write("values-fetch-items.s2c", b"* 1 FETCH (UID 1" + b" UID 1" * 100_000 + b")\r\n" + ok)
write("values-append-literals.c2s", b"A1 APPEND INBOX" + b" {1+}\r\nx" * 100_000 + b"\r\nA2 NOOP\r\n")
write("values-search-literals.c2s", b"A1 SEARCH" + b" TEXT {1+}\r\nx" * 100_000 + b"\r\nA2 NOOP\r\n")
# Unknown commands (CommandKind.other): malformed ones are errors with their tag, the session
# goes on; well-formed ones are values, however many items or literals they hold.
write("other-commands.c2s",
      b"A1 XFOO " + b"(" * 33 + b")" * 33 + b"\r\n"    # nestingTooDeep
      + b"A2 XFOO \"unterminated\r\n"
      + b"A3 XFOO a\x00b\r\n"
      + b"A4 XFOO {3}\r\na\x00c\r\n"
      + b"A5 XFOO ) (\r\n"
      + b"A6 XFOO x\"y\\z\"\r\n"
      + b"A7 LOGIN\r\n"                                 # a known name keeps its error
      + b"A8 UID XFOO 1\r\n"
      + b"A9 XFOO {5}\r\nB1 NO\r\n"                     # the literal swallows a forged command
      + b"B2 XFOO" + b" ()" * 20_000 + b"\r\n"          # 60 KB of empty lists: one value
      + b"B3 NOOP\r\n")
write("values-other-literals.c2s", b"A1 XFOO" + b" {1+}\r\nx" * 100_000 + b"\r\nA2 NOOP\r\n")

# The extensions of issue 17 (UIDBATCHES, MULTISEARCH, LANGUAGE, COMPARATOR, JMAPACCESS,
# FILTERS): numbers one past their bounds, zeros where nz-numbers belong, empty and unclosed
# lists, then a command or response that must still decode.
write("extensions-bad.c2s",
      b"A1 UIDBATCHES 4294967296\r\n"
      b"A2 UIDBATCHES 500 1:4294967296\r\n"
      b"A3 UIDBATCHES 0\r\n"
      b"A4 SEARCH UIDAFTER 4294967296\r\n"
      b"A5 SEARCH UIDBEFORE 0\r\n"
      b"A6 ESEARCH IN (mailboxes (a b\r\n"
      b"A7 ESEARCH IN () ALL\r\n"
      b"A8 ESEARCH IN (personal (X (((((((((((((((((((((((((((((((()))))))))))))))))))))))))))))))) ALL\r\n"
      b"A9 SEARCH FILTER a/b\r\n"
      b"B1 LANGUAGE (en)\r\n"
      b"B2 COMPARATOR {4294967296}\r\n"
      b"B3 NOOP\r\n")
write("extensions-bad.s2c",
      b"* UIDBATCHES (TAG A1) 4294967296:1\r\n"
      b"* UIDBATCHES (TAG A1) 0\r\n"
      b"* UIDBATCHES (TAG A1 TAG A2) 5\r\n"
      b"* UIDBATCHES 5:1\r\n"
      b"* LANGUAGE ()\r\n"
      b"* LANGUAGE (en\r\n"
      b"* COMPARATOR\r\n"
      b"* JMAPACCESS\r\n"
      + ok)

# NOTIFY, URLAUTH (RESETKEY, GENURLAUTH, URLFETCH), XLIST, ANNOTATE and SEARCH=FUZZY:
# numbers past 2^32, unclosed and empty lists, nesting past the limit, literals that claim
# more than they hold, then a command or response that must still decode. (A response
# literal past the limit ends the stream, literal-2pow32.s2c shows; the responses here claim
# a few bytes too many instead.)
write("extensions2-bad.c2s",
      b"A1 NOTIFY SET (mailboxes (a b (MessageNew)\r\n"
      b"A2 NOTIFY SET ()\r\n"
      b"A3 NOTIFY SET (selected ())\r\n"
      b"A4 NOTIFY SET (selected (MessageNew (BODY[]<4294967296>)))\r\n"
      b"A5 NOTIFY SET (subtree {4294967296}\r\n"
      b"A6 GENURLAUTH \"imap://u@h/INBOX;uid=1;urlauth=anonymous\"\r\n"
      b"A7 GENURLAUTH\r\n"
      b"A8 URLFETCH {4294967296}\r\n"
      b"A9 URLFETCH {14}\r\nabc\r\nB0 NOOP\r\n)\r\n"       # the literal swallows a forged command
      b"B1 RESETKEY INBOX {4294967296}\r\n"
      b"B2 XLIST \"\"\r\n"
      b"B3 XLIST \"\" {4294967296}\r\n"
      b"B4 FETCH 1 (ANNOTATION (/comment value)\r\n"
      b"B5 FETCH 1 ANNOTATION (() value)\r\n"
      b"B6 FETCH 4294967296 ANNOTATION (/comment value)\r\n"
      b"B7 STORE 1 ANNOTATION ()\r\n"
      b"B8 STORE 1 ANNOTATION (/comment (value.priv ~{4294967296}\r\n"
      b"B9 SEARCH " + b"FUZZY " * 40 + b"ALL\r\n"
      b"C1 SEARCH RETURN (RELEVANCY) FUZZY\r\n"
      b"C2 SEARCH FUZZY (" + b"(" * 40 + b"ALL" + b")" * 41 + b"\r\n"
      b"C3 NOOP\r\n")
write("extensions2-bad.s2c",
      b"* OK [BADEVENT ()] x\r\n"
      b"* OK [BADEVENT (MessageNew] x\r\n"
      b"* GENURLAUTH\r\n"
      b"* URLFETCH \"imap://u@h/INBOX;uid=1\"\r\n"
      b"* URLFETCH \"imap://u@h/INBOX;uid=1\" {8}\r\nabc\r\n* OK x\r\n"  # swallows "abc\r\n* O"
      b"* XLIST (\\HasNoChildren \\Inbox \"/\" INBOX\r\n"
      b"* XLIST () \"/\"\r\n"
      b"* 4294967296 FETCH (ANNOTATION (/comment (value.priv \"x\")))\r\n"
      b"* 1 FETCH (ANNOTATION ())\r\n"
      b"* 1 FETCH (ANNOTATION (/comment (value.priv \"x\" size.priv\r\n"
      b"* 1 FETCH (ANNOTATION (/comment (value.priv ~{7}\r\nab\r\n)))\r\n"  # swallows ")))"
      b"* ESEARCH (TAG \"A1\") RELEVANCY (101)\r\n"
      b"* ESEARCH (TAG \"A1\") RELEVANCY (4294967296)\r\n"
      b"* ESEARCH (TAG \"A1\") RELEVANCY (1 2\r\n"
      + ok)
