import Foundation
import IMAPCodec

// imap-codec: decode, check, roundtrip and bench IMAP streams with IMAPCodec.

let usage = """
    usage: imap-codec decode [--responses|--commands] [--json] [--strict] [--stream [N]] [--chunk N] [FILE|-]
           imap-codec encode [--responses|--commands] [--utf8-accept] [--binary] [FILE|-]
           imap-codec check [--responses|--commands] [--strict] FILE...
           imap-codec roundtrip [--responses|--commands] [--strict] FILE...
           imap-codec bench [--responses|--commands] [--strict] [--chunk N] [--rounds N] FILE...
           imap-codec bench --encode [--responses|--commands] [--strict] [--rounds N] FILE...

    With no FILE, decode shows a sample session bundled with the tool.
    --responses reads server-to-client bytes, --commands client-to-server bytes. Without
    either, a FILE named *.c2s is read as commands and anything else as responses.
    For FILE.c2s, a sibling FILE.s2c (the server's side) tells which synchronizing
    literals the server refused, as a one-sided capture cannot.
    --strict rejects the deviations of real servers that lenient decoding (the default) accepts.
    --stream streams literals of N bytes or more (default 65536) instead of buffering them:
    message bodies pass through in constant memory.
    --chunk N feeds the decoder N bytes at a time (default: decode reads 64 KiB at a time,
    bench appends each file whole).
    --rounds N makes bench decode the files exactly N times instead of for at least a
    second (for instruction counts under valgrind --tool=callgrind).
    decode --json writes {"offset": N, "value": V} a line (Docs/JSON.md); encode reads such
    lines (from standard input without FILE) and writes each value's wire bytes; it exits 1
    when a line was refused (the line and the field on standard error). --utf8-accept and
    --binary encode as after ENABLE UTF8=ACCEPT (UTF-8 in quoted strings) and with BINARY
    (NUL allowed in literal8 message data); without them such values are refused or sent as
    literals.
    --encode makes bench decode the files once, untimed, and time encoding the values
    (MB/s of the bytes written).
    decode exits 0 once the input is read, whatever it held; check and roundtrip exit 1 when
    a frame is bad or a value does not survive its round trip; usage errors exit 2.
    """

struct Options {
    /// Set by --responses or --commands; otherwise chosen per file (``direction(for:)``).
    var explicitDirection: Direction? = nil
    var json = false
    var strict = false
    var chunk: Int? = nil
    var stream: Int64? = nil
    var rounds: Int? = nil
    var encode = false
    var utf8Accept = false
    var binary = false
    var files: [String] = []

    /// The direction of `file`: the option when given, else commands for `*.c2s`.
    func direction(for file: String?) -> Direction {
        if let explicitDirection { return explicitDirection }
        return file?.hasSuffix(".c2s") == true ? .commands : .responses
    }
}

/// The options every subcommand takes.
let commonOptions: Set<String> = ["--responses", "--commands", "--strict", "--help"]

/// The options each subcommand takes besides ``commonOptions``.
let subcommandOptions: [String: Set<String>] = [
    "decode": ["--json", "--stream", "--chunk"],
    "encode": ["--utf8-accept", "--binary"],
    "check": [],
    "roundtrip": [],
    "bench": ["--chunk", "--rounds", "--encode"],
]

