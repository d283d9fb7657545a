import type { NativeBinaryOp, NativeOp } from '../binding';
import { type ErrorCode } from './errors';
import type { AbortSignalLike } from './types';
/** What an option holds: any number, an integer ≥ 0, an integer ≥ 1, a string, a list of numbers, an AbortSignal, a pixel limit, or a number or a list of one per channel. */
export type OptionKind = 'number' | 'count' | 'size' | 'string' | 'numbers' | 'signal' | 'limit' | 'scalar' | 'boolean';
export interface OptionRule {
    kind: OptionKind;
    required?: boolean;
    /** The code of this field's errors, when not the object's (`maxType` beside a spec's fields). */
    code?: ErrorCode;
}
export type OptionRules = Readonly<Record<string, OptionRule>>;
/** The value an option of each kind holds once checked. */
interface KindValues {
    number: number;
    count: number;
    size: number;
    string: string;
    numbers: number[];
    signal: AbortSignalLike;
    limit: number | boolean;
    scalar: number | number[];
    boolean: boolean;
}
/** What `checkOptions` returns for `rules`: each option typed by its kind, the required ones present. */
export type Checked<R extends OptionRules> = {
    -readonly [K in keyof R as R[K] extends {
        required: true;
    } ? K : never]: KindValues[R[K]['kind']];
} & {
    -readonly [K in keyof R as R[K] extends {
        required: true;
    } ? never : K]?: KindValues[R[K]['kind']];
};
/**
 * Refuses an options value that is not an object, that names an option
 * `rules` does not know, or whose options have the wrong JavaScript type.
 * Returns the options as a plain object of the known keys, typed by `rules`.
 */
export declare function checkOptions<R extends OptionRules>(where: string, options: unknown, rules: R, code?: ErrorCode): Checked<R>;
/**
 * The checked values of `keys` (each a key of `rules`), in that order,
 * `undefined` where absent: what `checkOptions` builds its object from.
 */
export declare function checkValues(where: string, options: unknown, rules: OptionRules, keys: readonly string[], code?: ErrorCode): unknown[];
/**
 * `checkValues` for one set of rules and keys, compiled once into a function
 * that reads each option by its own name. The one-shot calls run it on every
 * call: V8 keeps a read by a constant name monomorphic, where the generic
 * loop's reads by a computed key go megamorphic and cost most of the check.
 */
