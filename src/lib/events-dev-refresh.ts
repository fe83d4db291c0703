// `npm start` runs astro dev, whose content layer reads published_events() once at start. So that a
// change made in the workspace shows on the next page load (no restart, no rebuild), this integration
// re-runs the events loader before serving a page, at most once per interval: a page is many requests
// (scripts, styles, images), and a coordinator clicking around must not cost one RPC per request.
import type { AstroIntegration } from 'astro';

/** Paths astro dev renders from content (pages, feeds, calendars); not its own modules and assets. */
export function rendersContent(path: string): boolean {
  const pathname = path.split('?')[0]!;
  if (/^\/(@|_astro\/|node_modules\/|src\/|\.astro\/)/.test(pathname)) return false;
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return ext === undefined || ['html', 'ics', 'xml', 'json'].includes(ext);
}

/** Says whether a refresh is due at `now`; true at most once per `intervalMs`. */
export function throttle(intervalMs: number): (now: number) => boolean {
  let last = -Infinity;
  return (now) => {
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}

export function eventsDevRefresh({ intervalMs = 2000, loader = 'xinghuo-events' } = {}): AstroIntegration {
  return {
    name: 'xinghuo:events-dev-refresh',
    hooks: {
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        if (!refreshContent) return;
        const due = throttle(intervalMs);
        // Requests that arrive while a refresh runs wait for it, so they all render the same programme.
        let running: Promise<void> | undefined;
        server.middlewares.use((req, _res, next) => {
          if (req.method !== 'GET' || !rendersContent(req.url ?? '/')) return next();
          if (due(Date.now())) {
            running = refreshContent({ loaders: [loader] }).catch((e: unknown) => {
              // Keep serving the last programme read; the line says why it may be stale.
              logger.warn(e instanceof Error ? e.message : String(e));
            });
          }
          (running ?? Promise.resolve()).then(() => next(), next);
        });
      },
    },
  };
}
