#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scs_fuzz::snapshot_load(data));
