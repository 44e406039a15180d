/**
 * An answer that goes out only once its request is booked: a whole answer after its row is
 * completed in the member's object, a stream's last bytes after it. A restart can then lose an
 * answer on its way, never the record of one that arrived.
 */
export function afterBooking(response: Response, booked: () => Promise<void> | undefined): Response | Promise<Response> {
  if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
    const pending = booked();
    return pending ? pending.then(() => response) : response;
  }
  // Each chunk goes on when the next arrives; the last one once the request is booked.
  let held: Uint8Array | undefined;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (held) controller.enqueue(held);
        held = chunk;
      },
      async flush(controller) {
        await booked();
        if (held) controller.enqueue(held);
      },
    }),
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
