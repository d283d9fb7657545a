//! The bytes behind a JavaScript TypedArray, borrowed for one synchronous
//! call, or held for one asynchronous run.
//!
//! This is the binding's only unsafe code: it turns a TypedArray's data
//! pointer into Rust slices so that kernels read and write JavaScript memory
//! in place, without copies.

use std::marker::PhantomData;
use std::ops::Range;
use std::ptr::{self, NonNull};

use napi::bindgen_prelude::{JsValue, Unknown};
use napi::sys;
use pixchain::{PixelType, check_disjoint};

use crate::failure::Failure;

/// A TypedArray's kind and memory, valid for the call that received it (`'call`).
pub struct JsPixels<'call> {
    env: sys::napi_env,
    value: sys::napi_value,
    kind: i32,
    data: NonNull<u8>,
    len: usize,
    _call: PhantomData<&'call ()>,
}

impl<'call> JsPixels<'call> {
    /// Reads the TypedArray behind `value`; `role` names it in errors.
    ///
    /// Call it after every other argument has been converted: converting an
    /// object may run JavaScript getters, which could detach this memory.
    pub fn new(value: &Unknown<'call>, role: &'static str) -> Result<Self, Failure> {
        let raw = value.value();
        let mut is_typed_array = false;
        // SAFETY: `raw.env` and `raw.value` come from the current callback and are live.
        let status = unsafe { sys::napi_is_typedarray(raw.env, raw.value, &mut is_typed_array) };
        if status != sys::Status::napi_ok || !is_typed_array {
            return Err(Failure::NotPixels(format!(
                "{role}: expected a TypedArray or Buffer, got {}",
                describe(value)
            )));
        }
        let (mut kind, mut length, mut data) = (0, 0usize, ptr::null_mut());
        let (mut buffer, mut offset) = (ptr::null_mut(), 0usize);
        // SAFETY: as above; every out-pointer is a valid local.
        let status = unsafe {
            sys::napi_get_typedarray_info(
                raw.env,
                raw.value,
                &mut kind,
                &mut length,
                &mut data,
                &mut buffer,
                &mut offset,
            )
        };
        if status != sys::Status::napi_ok {
            return Err(Failure::NotPixels(format!(
                "{role}: could not read the TypedArray's memory"
            )));
        }
        let len = length * element_size(kind);
        // A detached or empty array may report a null pointer: it has no bytes.
        let data = NonNull::new(data.cast::<u8>()).filter(|_| len > 0);
        Ok(Self {
            env: raw.env,
            value: raw.value,
            kind,
            data: data.unwrap_or(NonNull::dangling()),
            len: if data.is_some() { len } else { 0 },
            _call: PhantomData,
        })
    }

    /// Refuses an array whose element kind does not hold `pixel_type` samples.
    pub fn expect_pixels(&self, pixel_type: PixelType, role: &'static str) -> Result<(), Failure> {
        let fits = match pixel_type {
            PixelType::U8 => matches!(
                self.kind,
                sys::TypedarrayType::uint8_array | sys::TypedarrayType::uint8_clamped_array
            ),
            PixelType::U16 => self.kind == sys::TypedarrayType::uint16_array,
            PixelType::I16 => self.kind == sys::TypedarrayType::int16_array,
            PixelType::F32 => self.kind == sys::TypedarrayType::float32_array,
        };
        if !fits {
            let expected = match pixel_type {
                PixelType::U8 => "a Buffer, Uint8Array or Uint8ClampedArray",
                PixelType::U16 => "a Uint16Array",
                PixelType::I16 => "an Int16Array",
                PixelType::F32 => "a Float32Array",
            };
            return Err(Failure::NotPixels(format!(
                "{role}: expected {expected} for {pixel_type} pixels, got {}",
                kind_name(self.kind)
            )));
        }
        Ok(())
    }

    /// Bytes of memory in the array.
    pub fn byte_len(&self) -> usize {
        self.len
    }

    fn addresses(&self) -> Range<usize> {
        let start = self.data.as_ptr() as usize;
        start..start + self.len
    }

    /// The bytes, to read.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `data` points to `len` bytes of a live ArrayBuffer (or is
        // dangling with `len == 0`). JavaScript cannot run, and so cannot
        // write, detach or free them, before the synchronous call that owns
        // `'call` returns, and no `&mut` to them exists: `bytes_mut_apart`
        // takes `self` mutably and checks the other arrays it reads apart.
        unsafe { std::slice::from_raw_parts(self.data.as_ptr(), self.len) }
    }

    /// The bytes to write, refused with `ERR_PIXCHAIN_ALIAS` when they share
    /// any memory with one of `inputs`, whose bytes are read meanwhile
    /// (`&[]` when nothing else is read).
    pub fn bytes_mut_apart(&mut self, inputs: &[&JsPixels<'call>]) -> Result<&mut [u8], Failure> {
        for input in inputs {
            check_disjoint(input.addresses(), self.addresses())?;
        }
        // SAFETY: as in `bytes`; `&mut self` makes this the only writable view
        // of this array, and the only other views of JavaScript memory held
        // meanwhile are those of `inputs`, just checked to be disjoint.
        Ok(unsafe { std::slice::from_raw_parts_mut(self.data.as_ptr(), self.len) })
    }
}

