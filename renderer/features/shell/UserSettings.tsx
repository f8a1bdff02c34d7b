import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { TwoFactorTab } from '../two-factor/TwoFactorTab';
import { WorkstationsTab } from '../workstations/WorkstationsTab';
import { AppearanceTab } from './AppearanceTab';

const TABS = [
  { key: 'two-factor', label: 'Two-Factor Authentication' },
  { key: 'appearance', label: 'Appearance' },
  { key: 'workstations', label: 'Signed-in workstations' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/** User Settings, as tabs (WAI-ARIA tabs pattern: arrow keys move between tabs, Tab goes into the panel). */
/**
 * `visit` changes each time User Settings is chosen: focus then moves to its heading. `startTwoFactorSetup` opens
 * the Two-Factor Authentication tab with setup under way.
 */
export function UserSettings({
  visit,
  startTwoFactorSetup = false,
  onSetupRequired,
}: {
  visit?: number;
  startTwoFactorSetup?: boolean;
  /** Reset 2FA under the policy: the console turns to the required setup. */
  onSetupRequired?: (message: string) => void;
}) {
  const id = useId();
  const [selected, setSelected] = useState<TabKey>('two-factor');
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const heading = useFocusOnMount<HTMLHeadingElement>(visit);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') {
      return;
    }
    event.preventDefault();
    const index = TABS.findIndex((tab) => tab.key === selected);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length];
    if (next) {
      setSelected(next.key);
      tabs.current[next.key]?.focus();
    }
  }

  return (
    <section className="settings" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        User Settings
      </h1>
      <div className="tabs" role="tablist" aria-label="User Settings" onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab.key}
            ref={(element) => {
              tabs.current[tab.key] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-${tab.key}-tab`}
            aria-selected={selected === tab.key}
            aria-controls={selected === tab.key ? `${id}-${tab.key}-panel` : undefined}
            tabIndex={selected === tab.key ? 0 : -1}
            className="tab"
            onClick={() => setSelected(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        className="tab-panel"
        role="tabpanel"
        id={`${id}-${selected}-panel`}
        aria-labelledby={`${id}-${selected}-tab`}
      >
        <h2>{TABS.find((tab) => tab.key === selected)?.label}</h2>
        {selected === 'two-factor' ? (
          <TwoFactorTab autoStart={startTwoFactorSetup} onSetupRequired={onSetupRequired} />
        ) : null}
        {selected === 'appearance' ? <AppearanceTab /> : null}
        {selected === 'workstations' ? <WorkstationsTab /> : null}
      </div>
    </section>
  );
}