func parseOptions(_ arguments: ArraySlice<String>, for command: String) throws -> Options {
    var options = Options()
    let allowed = subcommandOptions[command] ?? []
    var arguments = arguments[...]
    while let argument = arguments.popFirst() {
        if argument.hasPrefix("--") && !commonOptions.contains(argument) && !allowed.contains(argument) {
            let known = subcommandOptions.values.contains { $0.contains(argument) }
            throw CLIError.usage(known ? "\(command) does not take \(argument)" : "unknown option \(argument)")
        }
        switch argument {
        case "--responses": options.explicitDirection = .responses
        case "--commands": options.explicitDirection = .commands
        case "--json": options.json = true
        case "--strict": options.strict = true
        case "--encode": options.encode = true
        case "--utf8-accept": options.utf8Accept = true
        case "--binary": options.binary = true
        case "--chunk":
            guard let value = arguments.popFirst(), let n = Int(value), n > 0 else {
                throw CLIError.usage("--chunk needs a positive number")
            }
            options.chunk = n
        case "--rounds":
            guard let value = arguments.popFirst(), let n = Int(value), n > 0 else {
                throw CLIError.usage("--rounds needs a positive number")
            }
            options.rounds = n
        case "--stream":
            options.stream = 65536
            // An optional size: the next argument when it is all digits.
            if let value = arguments.first, !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
                arguments.removeFirst()
                guard let n = Int64(value), n > 0 else { throw CLIError.usage("--stream needs a positive number") }
                options.stream = n
            }
        case "-h", "--help": throw CLIError.help
        default:
            if argument.hasPrefix("-") && argument != "-" { throw CLIError.usage("unknown option \(argument)") }
            options.files.append(argument)
        }
    }
    return options
}

enum CLIError: Error {
    /// A wrong command line: the message, then the usage on standard error; exit 2.
    case usage(String?)
    /// --help: the usage on standard output; exit 0.
    case help
    /// An input that cannot be read; exit 2.
    case file(String)
}

func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" {
        return Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    try requireFile(path)
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError.file("cannot read \(path)")
    }
    return Array(data)
}

func openInput(_ path: String) throws -> Input {
    if path == "-" { return .file(FileHandle.standardInput) }
    try requireFile(path)
    guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError.file("cannot read \(path)") }
    return .file(handle)
}

/// Throws unless `path` names something that is not a directory.
func requireFile(_ path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CLIError.file("cannot read \(path): no such file")
    }
    if isDirectory.boolValue { throw CLIError.file("cannot read \(path): a directory") }
}

func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func run() -> Int32 {
    let arguments = CommandLine.arguments.dropFirst()
    var command = arguments.first ?? "decode"
    var rest = arguments.dropFirst()
    if command.hasPrefix("-") && !["-h", "--help"].contains(command) {
        // Options without a subcommand: decode (the default subcommand).
        command = "decode"
        rest = arguments
    }
    do {
        switch command {
        case "-h", "--help", "help":
            print(usage)
            return 0
        case "decode", "encode", "check", "roundtrip", "bench":
            break
        default:
            throw CLIError.usage("unknown command \(command)")
        }
        let options = try parseOptions(rest, for: command)
        switch command {
        case "decode":
            guard options.files.count <= 1 else { throw CLIError.usage("decode takes one FILE (or -)") }
            let file = options.files.first
            let input: Input
            if let file {
                input = try openInput(file)
            } else {
                input = .bytes(
                    options.direction(for: nil) == .responses ? SampleSession.responses : SampleSession.commands
                )
            }
            decodeCommand(input, file: file, options: options)
            return 0
        case "encode":
            return try encodeCommand(options)
        case "check":
            guard !options.files.isEmpty else { throw CLIError.usage("check needs at least one FILE") }
            return try checkCommand(options)
        case "roundtrip":
            guard !options.files.isEmpty else { throw CLIError.usage("roundtrip needs at least one FILE") }
            return try roundtripCommand(options)
        default:
            guard !options.files.isEmpty else { throw CLIError.usage("bench needs at least one FILE") }
            return try benchCommand(options)
        }
    } catch CLIError.usage(let message) {
        if let message { writeError("imap-codec: \(message)") }
        writeError(usage)
        return 2
    } catch CLIError.help {
        print(usage)
        return 0
    } catch CLIError.file(let message) {
        writeError("imap-codec: \(message)")
        return 2
    } catch {
        writeError("imap-codec: \(error)")
        return 2
    }
}

exit(run())
