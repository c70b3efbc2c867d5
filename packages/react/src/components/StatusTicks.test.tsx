import type { MessageStatus } from '@banter/core';
import { render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe';
import { renderWithClient } from '../../test/render';
import { defaultStrings } from '../i18n/strings';
import { StatusTicks } from './StatusTicks';

const names: [MessageStatus, string][] = [
  ['sending', 'Sending'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['read', 'Read'],
  ['failed', 'Not sent'],
];

describe('StatusTicks', () => {
  it.each(names)('names the %s status for screen readers', async (status, name) => {
    const { container } = render(<StatusTicks status={status} />);
    const ticks = screen.getByRole('img', { name });
    expect(ticks.dataset.status).toBe(status);
    expect(ticks.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    await expectNoAxeViolations(container);
  });

  it('draws one tick for sent and two for delivered and read', () => {
    const paths = (status: MessageStatus) => {
      const { container, unmount } = render(<StatusTicks status={status} />);
      const count = container.querySelectorAll('path').length;
      unmount();
      return count;
    };
    expect(paths('sent')).toBe(1);
    expect(paths('delivered')).toBe(2);
    expect(paths('read')).toBe(2);
  });

  it('tells read from delivered by shape, not only by colour: the ticks cut out of a filled disc', () => {
    const filledDisc = (status: MessageStatus) => {
      const { container, unmount } = render(<StatusTicks status={status} />);
      const found = container.querySelector('circle[fill="currentColor"]') !== null;
      unmount();
      return found;
    };
    expect(filledDisc('read')).toBe(true);
    expect(filledDisc('delivered')).toBe(false);
  });

  it('uses the provider’s strings', () => {
    renderWithClient(<StatusTicks status="read" />, undefined, {
      strings: { messageStatus: { ...defaultStrings.messageStatus, read: 'Gelesen' } },
    });
    expect(screen.getByRole('img', { name: 'Gelesen' })).toBeTruthy();
  });

  it('forwards its ref, merges className and passes span props', () => {
    const ref = createRef<HTMLSpanElement>();
    render(<StatusTicks ref={ref} status="sent" className="mine" title="12:00" />);
    const ticks = screen.getByRole('img', { name: 'Sent' });
    expect(ref.current).toBe(ticks);
    expect(ticks.className).toBe('banter-status-ticks mine');
    expect(ticks.title).toBe('12:00');
  });
});
