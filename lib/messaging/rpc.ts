import '../validation/messages';
import * as z from 'zod/mini';

/** A request/response message: what the caller sends and what it gets back. */
export interface CallSpec<I extends z.ZodMiniType = z.ZodMiniType, O extends z.ZodMiniType = z.ZodMiniType> {
  input: I;
  output: O;
}
export type CallContract = Record<string, CallSpec>;

/**
 * A contract whose schemas are built when a message of that type first needs them, not when the
 * module loads: a cold service worker builds only what its first request uses.
 */
export function lazyContract<T extends Record<string, () => CallSpec>>(entries: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const contract = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [key, build] of Object.entries(entries)) {
    let spec: CallSpec | undefined;
    Object.defineProperty(contract, key, { enumerable: true, get: () => (spec ??= build()) });
  }
  return contract;
}

export type CallInput<S extends CallSpec> = z.input<S['input']>;
export type CallOutput<S extends CallSpec> = z.output<S['output']>;

export const CHANNEL = 'switchyard';

const CallEnvelope = z.object({
  channel: z.literal(CHANNEL),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  payload: z.unknown(),
});

/** True when a runtime message is one of ours, whatever its type. */
export function isCallMessage(message: unknown): boolean {
  return CallEnvelope.safeParse(message).success;
}

export const MessagingErrorShape = z.object({ code: z.string(), message: z.string() });

const CallReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: MessagingErrorShape }),
]);
export type CallReply = z.infer<typeof CallReply>;

export class MessagingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}

function describeZodError(error: z.core.$ZodError): string {
  return z.prettifyError(error).replace(/\n/g, '; ');
}

export function toMessagingError(error: unknown): MessagingError {
  if (error instanceof MessagingError) return error;
  if (error instanceof z.core.$ZodError) return new MessagingError('invalid_message', describeZodError(error));
  const message = error instanceof Error ? error.message : String(error);
  return new MessagingError('internal_error', message);
}

/** Typed caller: validates what it sends and what comes back. */
export function createCaller<C extends CallContract>(contract: C, send: (message: unknown) => Promise<unknown>) {
  return async function call<K extends keyof C & string>(type: K, input: CallInput<C[K]>): Promise<CallOutput<C[K]>> {
    const spec = contract[type];
    if (!spec) throw new MessagingError('unknown_type', `Unknown message type "${type}".`);
    const payload = spec.input.parse(input);
    const raw = await send({ channel: CHANNEL, type, payload });
    const reply = CallReply.safeParse(raw);
    if (!reply.success) {
      throw new MessagingError('no_reply', `No valid reply to "${type}" (is the receiver running?).`);
    }
    if (!reply.data.ok) throw new MessagingError(reply.data.error.code, reply.data.error.message);
    return spec.output.parse(reply.data.data) as CallOutput<C[K]>;
  };
}

export type CallHandlers<C extends CallContract, Ctx> = {
  [K in keyof C]: (input: z.output<C[K]['input']>, ctx: Ctx) => Promise<CallOutput<C[K]>> | CallOutput<C[K]>;
};

/**
 * Answers calls of one contract. Returns undefined at once for messages that are not
 * ours (so other listeners may answer them), else a promised reply that never rejects.
 */
export function createCallReceiver<C extends CallContract, Ctx>(contract: C, handlers: CallHandlers<C, Ctx>) {
  return function receive(message: unknown, ctx: Ctx): Promise<CallReply> | undefined {
    const envelope = CallEnvelope.safeParse(message);
    if (!envelope.success) return undefined;
    return answer(envelope.data.type, envelope.data.payload, ctx);
  };

  async function answer(type: string, payload: unknown, ctx: Ctx): Promise<CallReply> {
    if (!Object.hasOwn(contract, type)) {
      return { ok: false, error: { code: 'unknown_type', message: `Unknown message type "${type}".` } };
    }
    const spec = contract[type]!;
    const input = spec.input.safeParse(payload);
    if (!input.success) {
      return {
        ok: false,
        error: { code: 'invalid_message', message: `Invalid "${type}" message: ${describeZodError(input.error)}` },
      };
    }
    try {
      const handler = handlers[type as keyof C] as (input: unknown, ctx: Ctx) => unknown;
      const result = await handler(input.data, ctx);
      return { ok: true, data: spec.output.parse(result) };
    } catch (error) {
      const { code, message } = toMessagingError(error);
      return { ok: false, error: { code, message } };
    }
  }
}
