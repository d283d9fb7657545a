//! The default of every kernel option, as data: read from the parameters'
//! `Default` impls (and the rules that resolve an absent value for a pixel
//! type), so bindings, help texts and documentation show them without
//! stating them again.

use crate::kernels::ResizeParams;
use crate::kernels::ToTensorParams;
use crate::kernels::{
    AddWeightedParams, Border, BoxParams, ClipParams, ConvertParams, ConvolveParams, GammaParams,
    GaussianParams, GrayscaleParams, Kernel, LinearParams, MedianParams, MultiplyParams,
    NormalizeParams, SobelParams, ThresholdParams,
};
use crate::kernels::{ClaheParams, LaplacianParams, ScharrParams};
use crate::kernels::{CropParams, FlipParams, PadParams, RotateParams};
use crate::kernels::{ExtractChannelParams, ReorderChannelsParams};
use crate::kernels::{MorphOp, MorphParams, MorphologyParams};
use crate::{BinaryOp, ImageSpec, Op, PixelType};

/// What an option is when it is not given.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionDefault {
    Number(f64),
    /// A name: a border, a kind, a channel order, a pixel type.
    Name(&'static str),
    /// Numbers in a list (a kernel's taps).
    Numbers(Vec<f64>),
    /// One default per pixel type of the input frame, in [`PixelType::ALL`]'s order.
    PerType(Vec<(PixelType, OptionDefault)>),
    /// The value of another option of the kernel (a box's height: its width).
    SameAs(&'static str),
    /// Worked out from another option (a Gaussian's size from its sigma).
    From(&'static str),
}

/// The defaults of one kernel's options, in the order the kernel lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct KernelDefaults {
    /// The kernel's name, as JavaScript calls it.
    pub kernel: &'static str,
    /// Each defaulted option by its JavaScript name; options that must be
    /// given, or that are given together or not at all, are absent.
    pub options: Vec<(&'static str, OptionDefault)>,
}

/// The defaults of every kernel that has any.
pub fn kernel_defaults() -> Vec<KernelDefaults> {
    use OptionDefault::*;
    let of = |kernel: &'static str, options: Vec<(&'static str, OptionDefault)>| KernelDefaults {
        kernel,
        options,
    };

    let clip = ClipParams::default();
    let linear = LinearParams::default();
    let threshold = ThresholdParams::default();
    let gamma = GammaParams::default();
    let grayscale = GrayscaleParams::default();
    let normalize = NormalizeParams::default();
    let convert_params = ConvertParams::default();
    let convert = Op::Convert {
        to: None,
        params: convert_params,
    };
    let gaussian = GaussianParams::default();
    let box_blur = BoxParams::default();
    let median = MedianParams::default();
    let sobel = SobelParams::default();
    let convolve = Op::Convolve {
        to: None,
        params: ConvolveParams::default(),
    };
    let multiply = MultiplyParams::default();
    let add_weighted = AddWeightedParams::default();
    let morph = MorphParams::default();
    let laplacian = LaplacianParams::default();
    let scharr = ScharrParams::default();
    let clahe = ClaheParams::default();
    let flip = FlipParams::default();
    let rotate = RotateParams::default();
    let pad = PadParams::default();
    let crop = CropParams::default();
    let extract_channel = ExtractChannelParams::default();
    let reorder_channels = ReorderChannelsParams::default();
    let resize = ResizeParams::default();
    let to_tensor = ToTensorParams::default();

    vec![
        of(
            Op::Clip(clip).name(),
            vec![
                ("min", Number(clip.min.values()[0])),
                ("max", Number(clip.max.values()[0])),
            ],
        ),
        of(
            Op::Linear(linear).name(),
            vec![
                ("a", Number(linear.a.values()[0])),
                ("b", Number(linear.b.values()[0])),
            ],
        ),
        of(
            Op::Threshold(threshold).name(),
            vec![
                ("thresh", per_type(|t| Number(threshold.thresh_for(t, 0)))),
                ("maxval", per_type(|t| Number(threshold.maxval_for(t, 0)))),
                ("kind", Name(threshold.kind.name())),
            ],
        ),
        of(
            Op::Gamma(gamma).name(),
            vec![("gamma", Number(gamma.gamma))],
        ),
        of(
            Op::Grayscale(grayscale).name(),
            vec![("order", Name(grayscale.order.name()))],
        ),
        of(
            Op::Normalize(normalize).name(),
            vec![
                ("kind", Name(normalize.kind().name())),
                ("min", Number(normalize.min())),
                (
                    "max",
                    per_type(|t| Number(normalize.max_for(t).unwrap_or_default())),
                ),
            ],
        ),
        of(
            convert.name(),
            vec![
                ("type", per_type(|t| Name(output_type(&convert, t)))),
                ("scale", Number(convert_params.scale)),
                ("offset", Number(convert_params.offset)),
            ],
        ),
        of(Op::GaussianBlur(gaussian).name(), {
            let mut options = vec![
                ("sigmaY", gaussian.sigma_y.map_or(SameAs("sigma"), Number)),
                (
                    "ksize",
                    gaussian.ksize.map_or(From("sigma"), |k| Number(k.into())),
                ),
            ];
            options.extend(border(gaussian.border));
            options
        }),
        of(Op::BoxBlur(box_blur).name(), {
            let mut options = vec![
                ("ksize", Number(box_blur.ksize.into())),
                (
                    "ksizeY",
                    box_blur
                        .ksize_y
                        .map_or(SameAs("ksize"), |k| Number(k.into())),
                ),
            ];
            options.extend(border(box_blur.border));
            options
        }),
        of(
            Op::MedianBlur(median).name(),
            vec![("ksize", Number(median.ksize.into()))],
        ),
        of(Op::Sobel(sobel).name(), {
            let mut options = vec![
                ("dx", Number(sobel.dx.into())),
                ("dy", Number(sobel.dy.into())),
                ("ksize", Number(sobel.ksize.into())),
                (
                    "type",
                    per_type(|t| Name(output_type(&Op::Sobel(sobel), t))),
                ),
            ];
            options.extend(border(sobel.border));
            options
        }),
        of(convolve.name(), {
            let Op::Convolve { params, .. } = &convolve else {
                unreachable!("made as a convolution above")
            };
            let mut options = match &params.kernel {
                Kernel::Full { taps, .. } => vec![
                    ("kernel", Numbers(taps.iter().map(|&t| t.into()).collect())),
                    ("kernelWidth", From("kernel")),
                ],
                Kernel::Separable { row, column } => vec![
                    ("row", Numbers(row.iter().map(|&t| t.into()).collect())),
                    (
                        "column",
                        Numbers(column.iter().map(|&t| t.into()).collect()),
                    ),
                ],
            };
            options.push(("type", per_type(|t| Name(output_type(&convolve, t)))));
            options.extend(border(params.border));
            options
        }),
        of(
            BinaryOp::Multiply(multiply).name(),
            vec![("scale", Number(multiply.scale))],
        ),
        of(
            BinaryOp::AddWeighted(add_weighted).name(),
            vec![
                ("alpha", Number(add_weighted.alpha)),
                ("beta", Number(add_weighted.beta)),
                ("gamma", Number(add_weighted.gamma)),
            ],
        ),
        of(Op::Erode(morph).name(), morph_options(&morph)),
        of(Op::Dilate(morph).name(), morph_options(&morph)),
        of(
            Op::Morphology(MorphologyParams::new(MorphOp::Open)).name(),
            morph_options(&morph),
        ),
        of(Op::Laplacian(laplacian).name(), {
            let mut options = vec![
                ("ksize", Number(laplacian.ksize.into())),
                (
                    "type",
                    per_type(|t| Name(output_type(&Op::Laplacian(laplacian), t))),
                ),
            ];
            options.extend(border(laplacian.border));
            options
        }),
        of(Op::Scharr(scharr).name(), {
            let mut options = vec![
                ("dx", Number(scharr.dx.into())),
                ("dy", Number(scharr.dy.into())),
                (
                    "type",
                    per_type(|t| Name(output_type(&Op::Scharr(scharr), t))),
                ),
            ];
            options.extend(border(scharr.border));
            options
        }),
        of(
            Op::Clahe(clahe).name(),
            vec![
                ("clipLimit", Number(clahe.clip_limit)),
                ("tiles", Numbers(clahe.tiles.map(f64::from).to_vec())),
            ],
        ),
        of(
            Op::Flip(flip).name(),
            vec![("direction", Name(flip.direction.name()))],
        ),
        of(
            Op::Rotate(rotate).name(),
            vec![("angle", Number(rotate.angle.into()))],
        ),
        of(Op::Pad(pad).name(), {
            let mut options = vec![
                ("top", Number(pad.top.into())),
                ("bottom", Number(pad.bottom.into())),
                ("left", Number(pad.left.into())),
                ("right", Number(pad.right.into())),
            ];
            options.extend(border(pad.border));
            options
        }),
        of(
            Op::Crop(crop).name(),
            vec![
                ("x", Number(crop.x.into())),
                ("y", Number(crop.y.into())),
                ("width", From("x")),
                ("height", From("y")),
            ],
        ),
        of(
            Op::ExtractChannel(extract_channel).name(),
            vec![("channel", Number(extract_channel.channel.into()))],
        ),
        of(
            Op::ReorderChannels(reorder_channels.clone()).name(),
            vec![(
                "order",
                Numbers(reorder_channels.order.iter().map(|&c| c.into()).collect()),
            )],
        ),
        of(
            Op::Resize(resize).name(),
            vec![("interpolation", Name(resize.interpolation.name()))],
        ),
        of(
            Op::ToTensor(to_tensor).name(),
            vec![
                ("scale", Number(to_tensor.scale)),
                ("mean", Number(to_tensor.mean.get(0))),
                ("std", Number(to_tensor.std.get(0))),
                ("layout", Name(to_tensor.layout.name())),
            ],
        ),
    ]
}

/// The options of a morphology step but its operation, which must be given.
fn morph_options(morph: &MorphParams) -> Vec<(&'static str, OptionDefault)> {
    use OptionDefault::*;
    let mut options = vec![
        ("ksize", Number(morph.ksize.into())),
        (
            "ksizeY",
            morph.ksize_y.map_or(SameAs("ksize"), |k| Number(k.into())),
        ),
        ("shape", Name(morph.shape.name())),
        ("iterations", Number(morph.iterations.into())),
    ];
    options.extend(border(morph.border));
    options
}

/// A default for each pixel type of the input.
fn per_type(default: impl Fn(PixelType) -> OptionDefault) -> OptionDefault {
    OptionDefault::PerType(
        PixelType::ALL
            .into_iter()
            .map(|t| (t, default(t)))
            .collect(),
    )
}

/// The pixel type `op` writes from a frame of `input`.
fn output_type(op: &Op, input: PixelType) -> &'static str {
    let spec = ImageSpec::new(1, 1, 1, input).expect("a 1×1 frame of any type");
    op.output_spec(spec)
        .expect("the step reads one channel of any type")
        .pixel_type()
        .name()
}

