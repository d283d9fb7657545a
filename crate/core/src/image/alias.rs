//! The check that output memory does not overlap input memory.

use std::ops::Range;

use crate::{Error, Result};

/// Refuses an output whose address range overlaps the input's.
///
/// Bindings call this on the raw address ranges of caller memory before they
/// form a mutable view of the output: a kernel never writes into its own
/// input, and two views of one buffer must not silently corrupt each other.
pub fn check_disjoint(input: Range<usize>, output: Range<usize>) -> Result<()> {
    let start = input.start.max(output.start);
    let end = input.end.min(output.end);
    if start < end {
        return Err(Error::Alias {
            overlap: end - start,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_ranges_are_disjoint() {
        assert_eq!(check_disjoint(0..10, 10..20), Ok(()));
        assert_eq!(check_disjoint(10..20, 0..10), Ok(()));
        assert_eq!(check_disjoint(0..0, 0..10), Ok(()));
    }

    #[test]
    fn overlap_is_measured() {
        assert_eq!(
            check_disjoint(0..10, 6..20),
            Err(Error::Alias { overlap: 4 })
        );
        assert_eq!(
            check_disjoint(0..100, 10..20),
            Err(Error::Alias { overlap: 10 })
        );
        assert_eq!(
            check_disjoint(0..10, 0..10).unwrap_err().code(),
            "ERR_PIXCHAIN_ALIAS"
        );
    }
}
