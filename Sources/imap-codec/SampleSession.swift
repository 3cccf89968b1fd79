/// The sample session `imap-codec decode` shows when given no file: what a Dovecot server
/// sent to curl (login, SELECT, a message fetched with a literal), plus two FETCH responses
/// with ENVELOPE and BODYSTRUCTURE from a scripted session. Lines end in CRLF on the wire.
enum SampleSession {
    static var responses: [UInt8] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    /// What the client (curl) sent in the same session.
    static var commands: [UInt8] {
        Array(commandText.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    private static let commandText = #"""
        A001 CAPABILITY
        A002 AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=
        A003 SELECT INBOX
        A004 UID FETCH 2 BODY[]
        A005 LOGOUT
        """# + "\n"

    private static let text = #"""
        * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] Dovecot corpus server ready.
        * CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN
        A001 OK Pre-login capabilities listed, post-login capabilities have more.
        * CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ NOTIFY METADATA SPECIAL-USE COMPRESS=DEFLATE QUOTA ACL RIGHTS=texk
        A002 OK Logged in
        * FLAGS (\Answered \Flagged \Deleted \Seen \Draft $label2 $Junk $NotJunk Important Work $label1 $MDNSent ToDo $Forwarded)
        * OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $label2 $Junk $NotJunk Important Work $label1 $MDNSent ToDo $Forwarded \*)] Flags permitted.
        * 1445 EXISTS
        * 0 RECENT
        * OK [UNSEEN 122] First unseen.
        * OK [UIDVALIDITY 1795707802] UIDs valid
        * OK [UIDNEXT 1509] Predicted next UID
        * OK [HIGHESTMODSEQ 2105] Highest
        A003 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).
        * 2 FETCH (UID 2 BODY[] {807}
        Content-Type: text/plain; charset="us-ascii"
        MIME-Version: 1.0
        Content-Transfer-Encoding: 7bit
        From: =?utf-8?b?5bGx55SwIOWkqumDjg==?= <taro.yamada@example.jp>
        To: Bob Builder <bob@builder.example>,
         =?utf-8?b?TWFyw61hIEpvc8OpIEdhcmPDrWEtTMOzcGV6?= <mjgl@ejemplo.es>
        Subject: =?utf-8?b?TmHDr3ZlIGNhZsOpIHLDqXN1bcOpIGZhw6dhZGU=?=
        Date: Sat, 10 Jul 2021 17:33:23 -0700
        Message-ID: <da4b9237bacccdf1.2@example.jp>

        Do lorem namespace dolor do dolor ut amet tempor search ut consectetur
        et tempor labore labore do thread structure consectetur search aliqua
        search.

        Aliqua do quota client envelope amet incididunt do fetch ut dolore magna
        incididunt et fetch server amet sort ipsum adipiscing sit literal thread
        fetch dolore ipsum consectetur quota literal.

        -- 
        Sent from a corpus generator
        )
        A004 OK Fetch completed (0.004 + 0.000 + 0.003 secs).
        * 1 FETCH (UID 1 FLAGS (\Seen \Recent) INTERNALDATE "08-Oct-2024 13:36:11 +0000" RFC822.SIZE 2317 MODSEQ (2001) ENVELOPE ("Tue, 08 Oct 2024 15:29:46 +0200" "Your order has shipped" (("GitHub" NIL "notifications" "github.example")) (("GitHub" NIL "notifications" "github.example")) (("Very Long Display Name That Goes On And On For Quite A While Indeed" NIL "longname" "example.net")) (("=?utf-8?q?S=C3=B8ren_Kierkegaard?=" NIL "soren" "example.dk")) NIL NIL NIL "<356a192b7913b04c.1@github.example>") BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1888 37 NIL NIL NIL NIL))
        * 2 FETCH (UID 2 FLAGS (\Seen \Recent) INTERNALDATE "11-Jul-2021 00:33:40 +0000" RFC822.SIZE 807 MODSEQ (2001) ENVELOPE ("Sat, 10 Jul 2021 17:33:23 -0700" "=?utf-8?b?TmHDr3ZlIGNhZsOpIHLDqXN1bcOpIGZhw6dhZGU=?=" (("=?utf-8?b?5bGx55SwIOWkqumDjg==?=" NIL "taro.yamada" "example.jp")) (("=?utf-8?b?5bGx55SwIOWkqumDjg==?=" NIL "taro.yamada" "example.jp")) (("=?utf-8?b?5bGx55SwIOWkqumDjg==?=" NIL "taro.yamada" "example.jp")) (("Bob Builder" NIL "bob" "builder.example")("=?utf-8?b?TWFyw61hIEpvc8OpIEdhcmPDrWEtTMOzcGV6?=" NIL "mjgl" "ejemplo.es")) NIL NIL NIL "<da4b9237bacccdf1.2@example.jp>") BODYSTRUCTURE ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 386 10 NIL NIL NIL NIL))
        * BYE Logging out
        A005 OK Logout completed (0.001 + 0.000 secs).
        """# + "\n"
}
