// Which filter a list page shows; EventFilters marks the matching link with aria-current.
export type EventFilter = { kind: 'upcoming' } | { kind: 'past' } | { kind: 'online' } | { kind: 'district'; id: string } | { kind: 'audience'; id: string };
