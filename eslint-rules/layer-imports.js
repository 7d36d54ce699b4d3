// The layer rule of ARCHITECTURE.md, on resolved paths rather than on import strings:
// - imports point inward only: domain ← db ← services ← api | jobs | cli | demo;
// - the edges (api, jobs, cli, demo) reach services only through files named *.service.ts;
// - the web app imports nothing outside web/: it talks to the server over HTTP.
import path from 'node:path';

/** What each layer of src/ may import from the other layers of src/. */
const MAY_IMPORT = {
  domain: [],
  db: ['domain'],
  services: ['domain', 'db'],
  api: ['domain', 'db', 'services', 'demo'],
  jobs: ['domain', 'db', 'services'],
  cli: ['domain', 'db', 'services', 'api', 'jobs', 'demo'],
  demo: ['domain', 'db', 'services'],
};
const EDGES = new Set(['api', 'jobs', 'cli', 'demo']);

/** 'src/services/deals/deal.service.ts' → { area: 'src', layer: 'services' } */
function placeOf(relative) {
  const parts = relative.split(path.sep);
  if (parts[0] === 'web') return { area: 'web', layer: null };
  if (parts[0] === 'src' && parts.length > 2) return { area: 'src', layer: parts[1] };
  return { area: parts[0], layer: null };
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports pointing inward across the layers (ARCHITECTURE.md).' },
    messages: {
      inward:
        'src/{{from}} may not import from src/{{to}}: imports point inward (ARCHITECTURE.md).',
      useCase:
        'The edges reach services only through a use-case file (*.service.ts), not {{target}}.',
      web: 'The web app may not import {{target}}: it talks to the server over HTTP only.',
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    const from = placeOf(file);
    if (from.area !== 'web' && from.layer === null) return {};
    // Tests may build their data with an edge (the demo loader, the CLI's files).
    const isTest = /\.test\.tsx?$/.test(file);

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
      const to = placeOf(target);
      if (from.area === 'web') {
        if (to.area !== 'web') context.report({ node, messageId: 'web', data: { target } });
        return;
      }
      if (to.area !== 'src' || to.layer === from.layer || to.layer === null) return;
      const allowed = MAY_IMPORT[from.layer];
      if (allowed && !allowed.includes(to.layer)) {
        if (isTest) return;
        context.report({ node, messageId: 'inward', data: { from: from.layer, to: to.layer } });
      } else if (
        EDGES.has(from.layer) &&
        to.layer === 'services' &&
        !/\.service\.[jt]s$/.test(target)
      ) {
        context.report({ node, messageId: 'useCase', data: { target } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
