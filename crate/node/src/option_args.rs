//! A one-shot kernel's options as `runKernel` reads them: plain arguments
//! after the frame, each converted by its own type, with no allocation when
//! the conversion succeeds (napi-rs's `Either` makes an error message on
//! every call, which costs more than a kernel on a small frame).

use napi::bindgen_prelude::{Either, Unknown, ValueType};

use crate::failure::Failure;

/// The most options a kernel has: `runKernel` takes this many after the frame.
pub const MAX_FIELDS: usize = 7;

/// A type an option argument converts to.
pub trait OptionArg: Sized {
    fn read(value: &Unknown<'_>) -> napi::Result<Self>;
}

macro_rules! plain_option_args {
    ($($ty:ty),*) => {$(
        impl OptionArg for $ty {
            fn read(value: &Unknown<'_>) -> napi::Result<Self> {
                // SAFETY: `value` is an argument of the running call, alive
                // in its scope and read on its thread, as `cast` requires.
                unsafe { value.cast::<$ty>() }
            }
        }
    )*};
}

plain_option_args!(f64, u32, bool, String, Vec<f64>);

/// A number, or one per channel.
impl OptionArg for Either<f64, Vec<f64>> {
    fn read(value: &Unknown<'_>) -> napi::Result<Self> {
        Ok(match value.get_type()? {
            ValueType::Number => Either::A(f64::read(value)?),
            _ => Either::B(Vec::<f64>::read(value)?),
        })
    }
}

/// Argument `index` of `values`: an option of the type JavaScript checked it
/// to have, `None` when absent (undefined or null).
pub fn read_field<T: OptionArg>(
    values: &[Option<Unknown<'_>>],
    index: usize,
    name: &str,
) -> Result<Option<T>, Failure> {
    let Some(value) = &values[index] else {
        return Ok(None);
    };
    T::read(value)
        .map(Some)
        .map_err(|error| Failure::Internal(format!("option {name}: {error}")))
}
