//! The core's option defaults as JavaScript data, for help texts and docs.

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;
use pixchain::{OptionDefault, kernel_defaults as core_defaults};

use napi::Result;

/// Per kernel name, the default of each defaulted option in its JavaScript
/// form: a number, a name, a list of numbers, `{ u8, u16, i16, f32 }` for a
/// default that depends on the input's pixel type, `{ sameAs: option }` or
/// `{ from: option }`. Options keep the order the kernel lists them in.
#[napi(ts_return_type = "Record<string, Record<string, unknown>>")]
pub fn kernel_defaults(env: &Env) -> Result<Object<'_>> {
    let mut kernels = Object::new(env)?;
    for kernel in core_defaults() {
        let mut options = Object::new(env)?;
        for (option, default) in &kernel.options {
            set(env, &mut options, option, default)?;
        }
        kernels.set(kernel.kernel, options)?;
    }
    Ok(kernels)
}

/// Sets `object[key]` to `default` in its JavaScript form.
fn set(env: &Env, object: &mut Object<'_>, key: &str, default: &OptionDefault) -> Result<()> {
    match default {
        OptionDefault::Number(value) => object.set(key, *value),
        OptionDefault::Name(name) => object.set(key, *name),
        OptionDefault::Numbers(values) => object.set(key, values.clone()),
        OptionDefault::PerType(values) => {
            let mut per_type = Object::new(env)?;
            for (pixel_type, value) in values {
                set(env, &mut per_type, pixel_type.name(), value)?;
            }
            object.set(key, per_type)
        }
        OptionDefault::SameAs(option) => reference(env, object, key, "sameAs", option),
        OptionDefault::From(option) => reference(env, object, key, "from", option),
    }
}

/// Sets `object[key]` to `{ [relation]: option }`.
fn reference(
    env: &Env,
    object: &mut Object<'_>,
    key: &str,
    relation: &str,
    option: &str,
) -> Result<()> {
    let mut reference = Object::new(env)?;
    reference.set(relation, option)?;
    object.set(key, reference)
}
