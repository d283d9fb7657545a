//! Options whose value is a name (a border, a kind, a channel order, a
//! pixel type, a SIMD path): one list of values per option, from which both
//! the parse and the error's "one of …" come.

use crate::{Error, Result};

/// The value of `values` that `name_of` calls `name`, or `ERR_PIXCHAIN_PARAM`
/// for the option `field`, listing every name in the order of `values`.
pub(crate) fn parse_name<T, V>(
    field: &'static str,
    name: &str,
    values: V,
    name_of: impl Fn(&T) -> &'static str,
) -> Result<T>
where
    V: IntoIterator<Item = T> + Clone,
{
    values
        .clone()
        .into_iter()
        .find(|value| name_of(value) == name)
        .ok_or_else(|| {
            let names: Vec<_> = values.into_iter().map(|value| name_of(&value)).collect();
            Error::param(
                field,
                format!("one of {}", names.join(", ")),
                format!("{name:?}"),
            )
        })
}
