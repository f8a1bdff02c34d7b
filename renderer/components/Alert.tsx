import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

/** Errors interrupt screen readers (role=alert); everything else is announced politely (role=status). */
export function Alert({ tone, title, children }: { tone: AlertTone; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      <div className="alert-body">{children}</div>
    </div>
  );
}
