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

export interface ClipboardAccess {
  readText(): string;
  writeText(text: string): void;
}

export interface ExternalLinkOpener {
  openExternal(url: string): Promise<void>;
}
