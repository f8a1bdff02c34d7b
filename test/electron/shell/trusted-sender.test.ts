import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/main/trusted-sender';
import { FakeWebContents } from './fake-web-contents';

type Frame = { processId: number; routingId: number; parent: unknown; url: string };

function event(sender: FakeWebContents, senderFrame: Frame | null) {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('isTrustedSender', () => {
  const consoleContents = new FakeWebContents();
  const current = () => consoleContents as unknown as WebContents;

  it("accepts the console window's own main frame on app://console", () => {
    expect(isTrustedSender(event(consoleContents, { ...consoleContents.mainFrame }), current)).toBe(true);
  });

  it('refuses a subframe of the console window', () => {
    const subframe = { processId: 7, routingId: 2, parent: consoleContents.mainFrame, url: 'app://console/index.html' };
    expect(isTrustedSender(event(consoleContents, subframe), current)).toBe(false);
  });

  it('refuses the main frame once it shows a foreign origin', () => {
    const navigated = { ...consoleContents.mainFrame, url: 'https://evil.example/' };
    expect(isTrustedSender(event(consoleContents, navigated), current)).toBe(false);
    const otherApp = { ...consoleContents.mainFrame, url: 'app://elsewhere/index.html' };
    expect(isTrustedSender(event(consoleContents, otherApp), current)).toBe(false);
  });

  it('refuses another web contents, even one showing app://console', () => {
    const other = new FakeWebContents();
    expect(isTrustedSender(event(other, { ...other.mainFrame }), current)).toBe(false);
  });

  it('refuses a frame in another renderer process with the same routing id', () => {
    const foreign = { ...consoleContents.mainFrame, processId: 99 };
    expect(isTrustedSender(event(consoleContents, foreign), current)).toBe(false);
  });

  it('refuses a frame that is gone, and any sender when the window is gone', () => {
    expect(isTrustedSender(event(consoleContents, null), current)).toBe(false);
    expect(isTrustedSender(event(consoleContents, { ...consoleContents.mainFrame }), () => null)).toBe(false);
    const closed = new FakeWebContents();
    closed.destroyed = true;
    const closedContents = () => closed as unknown as WebContents;
    expect(isTrustedSender(event(closed, { ...closed.mainFrame }), closedContents)).toBe(false);
  });
});
