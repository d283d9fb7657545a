// The package as users load it: the compiled `index.js`, through Node's own
// `require`, with the types of its public declaration.

import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export const px: typeof import('../index') = require('../index.js')

export type { ImageSpec, PixelArray, PixelType } from '../index'
