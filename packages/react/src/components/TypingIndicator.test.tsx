import { render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { TypingIndicator } from './TypingIndicator';

describe('TypingIndicator', () => {
  it('keeps an empty polite live region mounted while nobody types', async () => {
    const { container } = render(<TypingIndicator names={[]} />);
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.dataset.state).toBe('idle');
    expect(region.textContent).toBe('');
    await expectNoAxeViolations(container);
  });

  it('announces who is typing in the same live region', async () => {
    const { container, rerender } = render(<TypingIndicator names={[]} />);
    const region = screen.getByRole('status');
    rerender(<TypingIndicator names={['Bob Ray']} />);
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toBe('Bob Ray is typing…');
    expect(region.dataset.state).toBe('active');
    await expectNoAxeViolations(container);

    rerender(<TypingIndicator names={['Bob Ray', 'Cat Diaz']} />);
    expect(region.textContent).toBe('Bob Ray and Cat Diaz are typing…');
  });

  it('hides the animated dots from screen readers', () => {
    const { container } = render(<TypingIndicator names={['Bob Ray']} />);
    const dots = container.querySelector('.banter-typing__dots');
    expect(dots?.getAttribute('aria-hidden')).toBe('true');
    expect(dots?.children).toHaveLength(3);
  });

  it('empties again when they stop', () => {
    const { rerender } = render(<TypingIndicator names={['Bob Ray']} />);
    rerender(<TypingIndicator names={[]} />);
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('status').dataset.state).toBe('idle');
  });

  it('forwards its ref and merges className', () => {
    const ref = createRef<HTMLDivElement>();
    render(<TypingIndicator ref={ref} names={[]} className="mine" />);
    expect(ref.current).toBe(screen.getByRole('status'));
    expect(ref.current?.className).toBe('banter-typing mine');
  });
});
