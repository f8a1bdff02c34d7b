import { EventEmitter } from 'node:events';
import type { HandlerDetails, WindowOpenHandlerResponse } from 'electron';

/** The parts of Electron's WebContents the shell touches, recording what handlers decide. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  destroyed = false;
  mainFrame = { processId: 7, routingId: 1, parent: null, url: 'app://console/index.html' };

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emits a cancellable navigation event and tells whether a handler cancelled it. */
  navigate(eventName: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(eventName, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }

  openWindow(url: string): WindowOpenHandlerResponse {
    if (this.windowOpenHandler === null) {
      throw new Error('no window-open handler installed');
    }
    return this.windowOpenHandler({ url } as HandlerDetails);
  }
}
