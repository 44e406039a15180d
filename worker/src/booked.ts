/**
 * An answer that goes out only once its request is booked in the member's object, so a restart
 * can lose an answer on its way, never the record of one that arrived. A whole answer waits here;
 * a stream's last events wait in the gateway itself, for the promise its onRecord returned.
 */
export function afterBooking(response: Response, booked: () => Promise<void> | undefined): Response | Promise<Response> {
  if (response.headers.get('content-type')?.includes('text/event-stream')) return response;
  const pending = booked();
  return pending ? pending.then(() => response) : response;
}
