#!/usr/bin/env python3
"""Drives the swift-imap-codec test server with Python's standard imaplib.

Usage: imaplib_client.py PORT [--literal-plus]

Run by RealClientTests (Tests/IMAPCodecTests/Interop/RealClientTests.swift) against the
in-process TestIMAPServer. Every check is an assert on what imaplib received; the exit status
is 0 when all pass, and the failing step is printed otherwise. Standard library only.
"""
import base64
import imaplib
import re
import sys
import time
import traceback

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
LITERAL_PLUS = "--literal-plus" in sys.argv[2:]

NEW_MESSAGE = (
    b"From: Python <py@example.org>\r\nTo: test@example.org\r\nSubject: Sent from imaplib\r\n"
    b"Date: Tue, 13 Jan 2026 08:00:00 +0000\r\nMessage-ID: <imaplib-1@example.org>\r\n\r\n"
    b"Line one\r\nLine two with the word zebra\r\n"
)

step = "connect"


def decode_mutf7(name):
    """Modified UTF-7 (RFC 3501 5.1.3) to str: imaplib leaves mailbox names encoded."""
    out, i = [], 0
    while i < len(name):
        if name[i] == "&":
            end = name.index("-", i)
            if end == i + 1:
                out.append("&")
            else:
                chunk = name[i + 1:end].replace(",", "/")
                out.append(base64.b64decode(chunk + "=" * (-len(chunk) % 4)).decode("utf-16-be"))
            i = end + 1
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def literal_data(fetch_data):
    """The literal bytes of the first FETCH item that carried one."""
    for item in fetch_data:
        if isinstance(item, tuple):
            return item[1]
    raise AssertionError("no literal in %r" % (fetch_data,))


def read_tagged(m, tag):
    """Reads raw lines up to the tagged response of `tag` (for commands sent by hand)."""
    lines = []
    while True:
        line = m.readline()
        assert line, "connection closed while waiting for %r" % tag
        lines.append(line)
        if line.startswith(tag + b" "):
            return lines


