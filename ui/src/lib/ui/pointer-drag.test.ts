import { afterEach, describe, expect, it, vi } from 'vitest';
import { onControl, pointerDrag } from './pointer-drag';

const pointer = (type: string, x: number, y: number, button = 0) =>
  new PointerEvent(type, { clientX: x, clientY: y, button, bubbles: true, cancelable: true });

function setup(button = 0) {
  const source = document.createElement('div');
  document.body.appendChild(source);
  const calls: string[] = [];
  const handlers = {
    label: '<b>Panel</b> & more',
    start: vi.fn(() => calls.push('start')),
    move: vi.fn((x: number, y: number) => calls.push(`move ${x},${y}`)),
    drop: vi.fn((x: number, y: number) => calls.push(`drop ${x},${y}`)),
    end: vi.fn(() => calls.push('end')),
  };
  source.addEventListener('pointerdown', (e) => pointerDrag(e, handlers));
  source.dispatchEvent(pointer('pointerdown', 10, 10, button));
  return { handlers, calls };
}

const ghost = () => document.querySelector<HTMLElement>('[data-testid="drag-ghost"]');

afterEach(() => {
  window.dispatchEvent(pointer('pointerup', 0, 0));
  document.body.innerHTML = '';
});

describe('pointerDrag', () => {
  it('stays a click while the pointer moves no further than the threshold', () => {
    const { handlers } = setup();
    window.dispatchEvent(pointer('pointermove', 13, 12));
    window.dispatchEvent(pointer('pointerup', 13, 12));
    expect(handlers.start).not.toHaveBeenCalled();
    expect(handlers.drop).not.toHaveBeenCalled();
    expect(handlers.end).not.toHaveBeenCalled();
    expect(ghost()).toBeNull();
  });

  it('starts, follows, drops at the release point and then ends', () => {
    const { calls } = setup();
    window.dispatchEvent(pointer('pointermove', 30, 10));
    expect(ghost()?.textContent).toBe('<b>Panel</b> & more');
    expect(ghost()?.querySelector('b')).toBeNull();
    expect(ghost()?.style.left).toBe('42px');
    expect(document.body.classList.contains('dragging')).toBe(true);
    window.dispatchEvent(pointer('pointermove', 40, 50));
    window.dispatchEvent(pointer('pointerup', 41, 51));
    expect(calls).toEqual(['start', 'move 30,10', 'move 40,50', 'drop 41,51', 'end']);
    expect(ghost()).toBeNull();
    expect(document.body.classList.contains('dragging')).toBe(false);
  });

  it('listens no more once dropped', () => {
    const { handlers } = setup();
    window.dispatchEvent(pointer('pointermove', 30, 10));
    window.dispatchEvent(pointer('pointerup', 30, 10));
    window.dispatchEvent(pointer('pointermove', 90, 90));
    window.dispatchEvent(pointer('pointerup', 90, 90));
    expect(handlers.move).toHaveBeenCalledTimes(1);
    expect(handlers.drop).toHaveBeenCalledTimes(1);
  });

  it('cancels with Escape: no drop', () => {
    const { handlers, calls } = setup();
    window.dispatchEvent(pointer('pointermove', 30, 10));
    const esc = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    window.dispatchEvent(esc);
    expect(esc.defaultPrevented).toBe(true);
    window.dispatchEvent(pointer('pointerup', 30, 10));
    expect(handlers.drop).not.toHaveBeenCalled();
    expect(calls).toEqual(['start', 'move 30,10', 'end']);
    expect(ghost()).toBeNull();
  });

  it('ends without a drop when the pointer is lost', () => {
    const { handlers } = setup();
    window.dispatchEvent(pointer('pointermove', 30, 10));
    window.dispatchEvent(pointer('pointercancel', 30, 10));
    expect(handlers.end).toHaveBeenCalledTimes(1);
    expect(handlers.drop).not.toHaveBeenCalled();
  });

  it('ignores presses of other buttons', () => {
    const { handlers } = setup(2);
    window.dispatchEvent(pointer('pointermove', 60, 60));
    window.dispatchEvent(pointer('pointerup', 60, 60));
    expect(handlers.start).not.toHaveBeenCalled();
    expect(ghost()).toBeNull();
  });

  it('cleans up even when the drop fails', () => {
    const source = document.createElement('div');
    document.body.appendChild(source);
    const end = vi.fn();
    source.addEventListener('pointerdown', (e) =>
      pointerDrag(e, {
        label: 'x',
        drop: () => {
          throw new Error('refused');
        },
        end,
      }),
    );
    source.dispatchEvent(pointer('pointerdown', 0, 0));
    window.dispatchEvent(pointer('pointermove', 20, 0));
    // A browser reports a listener's error; the test DOM throws it from dispatchEvent.
    try {
      window.dispatchEvent(pointer('pointerup', 20, 0));
    } catch {
      // the drop's own error
    }
    expect(end).toHaveBeenCalledTimes(1);
    expect(ghost()).toBeNull();
  });
});

describe('onControl', () => {
  it.each([
    ['<input>', true],
    ['<button><span>Pin</span></button>', true],
    ['<label>Minutes</label>', true],
    ['<span>Title</span>', false],
  ])('%s → %s', (html, want) => {
    const host = document.createElement('div');
    host.innerHTML = html;
    const target = host.querySelector('span') ?? host.firstElementChild;
    expect(onControl(target)).toBe(want);
  });
});
