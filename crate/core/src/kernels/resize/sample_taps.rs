//! The u8 linear resize's horizontal pass by sample, for vector gathers:
//! each output sample's first source sample and its two 11-bit weights
//! packed as one i32, as OpenCV's `HResizeLinear` keeps `xofs` and `alpha`.

use super::separable::Axis;

/// Per output sample of a row resized across, up to the samples whose taps
/// all lie inside the row: the first tap's source sample and the weights
/// `w0 | w1 << 16`.
pub(super) struct SampleTaps<'a> {
    /// Each inner sample's first tap: its source sample in the row.
    index: &'a [u32],
    /// Each inner sample's weights, `w0 | w1 << 16`.
    weights: &'a [i32],
    /// Leading samples whose gathered bytes (4 from the first tap, and 4
    /// from the second for 4 channels) lie inside a row of `row_len` samples.
    gathered: usize,
    row_len: usize,
    channels: usize,
}

impl<'a> SampleTaps<'a> {
    /// Bytes one sample's gathers read from its first tap's sample on.
    fn reach(channels: usize) -> usize {
        if channels < 4 { 4 } else { 8 }
    }

    /// Fills `index` and `weights` (each `inner · channels` long) from
    /// `axis`, for source rows of `row_len` samples.
    pub(super) fn new(
        axis: Axis<'_, i32>,
        channels: usize,
        row_len: usize,
        index: &'a mut [u32],
        weights: &'a mut [i32],
    ) -> Self {
        let inner = axis.inner.1;
        let reach = Self::reach(channels);
        let mut gathered = 0;
        for x in 0..inner {
            let (w0, w1) = (axis.weights[2 * x], axis.weights[2 * x + 1]);
            let pair = (w0 & 0xFFFF) | (w1 << 16);
            for c in 0..channels {
                let i = x * channels + c;
                let at = axis.first[x] as usize * channels + c;
                index[i] = at as u32;
                weights[i] = pair;
                if at + reach <= row_len && gathered == i {
                    gathered = i + 1;
                }
            }
        }
        Self {
            index: &index[..inner * channels],
            weights: &weights[..inner * channels],
            gathered,
            row_len,
            channels,
        }
    }

    pub(super) fn index(&self) -> &[u32] {
        &self.index[..self.gathered]
    }

    pub(super) fn weights(&self) -> &[i32] {
        &self.weights[..self.gathered]
    }

    pub(super) fn channels(&self) -> usize {
        self.channels
    }

    /// Whether rows of `len` samples are the ones the gathers were bounded for.
    pub(super) fn fits(&self, len: usize) -> bool {
        len == self.row_len
    }

    /// The samples from `start` up to the last inner one, for the scalar
    /// pass: each sample's position in the row, its first tap's source
    /// sample and its packed weights.
    pub(super) fn rest(&self, start: usize) -> impl Iterator<Item = (usize, u32, i32)> + '_ {
        (start..self.index.len()).map(|i| (i, self.index[i], self.weights[i]))
    }
}
