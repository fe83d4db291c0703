// Playwright cannot download browsers here, so the tests use Debian's Chromium and a CJK font.
// As root with apt-get (CI, a fresh machine) we install what is missing; otherwise we say what to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fontInstalled = () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
const installCommand = 'apt-get update && apt-get install -y chromium fonts-wqy-microhei';

export function ensureBrowser() {
  if (existsSync(chromium) && fontInstalled()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    throw new Error(`Chromium or the Chinese font is missing. Run (as root): ${installCommand}`);
  }
  console.log(`Installing Chromium and fonts: ${installCommand}`);
  execSync(installCommand, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowser();
