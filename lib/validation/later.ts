import * as z from 'zod/mini';

/**
 * A schema built when a value first reaches it, for the parts of a boundary most messages leave
 * out: a cold worker's first request should not construct them for nothing.
 *
 * zod's own `z.lazy` builds its schema as soon as anything asks whether the field may be absent,
 * and an object asks that of every field on its first parse (through `optional` and `nullable`
 * too). Behind a pipe from `z.unknown()`, which answers that question itself, the lazy schema is
 * built only when a value is there to check; the result and the issues are the built schema's.
 */
export function later<T extends z.core.SomeType>(build: () => T): z.ZodMiniPipe<z.ZodMiniUnknown, z.ZodMiniLazy<T>> {
  return z.pipe(z.unknown(), z.lazy(build));
}
