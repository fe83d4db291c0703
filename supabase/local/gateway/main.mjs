// The gateway as its own process (started by supervisor.mjs): a crash here cannot take PostgreSQL,
// the dev server or `npm start` down with it, and the supervisor starts a new one.
// Options arrive as JSON in XINGHUO_GATEWAY_OPTIONS; "ready" (or the start error) goes back over IPC.
import { startGateway } from './server.mjs';

const options = JSON.parse(process.env.XINGHUO_GATEWAY_OPTIONS ?? '{}');
try {
  const gateway = await startGateway(options);
  const stop = () => gateway.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  // Ctrl-C reaches the whole process group; the supervisor decides when this process stops (SIGTERM),
  // so a Ctrl-C never looks like a crash to restart from.
  process.on('SIGINT', () => {});
  // The supervisor went away (killed, crashed): do not linger holding the port.
  process.on('disconnect', stop);
  process.send?.({ ready: gateway.url });
} catch (e) {
  process.send?.({ failed: String(e?.message ?? e) });
  process.exit(1);
}
