//! The frames of a run on another thread.
//!
//! While a run is in flight JavaScript may transfer, detach or shrink an
//! ArrayBuffer and let the collector free its memory, so the run never
//! touches memory that can move: an input is copied into native memory when
//! the run starts; an output is written into native memory and copied into
//! the array on the JavaScript thread when the run settles, refused when the
//! array no longer has the bytes it had. A SharedArrayBuffer's memory is
//! never detached and only grows, so it is read and written in place.

use std::ptr::{self, NonNull};
use std::sync::Mutex;

use napi::sys;
use pixchain::AlignedBytes;

use crate::failure::Failure;
use crate::js_memory::{JsPixels, read_typed_array};

/// Native memory kept by an object between its runs, so that a repeated
/// run copies through the same allocations.
#[derive(Debug, Default)]
pub struct Spares {
    pub input: Option<AlignedBytes>,
    pub output: Option<AlignedBytes>,
}

/// The copy buffers of the last one-shot run, kept for the next: a loop of
/// calls then copies through the same memory instead of faulting in fresh
/// pages every call (most of the copies' cost). Concurrent calls beyond the
/// first allocate their own.
static KEPT: Mutex<Spares> = Mutex::new(Spares {
    input: None,
    output: None,
});

impl Spares {
    /// The pair one-shot runs share, taken for one run.
    pub fn take_kept() -> Self {
        std::mem::take(&mut *KEPT.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Gives the pair back for the next one-shot run; the larger pair stays,
    /// so that alternating sizes do not reallocate.
    pub fn keep(self) {
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        if self.bytes() >= kept.bytes() {
            *kept = self;
        }
    }

    /// Bytes held, as reported to V8.
    pub fn bytes(&self) -> usize {
        [&self.input, &self.output]
            .into_iter()
            .flatten()
            .map(AlignedBytes::capacity)
            .sum()
    }
}

/// An input of a run: its bytes copied, or shared memory held in place.
#[derive(Debug)]
pub struct StagedInput(Frame);

/// An output of a run: native memory to write, and the array it goes to.
#[derive(Debug)]
pub struct StagedOutput {
    frame: Frame,
    kind: i32,
    /// The array's bytes when the run started: what it must still have.
    len: usize,
    array: HeldArray,
}

impl StagedInput {
    /// `pixels`' bytes for a run on another thread: copied into `spare`
    /// (or new memory when it is too small), or held in place when shared.
    pub fn new(pixels: &JsPixels<'_>, spare: Option<AlignedBytes>) -> Result<Self, Failure> {
        if pixels.is_shared() {
            return Ok(Self(Frame::in_place(pixels)?));
        }
        let mut frame = Frame::native(pixels.byte_len(), spare)?;
        frame.bytes_mut().copy_from_slice(pixels.bytes());
        Ok(Self(frame))
    }

    /// The bytes, to read during the run.
    pub fn bytes(&self) -> &[u8] {
        self.0.bytes()
    }

    /// Releases the array, if held, and gives back the native memory; on the
    /// JavaScript thread.
    pub fn finish(self, env: sys::napi_env) -> Option<AlignedBytes> {
        self.0.finish(env)
    }
}

impl StagedOutput {
    /// Memory for a run's result bound for `pixels`: `spare` (or new memory
    /// when it is too small), or the array's own when shared. The array is
    /// held until [`finish`](Self::finish).
    pub fn new(pixels: &JsPixels<'_>, spare: Option<AlignedBytes>) -> Result<Self, Failure> {
        let frame = match pixels.is_shared() {
            true => Frame::in_place(pixels)?,
            false => Frame::native(pixels.byte_len(), spare)?,
        };
        Ok(Self {
            frame,
            kind: pixels.kind(),
            len: pixels.byte_len(),
            array: HeldArray::new(pixels)?,
        })
    }

    /// The bytes, to write during the run.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        self.frame.bytes_mut()
    }

    /// Copies the run's result into the array, on the JavaScript thread;
    /// refused with `ERR_PIXCHAIN_DETACHED`, the array untouched, when it
    /// was detached, transferred or resized while the run was in flight.
    pub fn commit(&mut self, env: sys::napi_env) -> Result<(), Failure> {
        let Frame::Native { bytes, len } = &self.frame else {
            return Ok(());
        };
        let (kind, data, given, _) = read_typed_array(env, self.array.value(env)?)?;
        if kind != self.kind || given != self.len {
            return Err(Failure::Detached(format!(
                "output: expected the {} bytes it had when the run started, got {given}; \
                 leave arrays alone (no transfer, detach or resize) until the promise settles",
                self.len
            )));
        }
        if given > 0 {
            // SAFETY: on the JavaScript thread, `data` points to the `given`
            // bytes the array has now, and nothing else runs meanwhile; the
            // native bytes are a different allocation.
            let target = unsafe { std::slice::from_raw_parts_mut(data.as_ptr(), given) };
            target.copy_from_slice(&bytes.view::<u8>(*len)[..given]);
            #[cfg(target_family = "wasm")]
            crate::js_memory::sync_memory(env, self.array.value(env)?, false, given);
        }
        Ok(())
    }

    /// Releases the array and gives back the native memory; on the JavaScript thread.
    pub fn finish(self, env: sys::napi_env) -> Option<AlignedBytes> {
        #[cfg(target_family = "wasm")]
        if let (Frame::InPlace { .. }, Ok(value)) = (&self.frame, self.array.value(env)) {
            crate::js_memory::sync_memory(env, value, false, self.len);
        }
        self.array.release(env);
        self.frame.finish(env)
    }
}

/// Where a run reads or writes a frame.
#[derive(Debug)]
enum Frame {
    /// Native memory; `len` bytes of it are the frame.
    Native { bytes: AlignedBytes, len: usize },
    /// A SharedArrayBuffer's memory, kept alive by the held array.
    InPlace {
        data: NonNull<u8>,
        len: usize,
        array: HeldArray,
    },
}

// SAFETY: the frame's bytes are used by one thread at a time (the run's,
// then the JavaScript thread once it settles).
unsafe impl Send for Frame {}

impl Frame {
    fn native(len: usize, spare: Option<AlignedBytes>) -> Result<Self, Failure> {
        let bytes = match spare {
            Some(bytes) if bytes.capacity() >= len => bytes,
            _ => AlignedBytes::try_zeroed(len, "a copy of an asynchronous run's frame")?,
        };
        Ok(Frame::Native { bytes, len })
    }

