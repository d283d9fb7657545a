//! `extractChannel`: one channel of an interleaved frame, as OpenCV's `extractChannel`.

use super::gather::gather;
use crate::kernels::check_same_shape;
use crate::simd::Isa;
use crate::{Error, ImageMut, ImageRef, ImageSpec, Pixel, Result};

/// Which channel [`extract_channel`] copies out. Default 0, the first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExtractChannelParams {
    pub channel: u32,
}

impl ExtractChannelParams {
    /// The one-channel frame made from `input`, or a parameter error when
    /// `input` has no such channel.
    pub fn output_spec(&self, input: ImageSpec) -> Result<ImageSpec> {
        if self.channel as usize >= input.channels() {
            return Err(Error::param(
                "channel",
                format!(
                    "a channel of the {}-channel input, 0 to {}",
                    input.channels(),
                    input.channels() - 1
                ),
                self.channel,
            ));
        }
        input.with_channels(1)
    }
}

/// `dst` = channel `params.channel` of `src`.
pub fn extract_channel<T: Pixel>(
    src: ImageRef<T>,
    mut dst: ImageMut<T>,
    params: &ExtractChannelParams,
    isa: Isa,
) -> Result<()> {
    let out_spec = params.output_spec(src.spec())?;
    check_same_shape(out_spec, dst.spec())?;
    let order = [params.channel as usize];
    gather(
        isa,
        src.data(),
        src.spec().channels(),
        dst.data_mut(),
        &order,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PixelType;

    #[test]
    fn every_channel_comes_out_alone_and_a_missing_one_is_refused() {
        for channels in 1..=4 {
            let spec = ImageSpec::new(5, 3, channels, PixelType::U16).unwrap();
            let src: Vec<u16> = (0..spec.samples() as u16).map(|i| i * 7 + 1).collect();
            for channel in 0..channels {
                let want: Vec<u16> = src
                    .iter()
                    .skip(channel)
                    .step_by(channels)
                    .copied()
                    .collect();
                for isa in Isa::available() {
                    let mut out = vec![0u16; 15];
                    let out_spec = ImageSpec::new(5, 3, 1, PixelType::U16).unwrap();
                    let params = ExtractChannelParams {
                        channel: channel as u32,
                    };
                    extract_channel(
                        ImageRef::new(spec, &src, "input").unwrap(),
                        ImageMut::new(out_spec, &mut out, "output").unwrap(),
                        &params,
                        isa,
                    )
                    .unwrap();
                    assert_eq!(out, want, "channel {channel} of {channels} on {isa}");
                }
            }
            let params = ExtractChannelParams {
                channel: channels as u32,
            };
            assert_eq!(
                params.output_spec(spec).unwrap_err().code(),
                "ERR_PIXCHAIN_PARAM"
            );
        }
    }
}
