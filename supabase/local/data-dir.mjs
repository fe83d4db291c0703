// Where the local database lives: OUTSIDE the project, so nothing that serves the project folder
// (`astro dev` answers /@fs/<any file under the project root>) can hand out the sign-ups table or the
// bcrypt hashes. One folder per clone (named after it), so two checkouts never share a database.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';

function userDataHome() {
  if (process.env.XDG_DATA_HOME) return process.env.XDG_DATA_HOME;
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return join(homedir(), '.local', 'share');
}

/** `XINGHUO_DATA_DIR` if set, else a per-clone folder in the user's data directory. */
export function localDataRoot(projectRoot) {
  if (process.env.XINGHUO_DATA_DIR) return resolve(process.env.XINGHUO_DATA_DIR);
  const clone = `${basename(projectRoot)}-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 8)}`;
  // As root, PostgreSQL runs as the `postgres` user, which cannot enter root's home (0700).
  const base = process.getuid?.() === 0 ? '/var/lib' : userDataHome();
  return join(base, 'xinghuo', clone);
}
