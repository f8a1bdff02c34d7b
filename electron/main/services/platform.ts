/**
 * What the console needs from the desktop, as small interfaces: Electron implements them in the shell
 * (`electron/main/platform/`), the browser preview implements them for a browser, tests pass real or small fakes.
 */
export interface SaveFileDialog {
  /** Asks where to save; null when the person cancels. */
  chooseSavePath(options: { title: string; defaultFileName: string }): Promise<string | null>;
}

export interface TextPrinter {
  /** Prints plain text through the system print dialog; false when the person cancels. */
  printText(options: { title: string; text: string }): Promise<boolean>;
}

/** Asynchronous: Electron 45's clipboard has only promise-returning readText/writeText (electron.d.ts), as browsers do. */
export interface ClipboardAccess {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export interface ExternalLinkOpener {
  openExternal(url: string): Promise<void>;
}
