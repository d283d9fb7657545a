//! The JavaScript image spec object and its conversion to `ImageSpec`.

use napi_derive::napi;
use pixchain::{Error, ImageSpec, PixelType};

use crate::failure::Failure;

/// `{ width, height, channels, type }` as JavaScript passes it.
#[derive(Debug)]
#[napi(object)]
pub struct NativeImageSpec {
    pub width: u32,
    pub height: u32,
    pub channels: u32,
    #[napi(js_name = "type")]
    pub pixel_type: String,
}

/// A spec's `type` by name; its errors are a spec's, as all of a spec's fields' are.
pub fn parse_pixel_type(name: &str) -> Result<PixelType, Failure> {
    PixelType::parse(name, "type").map_err(|_| {
        Failure::from(Error::Spec {
            field: "type",
            expected: "one of u8, u16, i16, f32".into(),
            given: format!("{name:?}"),
        })
    })
}

impl NativeImageSpec {
    pub fn to_core(&self) -> Result<ImageSpec, Failure> {
        Ok(ImageSpec::new(
            self.width as usize,
            self.height as usize,
            self.channels as usize,
            parse_pixel_type(&self.pixel_type)?,
        )?)
    }

    pub fn from_core(spec: ImageSpec) -> Self {
        Self {
            width: spec.width() as u32,
            height: spec.height() as u32,
            channels: spec.channels() as u32,
            pixel_type: spec.pixel_type().name().to_owned(),
        }
    }
}
