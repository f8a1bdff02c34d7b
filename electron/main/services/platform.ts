/**
 * What the console needs from the desktop, as small interfaces: Electron implements them in the shell
 * (`electron/main/platform/`), the browser preview implements them for a browser, tests pass real or small fakes.
 */
export interface SaveFileDialog {
  /** Asks where to save; null when the person cancels. */
  chooseSavePath(options: { title: string; defaultFileName: string }): Promise<string | null>;
  /**
   * `download` where the written file is then handed to a browser as a download (the preview): the person finds it
   * in the browser's downloads, not at the path. Absent: the path is where the person chose to save.
   */
  readonly delivery?: 'file' | 'download';
}

export interface TextPrinter {
  /**
   * Prints plain text through the system print dialog; false when the person cancels. A print that fails throws
   * `print_failed` with the system's reason.
   */
  printText(options: { title: string; text: string }): Promise<boolean>;
  /**
   * `browser_dialog` where the job is then handed to a browser's print dialog (the preview), whose outcome a page
   * cannot learn. Absent: `printText` reports the system dialog's outcome itself.
   */
  readonly delivery?: 'printer' | 'browser_dialog';
}

/** Asynchronous: Electron 45's clipboard has only promise-returning readText/writeText (electron.d.ts), as browsers do. */
export interface ClipboardAccess {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export interface ExternalLinkOpener {
  openExternal(url: string): Promise<void>;
}
