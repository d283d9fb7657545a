// Rust's std for wasm32-wasip1 links pthread_detach and pthread_join, which
// Debian's wasi-libc (2022) lacks; newer wasi-libc has them as stubs that
// fail. The core's tests never start a thread, so the runner supplies the
// same failing stubs, and the linker accepts these names alone as imports
// (--allow-undefined-file), so any other missing symbol still fails the link.

/** wasi-libc's ENOTSUP. */
const ENOTSUP = 58

export const PTHREAD_STUBS = {
  pthread_detach: () => ENOTSUP,
  pthread_join: () => ENOTSUP,
}
