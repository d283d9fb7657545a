//! `reorderChannels`: a new pixel made of the input's channels in any order,
//! with repeats and drops (RGB ↔ BGR, RGBA → RGB, gray → RGB), as one of
//! OpenCV's `mixChannels` on a single frame.

use super::gather::gather;
use crate::image::MAX_CHANNELS;
use crate::kernels::check_same_shape;
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// The input channel of each output channel, in output order: `[2, 1, 0]`
/// swaps red and blue of a 3-channel frame, `[0, 1, 2]` drops alpha,
/// `[0, 0, 0]` repeats gray. The output has `order.len()` channels.
/// Default `[2, 1, 0]`, the RGB ↔ BGR swap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReorderChannelsParams {
    pub order: Vec<u32>,
}

impl Default for ReorderChannelsParams {
    fn default() -> Self {
        Self {
            order: vec![2, 1, 0],
        }
    }
}

impl ReorderChannelsParams {
    /// The frame made from `input`: `order.len()` channels, or a parameter
    /// error for an order of no channels, more than four, or a channel
    /// `input` lacks.
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        let given = || format!("{:?}", self.order);
        if !(1..=MAX_CHANNELS).contains(&self.order.len()) {
            let expected = format!("1 to {MAX_CHANNELS} channel indexes");
            return Err(Error::param("order", expected, given()));
        }
        if self.order.iter().any(|&c| c as usize >= input.channels()) {
            let expected = format!(
                "indexes of the {}-channel input's channels, 0 to {}",
                input.channels(),
                input.channels() - 1
            );
            return Err(Error::param("order", expected, given()));
        }
        input.with_channels(self.order.len())
    }
}

/// `dst` channel `k` = `src` channel `order[k]`, for every pixel.
pub fn reorder_channels<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ReorderChannelsParams,
    isa: Isa,
) -> Result<()> {
    let out_spec = params.output_spec(src.spec())?;
    check_same_shape(out_spec, dst.spec())?;
    let mut order = [0usize; MAX_CHANNELS];
    for (to, &from) in order.iter_mut().zip(&params.order) {
        *to = from as usize;
    }
    let order = &order[..params.order.len()];
    gather(
        isa,
        src.data(),
        src.spec().channels(),
        dst.data_mut(),
        order,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PixelType;

    /// The definition: output sample `k` of pixel `p` is input sample `order[k]` of `p`.
    fn definition(src: &[f32], channels: usize, order: &[u32]) -> Vec<f32> {
        src.chunks_exact(channels)
            .flat_map(|pixel| order.iter().map(|&c| pixel[c as usize]))
            .collect()
    }

    #[test]
    fn every_order_of_every_channel_count_matches_the_definition() {
        let orders: &[&[u32]] = &[
            &[0],
            &[0, 0, 0],
            &[2, 1, 0],
            &[0, 1, 2],
            &[3, 2, 1, 0],
            &[1, 0],
            &[0, 0, 1, 1],
            &[2, 2],
        ];
        for channels in 1..=4 {
            let spec = ImageSpec::new(7, 3, channels, PixelType::F32).unwrap();
            let src: Vec<f32> = (0..spec.samples()).map(|i| i as f32 * 0.5 - 3.0).collect();
            for &order in orders {
                let params = ReorderChannelsParams {
                    order: order.to_vec(),
                };
                let Ok(out_spec) = params.output_spec(spec) else {
                    assert!(order.iter().any(|&c| c as usize >= channels));
                    continue;
                };
                let want = definition(&src, channels, order);
                for isa in Isa::available() {
                    let mut out = vec![0f32; out_spec.samples()];
                    reorder_channels(
                        ImageRef::new(spec, &src, "input").unwrap(),
                        ImageMut::new(out_spec, &mut out, "output").unwrap(),
                        &params,
                        isa,
                    )
                    .unwrap();
                    assert_eq!(out, want, "{order:?} of {channels} channels on {isa}");
                }
            }
        }
    }

    #[test]
    fn empty_long_and_out_of_range_orders_are_refused() {
        let spec = ImageSpec::new(2, 2, 3, PixelType::U8).unwrap();
        for order in [vec![], vec![0, 1, 2, 0, 1], vec![3], vec![0, 1, 7]] {
            let params = ReorderChannelsParams { order };
            assert_eq!(
                params.output_spec(spec).unwrap_err().code(),
                "ERR_PIXCHAIN_PARAM"
            );
        }
    }
}
