/** The sender fields that decide who may use which message. */
export interface SenderInfo {
  id?: string;
  url?: string;
}

/** True for the extension's own pages (side panel, popup, options), never for content scripts or web pages. */
export function isOwnExtensionPage(sender: SenderInfo | undefined, ownId: string, ownOrigin: string): boolean {
  if (!sender || sender.id !== ownId || !sender.url) return false;
  try {
    return new URL(sender.url).origin === new URL(ownOrigin).origin;
  } catch {
    return false;
  }
}
