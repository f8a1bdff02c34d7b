interface RememberWorkstationChoiceProps {
  days: number;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}

/**
 * "Don't ask again on this workstation": offered only when IT's server policy allows it and the console has the
 * OS keychain to keep the token in. The hint says what it means and how to undo it.
 */
export function RememberWorkstationChoice({ days, checked, disabled, onChange }: RememberWorkstationChoiceProps) {
  return (
    <div className="stack-tight">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby="remember-workstation-hint"
          onChange={(event) => onChange(event.target.checked)}
        />
        Don’t ask again on this workstation for {days} {days === 1 ? 'day' : 'days'}
      </label>
      <p id="remember-workstation-hint" className="muted">
        Only your password will be asked here. Use it only on a workstation no one else signs in to. You can forget it
        in User Settings under Signed-in workstations.
      </p>
    </div>
  );
}
