import type * as Binding from '../binding';
import { type BinaryOpName, type OpName } from './options';
export type { NativeBinaryOp, NativeImageBuffers, NativeImageSpec, NativeOp, NativePipeline } from '../binding';
/** The name of the prebuilt addon package for this platform, as napi-rs names them. */
export declare function platformPackage(): string;
/** The native addon: its classes and functions. */
export declare const native: typeof Binding;
/**
 * A spec as the addon takes it, checked (`ERR_PIXCHAIN_SPEC`), channels
 * defaulting to 1. A `stride` other than the row's is refused: only the
 * one-image kernels, pipelines and `ImageBuffers.load` read strided frames
 * (`stridedSpec`).
 */
export declare function nativeSpec(spec: unknown): Binding.NativeImageSpec;
/** A spec as the addon takes it and its row stride in samples, if given: what the one-image kernels and pipelines read. */
export declare function stridedSpec(spec: unknown): [Binding.NativeImageSpec, number | undefined];
/** A spec's checked `[width, height, channels, type, stride]`, channels defaulting to 1, stride absent unless given. */
export declare function specValues(spec: unknown): [number, number, number, string, number | undefined];
/** A kernel and its checked options, tagged as the addon takes them. */
export declare function nativeOp(op: OpName, options: unknown): Binding.NativeOp;
/** A kernel as `native.runKernel` takes it: its index, and its checked options' values in `opFields()` order. */
export declare function nativeOpFields(op: OpName, options: unknown): [number, unknown[]];
/** A pixel type as `native.runKernel` takes it: its index in `pixelTypes()`, or the name itself when unknown, to be refused there. */
export declare function nativePixelType(type: string): number | string;
/** A two-image kernel and its checked options, tagged as the addon takes them. */
export declare function nativeBinaryOp(op: BinaryOpName, options: unknown): Binding.NativeBinaryOp;