def main():
    global step
    m = imaplib.IMAP4(HOST, PORT, timeout=10)

    step = "greeting and CAPABILITY"
    assert m.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1"), m.welcome
    assert "IMAP4REV1" in m.capabilities and "IDLE" in m.capabilities, m.capabilities
    assert ("LITERAL+" in m.capabilities) == LITERAL_PLUS, m.capabilities

    step = "commands before LOGIN"
    tag = m._new_tag()  # imaplib refuses to send it itself
    m.send(tag + b" SELECT INBOX\r\n")
    lines = read_tagged(m, tag)
    assert lines == [tag + b" BAD command not valid in this state\r\n"], lines

    step = "LOGIN"
    typ, data = m.login("test", "pass")
    assert typ == "OK" and b"LOGIN completed" in data[0], (typ, data)
    assert m.state == "AUTH"

    step = "LIST"
    typ, data = m.list()
    assert typ == "OK", (typ, data)
    assert data == [
        b'(\\HasNoChildren) "/" INBOX',
        b'(\\HasNoChildren \\Sent) "/" Sent',
        b'(\\HasNoChildren) "/" Entw&APw-rfe',
    ], data
    typ, data = m.list('""', "Entw%")
    assert typ == "OK" and len(data) == 1, data
    name = data[0].rsplit(b" ", 1)[1].decode("ascii")
    assert decode_mutf7(name) == "Entw\u00fcrfe", name
    typ, data = m.list('""', '""')
    assert data == [b'(\\Noselect) "/" ""'], data
    typ, data = m.list('""', "Nothing*")
    assert typ == "OK" and data == [None], data
    typ, data = m.lsub()
    assert typ == "OK" and len(data) == 3, data

    step = "STATUS"
    typ, data = m.status("INBOX", "(MESSAGES UIDNEXT UNSEEN)")
    assert typ == "OK" and data == [b"INBOX (MESSAGES 3 UIDNEXT 4 UNSEEN 2)"], data

    step = "EXAMINE a non-ASCII mailbox"
    typ, data = m.select('"Entw&APw-rfe"', readonly=True)  # imaplib raises unless READ-ONLY came back
    assert typ == "OK" and data == [b"0"], (typ, data)

    step = "SELECT INBOX"
    typ, data = m.select("INBOX")
    assert typ == "OK" and data == [b"3"], (typ, data)
    assert "READ-WRITE" in m.untagged_responses, m.untagged_responses
    assert m.response("UIDVALIDITY") == ("UIDVALIDITY", [b"1700000000"])
    assert m.response("UIDNEXT") == ("UIDNEXT", [b"4"])
    assert m.response("FLAGS")[1] == [b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft)"]

    step = "FETCH FLAGS UID RFC822.SIZE INTERNALDATE"
    typ, data = m.fetch("1:*", "(FLAGS UID RFC822.SIZE INTERNALDATE)")
    assert typ == "OK" and len(data) == 3, data
    assert re.match(rb'1 \(FLAGS \(\\Seen\) UID 1 RFC822\.SIZE \d+ INTERNALDATE "10-Jan-2026 09:30:00 \+0100"\)$', data[0]), data[0]
    assert data[1].startswith(b"2 (FLAGS () UID 2 "), data[1]

    step = "FETCH ENVELOPE BODYSTRUCTURE"
    typ, data = m.fetch("1", "(ENVELOPE BODYSTRUCTURE)")
    assert typ == "OK", data
    line = data[0]
    assert b'"Welcome to the test server"' in line, line
    assert b'(("Alice Example" NIL "alice" "example.com"))' in line, line
    assert b'"<seed-1@example.com>"' in line, line
    assert b'BODYSTRUCTURE ("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 36 2)' in line, line

    step = "FETCH BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)]"
    typ, data = m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])")
    assert typ == "OK", data
    assert literal_data(data) == b"From: Bob <bob@example.net>\r\nSubject: Lunch on Friday?\r\n\tfolded continuation\r\n\r\n", data

    step = "FETCH BODY.PEEK[HEADER] and BODY.PEEK[TEXT]"
    typ, data = m.fetch("3", "(BODY.PEEK[HEADER])")
    header = literal_data(data)
    assert header.startswith(b"From: Alice Example") and header.endswith(b"\r\n\r\n"), header
    typ, data = m.fetch("3", "(BODY.PEEK[TEXT])")
    assert literal_data(data) == b"The numbers are in the attachment (not really).\r\n", data

    step = "FETCH partial"
    typ, data = m.fetch("3", "(BODY.PEEK[TEXT]<4.7>)")
    # Message data comes as a literal: imaplib returns (header line, bytes) pairs.
    assert typ == "OK" and data[0][0].endswith(b"BODY[TEXT]<4> {7}") and data[0][1] == b"numbers", data

    step = "FETCH BODY[] sets \\Seen"
    typ, data = m.fetch("2", "(BODY[])")
    body = literal_data(data)
    assert body.startswith(b"From: Bob") and body.endswith(b"Bob\r\n"), body
    assert b"FLAGS (\\Seen)" in data[1] or b"FLAGS (\\Seen)" in data[0][0], data
    typ, data = m.search(None, "UNSEEN")
    assert data == [b"3"], data

    step = "APPEND with a synchronizing literal"
    typ, data = m.append("INBOX", "(\\Flagged)", imaplib.Time2Internaldate(time.time()), NEW_MESSAGE)
    assert typ == "OK", (typ, data)
    assert m.continuation_response == b"Ready for literal data", m.continuation_response
    match = re.match(rb"\[APPENDUID 1700000000 (\d+)\] APPEND completed", data[0])
    assert match, data
    new_uid = match.group(1).decode()
    assert new_uid == "4", new_uid
    typ, data = m.uid("FETCH", new_uid, "(FLAGS BODY.PEEK[])")
    assert typ == "OK" and literal_data(data) == NEW_MESSAGE, data
    assert b"UID 4" in data[0][0] and b"FLAGS (\\Flagged)" in data[0][0], data

    if LITERAL_PLUS:
        step = "APPEND with a non-synchronizing literal (LITERAL+)"
        tag = m._new_tag()
        m.send(tag + b" APPEND INBOX {%d+}\r\n" % len(NEW_MESSAGE) + NEW_MESSAGE + b"\r\n")
        lines = read_tagged(m, tag)
        assert not any(l.startswith(b"+") for l in lines), lines
        assert lines[-1].startswith(tag + b" OK [APPENDUID 1700000000 5]"), lines
        m.noop()

    step = "refused literal"
    tag = m._new_tag()
    m.send(tag + b" APPEND INBOX {5000000}\r\n")
    lines = read_tagged(m, tag)
    assert lines == [tag + b" NO [TOOBIG] literal too large\r\n"], lines
    typ, data = m.noop()
    assert typ == "OK", (typ, data)

    step = "SEARCH"
    count = 5 if LITERAL_PLUS else 4
    assert m.search(None, "ALL") == ("OK", [" ".join(str(i) for i in range(1, count + 1)).encode()])
    assert m.search(None, "SUBJECT", '"lunch"') == ("OK", [b"2"])
    assert m.search(None, "FROM", "alice") == ("OK", [b"1 3"])
    assert m.search(None, "OR", "FROM", "bob", "SUBJECT", "report") == ("OK", [b"2 3"])
    assert m.search(None, "NOT", "SEEN") == ("OK", [b"3 4" + (b" 5" if LITERAL_PLUS else b"")])
    assert m.search("UTF-8", "TEXT", "zebra") == ("OK", [b"4" + (b" 5" if LITERAL_PLUS else b"")])
    assert m.search(None, "FLAGGED", "UID", "1:4") == ("OK", [b"4"])
    assert m.uid("SEARCH", "SUBJECT", "imaplib") == ("OK", [b"4" + (b" 5" if LITERAL_PLUS else b"")])
    assert m.search(None, "SUBJECT", "nothing-matches") == ("OK", [b""])

    step = "STORE"
    typ, data = m.store("3", "+FLAGS", "(\\Answered $Label1)")
    assert typ == "OK" and data == [b"3 (FLAGS (\\Answered $Label1))"], data
    assert m.search(None, "ANSWERED") == ("OK", [b"3"])
    assert m.search(None, "KEYWORD", "$Label1") == ("OK", [b"3"])
    typ, data = m.store("3", "-FLAGS.SILENT", "($Label1)")
    assert typ == "OK" and data == [None], data
    typ, data = m.uid("STORE", "1", "FLAGS", "(\\Seen \\Flagged)")
    assert typ == "OK" and data == [b"1 (FLAGS (\\Seen \\Flagged) UID 1)"], data

    step = "IDLE / DONE"
    other = imaplib.IMAP4(HOST, PORT, timeout=10)
    other.login("test", "pass")
    tag = m._new_tag()
    m.send(tag + b" IDLE\r\n")
    line = m.readline()
    assert line == b"+ idling\r\n", line
    typ, data = other.append("INBOX", None, None, NEW_MESSAGE)  # another client delivers mail
    assert typ == "OK", data
    other.logout()
    line = m.readline()
    assert line == b"* %d EXISTS\r\n" % (count + 1), line
    m.send(b"DONE\r\n")
    line = m.readline()
    assert line == tag + b" OK IDLE terminated\r\n", line

    step = "errors"
    try:
        m.xatom("FROBNICATE")
        raise AssertionError("unknown command accepted")
    except imaplib.IMAP4.error as e:
        assert "BAD" in str(e), e
    try:
        m._simple_command("FETCH", "x", "(FLAGS)")
        raise AssertionError("malformed FETCH accepted")
    except imaplib.IMAP4.error as e:
        assert "BAD" in str(e) and "seq-number" in str(e), e
    typ, data = m.noop()  # the session continues after both
    assert typ == "OK", (typ, data)

    step = "EXPUNGE and CLOSE"
    m.store("4:*", "+FLAGS.SILENT", "(\\Deleted)")
    typ, data = m.expunge()
    assert typ == "OK" and data == [str(n).encode() for n in [4] * (count - 2)], data
    typ, data = m.close()
    assert typ == "OK" and m.state == "AUTH", (typ, data)
    typ, data = m.status("INBOX", "(MESSAGES)")
    assert data == [b"INBOX (MESSAGES 3)"], data

    step = "LOGOUT"
    typ, data = m.logout()
    assert typ == "BYE" and data == [b"logging out"], (typ, data)

    step = "LOGIN with a wrong password"
    bad = imaplib.IMAP4(HOST, PORT, timeout=10)
    try:
        bad.login("test", "wrong")
        raise AssertionError("wrong password accepted")
    except imaplib.IMAP4.error as e:
        assert "[AUTHENTICATIONFAILED]" in str(e), e
    bad.logout()


if __name__ == "__main__":
    try:
        main()
    except Exception:
        print("FAILED at step: %s" % step)
        traceback.print_exc(file=sys.stdout)
        sys.exit(1)
    print("imaplib: all steps passed")
