export interface Region {
  /** CSS pixels within the viewport. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The viewport's width in CSS pixels, to scale the capture (which is in device pixels) by. */
  viewportWidth: number;
}

const MIN_SIDE = 8;

/**
 * Lets the user drag out a rectangle on the page (Escape or a click without a drag cancels). The
 * overlay lives in a closed shadow root and is gone, and painted away, before this resolves, so a
 * capture taken next does not show it.
 */
export function selectRegion(doc: Document = document): Promise<Region | null> {
  return new Promise((resolve) => {
    const host = doc.createElement('div');
    host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;';
    const root = host.attachShadow({ mode: 'closed' });
    // Built element by element, no markup parsed: what add-on reviews ask of code running in pages.
    const style = doc.createElement('style');
    style.textContent = `
      .veil{position:fixed;inset:0;cursor:crosshair;background:rgb(0 0 0 / .25)}
      .box{position:fixed;border:2px solid #3b5bdb;background:rgb(59 91 219 / .12);display:none}
      .tip{position:fixed;top:12px;left:50%;transform:translateX(-50%);font:13px system-ui,sans-serif;background:#1b1f2a;color:#fff;padding:6px 12px;border-radius:6px}`;
    const part = (className: string, text = '') => Object.assign(doc.createElement('div'), { className, textContent: text });
    const veil = part('veil');
    veil.setAttribute('role', 'dialog');
    veil.setAttribute('aria-label', 'Select a region to send to Switchyard');
    const box = part('box');
    root.append(style, veil, box, part('tip', 'Drag over what to ask about · Esc to cancel'));
    let start: { x: number; y: number } | null = null;
    let rect: Omit<Region, 'viewportWidth'> = { x: 0, y: 0, width: 0, height: 0 };

    const finish = (region: Region | null) => {
      doc.removeEventListener('keydown', onKey, true);
      host.remove();
      // Two frames: the overlay's removal is painted before anyone captures the tab.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(region)));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      finish(null);
    };
    veil.addEventListener('pointerdown', (e) => {
      start = { x: e.clientX, y: e.clientY };
      veil.setPointerCapture(e.pointerId);
    });
    veil.addEventListener('pointermove', (e) => {
      if (!start) return;
      rect = { x: Math.min(start.x, e.clientX), y: Math.min(start.y, e.clientY), width: Math.abs(e.clientX - start.x), height: Math.abs(e.clientY - start.y) };
      Object.assign(box.style, { display: 'block', left: `${rect.x}px`, top: `${rect.y}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    });
    veil.addEventListener('pointerup', () => {
      const big = rect.width >= MIN_SIDE && rect.height >= MIN_SIDE;
      finish(big ? { ...rect, viewportWidth: doc.documentElement.clientWidth || innerWidth } : null);
    });
    doc.addEventListener('keydown', onKey, true);
    doc.documentElement.append(host);
  });
}
