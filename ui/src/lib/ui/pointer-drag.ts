// Dragging with pointer events: a press that moves a few pixels becomes a
// drag with a label following the pointer; release drops, Escape cancels.
// Pointer events rather than HTML5 drag and drop: WebKitGTK hands native
// drags to GTK, where WebDriver cannot drive them, so they could not be
// tested in the real window; and a drop target can ask the calendar for the
// time under the pointer at every move.

export type DragHandlers = {
  /** Shown next to the pointer while dragging (as text, never markup). */
  label: string;
  /** The press has moved far enough: the drag has begun. */
  start?: () => void;
  /** The pointer moved during the drag (client coordinates). */
  move?: (x: number, y: number) => void;
  /** Released during the drag (client coordinates). */
  drop: (x: number, y: number) => void;
  /** The drag ended, dropped or not (Escape, or the pointer was lost). */
  end?: () => void;
};

/** Pixels a press may move and still be a click. */
export const DRAG_THRESHOLD = 4;

/** True for a press on a control inside the draggable, which must keep its own behaviour. */
export function onControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, button, select, textarea, label, a') !== null;
}

/**
 * Follow a primary-button press. Nothing happens until the pointer moves
 * more than DRAG_THRESHOLD pixels, so a press without movement stays a click.
 */
export function pointerDrag(press: PointerEvent, handlers: DragHandlers, threshold = DRAG_THRESHOLD): void {
  if (press.button !== 0) return;
  const view = (press.currentTarget instanceof Node && press.currentTarget.ownerDocument?.defaultView) || window;
  const doc = view.document;
  const x0 = press.clientX;
  const y0 = press.clientY;
  let ghost: HTMLElement | null = null;

  const place = (x: number, y: number) => {
    if (!ghost) return;
    ghost.style.left = `${x + 12}px`;
    ghost.style.top = `${y + 12}px`;
  };

  const onMove = (e: PointerEvent) => {
    if (!ghost) {
      if (Math.hypot(e.clientX - x0, e.clientY - y0) <= threshold) return;
      ghost = doc.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.dataset.testid = 'drag-ghost';
      ghost.setAttribute('aria-hidden', 'true');
      ghost.textContent = handlers.label;
      doc.body.appendChild(ghost);
      doc.body.classList.add('dragging');
      handlers.start?.();
    }
    // No text selection while dragging.
    e.preventDefault();
    place(e.clientX, e.clientY);
    handlers.move?.(e.clientX, e.clientY);
  };

  const finish = () => {
    view.removeEventListener('pointermove', onMove);
    view.removeEventListener('pointerup', onUp);
    view.removeEventListener('pointercancel', onCancel);
    view.removeEventListener('keydown', onKey, true);
    const dragging = ghost !== null;
    ghost?.remove();
    ghost = null;
    doc.body.classList.remove('dragging');
    if (dragging) handlers.end?.();
  };

  const onUp = (e: PointerEvent) => {
    try {
      if (ghost) handlers.drop(e.clientX, e.clientY);
    } finally {
      finish();
    }
  };

  const onCancel = () => finish();

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !ghost) return;
    e.preventDefault();
    e.stopPropagation();
    finish();
  };

  view.addEventListener('pointermove', onMove);
  view.addEventListener('pointerup', onUp);
  view.addEventListener('pointercancel', onCancel);
  view.addEventListener('keydown', onKey, true);
}
