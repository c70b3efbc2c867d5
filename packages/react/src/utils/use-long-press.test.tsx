import { act, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { longPressMs, useLongPress } from './use-long-press';

function Target({ onLongPress }: { onLongPress: () => void }) {
  return <div data-testid="target" {...useLongPress(onLongPress)} />;
}

function setup() {
  const onLongPress = vi.fn();
  const { getByTestId } = render(<Target onLongPress={onLongPress} />);
  return { onLongPress, target: getByTestId('target') };
}

const touch = { pointerType: 'touch', isPrimary: true, clientX: 20, clientY: 20 };

describe('useLongPress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once a finger has rested in place long enough, and suppresses the context menu then', () => {
    const { onLongPress, target } = setup();
    fireEvent.pointerDown(target, touch);
    act(() => vi.advanceTimersByTime(longPressMs - 1));
    expect(onLongPress).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onLongPress).toHaveBeenCalledTimes(1);
    expect(fireEvent.contextMenu(target)).toBe(false);
  });

  it('does not fire when the finger lifts, moves away (a scroll) or is cancelled first', () => {
    const { onLongPress, target } = setup();
    fireEvent.pointerDown(target, touch);
    fireEvent.pointerUp(target, touch);
    fireEvent.pointerDown(target, touch);
    fireEvent.pointerMove(target, { ...touch, clientY: 45 });
    fireEvent.pointerDown(target, touch);
    fireEvent.pointerCancel(target, touch);
    act(() => vi.advanceTimersByTime(longPressMs * 3));
    expect(onLongPress).not.toHaveBeenCalled();
    expect(fireEvent.contextMenu(target)).toBe(true);
  });

  it('tolerates a finger trembling in place', () => {
    const { onLongPress, target } = setup();
    fireEvent.pointerDown(target, touch);
    fireEvent.pointerMove(target, { ...touch, clientX: 24, clientY: 23 });
    act(() => vi.advanceTimersByTime(longPressMs));
    expect(onLongPress).toHaveBeenCalledTimes(1);
  });

  it('leaves the mouse alone: it has hover and right-click', () => {
    const { onLongPress, target } = setup();
    fireEvent.pointerDown(target, { ...touch, pointerType: 'mouse' });
    act(() => vi.advanceTimersByTime(longPressMs * 2));
    expect(onLongPress).not.toHaveBeenCalled();
  });
});
