//! The one error type: every variant says what was expected and what was given.

use crate::{ImageSpec, PixelType};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything pixchain refuses to do, with a stable [`code`](Error::code).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The dimensions do not describe a frame: zero, too many channels, or too large.
    #[error("{field}: expected {expected}, got {given}")]
    Spec {
        field: &'static str,
        expected: String,
        given: String,
    },

    /// Pixel memory whose length does not match its spec.
    #[error("{role}: expected {expected} bytes for {spec}, got {given}")]
    Length {
        role: &'static str,
        spec: ImageSpec,
        expected: usize,
        given: usize,
    },

    /// Pixel memory of a strided view whose length does not match its
    /// spec and stride: the span from the first row's start to the last row's end.
    #[error(
        "{role}: expected {expected} bytes for {spec} with rows {stride} samples apart ((height − 1)·stride + width·channels samples), got {given}"
    )]
    StridedLength {
        role: &'static str,
        spec: ImageSpec,
        stride: usize,
        expected: usize,
        given: usize,
    },

    /// Pixel memory that starts at an address the pixel type cannot be read from.
    #[error(
        "{role}: expected {pixel_type} pixels to start on a {required}-byte boundary, got an address {misalignment} bytes past one"
    )]
    Alignment {
        role: &'static str,
        pixel_type: PixelType,
        required: usize,
        misalignment: usize,
    },

    /// A frame of another width, height or channel count than the step needs.
    #[error("{role}: expected a {expected} frame, got {given}")]
    Shape {
        role: &'static str,
        expected: ImageSpec,
        given: ImageSpec,
    },

    /// Pixels of another type than the step needs.
    #[error("{role}: expected {expected} pixels, got {given}")]
    PixelType {
        role: &'static str,
        expected: PixelType,
        given: PixelType,
    },

    /// A kernel parameter outside its documented range.
    #[error("{name}: expected {expected}, got {given}")]
    Param {
        name: &'static str,
        expected: String,
        given: String,
    },

    /// A step whose frame is larger than the buffers were sized for.
    #[error(
        "maxType: expected a frame of at most {capacity} bytes (buffers sized for {max_type}), got {requested} needing {}; declare a wider maxType",
        requested.byte_len()
    )]
    Capacity {
        max_type: PixelType,
        capacity: usize,
        requested: ImageSpec,
    },

    /// A pipeline step that cannot apply, with the reason.
    #[error("step {index} ({name}): {error}")]
    Step {
        index: usize,
        name: &'static str,
        error: Box<Error>,
    },

    /// Output memory that overlaps the input: a kernel never writes into its own input.
    #[error("output: expected memory apart from the input, got {overlap} bytes shared with it")]
    Alias { overlap: usize },
    /// Memory the system would not give.
    #[error(
        "memory: expected to allocate {bytes} bytes for {what}, got a refusal from the system; use smaller frames or free memory"
    )]
    Memory { what: &'static str, bytes: usize },

    /// A frame with more pixels than the limit set for it.
    #[error(
        "{role}: expected at most {limit} pixels (limitInputPixels), got {spec} with {pixels}; raise limitInputPixels, or set it to 0 for no limit"
    )]
    Limit {
        role: &'static str,
        spec: ImageSpec,
        pixels: u64,
        limit: u64,
    },

    /// A run stopped by its caller before its last pass began.
    #[error("run: expected to finish, got aborted before pass {pass} of {passes}")]
    Aborted { pass: usize, passes: usize },
}

impl Error {
    /// The stable code users match on, as it reaches JavaScript's `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Spec { .. } => "ERR_PIXCHAIN_SPEC",
            Error::Length { .. } | Error::StridedLength { .. } => "ERR_PIXCHAIN_LENGTH",
            Error::Alignment { .. } => "ERR_PIXCHAIN_ALIGN",
            Error::Shape { .. } => "ERR_PIXCHAIN_SHAPE",
            Error::PixelType { .. } => "ERR_PIXCHAIN_TYPE",
            Error::Param { .. } => "ERR_PIXCHAIN_PARAM",
            Error::Capacity { .. } => "ERR_PIXCHAIN_CAPACITY",
            Error::Alias { .. } => "ERR_PIXCHAIN_ALIAS",
            Error::Aborted { .. } => "ERR_PIXCHAIN_ABORTED",
            Error::Memory { .. } => "ERR_PIXCHAIN_MEMORY",
            Error::Limit { .. } => "ERR_PIXCHAIN_LIMIT",
            Error::Step { error, .. } => error.code(),
        }
    }

    /// A parameter out of range; `given` is printed as JavaScript prints it
    /// (`Infinity`, not Rust's `inf`), since that is where parameters come from.
    pub fn param(
        name: &'static str,
        expected: impl Into<String>,
        given: impl std::fmt::Display,
    ) -> Self {
        let given = match given.to_string().as_str() {
            "inf" => "Infinity".to_owned(),
            "-inf" => "-Infinity".to_owned(),
            other => other.to_owned(),
        };
        Error::Param {
            name,
            expected: expected.into(),
            given,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_error_names_expected_and_given() {
        let spec = ImageSpec::new(64, 64, 3, PixelType::U16).unwrap();
        let error = Error::Length {
            role: "input",
            spec,
            expected: spec.byte_len(),
            given: 24574,
        };
        assert_eq!(
            error.to_string(),
            "input: expected 24576 bytes for 64×64×3 u16, got 24574"
        );
        assert_eq!(error.code(), "ERR_PIXCHAIN_LENGTH");
    }

    #[test]
    fn parameters_print_as_javascript_prints_them() {
        let words = |x: f64| Error::param("a", "a finite number", x).to_string();
        assert_eq!(
            words(f64::INFINITY),
            "a: expected a finite number, got Infinity"
        );
        assert_eq!(
            words(f64::NEG_INFINITY),
            "a: expected a finite number, got -Infinity"
        );
        assert_eq!(words(f64::NAN), "a: expected a finite number, got NaN");
        assert_eq!(words(-1.5), "a: expected a finite number, got -1.5");
    }
}
