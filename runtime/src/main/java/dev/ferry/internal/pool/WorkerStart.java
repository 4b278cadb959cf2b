package dev.ferry.internal.pool;

/**
 * The spawn argument of a pool worker: where to connect, who it is, and the pool's initializer
 * with its arguments, which are spawn arguments (so they may hold channels).
 *
 * @param initializer null if the pool has none
 */
record WorkerStart(
    String socketPath, long workerId, byte[] token, MethodRef initializer, Object[] initArgs) {}
