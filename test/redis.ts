// A real redis-server for the tests that queue jobs (no mock): the one
// scripts/redis.mjs starts on a free loopback port, typed here.

import { startRedis as start } from '../scripts/redis.mjs'

/** A running redis-server: its port, and how to stop it. */
export interface RedisServer {
  port: number
  /** `redis://127.0.0.1:port/name`: a queue on this server. */
  queue(name: string): string
  stop(): Promise<void>
}

/** Starts redis-server on 127.0.0.1, resolving once it accepts connections. */
export const startRedis: () => Promise<RedisServer> = start
