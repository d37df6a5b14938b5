// Bundles the CLI into one ESM file: starting a bundle is several times faster
// than resolving hundreds of modules at launch.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/kubedojo.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minifySyntax: true,
  legalComments: 'none',
  define: { 'process.env.KUBEDOJO_VERSION': JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  // Optional peer of ink's devtools integration (only loaded when DEV=true): a stub,
  // because an external bare import would fail to link the whole ESM bundle.
  plugins: [
    {
      name: 'stub-react-devtools-core',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
  ],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __kdCreateRequire } from 'node:module'; const require = __kdCreateRequire(import.meta.url); globalThis.__filename ??= new URL(import.meta.url).pathname; globalThis.__dirname ??= new URL('.', import.meta.url).pathname;",
  },
  logLevel: 'warning',
});
