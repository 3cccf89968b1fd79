// libFuzzer target `values`: the fuzzer's bytes drive HostileValueGenerator (HostileValues.swift),
// which builds responses or client messages through the public API; each must encode to
// exactly the one frame it describes (strict decoding gives it back) or be refused.
// Build and run with Tests/Fuzz/run.sh values SECONDS.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    if let problem = FuzzHarness.values(bytes).first {
        fatalError(problem)
    }
    return 0
}
