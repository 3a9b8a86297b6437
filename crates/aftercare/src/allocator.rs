//! The process's allocator: mimalloc, for SQLite's C code too (`override`), without transparent
//! huge pages (`no_thp`).
//!
//! glibc's malloc keeps an arena per thread (SQLite's connection threads, the runtime's workers)
//! and returns little of it: after the load test the server held 170-190 MB, three quarters of it
//! free memory in arenas. mimalloc gives freed pages back.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v3's `mi_option_purge_delay` (the ordinal in its header's `mi_option_e`; the Rust
/// crate names no constant for it in v3). The test below pins it by the option's default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the system at once instead of a second later. mimalloc purges only
/// when the thread that owns the pages allocates again; SQLite's connection threads sit idle
/// after a burst of reads, and the server kept 15-25 MB of freed memory for as long as they did
/// (issue 17: 68-79 MB after `bench/load.sh sqlite 8 16`). `MIMALLOC_PURGE_DELAY` in the
/// environment still decides when set. Call it first in `main`, before any other thread runs.
pub(crate) fn purge_at_once() {
    #[expect(
        unsafe_code,
        reason = "mimalloc's options are set through its C API; this is the program's one call"
    )]
    // SAFETY: `mi_option_set_default` writes one entry of mimalloc's option table; it is not
    // thread-safe, and `main` calls this before it starts any thread. A purge delay of 0 is a
    // value mimalloc documents ("0 for immediate purging").
    unsafe {
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 0)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_the_option_it_is_named_after() {
        // Only the purge delay defaults to 1000 in mimalloc v3's option table; a wrong ordinal
        // would read another option. Unless the environment sets it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some()
            || std::env::var_os("MIMALLOC_RESET_DELAY").is_some()
        {
            return;
        }
        #[expect(unsafe_code, reason = "reading a mimalloc option through its C API")]
        // SAFETY: reading an option; the test does not set any.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