export declare function valuesChecker(where: string, rules: OptionRules, keys: readonly string[], code?: ErrorCode): (options: unknown) => unknown[];
/** The `signal` of an async call's options, refused at once if already aborted. */
export declare function signalToStart(where: string, options: unknown): AbortSignalLike | undefined;
/** A kernel's name, as the addon tags it. */
export type OpName = NativeOp['op'];
/** A two-image kernel's name, as the addon tags it. */
export type BinaryOpName = NativeBinaryOp['op'];
export declare const kernelRules: {
    readonly clip: {
        readonly min: {
            readonly kind: "scalar";
        };
        readonly max: {
            readonly kind: "scalar";
        };
    };
    readonly linear: {
        readonly a: {
            readonly kind: "scalar";
        };
        readonly b: {
            readonly kind: "scalar";
        };
    };
    readonly threshold: {
        readonly thresh: {
            readonly kind: "scalar";
        };
        readonly maxval: {
            readonly kind: "scalar";
        };
        readonly kind: {
            readonly kind: "string";
        };
    };
    readonly invert: {
        readonly min: {
            readonly kind: "number";
        };
        readonly max: {
            readonly kind: "number";
        };
    };
    readonly gamma: {
        readonly gamma: {
            readonly kind: "number";
        };
    };
    readonly grayscale: {
        readonly order: {
            readonly kind: "string";
        };
    };
    readonly normalize: {
        readonly kind: {
            readonly kind: "string";
        };
        readonly min: {
            readonly kind: "number";
        };
        readonly max: {
            readonly kind: "number";
        };
        readonly perChannel: {
            readonly kind: "boolean";
        };
    };
    readonly convert: {
        readonly type: {
            readonly kind: "string";
        };
        readonly scale: {
            readonly kind: "number";
        };
        readonly offset: {
            readonly kind: "number";
        };
        readonly abs: {
            readonly kind: "boolean";
        };
    };
    readonly gaussianBlur: {
        readonly sigma: {
            readonly kind: "number";
        };
        readonly sigmaY: {
            readonly kind: "number";
        };
        readonly ksize: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly boxBlur: {
        readonly ksize: {
            readonly kind: "count";
        };
        readonly ksizeY: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly medianBlur: {
        readonly ksize: {
            readonly kind: "count";
        };
    };
    readonly sobel: {
        readonly dx: {
            readonly kind: "count";
        };
        readonly dy: {
            readonly kind: "count";
        };
        readonly ksize: {
            readonly kind: "count";
        };
        readonly type: {
            readonly kind: "string";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly convolve: {
        readonly kernel: {
            readonly kind: "numbers";
        };
        readonly kernelWidth: {
            readonly kind: "count";
        };
        readonly row: {
            readonly kind: "numbers";
        };
        readonly column: {
            readonly kind: "numbers";
        };
        readonly type: {
            readonly kind: "string";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly erode: {
        readonly ksize: {
            readonly kind: "count";
        };
        readonly ksizeY: {
            readonly kind: "count";
        };
        readonly shape: {
            readonly kind: "string";
        };
        readonly iterations: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly dilate: {
        readonly ksize: {
            readonly kind: "count";
        };
        readonly ksizeY: {
            readonly kind: "count";
        };
        readonly shape: {
            readonly kind: "string";
        };
        readonly iterations: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly morphology: {
        readonly ksize: {
            readonly kind: "count";
        };
        readonly ksizeY: {
            readonly kind: "count";
        };
        readonly shape: {
            readonly kind: "string";
        };
        readonly iterations: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
        readonly operation: {
            readonly kind: "string";
        };
    };
    readonly laplacian: {
        readonly ksize: {
            readonly kind: "count";
        };
        readonly type: {
            readonly kind: "string";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly scharr: {
        readonly dx: {
            readonly kind: "count";
        };
        readonly dy: {
            readonly kind: "count";
        };
        readonly type: {
            readonly kind: "string";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly equalizeHist: {};
    readonly clahe: {
        readonly clipLimit: {
            readonly kind: "number";
        };
        readonly tiles: {
            readonly kind: "numbers";
        };
    };
    readonly flip: {
        readonly direction: {
            readonly kind: "string";
        };
    };
    readonly rotate: {
        readonly angle: {
            readonly kind: "count";
        };
    };
    readonly transpose: {};
    readonly pad: {
        readonly top: {
            readonly kind: "count";
        };
        readonly bottom: {
            readonly kind: "count";
        };
        readonly left: {
            readonly kind: "count";
        };
        readonly right: {
            readonly kind: "count";
        };
        readonly border: {
            readonly kind: "string";
        };
        readonly borderValue: {
            readonly kind: "number";
        };
    };
    readonly crop: {
        readonly x: {
            readonly kind: "count";
        };
        readonly y: {
            readonly kind: "count";
        };
        readonly width: {
            readonly kind: "size";
        };
        readonly height: {
            readonly kind: "size";
        };
    };
    readonly clipPercentiles: {
        readonly percentiles: {
            readonly kind: "numbers";
        };
    };
    readonly extractChannel: {
        readonly channel: {
            readonly kind: "count";
        };
    };
    readonly reorderChannels: {
        readonly order: {
            readonly kind: "numbers";
        };
    };
    readonly resize: {
        readonly width: {
            readonly kind: "size";
            readonly required: true;
        };
        readonly height: {
            readonly kind: "size";
            readonly required: true;
        };
        readonly interpolation: {
            readonly kind: "string";
        };
    };
    readonly toTensor: {
        readonly scale: {
            readonly kind: "number";
        };
        readonly mean: {
            readonly kind: "scalar";
        };
        readonly std: {
            readonly kind: "scalar";
        };
        readonly layout: {
            readonly kind: "string";
        };
        readonly swapRB: {
            readonly kind: "boolean";
        };
    };
};
export declare const binaryRules: {
    readonly add: {};
    readonly subtract: {};
    readonly absdiff: {};
    readonly multiply: {
        readonly scale: {
            readonly kind: "number";
        };
    };
    readonly addWeighted: {
        readonly alpha: {
            readonly kind: "number";
        };
        readonly beta: {
            readonly kind: "number";
        };
        readonly gamma: {
            readonly kind: "number";
        };
    };
    readonly mergeChannels: {};
};
/** The fields of an `ImageSpec`; their errors are `ERR_PIXCHAIN_SPEC`. */
export declare const specRules: {
    readonly width: {
        readonly kind: "size";
        readonly required: true;
    };
    readonly height: {
        readonly kind: "size";
        readonly required: true;
    };
    readonly channels: {
        readonly kind: "size";
    };
    readonly type: {
        readonly kind: "string";
        readonly required: true;
    };
    readonly stride: {
        readonly kind: "size";
    };
};
export {};
