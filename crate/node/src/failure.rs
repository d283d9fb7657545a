//! What a binding call can fail with, and how it reaches JavaScript.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The result type of exported functions: the error's status is its stable code.
pub type Result<T> = napi::Result<T, &'static str>;

/// A failure before it becomes a JavaScript `Error` with a `code`.
#[derive(Debug)]
pub enum Failure {
    Pixchain(pixchain::Error),
    /// A core error with what to do about it, in JavaScript's terms.
    Hinted(pixchain::Error, &'static str),
    /// A value that is not pixel memory: not a TypedArray, or one of the wrong kind.
    NotPixels(String),
    Disposed(&'static str),
    /// A call on a pipeline while a run of it is in flight.
    Busy(&'static str),
    /// An output array that lost its memory while a run was in flight.
    Detached(String),
    /// A panic, caught before it could cross into Node: a bug in pixchain.
    Internal(String),
}

impl From<pixchain::Error> for Failure {
    fn from(error: pixchain::Error) -> Self {
        Failure::Pixchain(error)
    }
}

impl Failure {
    /// The stable code and the message, as they reach JavaScript.
    pub fn code_and_message(self) -> (&'static str, String) {
        match self {
            Failure::Pixchain(error) => (error.code(), error.to_string()),
            Failure::Hinted(error, hint) => (error.code(), format!("{error}; {hint}")),
            Failure::NotPixels(message) => ("ERR_PIXCHAIN_TYPE", message),
            Failure::Disposed(class) => (
                "ERR_PIXCHAIN_DISPOSED",
                format!("{class}: expected a live object, got one already disposed"),
            ),
            Failure::Busy(class) => (
                "ERR_PIXCHAIN_BUSY",
                format!("{class}: expected no run in flight, got one still running"),
            ),
            Failure::Detached(message) => ("ERR_PIXCHAIN_DETACHED", message),
            Failure::Internal(message) => ("ERR_PIXCHAIN_INTERNAL", message),
        }
    }

    fn into_js(self) -> napi::Error<&'static str> {
        let (code, message) = self.code_and_message();
        napi::Error::new(code, message)
    }
}

/// Runs an exported function's body; a panic becomes `ERR_PIXCHAIN_INTERNAL`
/// instead of crossing into Node.
pub fn guard<T>(body: impl FnOnce() -> std::result::Result<T, Failure>) -> Result<T> {
    catch(body).map_err(Failure::into_js)
}

/// Runs `body` on any thread; a panic becomes [`Failure::Internal`].
pub fn catch<T>(
    body: impl FnOnce() -> std::result::Result<T, Failure>,
) -> std::result::Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(body))
        .unwrap_or_else(|panic| Err(Failure::Internal(internal_message(panic.as_ref()))))
}

/// The message of `ERR_PIXCHAIN_INTERNAL` for a caught panic, with the panic's own text.
fn internal_message(panic: &(dyn std::any::Any + Send)) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("internal error: {text}")
}
