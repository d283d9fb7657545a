// The package as users load it: the compiled `dist/index.js`, through Node's own
// `require`, with the types of its public declaration.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export const px: typeof import('../index') = require('../dist/index.js')

export type { ImageSpec, PixelArray, PixelType } from '../index'
