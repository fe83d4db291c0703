// Ports used only by the end-to-end run, so it never collides with `npm start` (54321/54322/4321).
export const e2ePorts = { site: 4399, api: 54331, db: 54332 } as const;