    fn in_place(pixels: &JsPixels<'_>) -> Result<Self, Failure> {
        let (data, len) = pixels.raw_parts();
        Ok(Frame::InPlace {
            data,
            len,
            array: HeldArray::new(pixels)?,
        })
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Frame::Native { bytes, len } => bytes.view(*len),
            // SAFETY: `data` points to `len` bytes of a SharedArrayBuffer, which
            // the held array keeps alive and which is never detached or shrunk.
            // Another thread of JavaScript may write them meanwhile, as it may
            // during any call: the pixels read are then unspecified, never
            // out of bounds.
            Frame::InPlace { data, len, .. } => unsafe {
                std::slice::from_raw_parts(data.as_ptr(), *len)
            },
        }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        match self {
            Frame::Native { bytes, len } => bytes.view_mut(*len),
            // SAFETY: as in `bytes`; `&mut self` makes this the run's only view
            // of the output, which was checked apart from every input.
            Frame::InPlace { data, len, .. } => unsafe {
                std::slice::from_raw_parts_mut(data.as_ptr(), *len)
            },
        }
    }

    fn finish(self, env: sys::napi_env) -> Option<AlignedBytes> {
        match self {
            Frame::Native { bytes, .. } => Some(bytes),
            Frame::InPlace { array, .. } => {
                array.release(env);
                None
            }
        }
    }
}

/// A strong reference to a TypedArray: it keeps the object (and a shared
/// buffer's memory) alive, though not an ArrayBuffer's bytes attached.
#[derive(Debug)]
struct HeldArray(sys::napi_ref);

// SAFETY: the reference is only passed to N-API on the JavaScript thread
// (`value`, `release`); other threads merely move it along with its task.
unsafe impl Send for HeldArray {}

impl HeldArray {
    fn new(pixels: &JsPixels<'_>) -> Result<Self, Failure> {
        let (env, value) = pixels.handle();
        let mut reference = ptr::null_mut();
        // SAFETY: `env` and `value` come from the current callback and are live.
        let status = unsafe { sys::napi_create_reference(env, value, 1, &mut reference) };
        if status != sys::Status::napi_ok {
            return Err(Failure::NotPixels(
                "pixels: could not hold the TypedArray".into(),
            ));
        }
        Ok(Self(reference))
    }

    /// The array, on the JavaScript thread.
    fn value(&self, env: sys::napi_env) -> Result<sys::napi_value, Failure> {
        let mut value = ptr::null_mut();
        // SAFETY: the reference was made in `env` and is not yet deleted.
        let status = unsafe { sys::napi_get_reference_value(env, self.0, &mut value) };
        if status != sys::Status::napi_ok || value.is_null() {
            return Err(Failure::Detached(
                "output: expected the array the run was given, got none".into(),
            ));
        }
        Ok(value)
    }

    /// Lets the garbage collector have the array again; on the JavaScript thread.
    fn release(self, env: sys::napi_env) {
        // SAFETY: the reference was made in `env` and is deleted once, here.
        unsafe { sys::napi_delete_reference(env, self.0) };
    }
}