impl JsPixels<'_> {
    /// Keeps the array alive past this call, for a run on another thread;
    /// refused with `ERR_PIXCHAIN_ALIAS` when it shares memory with one of
    /// `inputs` (which that run reads while writing this).
    pub fn hold(self, inputs: &[&JsPixels<'_>]) -> Result<HeldPixels, Failure> {
        for input in inputs {
            check_disjoint(input.addresses(), self.addresses())?;
        }
        let mut reference = ptr::null_mut();
        // SAFETY: `env` and `value` come from the current callback and are live.
        let status = unsafe { sys::napi_create_reference(self.env, self.value, 1, &mut reference) };
        if status != sys::Status::napi_ok {
            return Err(Failure::NotPixels(
                "pixels: could not hold the TypedArray".into(),
            ));
        }
        Ok(HeldPixels {
            reference,
            data: self.data,
            len: self.len,
        })
    }
}

/// A TypedArray held by a strong reference for a run on another thread.
///
/// The reference keeps the ArrayBuffer alive until [`release`](Self::release);
/// the caller is told (README, typings) not to touch the array until the run
/// settles, so the run's thread is the only one using the bytes meanwhile.
#[derive(Debug)]
pub struct HeldPixels {
    reference: sys::napi_ref,
    data: NonNull<u8>,
    len: usize,
}

// SAFETY: the bytes are used by one thread at a time (the run's, then the
// JavaScript thread again once it settles), and the reference is only used
// by `release`, on the JavaScript thread.
unsafe impl Send for HeldPixels {}

impl HeldPixels {
    /// The bytes, to read during the run.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: `data` points to `len` live bytes (the reference keeps the
        // ArrayBuffer alive), which nothing writes during the run: the only
        // writable view is the output's, checked apart when it was held.
        unsafe { std::slice::from_raw_parts(self.data.as_ptr(), self.len) }
    }

    /// The bytes, to write during the run.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `bytes`; `&mut self` makes this the only view of
        // these bytes, apart from every input (checked in `hold`).
        unsafe { std::slice::from_raw_parts_mut(self.data.as_ptr(), self.len) }
    }

    /// Lets the garbage collector have the array again; on the JavaScript thread.
    pub fn release(self, env: sys::napi_env) {
        // SAFETY: `reference` was made in `env` by `hold` and is deleted once, here.
        unsafe { sys::napi_delete_reference(env, self.reference) };
    }
}

fn element_size(kind: i32) -> usize {
    match kind {
        sys::TypedarrayType::int16_array | sys::TypedarrayType::uint16_array => 2,
        sys::TypedarrayType::int32_array
        | sys::TypedarrayType::uint32_array
        | sys::TypedarrayType::float32_array => 4,
        sys::TypedarrayType::float64_array
        | sys::TypedarrayType::bigint64_array
        | sys::TypedarrayType::biguint64_array => 8,
        // Unknown kinds count one byte per element, never reaching past the view.
        _ => 1,
    }
}

fn kind_name(kind: i32) -> &'static str {
    match kind {
        sys::TypedarrayType::int8_array => "Int8Array",
        sys::TypedarrayType::uint8_array => "Uint8Array",
        sys::TypedarrayType::uint8_clamped_array => "Uint8ClampedArray",
        sys::TypedarrayType::int16_array => "Int16Array",
        sys::TypedarrayType::uint16_array => "Uint16Array",
        sys::TypedarrayType::int32_array => "Int32Array",
        sys::TypedarrayType::uint32_array => "Uint32Array",
        sys::TypedarrayType::float32_array => "Float32Array",
        sys::TypedarrayType::float64_array => "Float64Array",
        sys::TypedarrayType::bigint64_array => "BigInt64Array",
        sys::TypedarrayType::biguint64_array => "BigUint64Array",
        _ => "a TypedArray of another kind",
    }
}

fn describe(value: &Unknown<'_>) -> &'static str {
    use napi::ValueType;
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "a boolean",
        Ok(ValueType::Number) => "a number",
        Ok(ValueType::String) => "a string",
        Ok(ValueType::Function) => "a function",
        Ok(ValueType::BigInt) => "a bigint",
        Ok(ValueType::Symbol) => "a symbol",
        _ => "an object that is not a TypedArray",
    }
}
