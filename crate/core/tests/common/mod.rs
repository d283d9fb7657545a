//! What several test files share.

use pixchain::{ImageSpec, PixelType};

/// Deterministic samples over the type's whole range (f32 in [-2, 2], with
/// NaN, ∞ and −∞ among them).
pub fn frame(spec: ImageSpec, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let n = spec.samples();
    match spec.pixel_type() {
        PixelType::U8 => (0..n).map(|_| next() as u8).collect(),
        PixelType::U16 => (0..n).flat_map(|_| (next() as u16).to_ne_bytes()).collect(),
        PixelType::I16 => (0..n).flat_map(|_| (next() as i16).to_ne_bytes()).collect(),
        // NaN and infinities at sparse places, so that every kernel that
        // reads f32 meets them on every path.
        PixelType::F32 => (0..n)
            .flat_map(|i| {
                let value = (next() as f32 / u32::MAX as f32) * 4.0 - 2.0;
                let value = match (i % 97, i % 89, i % 83) {
                    (3, _, _) => f32::NAN,
                    (_, 5, _) => f32::INFINITY,
                    (_, _, 7) => f32::NEG_INFINITY,
                    _ => value,
                };
                value.to_ne_bytes()
            })
            .collect(),
    }
}
