// Bundles the extension and the CLI with esbuild, then writes the configuration's JSON Schema from the zod schema.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD entry hides its requires from the bundler; its ES module build does not.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { RUNBOOK_NOTES_VERSION: JSON.stringify(pkg.version) },
  // media/postMeta.css is imported as a string, so both bundles carry it and need no file beside them.
  loader: { '.css': 'text' },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' }),
]);
chmodSync('dist/cli.js', 0o755);
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/writeSchema.ts'], { stdio: 'inherit' });
