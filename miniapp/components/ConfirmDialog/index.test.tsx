import { act, fireEvent, render, screen } from '@testing-library/react';
import PageShell from '../PageShell';
import { confirmDialog } from '.';
import { resetTaroMock } from '../../test/taro';
import { setElderModeLocal } from '../../stores/elderMode';

describe('confirmDialog', () => {
  beforeEach(() => resetTaroMock());

  it('shows inside the page (so it takes elder mode) and answers with the button pressed', async () => {
    setElderModeLocal(true);
    const { container } = render(<PageShell>page</PageShell>);
    let answer: Promise<{ confirm: boolean }> | undefined;
    act(() => {
      answer = confirmDialog({ title: '取消预约', content: '确定取消吗？', danger: true, confirmText: '确定取消', cancelText: '再想想' });
    });
    expect(screen.getByText('确定取消吗？')).toBeTruthy();
    expect(container.querySelector('.xfh-elder #confirm-dialog')).not.toBeNull();
    expect(container.querySelector('#confirm-dialog-ok')?.className).toContain('xfh-button--danger-solid');
    act(() => {
      fireEvent.click(screen.getByText('再想想'));
    });
    await expect(answer).resolves.toMatchObject({ confirm: false });
    expect(container.querySelector('#confirm-dialog')).toBeNull();
  });

  it('returns the typed reason when asked for one', async () => {
    render(<PageShell>page</PageShell>);
    let answer: Promise<{ confirm: boolean; content?: string }> | undefined;
    act(() => {
      answer = confirmDialog({ title: '处理完毕', editable: true, placeholderText: '处理说明' });
    });
    act(() => {
      fireEvent.click(screen.getByText('确定'));
    });
    await expect(answer).resolves.toMatchObject({ confirm: true, content: '' });
  });
});
