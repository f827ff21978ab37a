import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import PageShell from '../PageShell';
import { elderModeStore, setElderModeLocal } from '../../stores/elderMode';
import { tokenStore } from '../../stores/tokens';
import { resetRequestStateForTests } from '../../api/request';
import ElderModeSwitch from '.';

const requestMock = Taro.request as unknown as jest.Mock;

function renderSwitch() {
  render(
    <PageShell>
      <ElderModeSwitch />
    </PageShell>,
  );
  return screen.getByRole('switch', { name: '长辈模式' });
}

const pageRoot = (el: HTMLElement) => el.closest('.xfh-page') as HTMLElement;

beforeEach(() => {
  tokenStore.resetForTests();
  resetRequestStateForTests();
  act(() => elderModeStore.set(false));
});

describe('ElderModeSwitch', () => {
  it('shows its state in words, not only by colour', () => {
    const sw = renderSwitch();
    expect(sw.getAttribute('aria-checked')).toBe('false');
    expect(sw.textContent).toContain('已关闭');
    act(() => setElderModeLocal(true));
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(sw.textContent).toContain('已开启');
  });

  it('switches the page into elder mode and remembers it on the device when signed out', async () => {
    const sw = renderSwitch();
    expect(pageRoot(sw).className).not.toContain('xfh-elder');
    fireEvent.click(sw);
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('true'));
    expect(pageRoot(sw).className).toContain('xfh-elder');
    expect(Taro.setStorageSync).toHaveBeenCalledWith('xfh.elderMode', true);
    expect(requestMock).not.toHaveBeenCalled();
  });

  it('saves the choice on the server when signed in (PATCH /me)', async () => {
    tokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    requestMock.mockResolvedValue({ statusCode: 200, data: { id: 1, role: 'resident', elderMode: true, elderModeOffered: true } });
    const sw = renderSwitch();
    fireEvent.click(sw);
    await waitFor(() => expect(requestMock).toHaveBeenCalledTimes(1));
    const [opts] = requestMock.mock.calls[0];
    expect(opts.url).toMatch(/\/api\/v1\/me$/);
    expect(opts.method).toBe('PATCH');
    expect(opts.data).toEqual({ elderMode: true, elderModeOffered: true });
    expect(sw.getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(sw.getAttribute('aria-busy')).toBe('false'));

    requestMock.mockResolvedValue({ statusCode: 200, data: { id: 1, role: 'resident', elderMode: false, elderModeOffered: true } });
    fireEvent.click(sw);
    await waitFor(() => expect(requestMock).toHaveBeenCalledTimes(2));
    expect(requestMock.mock.calls[1][0].data).toEqual({ elderMode: false, elderModeOffered: true });
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('false'));
    expect(Taro.getStorageSync('xfh.elderMode')).toBe(false);
  });

  it('keeps the device choice when the server cannot be reached', async () => {
    tokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    requestMock.mockRejectedValue({ errMsg: 'request:fail timeout' });
    const sw = renderSwitch();
    fireEvent.click(sw);
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络超时，请稍后再试' })));
    expect(sw.getAttribute('aria-checked')).toBe('true');
  });
});
