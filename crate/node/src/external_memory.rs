//! Native memory reported to V8, so that its garbage collector weighs an
//! object by the frame buffers it holds, not by its few bytes of JavaScript.

use napi::Env;

/// The bytes an object has reported to V8 so far.
#[derive(Debug, Default)]
pub struct Reported(i64);

impl Reported {
    /// Tells V8 that the object now holds `bytes`.
    pub fn update(&mut self, env: &Env, bytes: usize) {
        let delta = bytes as i64 - self.0;
        // A failed report only weakens the GC's hint; the memory is the same.
        if delta != 0 && env.adjust_external_memory(delta).is_ok() {
            self.0 = bytes as i64;
        }
    }
}

/// V8's count of native memory reported by the whole process (by pixchain
/// and by any other addon), in bytes.
pub fn reported_total(env: &Env) -> i64 {
    env.adjust_external_memory(0).unwrap_or(0)
}
