//! Parsing never touches the heap: a counting global allocator sees no allocation while
//! valid, invalid and hostile names are parsed, in every syntax.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

use scs_flavor::{Flavor, canonicalize_into, parse_tolerant, parse_v1, parse_v2, parse_v3};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    // Only the test's own thread is counted: the test harness's threads allocate at times
    // of their own (under load, while the test runs), which made the count flaky.
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTED.try_with(Cell::get).unwrap_or(false) {
            ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn parsing_does_not_allocate() {
    let long = format!("SCS-2V-{}", "9".repeat(100_000));
    let names = [
        "SCS-16T-64-3x10s_bms_hwv_i3h_GNa-64_ib",
        "SCS-2V:4:20s-z3h-GNa:14:6h-ib",
        "SCS-2V-4_chy_a5hhh_gA3.5-8hh-16hh_ib",
        "SCS-2iT-4",
        "SCS-99999999999999999999V-4",
        "m1.small",
        "",
        long.as_str(),
    ];
    // Printing into a buffer with room does not allocate either.
    let mut out = String::with_capacity(4 * 160);
    let flavor: Flavor = names[0].parse().unwrap();
    COUNTED.with(|c| c.set(true));
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let mut accepted = 0;
    for name in names {
        for result in [
            parse_v1(name),
            parse_v2(name),
            parse_v3(name),
            parse_tolerant(name),
        ] {
            accepted += usize::from(std::hint::black_box(result).is_ok());
        }
        out.clear();
        let _ = std::hint::black_box(canonicalize_into(name, &mut out));
        flavor.append_to(&mut out);
    }
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    COUNTED.with(|c| c.set(false));
    assert_eq!(after - before, 0, "parsing allocated");
    assert!(accepted >= 4, "the valid names parsed");
}
