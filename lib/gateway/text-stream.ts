const encoder = new TextEncoder();

/**
 * A byte stream of the text pieces a generator yields, read as the reader asks. Each piece is
 * one network read of the upstream answer already (its parts joined), so pieces go out as they
 * are: waiting a task to join them with the next would cost every piece a timer, which in
 * workerd costs more than the piece.
 */
export function textByteStream(source: AsyncGenerator<string>, onCancel: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      onCancel();
      await source.return(undefined);
    },
  });
}
