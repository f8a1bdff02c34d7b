/**
 * Brings a field that needs attention into view with its message, then focuses it. Browsers scroll a focused
 * field only until its edge shows, which leaves the message under it off-screen on a short window (1024×700).
 */
export function revealAndFocus(element: HTMLElement | null): void {
  if (!element) {
    return;
  }
  const container = element.closest<HTMLElement>('.field') ?? element;
  container.scrollIntoView?.({ block: 'center' });
  element.focus({ preventScroll: true });
}