/// `border` and `borderValue` of a kernel whose border defaults to `default`.
fn border(default: Border) -> [(&'static str, OptionDefault); 2] {
    let value = match default {
        Border::Constant(value) => value,
        _ => Border::DEFAULT_VALUE,
    };
    [
        ("border", OptionDefault::Name(default.name())),
        ("borderValue", OptionDefault::Number(value)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_of(kernel: &str, option: &str) -> OptionDefault {
        let defaults = kernel_defaults();
        let kernel = defaults.iter().find(|k| k.kernel == kernel).unwrap();
        let (_, default) = kernel.options.iter().find(|(o, _)| *o == option).unwrap();
        default.clone()
    }

    #[test]
    fn defaults_resolved_per_type_follow_the_kernels_rules() {
        let per_type = |values: [OptionDefault; 4]| {
            OptionDefault::PerType(PixelType::ALL.into_iter().zip(values).collect())
        };
        use OptionDefault::{Name, Number};
        assert_eq!(
            default_of("threshold", "thresh"),
            per_type([Number(127.5), Number(32767.5), Number(-0.5), Number(0.5)])
        );
        assert_eq!(
            default_of("sobel", "type"),
            per_type([Name("i16"), Name("f32"), Name("f32"), Name("f32")])
        );
        assert_eq!(
            default_of("convert", "type"),
            per_type([Name("u8"), Name("u16"), Name("i16"), Name("f32")])
        );
    }

    #[test]
    fn borders_and_their_values_come_from_the_border_default() {
        assert_eq!(
            default_of("boxBlur", "border"),
            OptionDefault::Name("reflect101")
        );
        assert_eq!(
            default_of("convolve", "borderValue"),
            OptionDefault::Number(Border::DEFAULT_VALUE)
        );
        assert_eq!(
            default_of("convolve", "kernel"),
            OptionDefault::Numbers(vec![1.0])
        );
    }

    #[test]
    fn every_kernel_is_listed_once() {
        let defaults = kernel_defaults();
        let mut names: Vec<_> = defaults.iter().map(|k| k.kernel).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), defaults.len());
    }
}
