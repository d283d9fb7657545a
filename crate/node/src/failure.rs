//! What a binding call can fail with, and how it reaches JavaScript.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The result type of exported functions: the error's status is its stable code.
pub type Result<T> = napi::Result<T, &'static str>;

/// A failure before it becomes a JavaScript `Error` with a `code`.
#[derive(Debug)]
pub enum Failure {
    Pixchain(pixchain::Error),
    /// A value that is not pixel memory: not a TypedArray, or one of the wrong kind.
    NotPixels(String),
    Disposed(&'static str),
    /// A call on a pipeline while a run of it is in flight.
    Busy(&'static str),
}

impl From<pixchain::Error> for Failure {
    fn from(error: pixchain::Error) -> Self {
        Failure::Pixchain(error)
    }
}

impl Failure {
    fn into_js(self) -> napi::Error<&'static str> {
        match self {
            Failure::Pixchain(error) => napi::Error::new(error.code(), error.to_string()),
            Failure::NotPixels(message) => napi::Error::new("ERR_PIXCHAIN_TYPE", message),
            Failure::Disposed(class) => napi::Error::new(
                "ERR_PIXCHAIN_DISPOSED",
                format!("{class}: expected a live object, got one already disposed"),
            ),
            Failure::Busy(class) => napi::Error::new(
                "ERR_PIXCHAIN_BUSY",
                format!("{class}: expected no run in flight, got one still running"),
            ),
        }
    }
}

/// Runs an exported function's body; a panic becomes `ERR_PIXCHAIN_INTERNAL`
/// instead of crossing into Node.
pub fn guard<T>(body: impl FnOnce() -> std::result::Result<T, Failure>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result.map_err(Failure::into_js),
        Err(panic) => Err(napi::Error::new(
            "ERR_PIXCHAIN_INTERNAL",
            internal_message(panic.as_ref()),
        )),
    }
}

/// The message of `ERR_PIXCHAIN_INTERNAL` for a caught panic, with the panic's own text.
pub fn internal_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("internal error: {text}")
}
