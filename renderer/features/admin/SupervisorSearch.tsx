import { useState, type FormEvent } from 'react';
import { SUPERVISORS_SEARCH_MAX } from '../../../shared/api';
import { TextField } from '../../components/TextField';

/** Finds accounts by username, name or email; an empty search lists them all. */
export function SupervisorSearch({ onSearch }: { onSearch: (q: string) => void }) {
  const [q, setQ] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(q);
  }

  return (
    <form role="search" aria-label="Search supervisors" className="supervisor-search" onSubmit={submit}>
      <TextField
        label="Search"
        type="search"
        value={q}
        onChange={setQ}
        maxLength={SUPERVISORS_SEARCH_MAX}
        hint="Part of a username, name or email."
        autoComplete="off"
      />
      <button type="submit" className="button button-primary">
        Search
      </button>
    </form>
  );
}
