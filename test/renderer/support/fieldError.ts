import { screen } from '@testing-library/react';

/**
 * The problem shown beside a field, as a screen reader reaches it: the field is marked invalid and its
 * `aria-describedby` names the message. Null when the field is fine.
 */
export function fieldError(label: string): string | null {
  const field = screen.getByLabelText(label);
  const described = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const message = described
    .map((id) => document.getElementById(id))
    .find((element) => element?.classList.contains('field-error'));
  if (!message) {
    return null;
  }
  if (field.getAttribute('aria-invalid') !== 'true') {
    throw new Error(`${label} shows a problem but is not marked aria-invalid`);
  }
  return message.textContent;
}
