export type { ErrorCode, PixchainError } from './lib/errors';
export type { AbortSignalLike, ImageSpec, LooseImageSpec, PixelArray, PixelArrayOf, PixelArrays, PixelType, RunAsyncOptions, } from './lib/types';
export type { AddWeightedOptions, Border, BoxBlurOptions, ChannelOrder, ClipOptions, ConvertOptions, ConvolveOptions, GammaOptions, GaussianBlurOptions, GrayscaleOptions, InvertOptions, LinearOptions, MedianBlurOptions, MultiplyOptions, NormalizeKind, NormalizeOptions, SobelOptions, ThresholdKind, ThresholdOptions, Interpolation, ResizeOptions, } from './lib/kernel-options';
export { KernelChain, type Retyped, type StepErrorCode } from './lib/kernel-chain';
export { ImageBuffers, type BufferStats, type ImageBuffersOptions, type LooseImageBuffersOptions } from './lib/image-buffers';
export { Pipeline, type OtherOperand, type PipelineOptions, type PipelineStats } from './lib/pipeline';
export { absdiff, add, addWeighted, boxBlur, clip, convert, convolve, gamma, gaussianBlur, grayscale, invert, linear, medianBlur, multiply, normalize, otsuThreshold, sobel, subtract, threshold, thresholdOtsu, resize, type OneShotErrorCode, } from './lib/one-shot';
/**
 * Every kernel on the libuv thread pool, as promises: the same arguments as
 * the synchronous functions, then `{ signal }`; also `pixchain/promises`.
 */
export * as promises from './lib/promises';
export { kernelDefaults, type DefaultPerType, type KernelDefaults, type OptionDefault } from './lib/kernel-defaults';
export { getLimitInputPixels, getThreads, reportedNativeMemory, setLimitInputPixels, setSimdPath, setThreads, simdPath, simdPaths, type SimdPath, } from './lib/runtime';
