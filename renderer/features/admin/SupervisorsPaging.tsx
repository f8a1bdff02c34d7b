interface SupervisorsPagingProps {
  page: number;
  pageSize: number;
  total: number;
  /** Shown on the page now (the last page may hold fewer than `pageSize`). */
  shown: number;
  onPage: (page: number) => void;
}

/** "Showing 26–50 of 60", then Previous and Next; a button that would lead nowhere is disabled. */
export function SupervisorsPaging({ page, pageSize, total, shown, onPage }: SupervisorsPagingProps) {
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="events-footer" aria-label="Supervisors pages">
      <p className="muted" role="status">
        {shown === 0
          ? `No accounts on page ${page}.`
          : `Showing ${first}–${last} of ${total}, page ${page} of ${pages}.`}
      </p>
      <div className="actions actions-start">
        <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
