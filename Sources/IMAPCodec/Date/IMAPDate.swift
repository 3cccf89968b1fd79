/// A calendar date as IMAP writes it in SEARCH keys: `1-Feb-1994`.
public struct IMAPDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 0...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Creates a date. Returns nil when a field is out of range or the day does not
    /// exist in that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= IMAPDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Orders by year, month, day.
    public static func < (lhs: IMAPDate, rhs: IMAPDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `d-Mon-yyyy`.
    public var description: String {
        var writer = IMAPWriter()
        writer.writeDateText(self)
        return String(decoding: writer.finishBytes(), as: UTF8.self)
    }
    static let monthNames: [StaticString] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    static let monthSpellings: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}

/// A date and time with its zone, as in INTERNALDATE and APPEND: `"17-Jul-1996 02:44:25 -0700"`.
public struct IMAPDateTime: Sendable, Hashable, CustomStringConvertible {
    /// The date.
    public let date: IMAPDate
    /// Hours, 0...23.
    public let hour: Int
    /// Minutes, 0...59.
    public let minute: Int
    /// Seconds, 0...60 (a leap second).
    public let second: Int
    /// The zone's offset east of UTC in minutes, -5999...5999 (`-0700` is -420).
    public let zoneMinutes: Int

    /// Creates a date-time. Returns nil when a field is out of range.
    public init?(date: IMAPDate, hour: Int, minute: Int, second: Int, zoneMinutes: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (-5999...5999).contains(zoneMinutes)
        else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.zoneMinutes = zoneMinutes
    }

    /// The wire form without quotes: `dd-Mon-yyyy hh:mm:ss +zzzz`.
    public var description: String {
        var writer = IMAPWriter()
        writer.writeDateTime(self)
        return String(decoding: writer.finishBytes().dropFirst().dropLast(), as: UTF8.self)
    }
}

extension ParserState {
    // date-month      = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" /
    //                   "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
    mutating func dateMonth() throws(IMAPDecodingError) -> Int {
        for (i, name) in IMAPDate.monthNames.enumerated() where skipPrefix(name) {
            return i + 1
        }
        throw error("date-month", "expected a month name (Jan ... Dec), found \(found())")
    }

    /// Exactly `count` digits as a number.
    mutating func fixedDigits(_ count: Int, _ rule: String) throws(IMAPDecodingError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek(), ASCII.isDigit(byte) else {
                throw error(rule, "expected \(count) digits, found \(found())")
            }
            value = value * 10 + Int(byte - ASCII.zero)
            index += 1
        }
        return value
    }

    /// 1 or 2 digits.
    mutating func dateDay() throws(IMAPDecodingError) -> Int {
        // date-day        = 1*2DIGIT
        let first = try fixedDigits(1, "date-day")
        if let byte = peek(), ASCII.isDigit(byte) {
            index += 1
            return first * 10 + Int(byte - ASCII.zero)
        }
        return first
    }

    // date-text       = date-day "-" date-month "-" date-year
    // date-year       = 4DIGIT
    mutating func dateText() throws(IMAPDecodingError) -> IMAPDate {
        let start = index
        let day = try dateDay()
        try expect(ASCII.minus, "date-text")
        let month = try dateMonth()
        try expect(ASCII.minus, "date-text")
        let year = try fixedDigits(4, "date-year")
        guard let date = IMAPDate(year: year, month: month, day: day) else {
            throw error("date-text", "no such day", kind: .numberOutOfRange, at: start)
        }
        return date
    }

    // date            = date-text / DQUOTE date-text DQUOTE
    mutating func date() throws(IMAPDecodingError) -> IMAPDate {
        if skip(ASCII.dquote) {
            let date = try dateText()
            try expect(ASCII.dquote, "date")
            return date
        }
        return try dateText()
    }

    // date-time       = DQUOTE date-day-fixed "-" date-month "-" date-year
    //                   SP time SP zone DQUOTE
    // date-day-fixed  = (SP DIGIT) / 2DIGIT
    // time            = 2DIGIT ":" 2DIGIT ":" 2DIGIT
    // zone            = ("+" / "-") 4DIGIT
    /// Lenient: a one-digit day without the leading space.
    mutating func dateTime() throws(IMAPDecodingError) -> IMAPDateTime {
        let start = index
        try expect(ASCII.dquote, "date-time")
        let day: Int
        if skip(ASCII.space) {
            day = try fixedDigits(1, "date-day-fixed")
        } else if lenient {
            day = try dateDay()
        } else {
            day = try fixedDigits(2, "date-day-fixed")
        }
        try expect(ASCII.minus, "date-time")
        let month = try dateMonth()
        try expect(ASCII.minus, "date-time")
        let year = try fixedDigits(4, "date-year")
        try expect(ASCII.space, "date-time")
        let hour = try fixedDigits(2, "time")
        try expect(ASCII.colon, "time")
        let minute = try fixedDigits(2, "time")
        try expect(ASCII.colon, "time")
        let second = try fixedDigits(2, "time")
        try expect(ASCII.space, "date-time")
        let negative: Bool
        if skip(ASCII.minus) {
            negative = true
        } else if skip(ASCII.plus) {
            negative = false
        } else {
            throw error("zone", "expected \"+\" or \"-\", found \(found())")
        }
        let hhmm = try fixedDigits(4, "zone")
        try expect(ASCII.dquote, "date-time")
        guard hhmm % 100 < 60 else { throw error("zone", "minutes of the zone exceed 59", kind: .numberOutOfRange) }
        let zone = (hhmm / 100) * 60 + hhmm % 100
        guard let date = IMAPDate(year: year, month: month, day: day),
            let dateTime = IMAPDateTime(
                date: date,
                hour: hour,
                minute: minute,
                second: second,
                zoneMinutes: negative ? -zone : zone
            )
        else {
            throw error("date-time", "a field is out of range", kind: .numberOutOfRange, at: start)
        }
        return dateTime
    }
}

extension IMAPWriter {
    mutating func writeTwoDigits(_ value: Int) {
        writeByte(ASCII.zero &+ UInt8(truncatingIfNeeded: (value / 10) % 10))
        writeByte(ASCII.zero &+ UInt8(truncatingIfNeeded: value % 10))
    }

    // date-text       = date-day "-" date-month "-" date-year
    mutating func writeDateText(_ date: IMAPDate) {
        writeNumber(date.day)
        writeByte(ASCII.minus)
        write(IMAPDate.monthSpellings[date.month - 1])
        writeByte(ASCII.minus)
        writeTwoDigits(date.year / 100)
        writeTwoDigits(date.year % 100)
    }

    // date-time       = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    mutating func writeDateTime(_ value: IMAPDateTime) {
        writeByte(ASCII.dquote)
        writeTwoDigits(value.date.day)
        writeByte(ASCII.minus)
        write(IMAPDate.monthSpellings[value.date.month - 1])
        writeByte(ASCII.minus)
        writeTwoDigits(value.date.year / 100)
        writeTwoDigits(value.date.year % 100)
        writeSpace()
        writeTwoDigits(value.hour)
        writeByte(ASCII.colon)
        writeTwoDigits(value.minute)
        writeByte(ASCII.colon)
        writeTwoDigits(value.second)
        writeSpace()
        writeByte(value.zoneMinutes < 0 ? ASCII.minus : ASCII.plus)
        let zone = abs(value.zoneMinutes)
        writeTwoDigits(zone / 60)
        writeTwoDigits(zone % 60)
        writeByte(ASCII.dquote)
    }
}
